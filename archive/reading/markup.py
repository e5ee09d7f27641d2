"""Curators' Markdown made safe to show: rendered, then cleaned to a short list of tags (nh3)."""

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


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
