"""The worker pool: every task comes back, and a task that hangs, eats memory or crashes costs one
result, never the batch. The jobs below run inside the workers (named "tests.test_worker:...")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipeline.build.pool import Limits, Pool, Result
from pipeline.core.errors import DamagedFile
from tests.helpers import ROOT, SHARED

HOSTILE = SHARED / "corpus" / "hostile"
JOBS = "tests.test_worker"


# --------------------------------------------------------------------------- jobs (run in workers)


def echo(value: object) -> object:
    return value


def spin() -> None:
    while True:
        pass


def hog(mb: int) -> None:
    chunks = []
    while True:
        chunks.append(bytearray(mb << 20))


def segfault() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def leave(code: int) -> None:
    os._exit(code)


def killed(signum: int) -> None:
    """The worker is killed from outside while it reads: the out-of-memory killer, a `kill`."""
    os.kill(os.getpid(), signum)
    time.sleep(30)


def damaged() -> None:
    raise DamagedFile("damaged PDF (xref missing)")


def bug() -> None:
    raise KeyError("oops")


def sleeper_then_spin(pid_file: str) -> None:
    """Start a child process of our own, then hang: a timeout must take the child too."""
    child = subprocess.Popen(["sleep", "600"])
    Path(pid_file).write_text(str(child.pid))
    spin()


def pdf_text(path: str) -> int:
    """What any PDF reader does first: open it and take the text of every page."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


# --------------------------------------------------------------------------- helpers


def run(
    job: str,
    tasks: list[tuple[str, dict]],
    jobs: int = 2,
    seconds: float = 30,
    memory_mb: int = 1024,
) -> dict[str, Result]:
    pool = Pool(f"{JOBS}:{job}", jobs, Limits(seconds, memory_mb))
    return {r.key: r for r in pool.run(tasks)}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purposes
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


# --------------------------------------------------------------------------- tests


def test_every_task_comes_back_once_with_its_value() -> None:
    results = run("echo", [(str(n), {"value": n * n}) for n in range(7)], jobs=3)
    assert {k: r.value for k, r in results.items()} == {str(n): n * n for n in range(7)}
    assert all(r.failure is None for r in results.values())


def test_a_pipeline_error_is_passed_on_as_category_reason_remedy() -> None:
    failure = run("damaged", [("a", {})])["a"].failure
    assert failure is not None and failure.category == "damaged"
    assert failure.line("a.pdf") == "a.pdf: damaged PDF (xref missing) — " + DamagedFile.remedy


def test_a_bug_is_one_line_not_a_traceback() -> None:
    failure = run("bug", [("a", {})])["a"].failure
    assert failure is not None and failure.category == "internal"
    assert failure.reason == "could not be processed because of an internal error in the pipeline"


def test_a_hanging_task_is_killed_at_the_deadline_and_the_others_still_run() -> None:
    started = time.monotonic()
    pool = Pool(f"{JOBS}:spin", 1, Limits(1.0, 1024))
    results = list(pool.run([("hang", {}), ("hang2", {})]))
    elapsed = time.monotonic() - started
    assert [r.failure.category for r in results if r.failure] == ["timed-out", "timed-out"]
    assert "after 1 seconds" in results[0].failure.reason
    assert elapsed < 60, elapsed  # two deadlines plus two worker starts (on a busy machine), not forever


def test_a_timeout_kills_what_the_task_started_too(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    results = run("sleeper_then_spin", [("a", {"pid_file": str(pid_file)})], seconds=2)
    assert results["a"].failure.category == "timed-out"
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(child), "the task's own child process outlived the timeout"


def test_a_task_over_the_memory_cap_is_too_large_and_the_next_task_runs() -> None:
    pool = Pool(f"{JOBS}:hog", 1, Limits(30, 400))
    results = list(pool.run([("a", {"mb": 64}), ("b", {"mb": 64})]))
    assert [r.failure.category for r in results] == ["too-large", "too-large"]
    assert "400 MB" in results[0].failure.reason


def test_a_crash_is_one_damaged_line_and_a_new_worker_takes_over() -> None:
    results = run("segfault", [("a", {}), ("b", {}), ("c", {})], jobs=1)
    for result in results.values():
        assert result.failure.category == "damaged"
        assert "SIGSEGV" in result.failure.reason


def test_a_worker_that_exits_is_reported_with_its_status() -> None:
    failure = run("leave", [("a", {"code": 3})])["a"].failure
    assert failure.category == "damaged" and "exit status 3" in failure.reason


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_worker_killed_from_outside_is_the_machine_s_failure_and_is_retried(signum: int) -> None:
    failure = run("killed", [("a", {"signum": int(signum)})])["a"].failure
    assert failure.category == "machine" and not failure.remembered
    assert signal.Signals(signum).name in failure.reason and "not a fault of the document" in failure.reason


def test_stopping_the_run_kills_every_worker() -> None:
    pool = Pool(f"{JOBS}:spin", 2, Limits(60, 1024))
    started: list[str] = []
    processes: list[subprocess.Popen[bytes]] = []

    def on_start(key: str) -> None:  # Ctrl-C arrives while the second task is handed out
        started.append(key)
        processes.extend(w.process for w in pool.workers if w.process not in processes)
        if len(started) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        for _ in pool.run([("a", {}), ("b", {}), ("c", {})], on_start=on_start):
            pass
    assert started == ["a", "b"] and len(processes) == 2
    assert pool.workers == [] and all(p.poll() is not None for p in processes)  # killed and reaped


def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    """A build killed with SIGKILL takes its workers with it (Linux), even mid-task."""
    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pipeline.build.pool import Limits, Pool
        pool = Pool("{JOBS}:spin", 1, Limits(600, 1024))
        def started(key):
            print(pool.workers[0].process.pid, flush=True)
            os._exit(0)  # the parent vanishes without cleaning up
        list(pool.run([("a", {{}})], on_start=started))
    """)
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    worker = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(worker)


# --------------------------------------------------------------------------- real hostile files


def test_the_flate_bomb_meets_the_memory_cap_not_the_machine() -> None:
    """4 GiB of zeros behind a few kB: the worker hits its cap, says too large, and the next file runs."""
    started = time.monotonic()
    results = run(
        "pdf_text",
        [
            ("bomb", {"path": str(HOSTILE / "generated__flate_bomb_4GiB.pdf")}),
            ("fine", {"path": str(HOSTILE / "pdf.js__pr6531_2.pdf")}),
        ],
        jobs=1,
        seconds=60,
        memory_mb=700,
    )
    assert results["bomb"].failure is not None and results["bomb"].failure.category == "too-large"
    assert results["fine"].failure is None
    assert time.monotonic() - started < 120  # bounded, even on a busy machine


def test_the_cpu_bomb_is_stopped_at_the_deadline() -> None:
    """Sixteen million q/Q operators: the worker is killed at the deadline, one line, and the batch goes on."""
    started = time.monotonic()
    results = run(
        "pdf_text",
        [
            ("bomb", {"path": str(HOSTILE / "generated__cpu_bomb_16M_qQ_ops.pdf")}),
            ("fine", {"path": str(HOSTILE / "pdf.js__pr6531_2.pdf")}),
        ],
        jobs=2,
        seconds=3,
    )
    assert results["bomb"].failure is not None and results["bomb"].failure.category == "timed-out"
    assert results["fine"].failure is None
    assert time.monotonic() - started < 90  # bounded, even on a busy machine


def test_a_worker_that_cannot_start_fails_the_tasks_with_one_line_each(tmp_path: Path) -> None:
    log = tmp_path / "build.log"
    pool = Pool(f"{JOBS}:no_such_job", 2, Limits(30, 1024), log_file=log)
    results = list(pool.run([("a", {}), ("b", {}), ("c", {})]))
    assert sorted(r.key for r in results) == ["a", "b", "c"]
    for result in results:
        assert result.failure.category == "internal"
        assert result.failure.reason == f"could not be processed: the document reader would not start; details in {log}"
    assert "no_such_job" in log.read_text()  # the traceback is there for maintainers
    assert pool.workers == []
