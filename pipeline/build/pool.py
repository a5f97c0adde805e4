"""Worker processes that run one task at a time under a wall-time and a memory cap.

Why a pool of our own rather than `concurrent.futures`: one hostile file (a 4 GiB flate bomb, a
content stream of sixteen million operators, a C library crash) must cost one line in the
summary, never the batch. That needs, per task: a deadline after which the worker is killed
(with anything it started: each worker leads its own process group), an address-space cap so a
decompression bomb meets a MemoryError instead of the machine's OOM killer, and a replacement
worker afterwards. A standard pool can do none of these for a task that is already running.

Each worker is a fresh interpreter (`python -m pipeline.build.pool`), so its memory use does not
depend on what the parent had loaded, and it is told its job as "module:function". It imports
the heavy libraries once (`prepare`), then caps its own memory and serves tasks until told to
stop, until its memory has grown too much (it retires and a fresh one takes over), or until the
parent dies (it is killed with it on Linux, and stops at the next task elsewhere).

The parent side is `Pool.run(tasks)`, a generator of `Result`s in completion order.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pipeline.core.errors import (
    DamagedFile,
    Failure,
    InternalError,
    TimedOut,
    TooLarge,
    blame,
    internal_error,
    stopped_from_outside,
    traceback_text,
)
from pipeline.core.lifetime import die_with_parent

log = logging.getLogger(__name__)

STARTUP_SECONDS = 120.0  # importing the libraries, on a slow or busy machine
TASKS_PER_WORKER = 50  # then a fresh interpreter: no slow growth of one long-lived heap
RETIRE_SHARE = 0.6  # a worker whose address space has grown past this share of its cap retires
POLL_SECONDS = 0.25
IDLE = float("inf")  # the deadline of a worker waiting for a task
# A worker ended by one of these was stopped by someone or something else (the system's
# out-of-memory killer, a `kill`, the machine shutting down): the machine's failure, tried again.
STOPPED_FROM_OUTSIDE = frozenset({"SIGKILL", "SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT"})
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


@dataclass(frozen=True)
class Limits:
    """Per task: wall-clock seconds; per worker: address space in MB (0 = no cap)."""

    seconds: float
    memory_mb: int


@dataclass(frozen=True)
class Result:
    """One finished task: its value, or why it failed; seconds of wall time it took. `detail`:
    the traceback of an internal error, for the log the failure line points to."""

    key: str
    value: Any = None
    failure: Failure | None = None
    seconds: float = 0.0
    detail: str = ""


def failure_of(exc: BaseException) -> tuple[Failure, str]:
    """The failure an exception of a task stands for (`core.errors.blame`), and its detail:
    the traceback when it is an internal error (a bug), else ""."""
    error = blame(exc, None, "processed") if isinstance(exc, Exception) else internal_error(exc, "processed")
    if isinstance(error, InternalError):
        return error.failure(), error.detail or traceback_text(exc)
    return error.failure(), ""


def timed_out(seconds: float) -> Failure:
    return TimedOut(f"still being read after {seconds:g} seconds, so it was stopped").failure()


def too_large(memory_mb: int) -> Failure:
    return TooLarge(f"reading it needs more than the {memory_mb} MB of memory allowed per document").failure()


def crashed(how: str, memory_mb: int) -> Failure:
    cap = f", or needs more than the {memory_mb} MB of memory allowed" if memory_mb else ""
    return DamagedFile(f"the reader crashed on it ({how}): the file is damaged or malformed{cap}").failure()


# =========================================================================== parent side


class _Worker:
    """The parent's handle on one worker process: its pipes, its task, its deadline."""

    def __init__(self, config: dict[str, Any], log_file: Path | None) -> None:
        task_read, task_write = os.pipe()
        result_read, result_write = os.pipe()
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parent.parent.parent)  # the same pipeline package as ours
        env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
        for name in THREAD_ENV:
            env.setdefault(name, "1")
        argv = [sys.executable, "-m", "pipeline.build.pool", str(task_read), str(result_write), json.dumps(config)]
        sink = open(log_file, "ab") if log_file else subprocess.DEVNULL  # noqa: SIM115 - closed below
        try:
            self.process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=sink,
                pass_fds=(task_read, result_write),
                start_new_session=True,
                env=env,
            )
        finally:
            os.close(task_read)
            os.close(result_write)
            if log_file:
                sink.close()  # type: ignore[union-attr]
        self.tasks = Connection(task_write, readable=False)
        self.results = Connection(result_read, writable=False)
        self.ready = False
        self.retiring = False
        self.started = time.monotonic()
        self.task: tuple[str, dict[str, Any]] | None = None
        self.deadline = self.started + STARTUP_SECONDS

    def send(self, key: str, kwargs: dict[str, Any], seconds: float) -> None:
        self.task = (key, kwargs)
        self.started = time.monotonic()
        self.deadline = self.started + seconds
        self.tasks.send((key, kwargs))

    def kill(self) -> None:
        """Kill the worker and everything in its process group; reap it."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.process.wait()
        self.close()

    def stop(self) -> None:
        """Ask an idle worker to finish; kill it if it does not within a moment."""
        with contextlib.suppress(OSError):
            self.tasks.send(None)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.kill()

    def close(self) -> None:
        for conn in (self.tasks, self.results):
            with contextlib.suppress(OSError):
                conn.close()

    def exit_description(self) -> str:
        code = self.process.wait()
        if code < 0:
            try:
                return signal.Signals(-code).name
            except ValueError:
                return f"signal {-code}"
        return f"exit status {code}"


class Pool:
    """Up to `jobs` workers running `job` ("module:function") on keyword-argument tasks.

    `prepare` ("module:function", optional) runs once in each worker before its memory is
    capped: the place to import heavy libraries so that their import time does not count
    against the first document's deadline. `log_file` receives the workers' stderr.
    """

    def __init__(
        self,
        job: str,
        jobs: int,
        limits: Limits,
        prepare: str | None = None,
        prepare_args: dict[str, Any] | None = None,
        log_file: Path | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits
        self.log_file = log_file
        self.config = {
            "job": job,
            "prepare": prepare,
            "prepare_args": prepare_args or {},
            "memory_mb": limits.memory_mb,
            "seconds": limits.seconds,
            "parent": os.getpid(),
        }
        self.workers: list[_Worker] = []
        self.started_tasks = 0

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Kill every worker (used on Ctrl-C and on errors: nothing outlives the build)."""
        for worker in self.workers:
            worker.kill()
        self.workers.clear()

    def run(
        self,
        tasks: Sequence[tuple[str, dict[str, Any]]],
        on_start: Callable[[str], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> Iterator[Result]:
        """Run every task; yield each Result as it finishes. Workers are gone when it returns.

        `on_start(key)` is called as a task is handed to a worker, `on_wait()` every time the
        pool has waited (about four times a second): the hooks of a progress display.
        """
        pending = deque(tasks)
        startup_failures = 0
        try:
            while pending or any(w.task for w in self.workers):
                self._top_up(len(pending))
                for worker in self.workers:
                    if worker.ready and not worker.retiring and worker.task is None and pending:
                        key, kwargs = pending.popleft()
                        try:
                            worker.send(key, kwargs, self.limits.seconds)
                        except OSError:  # died between tasks; its EOF is handled below
                            pending.appendleft((key, kwargs))
                            worker.task = None
                            worker.ready = False
                            continue
                        self.started_tasks += 1
                        if on_start:
                            on_start(key)
                now = time.monotonic()
                timeout = max(0.0, min([POLL_SECONDS, *(w.deadline - now for w in self.workers)]))
                ready = wait([w.results for w in self.workers], timeout)
                if on_wait:
                    on_wait()
                for worker in [w for w in self.workers if w.results in ready]:
                    try:
                        message = worker.results.recv()
                    except (EOFError, OSError):
                        result = self._lost(worker)
                        if not worker.ready:
                            startup_failures += 1
                        if result is not None:
                            yield result
                        continue
                    if message[0] == "ready":
                        worker.ready = True
                        worker.deadline = IDLE
                        startup_failures = 0
                    elif message[0] == "done":
                        _, key, value, failure, seconds, retiring, detail = message
                        worker.task = None
                        worker.deadline = IDLE
                        worker.retiring = retiring  # it gets no more tasks; its EOF follows
                        yield Result(key, value, failure, seconds, detail)
                now = time.monotonic()
                for worker in [w for w in self.workers if w.deadline <= now]:
                    if not worker.ready:
                        startup_failures += 1
                    yield from self._expired(worker)
                if startup_failures >= 3:
                    yield from self._cannot_start(pending)
                    return
        finally:
            self.close()

    # ----------------------------------------------------------------------- helpers
    def _top_up(self, waiting: int) -> None:
        idle = sum(1 for w in self.workers if w.task is None and not w.retiring)
        wanted = min(self.jobs, len(self.workers) + max(0, waiting - idle))
        while len(self.workers) < wanted:
            self.workers.append(_Worker(self.config, self.log_file))

    def _lost(self, worker: _Worker) -> Result | None:
        """A worker's pipe closed: it retired, or it died (with or without a task)."""
        self.workers.remove(worker)
        with contextlib.suppress(ProcessLookupError, PermissionError):  # anything the task started goes too
            os.killpg(worker.process.pid, signal.SIGKILL)
        how = worker.exit_description()
        worker.close()
        if worker.task is None:
            if not worker.ready:
                log.warning("a worker could not start (%s)", how)
            return None
        key = worker.task[0]
        seconds = time.monotonic() - worker.started
        if how in ("SIGALRM", "SIGXCPU"):  # the worker's own deadline backstop
            failure = timed_out(self.limits.seconds)
        elif how in STOPPED_FROM_OUTSIDE:  # not by us: the out-of-memory killer, a `kill`, a shutdown
            failure = stopped_from_outside(how).failure()
        else:
            failure = crashed(how, self.limits.memory_mb)
        return Result(key, None, failure, seconds)

    def _expired(self, worker: _Worker) -> Iterator[Result]:
        self.workers.remove(worker)
        worker.kill()
        if worker.task is not None:
            yield Result(worker.task[0], None, timed_out(self.limits.seconds), time.monotonic() - worker.started)
        else:
            log.warning("a worker did not start within %s seconds", STARTUP_SECONDS)

    def _cannot_start(self, pending: deque[tuple[str, dict[str, Any]]]) -> Iterator[Result]:
        where = f"; details in {self.log_file}" if self.log_file else ""
        failure = Failure(
            "internal",
            f"could not be processed: the document reader would not start{where}",
            "check the installation (run `make` again), then report it if it persists",
        )
        for worker in list(self.workers):
            if worker.task is not None:
                yield Result(worker.task[0], None, failure)
        while pending:
            yield Result(pending.popleft()[0], None, failure)


# =========================================================================== worker side


def _resolve(spec: str) -> Callable[..., Any]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _vm_kb(field_name: str) -> int:
    """VmSize / VmPeak of this process in kB (0 where /proc is not available)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _cap_memory(memory_mb: int) -> None:
    if memory_mb <= 0:
        return
    try:
        import resource
    except ImportError:  # not a Unix: no cap, the deadline still applies
        return
    limit = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _run_one(
    job: Callable[..., Any], key: str, kwargs: dict[str, Any], limits: Limits
) -> tuple[Any, Failure | None, bool, str]:
    """(value, failure, retire, detail) for one task; any exception becomes a Failure (`failure_of`)."""
    peak_before = _vm_kb("VmPeak")
    cap_kb = limits.memory_mb * 1024
    if hasattr(signal, "alarm"):  # backstop if the parent cannot kill us: SIGALRM ends the process
        signal.alarm(int(limits.seconds * 1.5) + 5)
    try:
        return job(**kwargs), None, _grown(cap_kb), ""
    except MemoryError:
        return None, too_large(limits.memory_mb), True, ""
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # every failure becomes one line, never a dead worker
        failure, detail = failure_of(exc)
        hit_cap = bool(cap_kb) and _vm_kb("VmPeak") > max(peak_before, int(cap_kb * 0.9))
        if isinstance(exc.__context__, MemoryError) or isinstance(exc.__cause__, MemoryError) or hit_cap:
            # a library turned running out of memory into its own error (or ours did)
            return None, too_large(limits.memory_mb), True, ""
        return None, failure, failure.category in ("internal", "too-large"), detail
    finally:
        if hasattr(signal, "alarm"):
            signal.alarm(0)


def _grown(cap_kb: int) -> bool:
    return bool(cap_kb) and _vm_kb("VmSize") > cap_kb * RETIRE_SHARE


def main(argv: list[str]) -> int:
    """Worker entry point: `python -m pipeline.build.pool TASK_FD RESULT_FD CONFIG_JSON`."""
    task_fd, result_fd, config = int(argv[1]), int(argv[2]), json.loads(argv[3])
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent(int(config["parent"]))
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.WARNING,
        format=f"%(asctime)s worker {os.getpid()} %(levelname)s %(name)s: %(message)s",
    )
    limits = Limits(float(config["seconds"]), int(config["memory_mb"]))
    tasks = Connection(task_fd, writable=False)
    results = Connection(result_fd, readable=False)
    if config.get("prepare"):
        _resolve(config["prepare"])(**config.get("prepare_args", {}))
    job = _resolve(config["job"])
    _cap_memory(limits.memory_mb)
    results.send(("ready", os.getpid()))
    for served in range(1, TASKS_PER_WORKER + 1):
        try:
            message = tasks.recv()
        except (EOFError, OSError):
            return 0
        if message is None:
            return 0
        key, kwargs = message
        started = time.monotonic()
        value, failure, retire, detail = _run_one(job, key, kwargs, limits)
        retire = retire or served == TASKS_PER_WORKER
        try:
            results.send(("done", key, value, failure, round(time.monotonic() - started, 3), retire, detail))
        except MemoryError:
            results.send(("done", key, None, too_large(limits.memory_mb), 0.0, True, ""))
            return 0
        if retire:
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
