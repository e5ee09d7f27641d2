"""Memos: their identifiers, metadata, text, status and what is derived from them on save."""

from django.db import models, router, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from archive.body import excerpt
from archive.choices import Classification, DatePrecision, Status
from archive.fingerprints import fingerprint
from archive.identifiers import doc_key, release_key, text_key
from archive.models.holdings import Collection, ReleaseGroup
from archive.models.queries import MemoQuerySet
from archive.models.reading import MemoReading
from archive.public_text import public_text


class ExcerptField(models.TextField):
    """The opening of a memo's own public text, worked out from its text and parts whenever the
    memo is written: by save() and by bulk_create() alike, which both ask a field's pre_save()."""

    def pre_save(self, model_instance, add):
        value = excerpt(public_text(model_instance), model_instance.parts)
        setattr(model_instance, self.attname, value)
        return value


class Memo(MemoReading, models.Model):
    """A declassified document: its identifiers, metadata, full text and publication status."""

    # Identifiers
    document_number = models.CharField(
        "document number",
        max_length=200,
        blank=True,
        help_text="As printed on the document, e.g. “EA M 84-10245”.",
    )
    doc_key = models.CharField(
        "document number key",
        max_length=200,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Normal form of the document number, used to match other spellings.",
    )
    release_key = models.CharField(
        "release key",
        max_length=10,
        blank=True,
        editable=False,
        help_text="The release date (ISO) or empty: one document number, one memo per release.",
    )
    slug = models.SlugField(
        "slug",
        max_length=200,
        unique=True,
        help_text="The memo's permanent address: /memos/ followed by this slug.",
    )
    source_id = models.CharField(
        "source identifier",
        max_length=200,
        blank=True,
        db_index=True,
        help_text="Identifier of the record in the data set it was ingested from.",
    )
    crest_id = models.CharField(
        "CIA CREST id",
        max_length=60,
        blank=True,
        db_index=True,
        help_text="CIA Records Search Tool id, e.g. CIA-RDP85T00287R001302220001-3.",
    )
    nara_record_number = models.CharField(
        "NARA record number",
        max_length=60,
        blank=True,
        db_index=True,
        help_text="e.g. 104-10106-10544.",
    )
    foia_case = models.CharField(
        "FOIA case", max_length=60, blank=True, help_text="FOIA case that released it."
    )
    file_number = models.CharField(
        "agency file number",
        max_length=200,
        blank=True,
        db_index=True,  # the memo page lists the other memos of its file
        help_text="Agency file or serial.",
    )

    # What it is
    title = models.CharField(
        "title", max_length=500, blank=True, help_text="Title or subject as given."
    )
    date = models.DateField(
        "date",
        null=True,
        blank=True,
        db_index=True,
        help_text="Date of the document; for a partial date, the first day of its month/year.",
    )
    date_precision = models.CharField(
        "date precision",
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        help_text="How much of the date is known.",
    )
    agency = models.CharField("agency", max_length=200, blank=True, help_text="Originating agency.")
    directorate = models.CharField(
        "directorate", max_length=200, blank=True, help_text="Directorate within the agency."
    )
    office = models.CharField("office", max_length=200, blank=True, help_text="Office.")
    division = models.CharField("division", max_length=200, blank=True, help_text="Division.")
    branch = models.CharField("branch", max_length=200, blank=True, help_text="Branch.")
    sender = models.CharField("from", max_length=500, blank=True, help_text="Author or sender.")
    recipient = models.CharField("to", max_length=500, blank=True, help_text="Addressee(s).")
    classification = models.CharField(
        "classification",
        max_length=30,
        choices=Classification.choices,
        blank=True,
        db_index=True,
        help_text="Normalised level of the original marking.",
    )
    classification_marking = models.CharField(
        "classification as printed",
        max_length=200,
        blank=True,
        help_text="The marking exactly as it stands on the document.",
    )
    control_markings = models.JSONField(
        "control markings",
        default=list,
        blank=True,
        help_text="Dissemination controls and captions, e.g. NOFORN, EXDIS.",
    )
    collection = models.ForeignKey(
        Collection,
        verbose_name="collection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memos",
        help_text="Collection the document belongs to.",
    )
    source_citation = models.TextField(
        "source citation", blank=True, help_text="Archival source note."
    )
    release_date = models.DateField(
        "release date", null=True, blank=True, help_text="When it was released to the public."
    )
    page_count = models.PositiveIntegerField(
        "pages", null=True, blank=True, help_text="Pages of the released document."
    )
    release_group = models.ForeignKey(
        ReleaseGroup,
        verbose_name="releases of the same document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memos",
        help_text="Link the releases of one document to compare them.",
    )

    document_type = models.CharField(
        "document type",
        max_length=60,
        blank=True,
        help_text="What the document is: Memorandum, Airtel, Cable, Telegram, Letter...",
    )
    subjects = models.JSONField(
        "subjects",
        default=list,
        blank=True,
        help_text="Index terms the archival description gives (the NARA form's SUBJECTS).",
    )
    archival_description = models.JSONField(
        "archival description",
        default=dict,
        blank=True,
        help_text="NARA's identification form as read from the record: each field's value and "
        "its span in the text. It describes the release; the fields above describe the document.",
    )

    # Content
    text = models.TextField("full text", help_text="Full text, as OCR or transcription gave it.")
    text_key = models.CharField(
        "text key",
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="SHA-256 of the text's letters and digits alone: the same text in another "
        "OCR spacing or punctuation has the same key.",
    )
    fingerprint = models.TextField(
        "text fingerprint",
        blank=True,
        editable=False,
        help_text="MinHash of the word shingles of the document's own text (form, stamps and "
        "page furniture left out), base64: near-identical copies have near-equal ones. Empty "
        "for a text too short to tell.",
    )
    copy_group = models.CharField(
        "copies key",
        max_length=32,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Memos with one key are copies of one document (near-identical texts, "
        "archive/copies.py): search shows the best-ranked and folds the others into it.",
    )
    parts = models.JSONField(
        "document parts",
        default=list,
        blank=True,
        editable=False,
        help_text="The document's anatomy as [kind, start, end]: identification form, stamps, "
        "page furniture, routing sheets, header, body, signature, distribution, enclosures.",
    )
    summary = models.TextField("summary", blank=True, help_text="Abstract or printed summary.")
    excerpt = ExcerptField(
        "excerpt",
        blank=True,
        editable=False,
        help_text="The opening of the document's own text, past the identification form, "
        "stamps, page furniture and OCR debris: what result lists and feeds show of a memo "
        "without a summary. Worked out from the text and parts whenever the memo is saved.",
    )

    # Workflow and provenance
    status = models.CharField(
        "status",
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Only published memos are visible to the public.",
    )
    published_at = models.DateTimeField("published", null=True, blank=True, editable=False)
    source_file = models.CharField(
        "source file", max_length=500, blank=True, help_text="File the memo was ingested from."
    )
    checksum = models.CharField(
        "text checksum", max_length=64, db_index=True, help_text="SHA-256 of the full text."
    )
    ingest_fingerprint = models.CharField(
        "ingest fingerprint",
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text="SHA-256 of the source document last ingested into this memo; a re-run of "
        "the same input skips it without extracting it again.",
    )
    ingested_at = models.DateTimeField("ingested", default=timezone.now)
    updated_at = models.DateTimeField("updated", auto_now=True)
    field_confidence = models.JSONField(
        "field confidence",
        default=dict,
        blank=True,
        help_text="Confidence (0–1) of each automatically extracted field.",
    )
    field_sources = models.JSONField(
        "field sources",
        default=dict,
        blank=True,
        help_text="Where each extracted field was read: {field: {start, end, rule}}.",
    )
    review_notes = models.JSONField(
        "review notes", default=list, blank=True, help_text="Why fields were flagged."
    )
    least_confidence = models.FloatField(
        "least confidence",
        null=True,
        blank=True,
        db_index=True,
        editable=False,
        help_text="The lowest confidence of an uncertain field: the review queue asks about "
        "the memos most likely wrong first.",
    )
    needs_review = models.BooleanField(
        "needs review",
        default=False,
        db_index=True,
        help_text="An extracted field is uncertain and a curator should check it.",
    )
    ocr_quality = models.FloatField(
        "OCR quality", null=True, blank=True, help_text="Share of dictionary words, 0–1."
    )
    extra = models.JSONField(
        "source metadata",
        default=dict,
        blank=True,
        help_text="Other metadata from the source, kept as given (URLs, markings, origins).",
    )
    curated_fields = models.JSONField(
        "curated fields",
        default=list,
        blank=True,
        help_text="Fields a curator has corrected; a re-ingest leaves them as they are.",
    )

    objects = MemoQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["updated_at", "excerpt", "fingerprint", "copy_group"]
    )

    class Meta:
        ordering = ["date", "document_number", "pk"]
        permissions = [
            ("submit_memo", "Can submit a memo for review"),
            ("review_memo", "Can review a memo: vouch for its fields, send it back"),
            ("publish_memo", "Can publish a memo"),
            ("withdraw_memo", "Can withdraw a published memo"),
            ("merge_memo", "Can merge two records of one document"),
        ]
        # The default order, as an index: a page of the admin's list (any page, any status
        # filter) is read from it instead of sorting 100k rows.
        # The sitemap's last change of a published memo: one index seek, not a table scan
        # (2 s warm, 11 s cold at a million memos).
        # The home page's counts by agency, collection and year, and its newest memos: each
        # read from an index alone, not from rows whose text can run to megabytes (0.8 s for
        # the counts and 0.8 s for the lists at 20,000 memos on SQLite without them).
        indexes = [
            models.Index(fields=["date", "document_number", "id"], name="memo_order"),
            models.Index(fields=["status", "updated_at"], name="memo_status_updated"),
            models.Index(fields=["status", "published_at"], name="memo_status_published"),
            models.Index(fields=["status", "release_date"], name="memo_status_released"),
            models.Index(fields=["status", "agency"], name="memo_status_agency"),
            models.Index(fields=["status", "collection"], name="memo_status_collection"),
            models.Index(fields=["status", "date"], name="memo_status_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_key", "release_key"],
                condition=~Q(doc_key=""),
                name="unique_document_release",
            ),
        ]

    def __str__(self):
        return self.document_number or self.title or self.slug

    def save(self, *args, **kwargs):
        self.set_derived()
        fields = kwargs.get("update_fields")
        if fields is not None and {"text", "parts"} & set(fields):
            # The excerpt and the fingerprint are read from them.
            kwargs["update_fields"] = {*fields, "excerpt", "text_key", "fingerprint"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("archive:memo", kwargs={"slug": self.slug})

    def set_derived(self, now=None):
        """Set the fields read from the others, as save() does (bulk ingest calls it too)."""
        self.doc_key = doc_key(self.document_number)
        self.release_key = release_key(self.release_date)
        self.refresh_fingerprint()  # text_key and fingerprint
        self.needs_review = bool(self.uncertain_fields())
        self.least_confidence = self.least_uncertain()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = now or timezone.now()

    def refresh_fingerprint(self):
        """Set text_key and, if the text or its parts changed since, the fingerprint; whether
        the fingerprint changed is kept in `fingerprint_changed` (archive/copies.py regroups)."""
        self.text_key = text_key(self.text)
        value = fingerprint(self.text, self.parts, self.text_key, self.fingerprint)
        self.fingerprint_changed = value != self.fingerprint or not self.copy_group
        self.fingerprint = value
        return self.fingerprint_changed

    def delete(self, *args, **kwargs):
        # Django gathers related rows before it opens its transaction; gathering inside one
        # (a write lock on SQLite, the memo's row lock on PostgreSQL) means a mention or page
        # written meanwhile by another process is deleted too instead of failing the commit.
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(Memo)):
            Memo.objects.select_for_update().filter(pk=self.pk).exists()
            return super().delete(*args, **kwargs)


class MemoForReview(Memo):
    """A memo as the review queue shows it: uncertain fields marked, to correct and approve."""

    class Meta:
        proxy = True
        verbose_name = "memo needing review"
        verbose_name_plural = "memos needing review"
