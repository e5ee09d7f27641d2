"""Our rules for names the gazetteer lacks: titles before names, countries before institutions.

"Foreign Minister Abe", "Mr. Smith", "Cuban Embassy"; and the word lists the rules rest on.
"""

from archive.entities.document import NAME_GAP_RE, Found, found
from archive.entities.gazetteer import ORGANIZATION, PERSON, PLACE, TOKEN_RE, key_of


def _words(text):
    return text.split()


# Words that end a title directly before a name; abbreviations may carry a full stop.
TITLE_HEADS = frozenset(
    _words(
        "President Minister Premier Chancellor Secretary Ambassador Senator Congressman "
        "Congresswoman Representative Governor Mayor Chairman King Queen Prince Princess Shah "
        "Emperor Pope Marshal Admiral General Generalissimo Colonel Lieutenant Captain Major "
        "Sergeant Commander Judge Justice Director Attorney Professor Father Reverend Ayatollah "
        "Sheikh Lord Sir Comrade Envoy Mr Mrs Ms Miss Dr Prof Gen Col Lt Capt Maj Sgt Cdr Adm "
        "Rev Sen Rep Gov Amb Messrs NSA DCI DDCI"
    )
)
# Capitalised words that are not names even after a title ("General Assembly", "Mr. President").
NOT_NAMES = frozenset(
    _words(
        "The A An And Or But Of In On At To For With From By As This That These Those It Its He "
        "She We They I You His Her Their Our My Your Who Whom Which What When Where Why How If "
        "Then There Here Not No Yes All Any Some Each Every Both Also Only Even Just So Such "
        "January February March April May June July August September October November December "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Jan Feb Mar Apr Jun Jul Aug Sep "
        "Sept Oct Nov Dec Assembly Council Committee Staff Counsel Services Service Accounting "
        "Government Department Office Bureau Agency Ministry Commission House Senate Congress "
        "Court Administration Embassy Consulate Secretariat Board Motors Electric Dynamics "
        "Conference Headquarters Station Section Division Branch Group Party Army Navy Force "
        "Corps Command Staff Affairs Relations Policy Security Intelligence Defense Defence "
        "Foreign Trade Economic Political Military National International Federal Central State "
        "States United Soviet American Japanese Chinese British French German Cuban Mexican "
        "Russian Memorandum Subject Summary Secret Confidential Top Unclassified Chief Deputy "
        "Vice Assistant Acting Special Executive Prime Under Associate Deputies Principals "
        "Minister Ministers Secretary Secretaries Ambassador President Presidents Premier "
        "Chairman General Director Mr Mrs Ms Dr Sir Lord Excellency Highness Majesty Nations "
        "Republic Kingdom Union Federation Office Plan Plans Operations Directorate Review "
        "Please Thank Thanks Dear Sincerely Attachment Attachments Tab Annex Page Copy Note "
        "Notes Draft Cable Telegram Message Report Reports Letter Memo Mission Post Team Task "
        "Bank Fund Treaty Accord Agreement Talks Summit Meeting Session Program Project "
        "Estimate Assessment Analysis Center Centre Institute University College School Library "
        "Archives Historian Historical Documents Volume Part Chapter Series Record Records File "
        "Files Date Time Place Station Chief Case Officer Agent Source Informant Northern "
        "Southern Eastern Western North South East West Upper Lower New Old Great Saint St "
        "Said Says Told Asked Stated Replied Noted Added Agreed Explained Suggested Indicated "
        "Reported Remarked Commented Emphasized Wanted Thought Felt Believed Would Could Should "
        "Will Can Might Must Did Does Has Had Have Was Were Is Are Be Issues Issue Questions "
        "Question Points Point Start Salt Inf Abm Cfe Mbfr Sdi Nst Well According However "
        "Later Earlier Meanwhile Today Yesterday Tomorrow Finally Moreover Furthermore Thus "
        "Therefore Hence Still Yet Now Since While Although Though After Before During Until "
        "Because Unless Whether Once Instead Otherwise Perhaps Indeed Clearly Apparently "
        "Reportedly Nevertheless Nonetheless Subsequently Accordingly Consequently Similarly "
        "Likewise Specifically Recently Currently Previously Initially Eventually Again "
        "Either Neither Many Most Several Other Another Mr Messrs Sources"
    )
)
ACRONYM_TITLES = frozenset({"NSA", "DCI", "DDCI"})
OFFICE_WORDS = frozenset({"Division", "Branch", "Desk", "Section", "Group"})
PARTICLES = frozenset({"de", "del", "da", "di", "du", "van", "von", "der", "bin", "al", "la", "y"})
ORG_HEADS = (
    "Foreign Trade Ministry", "Foreign Ministry", "Defense Ministry", "Foreign Office",
    "Ministry of Foreign Affairs", "Ministry of Defense", "Communist Party",
    "Intelligence Service", "Embassy", "Consulate General", "Consulate", "Navy", "Air Force",
)  # fmt: skip
_ORG_HEAD_TOKENS = {tuple(TOKEN_RE.findall(head)): head for head in ORG_HEADS}
_ORG_HEAD_FIRST = {words[0] for words in _ORG_HEAD_TOKENS}
_THE_COUNTRIES = {"USSR", "Netherlands", "Philippines", "Dominican Republic", "Czech Republic"}


def title_rule(doc, gaz, i, year):
    """A name right after a title: "Foreign Minister Abe", "Mr. Smith", "President Reagan"."""
    tokens, text = doc.tokens, doc.text
    head = tokens[i].group()
    if head not in TITLE_HEADS and head.title() not in TITLE_HEADS:
        return None
    if i + 1 >= len(tokens) or not doc.gap_ok(i, NAME_GAP_RE):
        return None
    caps = doc.shouting(tokens[i].start())
    names = []
    j = i + 1
    while j < len(tokens) and len(names) < 4:
        word = tokens[j].group()
        if names and _names_other(doc, gaz, j):
            break  # "Secretary William Perry White House": the name ends before an office
        if _is_name_word(word, caps):
            names.append(j)
        elif word in PARTICLES and names and j + 1 < len(tokens):
            pass  # "Charles de Gaulle": kept only if a name word follows
        else:
            break
        if j + 1 >= len(tokens) or not doc.gap_ok(j, NAME_GAP_RE):
            break
        if "\n" in text[tokens[j].end() : tokens[j + 1].start()]:
            break  # one name a line: participant and distribution lists
        if "." in text[tokens[j].end() : tokens[j + 1].start()] and len(word) > 1:
            break  # a full stop after a whole word ends the sentence, not the name
        j += 1
    while names and len(tokens[names[-1]].group()) == 1:
        names.pop()  # an initial cannot end a name
    if not names:
        return None
    start, end = tokens[names[0]].start(), tokens[names[-1]].end()
    written = key_of(text[start:end])
    title = _title_phrase(doc, i)
    entries = gaz.forms.get(written) or (gaz.upper.get(written) if written.isupper() else None)
    if entries and not any(e.kind == PERSON for e in entries):
        return None  # "Ambassador Moscow" is no name
    if len(names) == 1:  # a surname: every person of that name, told apart by the title
        namesakes = gaz.surnames.get(written if not written.isupper() else written.title(), [])
        entries = list(dict.fromkeys([*(entries or []), *namesakes]))
    if entries:
        entry = _by_title([e for e in entries if e.kind == PERSON], title, year, written)
        if entry is not None and len(names) == 1 and not _of_the_time(entry, year):
            entry = None  # "Mr. Churchill" at a 1961 meeting is not Winston Churchill
        if entry is not None:
            return Found(start, end, text[start:end], entry.name, PERSON, entry.key)
    if head in ACRONYM_TITLES:
        return None  # "NSA Lake" is the adviser; "NSA Security" is the agency's office
    if caps or (len(names) == 1 and len(written) < 3):
        return None  # in capitals only people we know: too many headings look like names
    name = " ".join(
        w.title() if w.isupper() and len(w) > 1 else w for w in written.replace("\n", " ").split()
    )
    return Found(start, end, text[start:end], name, PERSON)


def _of_the_time(entry, year, margin=3):
    """Whether a person of the gazetteer may be meant in a text of `year` by surname alone."""
    if not year or not entry.years:
        return True
    return entry.years[0] - margin <= year <= entry.years[1] + margin


def _names_other(doc, gaz, j):
    """Whether tokens j and j+1 are a gazetteer name of a place or organisation."""
    if j + 1 >= len(doc.tokens):
        return False
    pair = f"{doc.tokens[j].group()} {doc.tokens[j + 1].group()}"
    return any(e.kind != PERSON for e in gaz.forms.get(pair, ()))


def _is_name_word(word, caps):
    if word in PARTICLES:
        return False
    proper = word.title() if word.isupper() else word
    if proper in NOT_NAMES or proper in TITLE_HEADS:
        return False
    if not word[0].isupper() or not word[0].isalpha():
        return False
    if word.isupper() and len(word) > 1:
        return len(word) >= 2
    return len(word) == 1 or any(c.islower() for c in word[1:])


def _title_phrase(doc, i):
    """The title ending at token i: "Foreign Minister", "Vice Foreign Trade Minister"."""
    first = i
    while first > 0 and i - first < 3:
        previous = doc.tokens[first - 1].group()
        if not previous[0].isupper() or not doc.gap_ok(first - 1, NAME_GAP_RE):
            break
        if "\n" in doc.text[doc.tokens[first - 1].end() : doc.tokens[first].start()]:
            break
        first -= 1
    return key_of(doc.text[doc.tokens[first].start() : doc.tokens[i].end()]).replace(".", "")


def _by_title(entries, title, year, written):
    """Among namesakes, the one the title fits, at the memo's time; the usual holder on a tie."""
    if not entries:
        return None

    def score(entry):
        fit = 0
        for held in entry.titles:
            held = held.replace(".", "")
            if title.endswith(held) or title.lower().endswith(held.lower()):
                fit = max(fit, 2)
            elif held.split()[-1].lower() == title.split()[-1].lower():
                fit = max(fit, 1)
        timely = bool(year and entry.years and entry.years[0] <= year <= entry.years[1])
        usual = written in entry.default_for or written in entry.forms
        return (fit, timely, usual)

    ranked = sorted(entries, key=score, reverse=True)
    return ranked[0]


def org_rule(doc, gaz, i):
    """A country and an institution: "Cuban Embassy" -> Embassy of Cuba."""
    tokens = doc.tokens
    if not any(t.group() in _ORG_HEAD_FIRST for t in tokens[i + 1 : i + 4]):
        return None  # no institution follows: the common case, decided at once
    for words in (3, 2, 1):
        last = i + words - 1
        if last + 1 >= len(tokens):
            continue
        if any(not doc.gap_ok(k) for k in range(i, last + 1)):
            continue
        key = key_of(doc.text[tokens[i].start() : tokens[last].end()])
        countries = [e for e in gaz.forms.get(key, []) if e.kind == PLACE]
        if not countries:
            continue
        for head_tokens, head in _ORG_HEAD_TOKENS.items():
            end = last + len(head_tokens)
            if end >= len(tokens):
                continue
            if tuple(t.group() for t in tokens[last + 1 : end + 1]) != head_tokens:
                continue
            if any(not doc.gap_ok(k) for k in range(last, end)):
                continue
            country = countries[0].name
            of = (
                f"the {country}"
                if country in _THE_COUNTRIES or country.startswith("United")
                else country
            )
            name = f"{head} of {of}"
            start, stop = tokens[i].start(), tokens[end].end()
            known = gaz.forms.get(name) or gaz.forms.get(key_of(doc.text[start:stop]))
            if known:
                return found(doc, start, stop, known[0])
            return Found(start, stop, doc.text[start:stop], name, ORGANIZATION)
    return None
