"""A build loses nothing to the machine: a full disk, a kill, outputs removed under it.

Failures of the machine are retried, never remembered against the file; the index and the
revision histories are made from what is on disk at the end of each build, so any interruption
is repaired by the next one; Ctrl-C and `kill` stop every process of the build with one line.
The last tests run a sample of `make chaos` (tests/chaos/): real builds in subprocesses, killed,
starved of disk or emptied at named points, each followed by a normal build that must end
byte-identical to a clean one.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
from pathlib import Path

import pytest

import pipeline.build.run as build_module
import pipeline.emit.index as index_module
from pipeline.build.run import build_outputs
from pipeline.build.schedule import MANIFEST
from tests.chaos.scenarios import Scenario, Setup, prepare, run_scenario
from tests.helpers import FIXTURES, ROOT

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"
PLAN_V2 = ROOT / "inputs" / "self-harm-action-plan 2020-06 revision 2.txt"
GUIDANCE = ROOT / "inputs" / "self-harm-reflection-tool.txt"
DISK_FULL = "the disk is full (not a fault of the document) — free some space on the disk and run `make` again"


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for path in (PLAN, PLAN_V2, GUIDANCE):
        shutil.copy(path, folder / path.name)
    return folder


def build(inputs: Path, outputs: Path, capsys: pytest.CaptureFixture[str], **options: object) -> tuple[int, str, str]:
    stats = build_outputs(inputs, outputs, **options)  # type: ignore[arg-type]
    captured = capsys.readouterr()
    _sent[:] = [stats.sent]
    return stats.exit_status, captured.out, captured.err


_sent: list[int] = []


def contents(folder: Path) -> dict[str, bytes]:
    machine = (".build.log", ".hashes.json")  # this machine's log and input hash cache, not outputs
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name not in machine}


@pytest.fixture
def clean(inputs: Path, tmp_path: Path, cached_reading: None, capsys: pytest.CaptureFixture[str]) -> dict[str, bytes]:
    """What a clean build of the inputs writes."""
    assert build(inputs, tmp_path / "clean", capsys)[0] == 0
    return contents(tmp_path / "clean")


# --------------------------------------------------------------------------- the machine's failures


def test_a_full_disk_in_a_worker_blames_the_disk_and_is_retried_once_there_is_space(
    inputs: Path, tmp_path: Path, cached_reading: None, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    outputs = tmp_path / "outputs"
    monkeypatch.setattr(build_module, "JOB", "tests.build_jobs:disk_full")
    code, out, err = build(inputs, outputs, capsys)
    assert code == 1
    assert sorted(err.strip().splitlines()) == [
        f"{p.name}: could not be processed: {DISK_FULL}" for p in sorted((PLAN_V2, PLAN, GUIDANCE))
    ]
    manifest = json.loads((outputs / MANIFEST).read_text(encoding="utf-8"))
    assert not [name for name, entry in manifest["files"].items() if "failed" in entry]  # never remembered
    problems = [d["problem"] for d in json.loads((outputs / "index.json").read_text())["documents"]]
    assert {p["category"] for p in problems} == {"machine"}  # this build's index says why
    monkeypatch.undo()
    monkeypatch.setattr(build_module, "JOB", "tests.build_jobs:cached_build")
    monkeypatch.setattr(build_module, "PREPARE", None)
    code, out, err = build(inputs, outputs, capsys)  # space again, nothing changed: built now
    assert (code, _sent[0]) == (0, 3), err
    assert "not retried" not in out


def test_a_full_disk_when_writing_the_index_is_the_disk_s_fault_and_it_is_written_next_time(
    inputs: Path, tmp_path: Path, clean: dict[str, bytes], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    outputs = tmp_path / "outputs"
    real = index_module.write_index

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(index_module, "write_index", full)
    code, _, err = build(inputs, outputs, capsys, jobs=1)
    assert code == 1
    assert err.strip().splitlines() == [f"index.json, all-plans.xlsx: could not be written: {DISK_FULL}"]
    assert "internal error" not in err
    monkeypatch.setattr(index_module, "write_index", real)
    assert build(inputs, outputs, capsys)[0] == 0
    assert contents(outputs) == clean


def test_a_line_never_points_to_a_log_that_could_not_be_written(tmp_path: Path) -> None:
    from pipeline.core.errors import Failure
    from pipeline.emit.log import DetailLog

    log = DetailLog(tmp_path / "gone" / ".build.log")
    log.begun = True  # its folder went away after the build began it
    assert log.add("plan.pdf", "Traceback ...") is None
    failure = Failure("internal", "could not be read", "report it")
    assert failure.with_details(None) == failure
    assert failure.with_details(tmp_path / "x.log").remedy == f"report it (details in {tmp_path / 'x.log'})"


# --------------------------------------------------------------------------- from what is on disk


def test_outputs_removed_while_the_index_is_written_are_repaired_by_the_next_build(
    inputs: Path, tmp_path: Path, clean: dict[str, bytes], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    """`make clean` in another terminal while the build writes its index: that index says a good
    document failed; the next build (nothing else changed) writes it again, as a clean build would."""
    outputs = tmp_path / "outputs"
    real = index_module.write_index

    def emptied_first(outputs: Path, *args: object, **kwargs: object) -> object:
        (outputs / "self-harm-action-plan.json").unlink()
        return real(outputs, *args, **kwargs)

    monkeypatch.setattr(index_module, "write_index", emptied_first)
    build(inputs, outputs, capsys, jobs=1)
    states = {d["file"]: d["state"] for d in json.loads((outputs / "index.json").read_text())["documents"]}
    assert states[PLAN.name] == "failed"
    monkeypatch.setattr(index_module, "write_index", real)
    assert build(inputs, outputs, capsys)[0] == 0
    assert contents(outputs) == clean


def test_an_index_changed_or_removed_by_hand_is_written_again(
    inputs: Path, tmp_path: Path, clean: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = tmp_path / "outputs"
    assert build(inputs, outputs, capsys)[0] == 0
    (outputs / "index.json").write_text("{}", encoding="utf-8")
    (outputs / "all-actions.csv").unlink()
    (outputs / "Preventing Self-Harm Action Plan.history.xlsx").write_bytes(b"PK")
    assert build(inputs, outputs, capsys)[0] == 0
    assert _sent[0] == 0 and contents(outputs) == clean


def test_force_restores_the_state_of_a_clean_build(
    inputs: Path, tmp_path: Path, clean: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    """Diffs and histories no build recorded (left by a build stopped half-way by an earlier
    version) and an index that does not match go with --force."""
    outputs = tmp_path / "outputs"
    assert build(inputs, outputs, capsys)[0] == 0
    stray = ["old__older.diff.md", "old__older.diff.json", "old__older.diff.xlsx", "Old Plan.history.xlsx"]
    for name in stray:
        (outputs / name).write_bytes(b"left behind")
    (outputs / "all-plans.xlsx").write_bytes(b"PK")
    code, out, _ = build(inputs, outputs, capsys, force=True)
    assert code == 0
    assert contents(outputs) == clean
    removed = ", ".join(sorted(stray))  # named, never silently: one may be a diff written there by hand
    assert f"removed {removed}: histories and diffs that no build recorded" in out


# --------------------------------------------------------------------------- the revision step


def test_one_plan_s_failed_history_is_one_line_and_the_next_build_tries_it_again(
    inputs: Path, tmp_path: Path, clean: dict[str, bytes], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    import pipeline.diff.revisions as revisions

    outputs = tmp_path / "outputs"
    real = revisions.write_group

    def broken(*args: object, **kwargs: object) -> list[Path]:
        raise RuntimeError("history boom")

    monkeypatch.setattr(revisions, "write_group", broken)
    code, _, err = build(inputs, outputs, capsys)
    log = outputs / ".build.log"
    assert code == 1
    assert err.strip().splitlines() == [
        "revision history of Preventing Self-Harm Action Plan: could not be written because of an internal "
        f"error in the pipeline — please report this to the pipeline's maintainers (details in {log})"
    ]
    assert "RuntimeError: history boom" in log.read_text(encoding="utf-8")
    monkeypatch.setattr(revisions, "write_group", real)
    assert build(inputs, outputs, capsys)[0] == 0
    assert contents(outputs) == clean


def test_a_history_whose_files_were_removed_meanwhile_is_the_folder_s_trouble_not_ours(
    inputs: Path, tmp_path: Path, clean: dict[str, bytes], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    import pipeline.diff.revisions as revisions

    outputs = tmp_path / "outputs"
    real = revisions.write_group

    def emptied(*args: object, **kwargs: object) -> list[Path]:
        try:
            (tmp_path / "gone" / "history.xlsx").open("rb")  # the staging folder taken away meanwhile
        except FileNotFoundError as exc:
            raise ValueError("could not write the workbook") from exc
        return []

    monkeypatch.setattr(revisions, "write_group", emptied)
    code, _, err = build(inputs, outputs, capsys)
    assert code == 1
    assert err.strip().splitlines() == [
        "revision history of Preventing Self-Harm Action Plan: could not be written: files in the output "
        "folder were removed while the build ran (not a fault of the document) — run `make` again"
    ]
    monkeypatch.setattr(revisions, "write_group", real)
    assert build(inputs, outputs, capsys)[0] == 0  # tried again: nothing was remembered as failed
    assert contents(outputs) == clean


# --------------------------------------------------------------------------- real builds, faults injected


@pytest.fixture(scope="module")
def chaos(tmp_path_factory: pytest.TempPathFactory, sample_outputs: Path) -> Setup:
    """Three documents (two revisions of one plan) built by subprocesses whose workers copy the
    samples' outputs; a clean build of them as the reference; an earlier version's outputs."""
    from tests.build_jobs import CACHE_ENV

    work = tmp_path_factory.mktemp("chaos")
    inputs, previous = work / "in", work / "in-previous"
    for folder in (inputs, previous):
        folder.mkdir()
        for path in (PLAN, PLAN_V2, GUIDANCE):
            shutil.copy(path, folder / path.name)
    shutil.copy(FIXTURES / "revision-2 2020-06.txt", previous / "plan v3.txt")  # gone since
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHAOS_")}
    env.update({CACHE_ENV: str(sample_outputs), "CHAOS_CACHED": "1"})
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return prepare(inputs, work, env, jobs=2, previous_inputs=previous)


@pytest.mark.parametrize(
    "scenario",
    [
        # Ctrl-C and kill while the index is written in its forked process: one line, no traceback
        Scenario("SIGINT at index", signal=signal.SIGINT, pause="index", from_previous=True, force=True),
        Scenario("SIGTERM at index", signal=signal.SIGTERM, pause="index", force=True),
        # kill -9 of the build: the forked writer dies with it and the lock is free at once
        Scenario("SIGKILL at index", signal=signal.SIGKILL, pause="index", from_previous=True, force=True),
        # diffs written, not yet recorded; then a revision is taken out of inputs/
        Scenario("SIGKILL at diff-written", signal=signal.SIGKILL, pause="diff-written:2", inputs_changed_after=True),
        Scenario("SIGTERM at revisions-move", signal=signal.SIGTERM, pause="revisions-move", force=True),
        Scenario("outputs emptied at index", pause="index", clean_outputs=True, from_previous=True),
        Scenario("outputs emptied at commit", pause="commit:2", clean_outputs=True, force=True),
        Scenario("disk full at the build's write 3", nospace="parent:3", from_previous=True),
        Scenario("disk full in the workers", nospace="worker:1"),
        Scenario("two builds at once", pause="commit", second_build=True),
    ],
    ids=lambda s: s.name,
)
def test_after_a_fault_the_next_build_is_byte_identical_to_a_clean_build(chaos: Setup, scenario: Scenario) -> None:
    outcome = run_scenario(chaos, scenario)
    assert outcome.problems == []
    assert outcome.lost == []


def test_a_file_size_limit_hit_while_a_workbook_is_written_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    import resource
    import subprocess
    import sys

    inputs = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", inputs)

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (39_936, 39_936))  # the sheets' temporary files outgrow it

    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "build", str(inputs), str(tmp_path / "outputs"), "--jobs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=capped,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr, run.stderr
    assert "file size this system allows" in run.stderr or "file grew past" in run.stderr
