"""The archive's records, one module per concern."""

from archive.models.copies import CopyBand
from archive.models.entities import Entity, EntityKind, Mention, MentionRejection
from archive.models.holdings import Collection, ReleaseGroup
from archive.models.index import IndexTask
from archive.models.jobs import Job, JobStatus
from archive.models.memo import Memo, MemoForReview
from archive.models.memoparts import MemoAlias, Redaction, StatusChange
from archive.models.notes import Note, Visibility
from archive.models.pages import Page
from archive.models.queries import MemoQuerySet
from archive.models.reports import ReaderReport, ReportedPart, ReportStatus
from archive.models.suppressions import Suppression
from archive.models.thesaurus import ThesaurusEntry

__all__ = [
    "Collection", "CopyBand", "Entity", "EntityKind", "IndexTask", "Job", "JobStatus", "Memo",
    "MemoAlias", "MemoForReview", "MemoQuerySet", "Mention", "MentionRejection", "Note", "Page",
    "ReaderReport", "Redaction", "ReleaseGroup", "ReportedPart", "ReportStatus",
    "StatusChange", "Suppression", "ThesaurusEntry", "Visibility",
]  # fmt: skip
