"""People, places and organisations in the memos: our gazetteer, our rules, and their mentions.

No statistical model: a gazetteer of the corpus' eras (data_people, data_places, data_orgs),
rules for titles and institutions (rules), the three passes over a text (extract, document),
and the storing of mentions (linking).
"""

from archive.entities.extract import Found, extract_mentions
from archive.entities.linking import (
    alias_list,
    current_gazetteer,
    invalidate,
    link_memo,
    record_rejections,
    reject,
    surviving,
)

__all__ = [
    "Found",
    "alias_list",
    "current_gazetteer",
    "extract_mentions",
    "invalidate",
    "link_memo",
    "record_rejections",
    "reject",
    "surviving",
]
