"""The word tests the name finders of names.py and orgplaces.py share: words written as names,
in capitals, on one line, and words that are no part of a name."""

from archive.entities.rules import NOT_NAMES, TITLE_HEADS


def split_words(text):
    """The words of a list written as one string."""
    return text.split()


NOT_SURNAME = frozenset(
    split_words(
        """Street Avenue Road Boulevard Drive Place Square Building Hall Park Hotel Motel
        Office Division Branch Section Staff Group Committee Company Corporation Bank County
        Department Police University College Airport Station Base Field Center Embassy Report
        Memorandum Airtel Teletype Page Jr Sr II III Inc Co Ltd LNU FNU NMN Unknown Highway
        Harbor Harbour Bookstore Title Iii Xx Xxx"""
    )
)


def proper(word):
    """A word written as a name in mixed case: "Fuerth", "McEachin", "O'Brien"."""
    return word[0].isupper() and word[0].isalpha() and word[1:].upper() != word[1:]


def in_capitals(word):
    """A word of two letters or more, all capitals: "OSWALD", "SAC"."""
    return len(word) >= 2 and word.isupper() and word.isalpha()


def same_line(doc, i):
    """Tokens i and i+1 are one space (or '. ' after an initial) apart on the same line."""
    a, b = doc.tokens[i], doc.tokens[i + 1]
    gap = doc.text[a.end() : b.start()]
    if len(a.group()) == 1:
        return gap in (" ", ". ", ".", ".-", "-", "  ")
    return gap in (" ", "  ")


# Words of NOT_NAMES that are also surnames ("Department Attorney WILLIAM FRENCH").
SURNAMES_TOO = frozenset(
    split_words("French English German Young Long Little North West Post King")
)


def not_name_word(word, surname=False):
    """A word that is no part of a name (a title, an institution's word), unless, as a
    `surname`, it is also one ("French")."""
    written = word.title() if word.isupper() else word
    if surname and written in SURNAMES_TOO:
        return False
    return written in NOT_NAMES or written in TITLE_HEADS or written in NOT_SURNAME
