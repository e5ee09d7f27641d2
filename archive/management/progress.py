"""A progress bar for long commands: redrawn in place on a terminal, a line now and then if not."""

import time


class Progress:
    """Counts work done and shows it on a stream (a command's stderr)."""

    def __init__(self, stream, total=None, label="documents", width=30, interval=2.0):
        self.stream = stream
        self.total = total
        self.label = label
        self.width = width
        self.interval = interval
        self.done = 0
        self.started = time.monotonic()
        self._last = 0.0
        self._tty = hasattr(stream, "isatty") and stream.isatty()

    @property
    def rate(self):
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, n=1, note=""):
        self.done += n
        now = time.monotonic()
        if now - self._last >= (0.1 if self._tty else self.interval):
            self._last = now
            self._draw(note)

    def _draw(self, note=""):
        if self.total:
            share = min(self.done / self.total, 1.0)
            filled = int(share * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            line = f"[{bar}] {self.done:,}/{self.total:,} {self.label} {share:4.0%}"
        else:
            line = f"{self.done:,} {self.label}"
        line += f"  {self.rate:,.1f}/s"
        if note:
            line += f"  {note[:40]}"
        if self._tty:
            self.stream.write("\r" + line.ljust(100))
            self.stream.flush()
        else:
            self.stream.write(line + "\n")

    def finish(self):
        self._draw()
        if self._tty:
            self.stream.write("\n")
        self.stream.flush()
