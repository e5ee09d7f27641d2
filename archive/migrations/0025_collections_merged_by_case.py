"""Collections whose names differ only by case merged into the oldest: an archive ingested before
ingest compared names without case holds both ("Documents concerning Bosnia" and "documents
concerning Bosnia"), and the facet listed two. Their memos are queued for the index."""

from django.db import migrations


def merge(apps, schema_editor):
    """Memos of every later spelling moved to the oldest collection of that name; the others
    removed, their descriptions kept when the oldest had none."""
    Collection = apps.get_model("archive", "Collection")
    Memo = apps.get_model("archive", "Memo")
    IndexTask = apps.get_model("archive", "IndexTask")
    groups = {}
    for collection in Collection.objects.order_by("pk"):
        groups.setdefault(collection.name.casefold(), []).append(collection)
    for kept, *others in groups.values():
        for other in others:
            moved = list(Memo.objects.filter(collection=other).values_list("pk", flat=True))
            Memo.objects.filter(pk__in=moved).update(collection=kept)
            IndexTask.objects.bulk_create([IndexTask(memo_id=pk) for pk in moved])
            if not kept.description and other.description:
                kept.description = other.description
                Collection.objects.filter(pk=kept.pk).update(description=kept.description)
            other.delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0024_entity_kind_name")]

    operations = [migrations.RunPython(merge, migrations.RunPython.noop)]
