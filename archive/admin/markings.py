"""Control markings edited as a list in the memo form: a box for each marking the extractor
knows (archive/ingest/patterns.py's CONTROL_RE, in its canonical spelling) and free entries one
per line for the rest ("REL TO USA, GBR", a caption), instead of a JSON text."""

from django import forms
from django.utils.html import format_html, format_html_join

# The dissemination controls CONTROL_RE reads, as stored (CONTROL_CANON's spellings).
KNOWN_MARKINGS = (
    "NOFORN", "NOCONTRACT", "ORCON", "WNINTEL", "PROPIN", "NODIS", "EXDIS", "LIMDIS",
    "STADIS", "SIPDIS", "NIACT", "CHEROKEE", "EYES ONLY", "TALENT-KEYHOLE",
)  # fmt: skip
_KNOWN = {marking.upper(): marking for marking in KNOWN_MARKINGS}
OTHER = "_other"


def normalised(values):
    """The markings, spaces tidied, empty ones and repeats (whatever their case) left out."""
    out, seen = [], set()
    for value in values:
        text = " ".join(str(value).split())
        if text and text.upper() not in seen:
            seen.add(text.upper())
            out.append(_KNOWN.get(text.upper(), text))
    return out


class MarkingsWidget(forms.Widget):
    """Checkboxes of the known markings, and a text area of other markings one per line."""

    def format_value(self, value):
        return value if isinstance(value, list) else []

    def render(self, name, value, attrs=None, renderer=None):
        values = normalised(self.format_value(value))
        chosen = {v.upper() for v in values}
        others = [v for v in values if v.upper() not in _KNOWN]
        base = (attrs or {}).get("id") or f"id_{name}"
        boxes = format_html_join(
            "",
            '<li><label for="{}_{}"><input type="checkbox" name="{}" value="{}" id="{}_{}"{}> '
            "{}</label></li>",
            (
                (base, i, name, marking, base, i, " checked" if marking in chosen else "", marking)
                for i, marking in enumerate(KNOWN_MARKINGS)
            ),
        )
        return format_html(
            '<div class="markings-widget" role="group" aria-label="Control markings">'
            '<ul class="markings-known">{}</ul>'
            '<label class="markings-other-label" for="{}">Other markings, one per line</label>'
            '<textarea name="{}{}" id="{}" rows="2" cols="40">\n{}</textarea></div>',
            boxes, base, name, OTHER, base, "\n".join(others),
        )  # fmt: skip

    def value_from_datadict(self, data, files, name):
        checked = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
        if isinstance(checked, str):
            checked = [checked]
        known = [v for v in checked if str(v).upper() in _KNOWN]
        return known + str(data.get(name + OTHER) or "").splitlines()

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + OTHER not in data

    def id_for_label(self, id_):
        return id_  # the text area of other markings carries the field's own id


class MarkingsField(forms.Field):
    """A list of control markings; order aside, an unchanged list is no change."""

    widget = MarkingsWidget

    def to_python(self, value):
        if isinstance(value, str):
            value = value.splitlines()
        return normalised(value or [])

    def has_changed(self, initial, data):
        before = {v.upper() for v in normalised(initial or [])}
        return before != {v.upper() for v in self.to_python(data)}
