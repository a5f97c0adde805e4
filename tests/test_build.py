"""The build behind `make`, on temporary folders: incremental, parallel, never half-written.

Each test builds documents (the repository's text inputs, a real PDF, hostile PDFs) with real
worker processes; "no document was opened" is proven by the number of tasks the build sent to
its workers (`BuildStats.sent`, `sent()` here), which is where every open happens. Most tests
are about the build's bookkeeping: their workers copy the samples' outputs made once per
session (`conftest.cached_reading`) and really read only what is not a sample; the tests marked
`reads_documents` read everything, as `make` does.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import pipeline.build.run as build_module
from pipeline.build.run import BuildStats, build_outputs, run_build
from pipeline.build.schedule import MANIFEST, code_fingerprint
from pipeline.core.errors import PipelineError
from tests.helpers import FIXTURES, ROOT, SHARED

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"
GUIDANCE = ROOT / "inputs" / "self-harm-reflection-tool.txt"
REVISION = FIXTURES / "revision-2 2020-06.txt"  # the plan's next revision
HOSTILE = SHARED / "corpus" / "hostile"


@pytest.fixture(autouse=True)
def _reading(request: pytest.FixtureRequest) -> None:
    if "reads_documents" not in request.keywords:
        request.getfixturevalue("cached_reading")


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    """A private copy of rules/, so a test can touch or change it."""
    return Path(shutil.copytree(ROOT / "rules", tmp_path / "rules"))


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "inputs"
    folder.mkdir()
    shutil.copy(PLAN, folder / PLAN.name)
    shutil.copy(GUIDANCE, folder / GUIDANCE.name)
    return folder


@pytest.fixture
def outputs(tmp_path: Path) -> Path:
    return tmp_path / "outputs"


def build(
    inputs: Path,
    outputs: Path,
    rules_dir: Path,
    capsys: pytest.CaptureFixture[str],
    **options: object,
) -> tuple[int, str, str]:
    stats = build_outputs(inputs, outputs, rules_dir=rules_dir, **options)  # type: ignore[arg-type]
    captured = capsys.readouterr()
    _last[:] = [stats]
    return stats.exit_status, captured.out, captured.err


_last: list[BuildStats] = []


def sent() -> int:
    """How many documents the last `build` here handed to a worker (where every document is opened)."""
    return _last[0].sent


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time (hidden ones included), but the build's log (it
    says what each build did) and its record of the inputs' hashes (file signatures of this
    machine's, a cache): neither is an output to compare."""
    return {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name not in (".build.log", ".hashes.json")
    }


def contents(folder: Path) -> dict[str, bytes]:
    return {name: data for name, (data, _) in snapshot(folder).items()}


def set_limits(rules_dir: Path, **limits: float) -> None:
    path = rules_dir / "limits.yaml"
    lines = [line for line in path.read_text().splitlines() if line.split(":")[0].strip() not in limits]
    path.write_text("\n".join(lines + [f"{k}: {v}" for k, v in limits.items()]) + "\n")


def index(outputs: Path) -> dict:
    return json.loads((outputs / "index.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- incremental


def test_first_build_writes_each_documents_outputs_and_the_index(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 0, err
    for stem in ("self-harm-action-plan", "self-harm-reflection-tool"):
        assert (outputs / f"{stem}.json").is_file() and (outputs / f"{stem}.xlsx").is_file()
    assert (outputs / "index.json").is_file() and (outputs / "all-plans.xlsx").is_file()
    assert "built self-harm-action-plan.txt: action plan, 32 actions" in out
    assert "2 built, 0 unchanged, 0 failed" in out
    assert sent() == 2
    assert not [p for p in outputs.iterdir() if p.name.startswith(".tmp-")]


def test_nothing_changed_opens_no_document_and_touches_no_file(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(inputs, outputs, rules_dir, capsys)[0] == 0
    before = snapshot(outputs)
    code, out, _ = build(inputs, outputs, rules_dir, capsys)
    assert code == 0
    assert sent() == 0  # no task reached a worker: nothing was opened
    assert "0 built, 2 unchanged, 0 failed" in out
    assert "0 built, 2 unchanged, 0 failed" in (outputs / ".build.log").read_text(encoding="utf-8")  # every build
    assert snapshot(outputs) == before  # nothing else, not even the manifest or the index, was rewritten


def test_touching_a_rule_file_rebuilds_every_document(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    with (rules_dir / "statuses.yaml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment is a change too\n")
    code, out, _ = build(inputs, outputs, rules_dir, capsys)
    assert code == 0 and sent() == 2
    assert "2 built, 0 unchanged" in out


def test_a_changed_input_rebuilds_only_itself(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    guidance_json = (outputs / "self-harm-reflection-tool.json").read_bytes()
    shutil.copy(REVISION, inputs / PLAN.name)  # the plan's next revision saved over it
    code, out, _ = build(inputs, outputs, rules_dir, capsys)
    assert code == 0 and sent() == 1
    assert "1 built, 1 unchanged" in out
    assert (outputs / "self-harm-reflection-tool.json").read_bytes() == guidance_json


def test_force_rebuilds_everything(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    before = contents(outputs)
    assert build(inputs, outputs, rules_dir, capsys, force=True)[0] == 0
    assert sent() == 2
    assert contents(outputs) == before  # same inputs, same bytes


def test_deleting_an_input_removes_its_outputs(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    (outputs / "notes I keep here.txt").write_text("not ours")
    (inputs / GUIDANCE.name).unlink()
    code, out, _ = build(inputs, outputs, rules_dir, capsys)
    assert code == 0 and sent() == 0
    assert not (outputs / "self-harm-reflection-tool.json").exists()
    assert not (outputs / "self-harm-reflection-tool.xlsx").exists()
    assert (outputs / "self-harm-action-plan.json").exists()
    assert (outputs / "notes I keep here.txt").exists()  # only files the build wrote are ever removed
    assert "removed self-harm-reflection-tool.json, self-harm-reflection-tool.xlsx" in out
    assert [d["file"] for d in index(outputs)["documents"]] == [PLAN.name]
    assert GUIDANCE.name not in json.loads((outputs / MANIFEST).read_text())["files"]


def test_renamed_input_outputs_follow_the_new_name(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    (inputs / PLAN.name).rename(inputs / "Suicide prevention plan 2024.txt")
    assert build(inputs, outputs, rules_dir, capsys)[0] == 0
    assert not (outputs / "self-harm-action-plan.json").exists()
    data = json.loads((outputs / "Suicide prevention plan 2024.json").read_text(encoding="utf-8"))
    assert data["source"]["file"] == "Suicide prevention plan 2024.txt"
    assert (outputs / "Suicide prevention plan 2024.xlsx").is_file()


def test_inputs_with_the_same_stem_do_not_overwrite_each_other(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(GUIDANCE, inputs / "plan.txt")
    shutil.copy(PLAN, inputs / "plan.text")  # same stem: each keeps its extension
    shutil.copy(PLAN, inputs / "Plan.TXT")  # the same name as plan.txt on Windows and macOS: numbered
    shutil.copy(PLAN, inputs / "index.txt")  # must not overwrite the build's own index.json
    code, _, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 0, err
    expected = {
        "plan.txt (2).json": "plan.txt",
        "plan.text.json": "plan.text",
        "Plan.TXT.json": "Plan.TXT",
        "index.txt.json": "index.txt",
    }
    for output, source in expected.items():
        assert json.loads((outputs / output).read_text(encoding="utf-8"))["source"]["file"] == source
        assert (outputs / output.replace(".json", ".xlsx")).is_file()
    assert len(index(outputs)["documents"]) == 6


def test_awkward_file_names_work(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["Plan v2 (final) – Glos.txt", "Plan \"Q3\" – Ünïcødé 计划 'draft' ё.txt", "-rf $(rm) ; `x`.txt"]
    for name in names:
        shutil.copy(PLAN, inputs / name)
    code, out, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 0, err
    for name in names:
        stem = name[: -len(".txt")]
        assert json.loads((outputs / f"{stem}.json").read_text(encoding="utf-8"))["source"]["file"] == name
        assert (outputs / f"{stem}.xlsx").is_file()
        assert f"built {name}:" in out
    assert {p.parent for p in outputs.rglob("*")} == {outputs}  # nothing outside the outputs folder


@pytest.mark.reads_documents
def test_a_name_that_is_not_valid_unicode_is_built_not_refused(
    tmp_path: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name with a byte no encoding explains (a zip unpacked on another system): its plan is
    read and written like any other, two revisions of it compared, the byte shown as %FF in
    every name the outputs store (the same under any locale), never as a lone surrogate."""
    inputs = tmp_path / "odd-names"
    inputs.mkdir()
    old, new = os.fsdecode(b"plan-\xff.txt"), os.fsdecode(b"plan-\xff v2.txt")
    shutil.copy(PLAN, inputs / old)
    shutil.copy(FIXTURES / "revision-2 2020-06.txt", inputs / new)
    code, _out, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 0, err
    for name in ("plan-%FF.txt", "plan-%FF v2.txt"):
        stem = name[: -len(".txt")]
        data = json.loads((outputs / f"{stem}.json").read_bytes())
        assert data["source"]["file"] == name and len(data["actions"]) == 32
        assert (outputs / f"{stem}.xlsx").is_file()
    diff = json.loads((outputs / "plan-%FF__plan-%FF v2.diff.json").read_bytes())
    assert diff["summary"]
    index = (outputs / "index.json").read_bytes()
    assert b"\\udc" not in index and {d["file"] for d in json.loads(index)["documents"]} == {
        "plan-%FF.txt",
        "plan-%FF v2.txt",
    }


@pytest.mark.reads_documents
def test_a_real_pdf_with_an_awkward_name_works(
    tmp_path: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pdf-inputs"
    folder.mkdir()
    shutil.copy(FIXTURES / "plan-word.pdf", folder / "Plan v2 (final) – Glos.pdf")
    code, _, err = build(folder, outputs, rules_dir, capsys)
    assert code == 0, err
    data = json.loads((outputs / "Plan v2 (final) – Glos.json").read_text(encoding="utf-8"))
    assert data["source"] == {**data["source"], "file": "Plan v2 (final) – Glos.pdf", "format": "pdf"}
    assert data["kind"] == "action_plan" and data["actions"]
    assert (outputs / "Plan v2 (final) – Glos.xlsx").is_file()


def test_long_names_are_shortened_to_fit_the_file_system(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "é" * 124 + ".txt"  # 252 bytes: legal, but ".xlsx" (and a temp name) would not fit
    shutil.rmtree(inputs)
    inputs.mkdir()
    shutil.copy(PLAN, inputs / name)
    assert build(inputs, outputs, rules_dir, capsys)[0] == 0
    mine = [p.name for p in outputs.iterdir() if p.name.startswith("é")]
    assert len(mine) == 2 and all(len(n.encode()) <= 255 for n in mine)


# --------------------------------------------------------------------------- failures


def test_a_corrupt_pdf_among_good_ones(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (inputs / "broken plan.pdf").write_bytes(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00" * 64
    )
    code, out, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 1
    assert (outputs / "self-harm-action-plan.json").is_file() and (outputs / "self-harm-reflection-tool.json").is_file()
    assert not (outputs / "broken plan.json").exists() and not (outputs / "broken plan.xlsx").exists()
    failures = [line for line in err.splitlines() if line.strip()]
    assert len(failures) == 1 and failures[0].startswith("broken plan.pdf: ") and " — " in failures[0]
    assert "Traceback" not in out + err
    assert "2 built, 0 unchanged, 1 failed" in out
    assert "failed, with no outputs: broken plan.pdf" in out
    record = next(d for d in index(outputs)["documents"] if d["file"] == "broken plan.pdf")
    assert record["state"] == "failed" and record["problem"]["line"] == failures[0]


def test_a_failed_document_keeps_its_old_outputs_marked_out_of_date(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    before = contents(outputs)
    (inputs / PLAN.name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)  # saved over with a picture
    code, out, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 1
    assert (
        err.strip() == "self-harm-action-plan.txt: not a document this pipeline reads (looks like a PNG image) — "
        "save it as PDF, Word (.docx), HTML or plain text and put that in inputs/"
    )
    for name in ("self-harm-action-plan.json", "self-harm-action-plan.xlsx"):
        assert (outputs / name).read_bytes() == before[name]
    assert "their outputs are from an earlier version (out of date): self-harm-action-plan.txt" in out
    record = next(d for d in index(outputs)["documents"] if d["file"] == PLAN.name)
    assert record["state"] == "stale" and record["counts"]["actions"] == 32
    # nothing changed since: not retried, still failing, still said
    code, out, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 1 and sent() == 0
    assert err.startswith("self-harm-action-plan.txt: not a document")
    assert "not retried because nothing changed since they failed" in out
    # put right: built again, failure forgotten
    shutil.copy(PLAN, inputs / PLAN.name)
    code, out, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 0 and err == ""
    assert index(outputs)["totals"]["stale"] == 0


@pytest.mark.reads_documents
def test_the_flate_bomb_and_the_cpu_bomb_cannot_stop_the_batch(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_limits(rules_dir, seconds_per_document=3, memory_mb=700)
    for name in ("generated__flate_bomb_4GiB.pdf", "generated__cpu_bomb_16M_qQ_ops.pdf"):
        shutil.copy(HOSTILE / name, inputs / name)
    started = time.monotonic()
    code, out, err = build(inputs, outputs, rules_dir, capsys, jobs=2)
    assert time.monotonic() - started < 180  # bounded, even on a busy machine
    assert code == 1
    assert "2 built, 0 unchanged, 2 failed" in out
    lines = err.strip().splitlines()
    assert sorted(line.split(":")[0] for line in lines) == [
        "generated__cpu_bomb_16M_qQ_ops.pdf",
        "generated__flate_bomb_4GiB.pdf",
    ]
    assert all(" — " in line for line in lines)
    assert not [p for p in outputs.iterdir() if p.name.startswith(".tmp-")]


def test_a_document_over_the_time_limit_is_timed_out(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_limits(rules_dir, seconds_per_document=1)
    monkeypatch.setattr(build_module, "JOB", "tests.test_build:slow_job")
    code, _, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 1
    assert sorted(err.strip().splitlines()) == [
        f"{name}: still being read after 1 seconds, so it was stopped — the file is too slow to read; split it, "
        "or raise the limit in rules/limits.yaml"
        for name in (PLAN.name, GUIDANCE.name)
    ]


def test_a_document_over_the_memory_cap_is_too_large(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_limits(rules_dir, memory_mb=600)
    monkeypatch.setattr(build_module, "JOB", "tests.test_build:greedy_job")
    code, _, err = build(inputs, outputs, rules_dir, capsys, jobs=1)
    assert code == 1
    lines = sorted(err.strip().splitlines())
    assert lines == [
        f"{name}: reading it needs more than the 600 MB of memory allowed per document — split the "
        "document, or raise the limit in rules/limits.yaml if it is genuine"
        for name in (PLAN.name, GUIDANCE.name)
    ]


def test_a_bug_in_a_reader_is_an_internal_error_with_its_traceback_in_the_log(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A defect of ours, met while reading, is never "damaged": it says so, the officer is
    pointed to the log that holds its traceback, and it is tried again on the next build."""
    monkeypatch.setattr(build_module, "JOB", "tests.build_jobs:reader_with_a_bug")
    code, out, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 1
    log = outputs / ".build.log"
    assert sorted(err.strip().splitlines()) == [
        f"{name}: could not be read because of an internal error in the pipeline — please report this file "
        f"to the pipeline's maintainers (details in {log})"
        for name in (PLAN.name, GUIDANCE.name)
    ]
    details = log.read_text(encoding="utf-8")
    for name in (PLAN.name, GUIDANCE.name):
        assert f"{name}:\nTraceback (most recent call last):" in details
    assert "pipeline/read/text/" in details and "damaged" not in err
    problems = {d["file"]: d["problem"] for d in index(outputs)["documents"]}
    assert {p["category"] for p in problems.values()} == {"internal"}
    assert problems[PLAN.name]["line"] in err
    code, out, err = build(inputs, outputs, rules_dir, capsys)  # not remembered: tried again
    assert code == 1 and sent() == 2 and "not retried" not in out
    assert f"{PLAN.name}:\nTraceback" in log.read_text(encoding="utf-8")  # the log the line points to


def slow_job(**_: object) -> None:
    time.sleep(600)


def greedy_job(**_: object) -> None:
    hoard = []
    while True:
        hoard.append(bytearray(32 << 20))


def half_written_job(source: str, stem: str, staging: str, **_: object) -> None:
    """Write part of the outputs, then the worker dies, as in a power cut or a kill -9."""
    Path(staging).mkdir(parents=True, exist_ok=True)
    (Path(staging) / f"{stem}.json").write_text('{"schema_version": 1, "kind": "act')
    os._exit(9)


# --------------------------------------------------------------------------- never half-written


def test_a_worker_dying_mid_write_leaves_previous_outputs_byte_identical(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    before = contents(outputs)
    with (rules_dir / "statuses.yaml").open("a") as handle:
        handle.write("\n# changed\n")
    monkeypatch.setattr(build_module, "JOB", "tests.test_build:half_written_job")
    code, _, err = build(inputs, outputs, rules_dir, capsys)
    assert code == 1 and "the reader crashed on it (exit status 9)" in err
    after = contents(outputs)
    for name, data in before.items():
        if not name.startswith(".") and name not in ("index.json", "all-plans.xlsx"):
            assert after[name] == data, name
    assert not [p for p in outputs.iterdir() if p.name.startswith(".tmp-")]


def test_an_exception_while_moving_outputs_into_place_undoes_the_move(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    before = contents(outputs)
    shutil.copy(REVISION, inputs / PLAN.name)
    real_replace = os.replace
    calls = []

    def replace_then_fail(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 2:  # the JSON is in place, the workbook is not: then the disk fills up
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(build_module.os, "replace", replace_then_fail)
    with pytest.raises(PipelineError, match=r"outputs: could not be written: the disk is full$"):
        build(inputs, outputs, rules_dir, capsys)
    monkeypatch.setattr(build_module.os, "replace", real_replace)
    assert contents(outputs) == before  # JSON put back, manifest untouched
    assert not [p for p in outputs.iterdir() if p.name.startswith(".tmp-")]
    # and the next build redoes the document
    assert build(inputs, outputs, rules_dir, capsys)[0] == 0
    assert sent() == 1


def test_ctrl_c_mid_batch_keeps_old_outputs_and_does_not_mark_unbuilt_documents(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    before = contents(outputs)
    with (rules_dir / "statuses.yaml").open("a") as handle:
        handle.write("\n# changed\n")

    def interrupt(self: object, name: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module.Reporter, "started", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build(inputs, outputs, rules_dir, capsys, jobs=1)
    assert contents(outputs) == before
    assert not [p for p in outputs.iterdir() if p.name.startswith(".tmp-")]
    monkeypatch.undo()
    assert build(inputs, outputs, rules_dir, capsys)[0] == 0
    assert sent() == 2  # nothing was marked built by the interrupted run


def test_leftovers_of_a_killed_build_are_cleared(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs.mkdir()
    (outputs / ".tmp-abc.json").write_text("{half")
    (outputs / ".tmp-build-xyz").mkdir()
    (outputs / ".tmp-build-xyz" / "plan.xlsx").write_bytes(b"PK")
    assert build(inputs, outputs, rules_dir, capsys)[0] == 0
    assert not [p for p in outputs.iterdir() if p.name.startswith(".tmp-")]


def test_the_manifest_can_never_point_outside_the_outputs(
    inputs: Path, outputs: Path, rules_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    manifest = json.loads((outputs / MANIFEST).read_text())
    manifest["files"]["gone.txt"] = {"outputs": ["../precious.txt", "/etc/hostname", ".manifest.json"]}
    (outputs / MANIFEST).write_text(json.dumps(manifest))
    assert build(inputs, outputs, rules_dir, capsys)[0] == 0
    assert victim.read_text() == "keep me"
    assert (outputs / MANIFEST).is_file()


def test_a_damaged_manifest_costs_a_rebuild_not_a_crash(
    inputs: Path, outputs: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(inputs, outputs, rules_dir, capsys)
    (outputs / MANIFEST).write_text('{"files": {"a": ')
    assert build(inputs, outputs, rules_dir, capsys)[0] == 0
    assert sent() == 2


def test_two_builds_cannot_write_the_same_outputs_at_once(inputs: Path, outputs: Path, rules_dir: Path) -> None:
    outputs.mkdir()
    fd = os.open(outputs, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(PipelineError, match="another build is already writing"):
            run_build(inputs, outputs, rules_dir=rules_dir)
    finally:
        os.close(fd)


def test_bad_arguments_are_usage_errors(inputs: Path, outputs: Path, rules_dir: Path) -> None:
    with pytest.raises(PipelineError, match="no such folder"):
        run_build(inputs / "nope", outputs, rules_dir=rules_dir)
    with pytest.raises(PipelineError, match="--jobs 0"):
        run_build(inputs, outputs, rules_dir=rules_dir, jobs=0)
    with pytest.raises(PipelineError, match="same"):
        run_build(inputs, inputs, rules_dir=rules_dir)


# --------------------------------------------------------------------------- determinism and speed


@pytest.mark.reads_documents
def test_outputs_do_not_depend_on_the_number_of_workers(
    inputs: Path, tmp_path: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(3):
        shutil.copy(PLAN, inputs / f"copy {n}.txt")
    one, three = tmp_path / "one", tmp_path / "three"
    assert build(inputs, one, rules_dir, capsys, jobs=1)[0] == 0
    assert build(inputs, three, rules_dir, capsys, jobs=3)[0] == 0
    assert contents(one) == contents(three)


def test_nothing_changed_for_fifty_documents_is_fast_and_loads_no_reader(
    tmp_path: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(50):
        shutil.copy(GUIDANCE, folder / f"guidance {n:02d}.txt")
    out = tmp_path / "out"
    assert build(folder, out, rules_dir, capsys)[0] == 0
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        import pipeline.build.run
        from pipeline.build.run import build_outputs
        from pipeline.build.schedule import code_fingerprint
        started, cpu = time.perf_counter(), time.process_time()
        code_fingerprint()  # its cost counts, but colleagues may be editing the code: use the outputs' own key
        pipeline.build.run.code_fingerprint = lambda: {code_fingerprint()!r}
        stats = build_outputs(Path({str(folder)!r}), Path({str(out)!r}), rules_dir=Path({str(rules_dir)!r}), quiet=True)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        heavy = sorted(m for m in ("pdfplumber", "pdfminer", "spacy", "openpyxl", "pandas", "docx", "bs4", "lxml",
                                   "pypdfium2", "pipeline.process", "pipeline.read") if m in sys.modules)
        print(stats.exit_status, stats.sent, round(seconds, 3), round(cpu, 3), heavy)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    code, sent, seconds, cpu, heavy = result.stdout.strip().splitlines()[-1].split(" ", 4)
    assert (code, sent, heavy) == ("0", "0", "[]"), result.stdout + result.stderr
    assert float(cpu) < 1.0, cpu  # the work itself; the wall clock also counts a busy machine's other work
    assert float(seconds) < 5.0, seconds
