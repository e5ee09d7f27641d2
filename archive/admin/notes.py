"""Curator notes and redactions in the admin: inline on a memo, and lists of their own with
history and revert.

A note is placed by its start and end offsets in the memo's text; the passage it quotes and
the text around it (its TextQuoteSelector) are taken from the text when it is saved, so the
note can be found again after the text is corrected.
"""

from django import forms
from django.contrib import admin

from archive.admin.history import HistoryAdmin
from archive.curation.anchoring import selector
from archive.models import Memo, Note, Redaction


def anchor_note(note, text):
    """Set the note's quote and context from the memo's text at its offsets."""
    anchor = selector(text, note.start, note.end)
    note.start, note.end = anchor.start, anchor.end
    note.quote, note.prefix, note.suffix = anchor.quote, anchor.prefix, anchor.suffix
    note.anchored = True


def check_span(start, end, text):
    """An error message if start–end is not a passage of the text, else None."""
    if start is None or end is None:
        return None
    if not 0 <= start < end <= len(text):
        return f"Start and end must mark a passage of the text (0 to {len(text):,}, start < end)."
    if not text[start:end].strip():
        return "The passage is only blank space: choose some words."
    return None


class NoteInlineFormSet(forms.BaseInlineFormSet):
    """Notes of one memo, each checked against the memo's (possibly just edited) text."""

    def clean(self):
        super().clean()
        text = self.instance.text or ""
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if {"start", "end"} & set(form.changed_data) or form.instance.pk is None:
                error = check_span(data.get("start"), data.get("end"), text)
                if error:
                    form.add_error("start", error)


class NoteInline(admin.StackedInline):
    """Notes on passages of a memo."""

    model = Note
    formset = NoteInlineFormSet
    extra = 0
    fields = (("start", "end"), "quote", "anchored", "body", "visibility", "author")
    readonly_fields = ("quote", "anchored", "author")
    classes = ("collapse",)


class NoteForm(forms.ModelForm):
    """A note placed by offsets in its memo's text."""

    class Meta:
        model = Note
        fields = ("memo", "start", "end", "body", "visibility")

    def clean(self):
        data = super().clean()
        memo = data.get("memo")
        if memo is not None and (
            self.instance.pk is None or {"start", "end", "memo"} & set(self.changed_data)
        ):
            error = check_span(data.get("start"), data.get("end"), memo.text)
            if error:
                self.add_error("start", error)
        return data


@admin.register(Note)
class NoteAdmin(HistoryAdmin):
    """Notes across memos: find, edit, see their history and revert."""

    form = NoteForm
    list_display = ("short_quote", "memo", "visibility", "anchored", "author", "updated_at")
    list_filter = ("visibility", "anchored")
    list_select_related = ("memo", "author")
    search_fields = ("body", "quote", "memo__slug", "memo__document_number")
    raw_id_fields = ("memo",)
    readonly_fields = ("quote", "prefix", "suffix", "anchored", "author")
    show_full_result_count = False

    def get_changeform_initial_data(self, request):
        # /admin/archive/note/add/?memo=<id>&start=&end= opens a note on a chosen passage.
        values = {key: request.GET.get(key, "") for key in ("memo", "start", "end")}
        return {
            key: value
            for key, value in values.items()
            if value.isascii() and value.isdigit() and len(value) < 10
        }

    @admin.display(description="passage")
    def short_quote(self, note):
        return note.quote if len(note.quote) <= 60 else note.quote[:57] + "…"

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        if not change or {"start", "end", "memo"} & set(form.changed_data):
            anchor_note(obj, Memo.objects.values_list("text", flat=True).get(pk=obj.memo_id))
        super().save_model(request, obj, form, change)


@admin.register(Redaction)
class RedactionAdmin(HistoryAdmin):
    """Redactions across memos, with their history (and the revert of a deleted one)."""

    list_display = ("marker", "memo", "start", "end", "kind", "codes")
    list_filter = ("kind",)
    list_select_related = ("memo",)
    search_fields = ("marker", "memo__slug", "memo__document_number")
    raw_id_fields = ("memo",)
    show_full_result_count = False
