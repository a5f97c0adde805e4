"""The file that holds the details of internal errors, for the pipeline's maintainers.

The officer sees one line per failed file; when the failure is a defect of ours, that line ends
"(details in <this file>)" and the traceback is here, under the file's name. The build keeps it
as `outputs/.build.log` (where it also writes what the build did, so that file is there after
every build), the extract command as `<DIR>/.extract.log` (removed when nothing went wrong);
each run begins it afresh.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from pipeline.core.names import shown


class DetailLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.begun = False

    def begin(self, header: str = "") -> None:
        """Start this run's log (empty, or with a header line); `add` does so itself if it has
        not been done."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(header, encoding="utf-8")
        self.begun = True

    def add(self, name: str, detail: str) -> Path | None:
        """Append `detail` under `name`; returns the log's path, for the line the officer sees,
        or None when it could not be written (a full disk): a line never points to a log that
        does not hold what it promises."""
        try:
            if not self.begun:
                self.begin()
            with self.path.open("a", encoding="utf-8", errors="replace") as handle:
                handle.write(f"{shown(name)}:\n{detail.rstrip()}\n\n")
        except OSError:
            return None
        return self.path

    def remove_if_empty(self) -> None:
        with contextlib.suppress(OSError):
            if not self.path.stat().st_size:
                self.path.unlink()
