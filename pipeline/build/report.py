"""What the officer sees while `make` runs: a progress bar on a terminal, one line per file elsewhere.

On a terminal the bar is redrawn in place on stderr and finished files scroll above it; in CI,
in a pipe or in a log file every finished document gets one plain line (built ones on stdout,
failed ones on stderr) and there are no control characters. Failures are always one line:
`<file>: <reason> — <what to do>`. The summary at the end counts built, unchanged and failed
documents and the findings across all of them, and names the failed files whose older outputs
are still in outputs/ (so nobody mistakes them for current ones).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pipeline.core.names import shown
from pipeline.emit.summary import Summary

SEVERITY_WORDS = (("error", "error", "errors"), ("warning", "warning", "warnings"), ("info", "info", "info"))


def wants_bar(stream: TextIO) -> bool:
    """A bar only for a person at a terminal: not in CI, not for TERM=dumb, not into a file."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and not os.environ.get("CI") and os.environ.get("TERM", "") != "dumb"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass
class Reporter:
    """Progress and per-file lines for one build; `bar` None = decide from the terminal."""

    total: int = 0
    quiet: bool = False
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    bar: bool | None = None
    done: int = 0
    failed: int = 0
    running: list[str] = field(default_factory=list)
    log: Path | None = None  # outputs/.build.log: every line, whatever is shown (quiet or not)
    _drawn: bool = False
    _last_draw: float = 0.0
    _started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.bar is None:
            self.bar = not self.quiet and wants_bar(self.err)

    # events ------------------------------------------------------------------------------
    def begin(self, to_build: int, unchanged: int, jobs: int) -> None:
        self.total = to_build
        self._started = time.monotonic()
        if to_build and not self.quiet:
            rest = f" ({unchanged} unchanged)" if unchanged else ""
            self.line(
                f"building {plural(to_build, 'document', 'documents')}{rest} with {plural(jobs, 'worker', 'workers')}"
            )

    def started(self, name: str) -> None:
        if name not in self.running:
            self.running.append(name)
        self._draw()

    def built(self, name: str, summary: Summary, seconds: float) -> None:
        self._finish(name)
        if not self.quiet:
            self.line(f"built {name}: {summary.describe()} ({seconds:.1f} s)")
        self._draw()

    def failed_one(self, line: str, name: str | None = None) -> None:
        if name is not None:
            self._finish(name)
            self.failed += 1
        self.line(line, error=True)
        self._draw()

    def tick(self) -> None:
        """Keep the bar's clock moving while a long document is read (at most once a second)."""
        if self.bar and time.monotonic() - self._last_draw >= 1.0:
            self._draw()

    def note(self, text: str) -> None:
        if not self.quiet:
            self.line(text)
        else:
            self._log(text)

    def _log(self, text: str) -> None:
        if self.log is not None:
            with contextlib.suppress(OSError), self.log.open("a", encoding="utf-8", errors="replace") as log:
                log.write(shown(text) + "\n")

    def end(self) -> None:
        self._clear()

    # drawing -----------------------------------------------------------------------------
    def _finish(self, name: str) -> None:
        self.done += 1
        if name in self.running:
            self.running.remove(name)

    def line(self, text: str, error: bool = False) -> None:
        """Print one finished line (above the bar on a terminal), and keep it in the log."""
        text = shown(text)  # a file name's escape sequences are shown, never obeyed
        self._log(text)
        self._clear()
        _write(self.err if error else self.out, text + "\n")
        self._draw()

    def _draw(self) -> None:
        if not self.bar or not self.total:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        slots = 20
        filled = int(slots * self.done / self.total)
        elapsed = time.monotonic() - self._started
        head = f"[{'#' * filled}{'-' * (slots - filled)}] {self.done}/{self.total}"
        if self.failed:
            head += f", {self.failed} failed"
        head += f"  {elapsed:4.0f} s"
        if self.running:
            head += "  reading " + shown(", ".join(self.running))
        if len(head) > width - 1:
            head = head[: max(0, width - 2)] + "…"
        _write(self.err, "\r\x1b[K" + head)
        self._drawn = True
        self._last_draw = time.monotonic()

    def _clear(self) -> None:
        if self._drawn:
            _write(self.err, "\r\x1b[K")
            self._drawn = False


def _write(stream: TextIO, text: str) -> None:
    """Write even a name the terminal cannot encode (escaped rather than a crash)."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
    stream.flush()


def _names(names: list[str], shown: int = 10) -> str:
    """A list of file names short enough to read; the index has them all."""
    if len(names) <= shown:
        return ", ".join(names)
    return ", ".join(names[:shown]) + f" and {len(names) - shown} more (all of them are in index.json)"


def summary_lines(
    built: int,
    unchanged: int,
    failed: int,
    findings: dict[str, int],
    stale: list[str],
    never_built: list[str],
    not_retried: list[str],
    index_names: list[str],
    seconds: float,
) -> list[str]:
    """The closing lines of a build."""
    total = sum(findings.values())
    words = ", ".join(plural(findings.get(key, 0), one, many) for key, one, many in SEVERITY_WORDS)
    lines = [
        f"{built} built, {unchanged} unchanged, {failed} failed ({seconds:.1f} s); "
        f"findings in all documents: {total} ({words})"
    ]
    if stale:
        lines.append("failed, so their outputs are from an earlier version (out of date): " + _names(stale))
    if never_built:
        lines.append("failed, with no outputs: " + _names(never_built))
    if not_retried:
        lines.append(
            "not retried because nothing changed since they failed (use --force to retry): " + _names(not_retried)
        )
    if index_names:
        lines.append("everything in one place: " + ", ".join(index_names))
    return lines
