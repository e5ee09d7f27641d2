"""Run queued upload jobs (OCR, extraction, storing) until stopped, or once with --once.

The production way to process uploads (set ARCHIVE_JOBS_MODE=off for the web processes):
run one or more workers beside the web server. Jobs are claimed atomically, so several
workers never take the same one; a job whose worker died is queued again after
ARCHIVE_JOB_STALE_SECONDS. Stop with Ctrl-C or SIGTERM: the job in hand is finished first.
"""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from archive.ingest import jobs
from archive.models import JobStatus


class Command(BaseCommand):
    """Run queued upload jobs until stopped."""

    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Run the jobs queued now, then exit."
        )
        parser.add_argument(
            "--sleep",
            type=float,
            default=2.0,
            help="Seconds to wait before looking again when the queue is empty (default 2).",
        )

    def handle(self, *args, once, sleep, **options):
        self.stopping = False
        previous = signal.signal(signal.SIGTERM, self._stop)
        counts = {JobStatus.DONE: 0, JobStatus.FAILED: 0}
        try:
            while not self.stopping:
                requeued = jobs.requeue_stale()
                if requeued:
                    self.stdout.write(f"Requeued {requeued} job(s) whose worker had stopped.")
                job = jobs.claim()
                if job is None:
                    if once:
                        break
                    close_old_connections()
                    time.sleep(sleep)
                    continue
                self.stdout.write(f"Job {job.pk}: {job.original_name} …")
                job = jobs.run(job)
                counts[job.status] = counts.get(job.status, 0) + 1
                style = self.style.SUCCESS if job.status == JobStatus.DONE else self.style.ERROR
                self.stdout.write(style(f"Job {job.pk} {job.get_status_display()}: {job.message}"))
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
        self.stdout.write(
            f"Worker stopped: {counts[JobStatus.DONE]} job(s) done, "
            f"{counts[JobStatus.FAILED]} failed."
        )

    def _stop(self, signum, frame):
        self.stopping = True
