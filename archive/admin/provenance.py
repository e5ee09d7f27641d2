"""What the memo form shows of a memo's provenance: where each field was read, NARA's
identification form, and which extractor read the memo. Everything quoted is escaped."""

from django.utils.html import format_html, format_html_join

from archive.ingest.provenance import EXTRACTOR_KEY
from archive.reading.readings import classification_note, form_rows


def source_note(item):
    """One field's source as HTML: 'read from line 12 (identification form; ...): `DATE ...`'."""
    if item.quote:
        return format_html(
            '<span class="field-source field-source-{}">{}: <code>{}</code></span>',
            item.how,
            item.where,
            item.quote,
        )
    return format_html('<span class="field-source field-source-{}">{}</span>', item.how, item.where)


def _value(row):
    if isinstance(row.value, list):
        return "; ".join(row.value)
    return row.value


def nara_form(memo):
    """The identification form's fields as a table, or a line saying there is none."""
    rows = form_rows(memo, public=False)
    if not rows:
        return "No identification form was read in this record."
    body = format_html_join(
        "", '<tr><th scope="row">{}</th><td>{}</td></tr>', ((r.label, _value(r)) for r in rows)
    )
    note = classification_note(memo)
    warning = format_html('<p class="form-disagrees">{}</p>', note.sentence) if note else ""
    if note and not note.disagree:
        warning = ""
    return format_html(
        '{}<table class="nara-form"><caption>As printed on the form opening the record; it '
        "describes the release, the fields above describe the document.</caption>"
        "<tbody>{}</tbody></table>",
        warning,
        body,
    )


def extraction_info(memo):
    """Which extractor last read the memo, and the kind of document it saw."""
    entry = (memo.field_sources or {}).get(EXTRACTOR_KEY)
    if not isinstance(entry, dict) or not entry.get("version"):
        return "Not recorded (extracted before versions were kept, or given whole)."
    family = entry.get("family") or "not recognised"
    parts = ", ".join(str(part[0]) for part in memo.parts or [] if part)
    return format_html(
        "Extractor version <code>{}</code>; kind of document: {}; parts: {}.",
        entry["version"],
        str(family).replace("_", " "),
        parts or "none recorded",
    )
