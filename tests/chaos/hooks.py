"""The build with faults injected: a real `plan-pipeline build`, paused, starved of disk or killed.

`python -m tests.chaos.hooks build INPUTS OUTPUTS [--jobs N] [--force]` runs the pipeline's own
command line after installing the faults that these environment variables ask for:

- `CHAOS_PAUSE=POINT[:N]`: the Nth time (default the first) the build reaches POINT (see
  `POINTS`), it writes its pid to the file `CHAOS_MARKER` and waits until that file is removed.
  The driver (`tests.chaos.scenarios`) then kills it, empties its outputs folder, starts a second
  build, or removes the marker to let it go on. The index is written in a forked process when the
  build has two workers: there the pause (and the pid) is that process's.
- `CHAOS_NOSPACE=parent:N` or `worker:N`: from the Nth write on, every write to a file in that
  process raises ENOSPC, as on a disk that has just filled up (`parent`: the build's own process
  and what it forks; `worker`: each worker process, counted per worker).
- `CHAOS_CACHED=1`: workers copy the samples' outputs made once per test session
  (`tests/build_jobs.py`, `PIPELINE_TEST_SAMPLE_OUTPUTS`) instead of reading the samples.

Nothing here is imported by the pipeline: the faults reach its code by patching it from outside,
and reach the workers through the job they are told to run (`job`).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAUSE_ENV, MARKER_ENV, NOSPACE_ENV, CACHED_ENV = "CHAOS_PAUSE", "CHAOS_MARKER", "CHAOS_NOSPACE", "CHAOS_CACHED"

# Where a build can be paused: (module, attribute path, "before" or "after" the call).
POINTS: dict[str, tuple[str, str, str]] = {
    "commit": ("pipeline.build.run", "_Build._commit", "before"),  # a document's outputs moved into place
    "committed": ("pipeline.build.run", "_Build._commit", "after"),
    "manifest": ("pipeline.build.schedule", "Manifest.save", "before"),
    "index": ("pipeline.emit.index", "write_index", "before"),
    "index-written": ("pipeline.emit.index", "write_index", "after"),
    "revisions": ("pipeline.diff.revisions", "write_group", "before"),
    "diff-written": ("pipeline.diff.revisions", "write_diff", "after"),
    "revisions-move": ("pipeline.build.run", "_replace_changed", "before"),
}

_hits: dict[str, int] = {}


def pause_here(point: str) -> None:
    """Wait at `point` if CHAOS_PAUSE names it (and this is the hit it counts)."""
    wanted, _, nth = os.environ.get(PAUSE_ENV, "").partition(":")
    if wanted != point:
        return
    _hits[point] = _hits.get(point, 0) + 1
    if _hits[point] != int(nth or 1):
        return
    marker = Path(os.environ[MARKER_ENV])
    marker.write_text(f"{os.getpid()}\n", encoding="ascii")
    while marker.exists():
        time.sleep(0.01)


def _wrap(function: Callable[..., Any], point: str, when: str) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if when == "before":
            pause_here(point)
        result = function(*args, **kwargs)
        if when == "after":
            pause_here(point)
        return result

    wrapped.__wrapped__ = function  # type: ignore[attr-defined]
    return wrapped


def install_pauses() -> None:
    import importlib

    for point, (module_name, attribute, when) in POINTS.items():
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        if hasattr(owner, name):  # (a point the code does not have is never reached)
            setattr(owner, name, _wrap(getattr(owner, name), point, when))


class _Writes:
    """Every write to a file opened for writing in this process, counted; from the `limit`th on, ENOSPC."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0

    def check(self) -> None:
        self.count += 1
        if self.count >= self.limit:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullDiskFile:
    """A file object whose writes go through `_Writes`; everything else is the real file's."""

    def __init__(self, handle: Any, writes: _Writes) -> None:
        self._handle, self._writes = handle, writes

    def write(self, data: Any) -> int:
        self._writes.check()
        return int(self._handle.write(data))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _FullDiskFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.__exit__(*exc)

    def __iter__(self) -> Any:
        return iter(self._handle)


def install_full_disk(limit: int) -> None:
    """From the `limit`th write on, a full disk: for `open`, `io.open` and so pathlib and zipfile."""
    real_open = builtins.open
    writes = _Writes(limit)

    def full_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        if any(flag in mode for flag in "wax+"):
            return _FullDiskFile(handle, writes)
        return handle

    builtins.open = full_open  # type: ignore[assignment]
    io.open = full_open  # type: ignore[assignment]


def _nospace(where: str) -> int | None:
    place, _, n = os.environ.get(NOSPACE_ENV, "").partition(":")
    return int(n) if place == where and n else None


def job(**kwargs: Any) -> Any:
    """The worker's job: the real one (or the cached copy, `CHAOS_CACHED`), under this worker's faults."""
    limit = _nospace("worker")
    if limit is not None and builtins.open.__name__ != "full_open":
        install_full_disk(limit)
    if os.environ.get(CACHED_ENV):
        from tests.build_jobs import cached_build

        return cached_build(**kwargs)
    from pipeline.build.task import build_document

    return build_document(**kwargs)


def main(argv: list[str]) -> int:
    import pipeline.build.run as build_module
    from pipeline.cli import main as pipeline_main

    build_module.JOB = "tests.chaos.hooks:job"
    if os.environ.get(CACHED_ENV):
        build_module.PREPARE = None  # type: ignore[assignment]
    install_pauses()
    limit = _nospace("parent")
    if limit is not None:
        install_full_disk(limit)
    return pipeline_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
