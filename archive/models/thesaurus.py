"""The thesaurus of the corpus's acronyms and terms, searched as alternatives of each other."""

from django.db import models


class ThesaurusEntry(models.Model):
    """A term and the other ways the corpus writes it (SLCM: sea-launched cruise missile)."""

    term = models.CharField(
        "term",
        max_length=200,
        unique=True,
        help_text="The acronym or term as researchers type it (FRUS, SLCM, Rosselli).",
    )
    alternatives = models.TextField(
        "alternatives",
        help_text="The other ways the documents write it, one per line (Foreign Relations of "
        "the United States). A search for the term also finds them, ranked below it, and a "
        "search for one of them also finds the term.",
    )
    note = models.TextField(
        "note",
        blank=True,
        help_text="What the term means and where the corpus uses it, for other curators.",
    )
    active = models.BooleanField(
        "active", default=True, help_text="Whether searches use this entry."
    )
    updated_at = models.DateTimeField("updated", auto_now=True)

    class Meta:
        verbose_name = "thesaurus entry"
        verbose_name_plural = "thesaurus"
        ordering = ["term"]

    def __str__(self):
        return self.term

    def forms(self):
        """The term and its alternatives, each once, spaces tidied."""
        lines = [self.term, *str(self.alternatives or "").splitlines()]
        tidy = [" ".join(line.split()) for line in lines]
        return list(dict.fromkeys(form for form in tidy if form))
