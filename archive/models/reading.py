"""How a memo reads: its public text, title and date at their precision, its uncertain fields."""

from archive.body import own_text
from archive.choices import REVIEW_THRESHOLD, TRACKED_FIELDS, DatePrecision, Status
from archive.public_text import public_text


class MemoReading:
    """What Memo shows of itself, read from its fields (no field of its own)."""

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED

    @property
    def public_text(self):
        """The text as the public reads it: suppressed passages masked (archive/public_text.py)."""
        return public_text(self)

    @property
    def search_text(self):
        """The public text without its form, stamps, page furniture and routing sheets: what a
        search reads (archive.body.own_text; snippets and marks read the whole public text)."""
        return own_text(public_text(self), self.parts)

    @property
    def display_title(self):
        return self.title or "Untitled document"

    @property
    def display_date(self):
        """The date at the precision the document gives it."""
        if not self.date:
            return ""
        if self.date_precision == DatePrecision.YEAR:
            return str(self.date.year)
        if self.date_precision == DatePrecision.MONTH:
            return self.date.strftime("%B %Y")
        return f"{self.date.day} {self.date.strftime('%B %Y')}"

    @property
    def iso_date(self):
        """ISO date at its precision: 1984-12-28, 1984-12 or 1984."""
        if not self.date:
            return None
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date.year:04d}"
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def least_uncertain(self):
        """The lowest confidence among uncertain tracked fields, or None when none is."""
        low = [
            float(self.field_confidence[name])
            for name in TRACKED_FIELDS
            if name in self.field_confidence and self.field_confidence[name] < REVIEW_THRESHOLD
        ]
        return min(low) if low else None

    def uncertain_fields(self):
        """Labels of tracked fields whose extraction confidence is below the review threshold."""
        return [
            label
            for name, label in TRACKED_FIELDS.items()
            if name in self.field_confidence and self.field_confidence[name] < REVIEW_THRESHOLD
        ]
