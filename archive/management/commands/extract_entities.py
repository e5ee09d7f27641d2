"""Find the people, places and organisations every memo names, again (after a gazetteer change).

Each memo's non-curated mentions are replaced in its own transaction; curated ones are kept.
The run records the last memo it finished in a checkpoint file under the data folder, so an
interrupted run resumes where it stopped when started again; --restart starts from the first.
Index updates are applied in batches as the run goes.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from archive.entities import current_gazetteer, link_memo
from archive.entities.linking import EntityResolver
from archive.management.progress import Progress
from archive.models import Memo
from archive.search import queue

INDEX_BATCH = 250
CHECKPOINT_NAME = "extract_entities.checkpoint"


def checkpoint_path():
    """Where the run records its progress."""
    return settings.DATA_DIR / CHECKPOINT_NAME


class Command(BaseCommand):
    """Link every memo's people, places and organisations again; resumable."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", help="Only these memos (slugs); the checkpoint is not used."
        )
        parser.add_argument(
            "--restart", action="store_true", help="Ignore the checkpoint: start from the first."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, slugs, restart, no_progress, **options):
        memos = Memo.objects.order_by("pk")
        after = 0
        if slugs:
            memos = memos.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(memos.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"No memo with slug: {', '.join(missing)}")
        elif not restart:
            after = _read_checkpoint()
            if after:
                self.stdout.write(f"Resuming after memo id {after} (--restart to start over).")
        todo = memos.filter(pk__gt=after)
        total = todo.count()
        progress = None if no_progress else Progress(self.stderr, total=total, label="memos")
        gazetteer, resolver = current_gazetteer(), EntityResolver()
        done = mentions = pending = 0
        with queue.held():
            for memo in todo.only("pk", "slug", "text", "date").iterator(chunk_size=200):
                mentions += link_memo(memo, gazetteer=gazetteer, resolver=resolver)
                done += 1
                pending += 1
                if not slugs:
                    _write_checkpoint(memo.pk)
                if pending >= INDEX_BATCH:
                    queue.drain()
                    pending = 0
                if progress:
                    progress.advance(note=memo.slug)
            queue.drain()
        if progress:
            progress.finish()
        if not slugs:
            checkpoint_path().unlink(missing_ok=True)  # finished: the next run starts over
        self.stdout.write(f"Linked {mentions:,} mentions in {done:,} memos.")


def _read_checkpoint():
    path = checkpoint_path()
    try:
        return int(json.loads(path.read_text())["after"])
    except FileNotFoundError:
        return 0
    except (ValueError, KeyError, TypeError) as error:
        raise CommandError(f"Unreadable checkpoint {path} ({error}); use --restart.") from None


def _write_checkpoint(pk):
    path = checkpoint_path()
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"after": pk}))
    temporary.replace(path)
