"""Curators' Markdown made safe to show: rendered, then cleaned to a short list of tags (nh3);
and the emphasis some OCR exports write into a document's text, recognised."""

import re

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Emphasis as some OCR exports write it around headings and words: **bold** or *italic*, on one
# line, the asterisks touching the words they enclose (groups: marks and words, of either).
EMPHASIS_RE = re.compile(
    r"(?<![\w*])(\*\*)(?=\S)([^*\n]{1,200}?)(?<=\S)\*\*(?![\w*])"
    r"|(?<![\w*])(\*)(?=\S)([^*\n]{1,80}?)(?<=\S)\*(?![\w*])"
)


def render_markdown(text):
    """Markdown as HTML fit for any page: no scripts, styles, images or handlers survive."""
    html = markdown.markdown(text or "", output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
    )
    return mark_safe(cleaned)  # noqa: S308  (cleaned by nh3 just now)


def strip_emphasis(text):
    """text without an OCR export's emphasis asterisks (**heading** -> heading)."""
    return EMPHASIS_RE.sub(lambda m: m.group(2) or m.group(4), text)
