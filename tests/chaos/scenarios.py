"""Fault scenarios over a real multi-document build, and the check that nothing was lost.

Each scenario starts a real build in a subprocess (`tests.chaos.hooks`), does something to it —
kills it (SIGKILL, SIGINT to its process group as Ctrl-C does, SIGTERM as `kill` does) after a
delay or at a named point, fills the disk at its Nth write, caps the size of a file (`ulimit -f`),
empties its outputs folder while it runs (as `make clean` in another terminal), or starts a
second build beside it — and then checks:

- the faulty build printed no traceback and no false "internal error", and on SIGINT or SIGTERM
  ended with its one "Stopped." line;
- no process of that build is left once it has ended (a forked writer, a worker, a page reader):
  each carries the scenario's `CHAOS_RUN` in its environment, so they are found in /proc;
- the next normal build, started at once (the lock must be free), exits 0 and leaves the outputs
  folder byte-identical to a clean build of the same inputs (every file but the log).

A scenario that fails the last check has lost state; the others are reported as problems.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.chaos.hooks import MARKER_ENV, NOSPACE_ENV, PAUSE_ENV

ROOT = Path(__file__).resolve().parent.parent.parent
RUN_ENV = "CHAOS_RUN"
MACHINE_FILES = (".build.log", ".hashes.json")  # written for this machine: never compared
CLEAN = (".json", ".xlsx", ".md", ".csv")  # what `make clean` removes, with the manifest, the log and temp files
SECONDS = 180.0  # a build that has not ended by then has hung


@dataclass(frozen=True)
class Scenario:
    """What to do to one build. `signal` is sent `after` seconds, or when the build reaches
    `pause` (a `tests.chaos.hooks.POINTS` name, ":N" for its Nth time); `clean_outputs` and
    `second_build` happen at the pause instead, and the build then goes on."""

    name: str
    signal: int | None = None
    after: float | None = None
    pause: str | None = None
    nospace: str | None = None  # "parent:N" / "worker:N"
    file_limit: int | None = None  # bytes, as `ulimit -f`
    clean_outputs: bool = False
    second_build: bool = False
    force: bool = False  # the faulty build is `build --force`
    from_previous: bool = False  # start from the outputs of an earlier version of the inputs
    inputs_changed_after: bool = False  # the faulty build builds the earlier version; the next, the current one


@dataclass
class Outcome:
    scenario: Scenario
    lost: list[str] = field(default_factory=list)  # outputs that differ from a clean build's
    problems: list[str] = field(default_factory=list)  # tracebacks, processes left, a refused rerun

    @property
    def ok(self) -> bool:
        return not self.lost and not self.problems


@dataclass
class Setup:
    """The inputs, the earlier version's outputs, a clean build's outputs, how a build is run."""

    inputs: Path
    previous: Path | None
    reference: dict[str, bytes]
    work: Path
    env: dict[str, str]
    jobs: int = 2
    clean_seconds: float = 10.0
    previous_inputs: Path | None = None


# --------------------------------------------------------------------------- running builds


def build_command(inputs: Path, outputs: Path, jobs: int, force: bool = False) -> list[str]:
    command = [sys.executable, "-m", "tests.chaos.hooks", "build", str(inputs), str(outputs), "--jobs", str(jobs)]
    return command + (["--force"] if force else [])


def run_build(setup: Setup, outputs: Path, force: bool = False) -> subprocess.CompletedProcess[str]:
    """A normal build (no faults), as `make` runs it; through `tests.chaos.hooks` with none of
    its faults asked for, so that its workers run the same job as the faulty build's."""
    env = {k: v for k, v in setup.env.items() if k not in (PAUSE_ENV, NOSPACE_ENV)}
    return subprocess.run(
        build_command(setup.inputs, outputs, setup.jobs, force),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=SECONDS,
    )


def contents(folder: Path) -> dict[str, bytes]:
    """Every file of an outputs folder but the log (it names the folder and the time it took)."""
    # the log and the input hash cache (`.hashes.json`) are this machine's, not the build's outputs
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name not in MACHINE_FILES}


def prepare(inputs: Path, work: Path, env: dict[str, str], jobs: int = 2, previous_inputs: Path | None = None) -> Setup:
    """Build the reference (a clean build of `inputs`) and, from `previous_inputs`, the outputs
    a scenario that starts from an earlier version begins with."""
    work.mkdir(parents=True, exist_ok=True)
    setup = Setup(inputs, None, {}, work, env, jobs)
    started = time.monotonic()
    reference = work / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    done = run_build(setup, reference)
    if done.returncode != 0:
        raise RuntimeError(f"the clean build failed:\n{done.stdout}\n{done.stderr}")
    setup.clean_seconds = time.monotonic() - started
    setup.reference = contents(reference)
    if previous_inputs is not None:
        previous = work / "previous"
        shutil.rmtree(previous, ignore_errors=True)
        done = run_build(Setup(previous_inputs, None, {}, work, env, jobs), previous)
        if done.returncode != 0:
            raise RuntimeError(f"the earlier version's build failed:\n{done.stdout}\n{done.stderr}")
        setup.previous, setup.previous_inputs = previous, previous_inputs
    return setup


def run_scenario(setup: Setup, scenario: Scenario) -> Outcome:
    outcome = Outcome(scenario)
    outputs = setup.work / "runs" / scenario.name.replace(" ", "-").replace("/", "-")
    shutil.rmtree(outputs.parent / outputs.name, ignore_errors=True)
    if scenario.from_previous and setup.previous is not None:
        shutil.copytree(setup.previous, outputs)
    marker = outputs.parent / f"{outputs.name}.pause"
    marker.unlink(missing_ok=True)
    run_id = uuid.uuid4().hex
    env = dict(setup.env, **{RUN_ENV: run_id})
    for name in (PAUSE_ENV, NOSPACE_ENV):
        env.pop(name, None)
    if scenario.pause:
        env.update({PAUSE_ENV: scenario.pause, MARKER_ENV: str(marker)})
    if scenario.nospace:
        env[NOSPACE_ENV] = scenario.nospace

    def limits() -> None:
        if scenario.file_limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (scenario.file_limit, scenario.file_limit))

    inputs = setup.inputs
    if scenario.inputs_changed_after and setup.previous_inputs is not None:
        inputs = setup.previous_inputs
    process = subprocess.Popen(
        build_command(inputs, outputs, setup.jobs, scenario.force),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a build started from a terminal is
        preexec_fn=limits if scenario.file_limit is not None else None,
    )
    signalled = False
    try:
        if scenario.pause:
            paused = _wait_for(marker, process)
            if paused is not None:
                signalled = _act_at_pause(setup, scenario, process, outputs, marker, outcome)
        elif scenario.after is not None and scenario.signal is not None:
            try:
                process.wait(timeout=scenario.after)
            except subprocess.TimeoutExpired:
                _send(process, scenario.signal)
                signalled = True
        try:  # a build told to stop must not wait for anything: not even a process still paused
            out, err = process.communicate(timeout=30 if signalled else SECONDS)
        except subprocess.TimeoutExpired:  # it hung, or a process it left still holds its output
            process.kill()
            outcome.problems.append("the build did not end, or left a process holding its output")
            _check_no_process_left(run_id, outcome)  # (and stops them)
            out, err = process.communicate(timeout=SECONDS)
        else:
            _check_no_process_left(run_id, outcome)  # with the marker still there: nothing left paused either
    finally:
        marker.unlink(missing_ok=True)
        if process.poll() is None:
            process.kill()
            process.wait()
    _check_lines(scenario, signalled, out, err, outcome, process.returncode)
    recovery = run_build(setup, outputs)  # at once: the lock must be free
    if recovery.returncode != 0:
        outcome.problems.append(f"the next build exited {recovery.returncode}: {recovery.stderr.strip()[-400:]}")
    after = contents(outputs)
    reference = setup.reference
    outcome.lost = sorted(name for name in set(after) | set(reference) if after.get(name) != reference.get(name))
    return outcome


def _wait_for(marker: Path, process: subprocess.Popen[str]) -> int | None:
    """The pid that paused at the marker, or None if the build ended without reaching it."""
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        if marker.exists():
            text = marker.read_text(encoding="ascii").strip()
            if text:
                return int(text)
        if process.poll() is not None:
            return None
        time.sleep(0.01)
    return None


def _act_at_pause(
    setup: Setup, scenario: Scenario, process: subprocess.Popen[str], outputs: Path, marker: Path, outcome: Outcome
) -> bool:
    """Do the scenario's deed while the build waits at its point; True when a signal was sent."""
    if scenario.clean_outputs:
        _make_clean(outputs)
    if scenario.second_build:
        second = run_build(setup, outputs)
        if second.returncode != 1 or "another build is already writing" not in second.stderr:
            outcome.problems.append(f"a second build beside the first was not refused: {second.stderr.strip()}")
    if scenario.signal is not None:  # the paused process stays paused: the signal must end it, or its parent
        _send(process, scenario.signal)
        return True
    marker.unlink(missing_ok=True)
    return False


def _send(process: subprocess.Popen[str], signum: int) -> None:
    """SIGINT as Ctrl-C sends it (to the build's process group); SIGTERM and SIGKILL as `kill` does."""
    with contextlib.suppress(ProcessLookupError):
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)
        else:
            os.kill(process.pid, signum)


def _make_clean(outputs: Path) -> None:
    """What `make clean` removes from outputs/, while the build goes on."""
    for path in list(outputs.iterdir()) if outputs.is_dir() else []:
        name = path.name
        if name.endswith(CLEAN) or name in (".manifest.json", *MACHINE_FILES) or name.startswith(".tmp-"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _check_lines(
    scenario: Scenario, signalled: bool, out: str, err: str, outcome: Outcome, status: int | None = None
) -> None:
    if "Traceback" in out + err:
        outcome.problems.append("a traceback: " + (out + err).split("Traceback", 1)[1][:600])
    if "internal error" in err:
        outcome.problems.append("a false internal error: " + err.strip()[-400:])
    if signalled and scenario.signal in (signal.SIGINT, signal.SIGTERM):
        lines = [line for line in err.splitlines() if line.strip()]
        if not lines or not lines[-1].startswith("Stopped."):
            outcome.problems.append(f"{signal.Signals(scenario.signal).name} did not end with one line: {err!r}")
        elif status is not None and status != 128 + scenario.signal:  # 130 Ctrl-C, 143 kill: as a shell reports them
            outcome.problems.append(
                f"{signal.Signals(scenario.signal).name} exited {status}, not {128 + scenario.signal}"
            )


def _processes(run_id: str) -> Iterator[int]:
    needle = f"{RUN_ENV}={run_id}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and needle in environ.split(b"\0"):
            yield int(entry.name)


def _check_no_process_left(run_id: str, outcome: Outcome) -> None:
    """No process of the build outlives it (a moment for the kernel to deliver their signal)."""
    if not Path("/proc/self/environ").exists():
        return
    deadline = time.monotonic() + 3.0
    left = list(_processes(run_id))
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = list(_processes(run_id))
    if left:
        outcome.problems.append(f"{len(left)} process(es) of the build still running after it ended")
        for pid in left:  # ours, started by this scenario: stop them before the next
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


# --------------------------------------------------------------------------- the scenario list

SIGNALS = (signal.SIGKILL, signal.SIGINT, signal.SIGTERM)
PAUSE_POINTS = ("commit", "committed:2", "manifest:2", "index", "index-written", "revisions", "diff-written")


def all_scenarios(clean_seconds: float, quick: bool = False) -> list[Scenario]:
    """Kills at many moments and points, full disks, capped files, emptied outputs, two builds."""
    out: list[Scenario] = []
    fractions = (0.15, 0.5, 0.85) if quick else (0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0)
    for signum in SIGNALS:
        name = signal.Signals(signum).name
        for k, share in enumerate(fractions):
            delay = round(share * clean_seconds, 2)
            out.append(Scenario(f"{name} after {delay}s", signal=signum, after=delay, from_previous=k % 2 == 1))
        for point in PAUSE_POINTS if not quick else ("commit", "index", "diff-written"):
            out.append(Scenario(f"{name} at {point}", signal=signum, pause=point, from_previous=True, force=True))
    for n in (1, 5, 20, 60) if not quick else (5,):
        out.append(Scenario(f"disk full at the build's write {n}", nospace=f"parent:{n}", from_previous=True))
    for n in (1, 3) if not quick else (1,):
        out.append(Scenario(f"disk full at each worker's write {n}", nospace=f"worker:{n}"))
    for limit in (4_000, 20_000) if not quick else (20_000,):
        out.append(Scenario(f"files capped at {limit} bytes", file_limit=limit, from_previous=True))
    for point in ("commit:2", "index", "revisions") if not quick else ("index",):
        out.append(Scenario(f"outputs emptied at {point}", pause=point, clean_outputs=True, from_previous=True))
    out.append(Scenario("two builds at once", pause="commit", second_build=True))
    return out


def summary(outcomes: list[Outcome]) -> str:
    lost = sum(1 for o in outcomes if o.lost)
    line = f"{len(outcomes)} scenarios, {lost} states lost"
    problems = sum(1 for o in outcomes if o.problems)
    return line + (f" ({problems} with other problems)" if problems else "")
