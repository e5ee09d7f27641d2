"""What reading a file yields: a raw document, or an error saying where and why."""

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
