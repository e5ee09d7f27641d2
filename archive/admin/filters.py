"""Filters of the memo lists, cheap at 100k memos: choices cached, counts per shown row only."""

from django.contrib import admin
from django.core.cache import cache
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from archive.models import Memo, Redaction

# Filter choices are read from the whole table; at 100k memos that is a scan per page view, so
# they are cached for a few minutes (a new agency or year shows up at the latest then).
CHOICES_TTL = 300
COMMON_VALUES = 40


class YearFilter(admin.SimpleListFilter):
    """Filter memos by the year of their date."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        def years():
            return [day.year for day in Memo.objects.dates("date", "year", order="DESC")]

        return [
            (str(y), str(y)) for y in cache.get_or_set("archive:admin:years", years, CHOICES_TTL)
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isascii() and value.isdigit() and len(value) <= 4:
            return queryset.filter(date__year=int(value))
        return queryset


def common_values_filter(field, label):
    """A filter offering a field's most common values (any value still works in the URL)."""

    class CommonValueFilter(admin.SimpleListFilter):
        title = label
        parameter_name = field

        def lookups(self, request, model_admin):
            def common():
                rows = (
                    Memo.objects.exclude(**{field: ""})
                    .values_list(field)
                    .annotate(n=Count("pk"))
                    .order_by("-n", field)[:COMMON_VALUES]
                )
                return sorted(value for value, _n in rows)

            values = cache.get_or_set(f"archive:admin:common:{field}", common, CHOICES_TTL)
            current = self.value()
            if current and current not in values:
                values = [current, *values]
            return [(value, value) for value in values]

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{field: self.value()})
            return queryset

    CommonValueFilter.__name__ = f"{field.capitalize()}Filter"
    CommonValueFilter.__doc__ = f"Filter memos by {label} (the most common ones are offered)."
    return CommonValueFilter


class HasRedactionsFilter(admin.SimpleListFilter):
    """Filter memos with or without redaction markers."""

    title = "has redactions"
    parameter_name = "redacted"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        has = Exists(Redaction.objects.filter(memo=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(has)
        if self.value() == "no":
            return queryset.exclude(has)
        return queryset


def redaction_counts():
    """Redactions per memo as a subquery, computed only for the rows of the page shown."""
    return Coalesce(
        Subquery(
            Redaction.objects.filter(memo=OuterRef("pk"))
            .order_by()
            .values("memo")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )
