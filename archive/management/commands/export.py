"""Export every memo with all its metadata, text, redactions, notes, status and history.

--format jsonl (the default) writes one JSON object per line that `manage.py ingest` reads
back: ingesting the export into an empty archive reproduces every memo exactly. --format csv
writes the same fields as columns (lists and objects as JSON text) for spreadsheets. Page
images are not exported (back up MEDIA_ROOT/pages for them).
"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from archive.choices import Status
from archive.curation.exporting import csv_lines, jsonl_lines
from archive.management.progress import Progress
from archive.models import Memo


class Command(BaseCommand):
    """Export every memo whole, as JSONL or CSV."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=["jsonl", "csv"],
            default="jsonl",
            help="jsonl (restorable with ingest) or csv (default jsonl).",
        )
        parser.add_argument(
            "--output",
            "-o",
            default="-",
            help="File to write (written whole or not at all); '-' for standard output.",
        )
        parser.add_argument(
            "--status",
            action="append",
            choices=Status.values,
            help="Only memos with this status (repeat for several; default: every memo).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args, output, status, no_progress, **options):
        self.header = ""
        memos = Memo.objects.all()
        if status:
            memos = memos.filter(status__in=status)
        if options["format"] == "jsonl":
            lines = jsonl_lines(memos)
        else:
            lines = csv_lines(memos)
            self.header = next(lines)
        total = memos.count()
        progress = None if no_progress or output == "-" else Progress(self.stderr, total=total)
        if output == "-":
            count = self._write(lines, self.stdout, progress)
        else:
            count = self._write_file(Path(output), lines, progress)
        if progress:
            progress.finish()
        target = "standard output" if output == "-" else output
        message = f"Exported {count:,} memo(s) as {options['format'].upper()} to {target}."
        # Standard output holds the export itself: the summary goes to standard error then.
        (self.stderr if output == "-" else self.stdout).write(message)

    def _write(self, lines, stream, progress):
        """Write the header (CSV) and one chunk per memo; returns how many memos."""
        count = 0
        if self.header:
            self._put(stream, self.header)
        for chunk in lines:
            self._put(stream, chunk)
            count += 1
            if progress:
                progress.advance()
        return count

    @staticmethod
    def _put(stream, chunk):
        if isinstance(stream, OutputWrapper):
            stream.write(chunk, ending="")
        else:
            stream.write(chunk)

    def _write_file(self, path, lines, progress):
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                count = self._write(lines, handle, progress)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return count
