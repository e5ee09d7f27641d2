"""What reading a file yields (a raw document, or an error saying where and why) and the record
built from it."""

from dataclasses import dataclass, field


class IngestError(Exception):
    """A file or line that cannot be ingested, and why."""

    def __init__(self, reason, source=""):
        super().__init__(reason)
        self.reason = reason
        self.source = source

    def __str__(self):
        return f"{self.source}: {self.reason}" if self.source else self.reason


@dataclass
class RawDocument:
    """One document as read: its text and whatever metadata came with it."""

    text: str
    source: str  # "path" or "path:line" for reports
    source_file: str  # file name kept as provenance
    metadata: dict = field(default_factory=dict)
    pages: list = field(default_factory=list)  # PageImage objects of a scan
    page_texts: list = field(default_factory=list)  # each page's text, joined by "\f" in text


@dataclass
class MemoRecord:
    """Everything needed to store one memo, validated."""

    values: dict
    confidence: dict
    notes: list
    redactions: list
    source: str
    collection: str = ""
    status: str = ""
    slug: str = ""
    extra: dict = field(default_factory=dict)
    # Page images of a scan and the span of each page's text in values["text"].
    pages: list = field(default_factory=list)
    page_spans: list = field(default_factory=list)
    page_texts: list = field(default_factory=list)
    # Curator notes the source carries (our export); None leaves a memo's notes alone.
    curator_notes: list | None = None
    # A record of our own export restores a memo exactly (archive/ingest/restore.py).
    exact: bool = False
    restore: dict = field(default_factory=dict)
