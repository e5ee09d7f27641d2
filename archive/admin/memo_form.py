"""The memo change form: beside each extracted field, where it was read (line, quote, part,
rule, confidence) or who gave it; uncertain fields marked; subjects edited one per line,
control markings as a list (archive/admin/markings.py).

A curator corrects a field in its own input, right beside its source; saving marks the field
curated (archive/admin/memos.py) and its source becomes the curator's.
"""

from django import forms
from django.utils.html import format_html

from archive.admin.markings import MarkingsField
from archive.admin.provenance import source_note
from archive.choices import REVIEW_THRESHOLD, TRACKED_FIELDS
from archive.identifiers import doc_key, release_key
from archive.ingest.limits import text_too_long
from archive.ingest.provenance import CURATOR, SOURCED_FIELDS
from archive.models import Memo
from archive.reading.readings import readings


class LinesField(forms.CharField):
    """A list of texts edited one per line (the subjects)."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [" ".join(line.split()) for line in str(value or "").splitlines() if line.strip()]


class MemoForm(forms.ModelForm):
    """The memo form: beside each extracted field, where it was read; uncertain ones marked."""

    subjects = LinesField(
        label="subjects",
        required=False,
        help_text="Index terms, one per line (the NARA form's SUBJECTS).",
    )

    control_markings = MarkingsField(
        label="control markings",
        required=False,
        help_text="Dissemination controls and captions as marked: tick the known ones, type "
        "others one per line.",
    )

    def clean_control_markings(self):
        markings = self.cleaned_data.get("control_markings") or []
        before = self.instance.control_markings or []
        # The same markings in another order are no correction: the stored order stays.
        if {m.upper() for m in markings} == {str(m).upper() for m in before}:
            return before
        return markings

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        if reason := text_too_long(len(text)):
            raise forms.ValidationError(reason[0].upper() + reason[1:] + ".")
        return text

    def clean(self):
        cleaned = super().clean()
        key = doc_key(cleaned.get("document_number", ""))
        if key and "release_date" in cleaned:
            released = release_key(cleaned.get("release_date"))
            others = Memo.objects.filter(doc_key=key, release_key=released)
            other = others.exclude(pk=self.instance.pk).first()
            if other is not None:
                what = f"the release of {released}" if released else "a memo with no release date"
                self.add_error(
                    "document_number",
                    f"This number already belongs to another memo, {what} ({other.slug}): "
                    "merge the two records, or give this one its own release date.",
                )
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for item in readings(self.instance):
                if item.name in self.fields:
                    field = self.fields[item.name]
                    field.help_text = format_html(
                        "{}<br>{}", source_note(item), field.help_text
                    )  # fmt: skip
        confidence = self.instance.field_confidence or {}
        for name in TRACKED_FIELDS:
            value = confidence.get(name)
            if name in self.fields and value is not None and value < REVIEW_THRESHOLD:
                field = self.fields[name]
                field.widget.attrs["class"] = field.widget.attrs.get("class", "") + " uncertain"
                field.label = f"⚠ {field.label}"
                field.help_text = format_html(
                    "Uncertain: extracted with confidence {}; check it against the document. {}",
                    f"{value:.0%}",
                    field.help_text,
                )


def curated_sources(sources, edited):
    """Field sources once a curator has set these fields: theirs, no longer a span of text."""
    sources = dict(sources or {})
    for name in edited:
        if name in SOURCED_FIELDS:
            sources[name] = {"rule": CURATOR}
    return sources
