"""Fixed vocabularies: publication status, classification levels, date precision, redactions."""

from django.db import models


class Status(models.TextChoices):
    """Where a memo stands in the publishing workflow; only PUBLISHED is public."""

    DRAFT = "draft", "Draft"
    IN_REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Classification(models.TextChoices):
    """Normalised classification level of the original document."""

    TOP_SECRET = "top_secret", "Top Secret"
    SECRET = "secret", "Secret"
    CONFIDENTIAL = "confidential", "Confidential"
    RESTRICTED = "restricted", "Restricted"
    LIMITED_OFFICIAL_USE = "limited_official_use", "Limited Official Use"
    OFFICIAL_USE_ONLY = "official_use_only", "For Official Use Only"
    UNCLASSIFIED = "unclassified", "Unclassified"


class DatePrecision(models.TextChoices):
    """How much of a memo's date is known: many documents give only a month or a year."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class RedactionKind(models.TextChoices):
    """What a redaction marker in the text is."""

    EXEMPTION_CODE = "exemption_code", "Exemption code in the margin"
    REDACTED_BLOCK = "redacted_block", "Redacted block"
    NOT_DECLASSIFIED = "not_declassified", "Passage not declassified"
    DELETION = "deletion", "Deletion"
    DENIED_PAGES = "denied_pages", "Pages denied"
    ILLEGIBLE = "illegible", "Illegible"
    STATUTE_NOTE = "statute_note", "Statute note"


class SuppressionLabel(models.TextChoices):
    """What the public is told stands in a passage the archive suppressed."""

    PERSONAL_DATA = "personal_data", "personal data"
    PRIVACY = "privacy", "privacy of a living person"


# Below this confidence an extracted field is flagged for a curator's review.
REVIEW_THRESHOLD = 0.7

# Fields whose extraction confidence is tracked, with the label curators see.
TRACKED_FIELDS = {
    "document_number": "document number",
    "title": "title",
    "date": "date",
    "agency": "agency",
    "directorate": "directorate",
    "office": "office",
    "division": "division",
    "branch": "branch",
    "sender": "from",
    "recipient": "to",
    "classification": "classification",
    "summary": "summary",
    # Not extracted values but things a reviewer vouches for: the OCR text (its confidence is
    # the OCR quality), redaction and suppression positions (lowered when an edit could not
    # re-anchor one).
    "text": "OCR text",
    "redactions": "redaction positions",
    "suppressions": "suppressed passages",
}
