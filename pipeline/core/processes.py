"""How many processes one document may use, and a map that spreads a long list over them.

A long document is read (its pages) and normalised (its actions) by several processes when
the machine has cores to spare; the decision is made here, once, for every stage:
- `PIPELINE_PAGE_JOBS=N` in the environment sets the number of processes (1 = never split);
- otherwise a caller that shares the machine says what a document may use (`allow`: the build
  grants its workers the cores it leaves idle, so that `--jobs` workers times a document's
  processes never exceeds the cores), and a program working on one document (`extract`,
  `diff`) uses every core;
- never from a daemonic process (multiprocessing forbids it children) nor where processes
  cannot be started.

`split_map` is `[func(item) for item in items]` with the tail of the list computed in forked
processes: it gives the same list, in the same order, whether or not it splits, and a helper
that fails, dies or raises only means its part is computed here (an exception is then raised
here, in order, exactly as without helpers).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pipeline.core import collector
from pipeline.core.lifetime import die_with_parent

log = logging.getLogger(__name__)

ENV = "PIPELINE_PAGE_JOBS"

T = TypeVar("T")
R = TypeVar("R")

_granted: int | None = None  # processes a document may use, as granted by the caller (None: decide alone)


def allow(jobs: int | None) -> None:
    """Set how many processes one document may use (None: every core)."""
    global _granted
    _granted = None if jobs is None else max(1, int(jobs))


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _from_env() -> int | None:
    value = os.environ.get(ENV, "").strip()
    if not value or value.lower() == "auto":
        return None
    try:
        return max(1, int(value))
    except ValueError:
        log.warning("%s=%r is not a number of processes; deciding automatically", ENV, value)
        return None


def can_start_processes() -> bool:
    """False in a daemonic process (it may not have children) and where processes cannot start."""
    try:
        return not multiprocessing.current_process().daemon
    except Exception:  # an embedded interpreter without multiprocessing
        return False


def document_jobs() -> int:
    """How many processes one document may use now (1: everything in this process)."""
    wanted = _from_env()
    if wanted is None:
        wanted = _granted if _granted is not None else usable_cores()
    if wanted <= 1 or not can_start_processes():
        return 1
    return wanted


PIPE_BYTES = 1 << 20  # Linux lets any process give a pipe up to 1 MiB


def widen_pipe(conn: Any) -> None:
    """Give a pipe to a helper room for a whole message (a run of pages, a part's records: a
    few hundred KB), where the system allows.

    With the usual 64 KB a helper waits on every message until the receiving side has drained
    the pipe several times, and a receiving thread must first get the interpreter lock from a
    thread busy reading pages: an eighth of a page helper's time on a long plan. With the room,
    the helper writes its message and goes on.
    """
    try:
        import fcntl

        fcntl.fcntl(conn.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or a lower limit: the usual size
        pass


def start_child(context: Any, target: Callable[..., None], *args: Any) -> tuple[Any, Any]:
    """A daemonic child running `target(send, *args)`, and the end of the pipe it sends on that
    is ours to read. Raises what starting it raised (no processes here), with both ends closed."""
    receive = send = None
    try:
        receive, send = context.Pipe(duplex=False)
        widen_pipe(send)
        process = context.Process(target=target, args=(send, *args), daemon=True)
        process.start()
        send.close()
    except BaseException:
        for end in (receive, send):
            if end is not None:
                with contextlib.suppress(OSError):
                    end.close()
        raise
    return process, receive


def end_child(process: Any, conn: Any) -> None:
    """Close our end of a child's pipe, kill the child if it is still running, and reap it."""
    if conn is not None:
        with contextlib.suppress(OSError):
            conn.close()
    if process is not None:
        if process.is_alive():
            process.kill()
        process.join()
        with contextlib.suppress(ValueError):
            process.close()


# ----------------------------------------------------------------------------- split_map


def split_map(
    func: Callable[[T], R],
    items: Sequence[T],
    min_per_job: int,
    state: Callable[[], object] = lambda: None,
) -> list[R]:
    """`[func(item) for item in items]`, its tail computed by forked helpers when the list is long.

    Each process takes at least `min_per_job` items; helpers are forked (they see everything
    this process holds, nothing is copied or re-read), so the split happens only where fork
    exists. `state()` is whatever calling `func` may change that later calls depend on (a rule
    pattern given up on for running out of time): a part computed beside a change is computed
    again here, after the parts before it, so the result is always the in-order one.
    """
    jobs = min(document_jobs(), len(items) // max(1, min_per_job))
    if jobs <= 1 or not _can_fork():
        return [func(item) for item in items]
    size = -(-len(items) // jobs)
    parts = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    before = state()
    helpers = _start_helpers(func, items, parts[1:], state, before)
    try:
        out = [func(items[i]) for i in parts[0]]
        for helper, part in zip(helpers, parts[1:], strict=True):
            got = helper.result() if state() == before else None
            if got is None or len(got) != len(part):
                got = [func(items[i]) for i in part]
            out.extend(got)
        return out
    finally:
        for helper in helpers:
            helper.stop()


def _start_helpers(
    func: Callable[[Any], Any], items: Sequence[Any], parts: list[range], state: Callable[[], object], before: object
) -> list[_MapHelper]:
    with collector.before_fork():
        return [_MapHelper.start(func, items, part, state, before) for part in parts]


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class _MapHelper:
    """One forked process computing one part of a `split_map`; None from `result` means "do it here"."""

    def __init__(self, process: Any, conn: Any) -> None:
        self.process = process
        self.conn = conn

    @classmethod
    def start(
        cls, func: Callable[[Any], Any], items: Sequence[Any], part: range, state: Callable[[], object], before: object
    ) -> _MapHelper:
        try:
            process, receive = start_child(
                multiprocessing.get_context("fork"), _map_main, func, items, part, state, before, os.getpid()
            )
        except Exception as exc:  # no processes here (limits, sandbox): the part is computed here
            log.info("could not start a helper (%r); computing its part here", exc)
            return cls(None, None)
        return cls(process, receive)

    def result(self) -> list[Any] | None:
        if self.conn is None:
            return None
        try:
            message = pickle.loads(self.conn.recv_bytes())
        except MemoryError:
            raise
        except Exception as exc:  # it died, or sent what cannot be read
            log.info("a helper stopped without its part (%r); computing it here", exc)
            return None
        return message if isinstance(message, list) else None

    def stop(self) -> None:
        end_child(self.process, self.conn)


def _map_main(
    conn: Any,
    func: Callable[[Any], Any],
    items: Sequence[Any],
    part: range,
    state: Callable[[], object],
    before: object,
    parent: int,
) -> None:  # pragma: no cover - runs in the helper process (covered by the tests through its results)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent(parent)
    try:
        out = [func(items[i]) for i in part]
        message: Any = out if state() == before else "state changed"
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # the parent computes this part itself (and meets the exception there)
        data = pickle.dumps(f"failed: {exc!r}"[:200])
    with contextlib.suppress(BaseException):
        conn.send_bytes(data)
    conn.close()
