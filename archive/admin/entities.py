"""People, places and organisations in the admin: correct them, merge duplicates, fix mentions.

A mention a curator adds or edits is marked curated, so re-running the extraction keeps it.
Merging moves every mention of the duplicates to the entity that survives, adds their names to
its aliases (so later runs find those spellings too) and leaves each duplicate pointing at the
survivor, whose page its old address redirects to. Reindexing follows from the queue.
The candidates page lists people who may be one (to merge) and one-word people who may be
several (to split: reject their wrong mentions), from archive/entities/identity.py.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from archive.admin.inlines import LabelledTabularInline
from archive.entities import alias_list, invalidate, record_rejections, reject, surviving
from archive.entities.gazetteer import PERSON
from archive.entities.identity import candidates
from archive.models import Entity, Mention, MentionRejection
from archive.search import queue

INLINE_MENTIONS = 200  # more than this and the inline would be too slow to use


class MentionInline(LabelledTabularInline):
    """Where an entity is named (the first mentions; all of them in the mentions list)."""

    model = Mention
    extra = 0
    fields = ("memo", "start", "end", "text", "curated")
    raw_id_fields = ("memo",)
    ordering = ("memo", "start")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("memo")
        first = list(
            queryset.order_by("memo", "start").values_list("pk", flat=True)[:INLINE_MENTIONS]
        )
        return queryset.filter(pk__in=first)


def merge_entities(survivor, duplicates):
    """Merge `duplicates` into `survivor`; returns the number of mentions moved."""
    survivor = surviving(survivor)
    duplicates = [d for d in duplicates if d.pk != survivor.pk]
    if not duplicates:
        return 0
    ids = [d.pk for d in duplicates]
    with transaction.atomic():
        memo_ids = set(Mention.objects.filter(entity__in=ids).values_list("memo_id", flat=True))
        moved = Mention.objects.filter(entity__in=ids).update(entity=survivor)
        # Entities merged into a duplicate earlier now point at the survivor too.
        Entity.objects.filter(merged_into__in=ids).update(merged_into=survivor)
        names = alias_list(survivor.aliases)
        for duplicate in duplicates:
            for name in [duplicate.name, *alias_list(duplicate.aliases)]:
                if name != survivor.name and name not in names:
                    names.append(name)
        survivor.aliases = names
        survivor.save(update_fields=["aliases"])
        Entity.objects.filter(pk__in=ids).update(merged_into=survivor)
        # update() sends no signals: the memos whose entity facet changed are queued here.
        queue.enqueue(memo_ids)
    invalidate()
    return moved


@admin.action(description="Merge selected entities into one", permissions=["change"])
def merge_selected(modeladmin, request, queryset):
    """Ask which entity survives, then merge the others into it."""
    entities = list(
        queryset.annotate(mention_total=Count("mentions")).order_by("-mention_total", "pk")
    )
    if len(entities) < 2:
        modeladmin.message_user(request, "Select at least two entities to merge.", messages.ERROR)
        return None
    if request.POST.get("apply"):
        chosen = request.POST.get("survivor", "")
        survivor = next((e for e in entities if str(e.pk) == chosen), None)
        if survivor is None:
            modeladmin.message_user(request, "Choose the entity that survives.", messages.ERROR)
            return None
        moved = merge_entities(survivor, entities)
        modeladmin.message_user(
            request,
            f"Merged {len(entities) - 1} entities into “{survivor.name}” ({moved} mentions moved).",
            messages.SUCCESS,
        )
        return None
    return TemplateResponse(
        request,
        "admin/archive/entity/merge.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Merge entities",
            "entities": entities,
            "action": "merge_selected",
            "opts": modeladmin.model._meta,
        },
    )


class MergedFilter(admin.SimpleListFilter):
    """Entities that are duplicates merged into another, or not."""

    title = "merged"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("no", "Current"), ("yes", "Merged into another")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    """Correct an entity's name, kind and aliases; merge duplicates; review its mentions."""

    list_display = ("name", "kind", "mention_count", "memo_count", "merged_into_link")
    list_filter = ("kind", MergedFilter)
    search_fields = ("name", "slug", "aliases")
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("merged_into",)
    actions = [merge_selected]
    inlines = [MentionInline]
    list_per_page = 100
    readonly_fields = ("all_mentions",)
    fields = ("name", "kind", "slug", "aliases", "description", "merged_into", "all_mentions")
    change_list_template = "admin/archive/entity/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.candidates_view)
        own = [path("candidates/", view, name="archive_entity_candidates")]
        return own + super().get_urls()

    def candidates_view(self, request):
        """People who may be one (to merge) and one-word people who may be several (to split)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        people = Entity.objects.filter(kind=PERSON, merged_into__isnull=True)
        counts = dict(people.annotate(n=Count("mentions")).values_list("pk", "n"))
        merges, splits = candidates(people.values_list("pk", "name"))
        changelist = reverse("admin:archive_entity_changelist")

        def group(items):
            ids = ",".join(str(pk) for pk, _name in items)
            names = [(name, counts.get(pk, 0)) for pk, name in items]
            return {"names": names, "url": f"{changelist}?id__in={ids}"}

        context = {
            **self.admin_site.each_context(request),
            "title": "Candidate merges and splits of people",
            "opts": self.model._meta,
            "merges": [group(items) for items in merges[:500]],
            "splits": [
                {"bare": group(bare), "people": [group(c) for c in clusters]}
                for bare, clusters in splits[:500]
            ],
        }
        return TemplateResponse(request, "admin/archive/entity/candidates.html", context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("merged_into")
            .annotate(_mentions=Count("mentions"), _memos=Count("mentions__memo", distinct=True))
        )

    @admin.display(description="mentions", ordering="_mentions")
    def mention_count(self, entity):
        return entity._mentions

    @admin.display(description="memos", ordering="_memos")
    def memo_count(self, entity):
        return entity._memos

    @admin.display(description="merged into", ordering="merged_into__name")
    def merged_into_link(self, entity):
        if not entity.merged_into_id:
            return ""
        url = reverse("admin:archive_entity_change", args=[entity.merged_into_id])
        return format_html('<a href="{}">{}</a>', url, entity.merged_into.name)

    @admin.display(description="all mentions")
    def all_mentions(self, entity):
        if not entity.pk:
            return "—"
        url = reverse("admin:archive_mention_changelist") + f"?entity__id__exact={entity.pk}"
        return format_html(
            '<a href="{}">All mentions of this entity</a> (the list below shows the first {}).',
            url,
            INLINE_MENTIONS,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        invalidate()  # new names or aliases are looked for from the next extraction on

    def save_formset(self, request, form, formset, change):
        # A mention a curator added or edited is curated: later extractions keep it.
        for inline_form in formset.forms:
            if inline_form.has_changed() and not formset._should_delete_form(inline_form):
                inline_form.instance.curated = True
        super().save_formset(request, form, formset, change)
        removed = [obj for obj in formset.deleted_objects if isinstance(obj, Mention)]
        record_rejections(removed)


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    """Every mention: correct the entity a name was linked to, or remove a wrong one."""

    list_display = ("text", "entity", "memo", "start", "curated")
    list_filter = ("curated", "entity__kind")
    search_fields = ("text", "entity__name", "memo__slug", "memo__document_number")
    raw_id_fields = ("memo", "entity")
    list_select_related = ("entity", "memo")
    list_per_page = 100

    def save_model(self, request, obj, form, change):
        obj.curated = True  # a curator's correction outlives re-extraction
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        reject([obj])  # a removed link stays removed when extraction runs again

    def delete_queryset(self, request, queryset):
        reject(list(queryset))


@admin.register(MentionRejection)
class MentionRejectionAdmin(admin.ModelAdmin):
    """Links curators removed as wrong; delete one here to let extraction make it again."""

    list_display = ("text", "entity", "memo", "created_at")
    search_fields = ("text", "entity__name", "memo__slug")
    raw_id_fields = ("memo", "entity")
    list_select_related = ("entity", "memo")
