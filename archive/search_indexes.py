"""What the search engine knows about a memo, and which memos it may know about at all."""

from django.db.models import Prefetch
from haystack import indexes

from archive.identifiers import doc_key
from archive.models import Memo, Mention
from archive.public_text import overlaps, suppressed_spans
from archive.reading.readings import form_rows

# The identification form's fields that say what the record is about, indexed as words (its
# labels, status, review dates and page counts are boilerplate, like the form's text itself,
# which the indexed text leaves out: Memo.search_text).
FORM_KEYS = (
    "agency", "record_series", "agency_file_number", "originator", "from", "to", "title",
    "subjects",
)  # fmt: skip


class MemoIndex(indexes.SearchIndex, indexes.Indexable):
    """Full text and facets of a published memo: its public text (suppressed passages masked)."""

    text = indexes.CharField(document=True, use_template=True)
    title = indexes.CharField(model_attr="title", boost=2.0)
    identifiers = indexes.MultiValueField()
    date = indexes.DateField(model_attr="date", null=True)
    # When the archive published it: the Atom feed of a search lists the newest first.
    published = indexes.DateTimeField(model_attr="published_at", null=True)
    year = indexes.IntegerField(null=True, faceted=True)
    decade = indexes.IntegerField(null=True, faceted=True)
    agency = indexes.CharField(model_attr="agency", faceted=True)
    office = indexes.CharField(model_attr="office", faceted=True)
    classification = indexes.CharField(faceted=True)
    collection = indexes.CharField(faceted=True)
    sender = indexes.CharField(model_attr="sender")
    recipient = indexes.CharField(model_attr="recipient")
    codes = indexes.MultiValueField(faceted=True)
    has_redactions = indexes.BooleanField(faceted=True)
    entities = indexes.MultiValueField(faceted=True)

    def get_model(self):
        return Memo

    def index_queryset(self, using=None):
        """Only published memos are ever indexed."""
        return (
            self.get_model()
            .objects.published()
            .select_related("collection")
            .prefetch_related(
                "redactions",
                # Entities joined, not fetched by id: a batch of memos can name thousands of
                # them, and SQLite refuses a query listing that many ids.
                Prefetch("mentions", Mention.objects.select_related("entity__merged_into")),
                "notes",
                "suppressions",
            )
        )

    def prepare_text(self, memo):
        """The text template (title, numbers, offices, summary, the memo's own text, public
        notes) and the values of the form's descriptive fields."""
        rows = form_rows(memo, public=True, hidden=suppressed_spans(memo))
        values = [row.value for row in rows if row.key in FORM_KEYS]
        form = "\n".join(" ".join(value) if isinstance(value, list) else value for value in values)
        return self.fields["text"].prepare_template(memo) + "\n" + form

    def prepare_identifiers(self, memo):
        keys = {
            doc_key(value)
            for value in (
                memo.document_number,
                memo.crest_id,
                memo.nara_record_number,
                memo.source_id,
                memo.slug,
            )
            if value
        }
        return sorted(key for key in keys if key)

    def prepare_year(self, memo):
        return memo.date.year if memo.date else None

    def prepare_decade(self, memo):
        return memo.date.year // 10 * 10 if memo.date else None

    def prepare_classification(self, memo):
        return memo.get_classification_display() if memo.classification else ""

    def prepare_collection(self, memo):
        return memo.collection.name if memo.collection_id else ""

    def prepare_codes(self, memo):
        return sorted({code for redaction in memo.redactions.all() for code in redaction.codes})

    def prepare_has_redactions(self, memo):
        return any(True for _ in memo.redactions.all())

    def prepare_entities(self, memo):
        names = set()
        hidden = suppressed_spans(memo)
        for mention in memo.mentions.all():
            if overlaps(hidden, mention.start, mention.end):
                continue  # a name in a suppressed passage is not the public's to search by
            entity = mention.entity.merged_into or mention.entity
            names.add(entity.name)
        return sorted(names)
