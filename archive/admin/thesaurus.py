"""The thesaurus in the admin: curators add the corpus's acronyms and terms searches expand."""

from django.contrib import admin

from archive.models import ThesaurusEntry


@admin.register(ThesaurusEntry)
class ThesaurusEntryAdmin(admin.ModelAdmin):
    """Thesaurus entries: a term, the other ways the documents write it, and a note."""

    list_display = ("term", "alternatives_shown", "active", "updated_at")
    list_filter = ("active",)
    search_fields = ("term", "alternatives", "note")
    fields = ("term", "alternatives", "note", "active", "updated_at")
    readonly_fields = ("updated_at",)

    @admin.display(description="alternatives")
    def alternatives_shown(self, entry):
        return "; ".join(entry.forms()[1:])
