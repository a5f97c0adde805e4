"""Faults at the edges of every command: limits on `extract` and `diff`, hostile names, crafted
JSON, folders that cannot be written, inputs that are not files, the locale.

Each test drives the real command (in this process through `cli.main`, or as a subprocess
where the environment or a possible hang matters) and holds it to the SPEC's promise: one line
naming the file and the reason, the exit status, nothing lost or overwritten without a word.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.core.names import not_a_document, readable_name, shown
from tests.helpers import FIXTURES, ROOT, SHARED

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"
REVISION = FIXTURES / "revision-2 2020-06.txt"
CPU_BOMB = SHARED / "corpus" / "hostile" / "generated__cpu_bomb_16M_qQ_ops.pdf"
PLAN_JSON = ROOT / "outputs" / "self-harm-action-plan.json"


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "rules", tmp_path / "rules"))


def set_limits(rules_dir: Path, **limits: float) -> None:
    path = rules_dir / "limits.yaml"
    lines = [line for line in path.read_text().splitlines() if line.split(":")[0].strip() not in limits]
    path.write_text("\n".join(lines + [f"{k}: {v}" for k, v in limits.items()]) + "\n")


def command(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", **(env or {})},
    )


# --------------------------------------------------------------------------- limits on every command


def test_extract_stops_a_cpu_bomb_at_the_time_limit_and_writes_the_rest(
    tmp_path: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_limits(rules_dir, seconds_per_document=3)
    started = time.monotonic()
    code = main(["--rules", str(rules_dir), "extract", str(CPU_BOMB), str(PLAN), "-o", str(tmp_path / "out")])
    took = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 1 and took < 90  # bounded, even on a busy machine
    assert err.splitlines() == [
        f"{CPU_BOMB.name}: still being read after 3 seconds, so it was stopped — the file is too slow to read; "
        "split it, or raise the limit in rules/limits.yaml"
    ]
    assert (tmp_path / "out" / "self-harm-action-plan.json").is_file()  # the other file is still written
    assert not (tmp_path / "out" / f"{CPU_BOMB.stem}.json").exists()


def test_diff_reads_each_revision_under_the_limits(
    tmp_path: Path, rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_limits(rules_dir, seconds_per_document=3)
    started = time.monotonic()
    code = main(["--rules", str(rules_dir), "diff", str(CPU_BOMB), str(PLAN_JSON), "-o", str(tmp_path / "out")])
    assert code == 1 and time.monotonic() - started < 90
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{CPU_BOMB}: still being read after 3 seconds, so it was stopped")
    assert not list((tmp_path / "out").glob("*.diff.*"))


def test_diff_of_two_revisions_still_writes_its_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(PLAN), str(REVISION), "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{PLAN.name} → {REVISION.name}"
    assert out[-1] == f"wrote {tmp_path / 'self-harm-action-plan__revision-2 2020-06.diff.xlsx'}"


# --------------------------------------------------------------------------- names


def test_one_name_from_two_folders_gives_two_outputs_named_after_their_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
    shutil.copy(PLAN, tmp_path / "d1" / "plan.txt")
    shutil.copy(REVISION, tmp_path / "d2" / "plan.txt")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "d1" / "plan.txt"), str(tmp_path / "d2" / "plan.txt"), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        str(tmp_path / "d1" / "plan.txt"),
        str(tmp_path / "d2" / "plan.txt"),
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "plan (d1).json",
        "plan (d1).xlsx",
        "plan (d2).json",
        "plan (d2).xlsx",
    ]
    first = json.loads((out / "plan (d1).json").read_text(encoding="utf-8"))
    second = json.loads((out / "plan (d2).json").read_text(encoding="utf-8"))
    assert first["actions"] != second["actions"]  # neither overwrote the other


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plan.pdf", "plan.pdf"),
        ("plan\x1b]0;owned\x07.pdf", "plan\\x1b]0;owned\\x07.pdf"),
        ("two\nlines.pdf", "two\\nlines.pdf"),
        ("clear\x1b[2J\x1b[H.pdf", "clear\\x1b[2J\\x1b[H.pdf"),
        ("rtl\u202egnp.pdf", "rtl\\u202egnp.pdf"),
        ("café – plan.pdf", "café – plan.pdf"),
    ],
)
def test_shown_makes_every_control_character_visible(name: str, expected: str) -> None:
    assert shown(name) == expected


def test_readable_name_decodes_what_the_locale_could_not() -> None:
    assert readable_name(os.fsdecode("café.pdf".encode())) == "café.pdf"
    assert readable_name(os.fsdecode(b"plan-\xff.txt")) == "plan-%FF.txt"
    assert readable_name("plan.txt") == "plan.txt"


def test_a_hostile_name_is_one_escaped_line_on_the_terminal_and_in_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipeline.build.run import run_build

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    hostile = "plan\x1b]0;owned\x07\x1b[2J\nsecond line.pdf"
    (inputs / hostile).write_bytes(b"%PDF-1.4\n%broken")
    assert run_build(inputs, tmp_path / "outputs", quiet=True) == 1
    err = capsys.readouterr().err
    log = (tmp_path / "outputs" / ".build.log").read_text(encoding="utf-8")
    for text in (err, log):
        assert "\x1b" not in text and "\x07" not in text
    (line,) = [line for line in err.splitlines() if "owned" in line]
    assert line.startswith("plan\\x1b]0;owned\\x07\\x1b[2J\\nsecond line.pdf: ")
    assert "plan\\x1b]0;owned\\x07\\x1b[2J\\nsecond line.pdf: " in log
    capsys.readouterr()
    assert main(["extract", str(inputs / hostile), "-o", str(tmp_path / "out")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("plan\\x1b]0;owned\\x07\\x1b[2J\\nsecond line.pdf: ")


def test_names_read_the_same_under_an_ascii_locale(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    shutil.copy(PLAN, inputs / "café plan.txt")
    result = command("build", str(inputs), str(outputs), "--jobs", "1", env={"LC_ALL": "C", "PYTHONUTF8": "0"})
    assert result.returncode == 0, result.stderr
    index = (outputs / "index.json").read_bytes()
    assert b"\\udc" not in index
    (document,) = json.loads(index)["documents"]
    assert document["file"] == "café plan.txt" and document["json"] == "café plan.json"
    data = json.loads((outputs / "café plan.json").read_bytes())
    assert data["source"]["file"] == "café plan.txt"
    assert "built café plan.txt" in result.stdout


# --------------------------------------------------------------------------- crafted JSON


def _crafted(tmp_path: Path, name: str, change: object) -> Path:
    data = json.loads(PLAN_JSON.read_text(encoding="utf-8"))
    if callable(change):
        change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data) if callable(change) else str(change), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda d: d["actions"][0].update(status={"label": "Complete"}),
            "is not a document the pipeline wrote: actions/0/status: {'label': 'Complete'} is not of type "
            "'string', 'null'",
        ),
        (lambda d: d.update(actions={"1": {}}), "is not a document the pipeline wrote: actions: {'1': {}} is not"),
        (lambda d: d["actions"][3].update(linked_actions=7), "actions/3/linked_actions: 7 is not of type 'array'"),
        (lambda d: d.update(title=["a"]), "title: ['a'] is not of type 'string'"),
        (
            '{"schema_version": 2, "kind": "action_plan", "source": {}, "x": ' + "[" * 100000 + "]" * 100000 + "}",
            "is JSON nested too deeply to be a document the pipeline wrote",
        ),
        ('{"schema_version": {"a": 1}, "kind": 1, "source": 2}', "was written for contract version {'a': 1}"),
    ],
)
def test_diff_of_crafted_json_is_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: object, reason: str
) -> None:
    crafted = _crafted(tmp_path, "crafted.json", change)
    assert main(["diff", str(PLAN_JSON), str(crafted), "-o", str(tmp_path / "out")]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{crafted}: ") and reason in line and "Traceback" not in line
    assert len(line) < 400


# --------------------------------------------------------------------------- folders that cannot be written


@contextmanager
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder no file can be written in: a read-only mount where this user may mount one (root
    ignores permission bits), else a folder without write permission; failing both, a path
    under a regular file (the same check refuses it, with "Not a directory")."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True, check=False
        ).returncode
        == 0
    )
    try:
        if mounted:
            yield folder
        elif os.geteuid() != 0:
            folder.chmod(0o555)
            yield folder
        else:
            (tmp_path / "a-file").write_text("x")
            yield tmp_path / "a-file" / "out"
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)
        folder.chmod(0o755)


def test_extract_and_diff_into_a_folder_that_cannot_be_written_say_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with read_only_folder(tmp_path) as folder:
        assert main(["extract", str(PLAN), "-o", str(folder)]) == 1
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"Error: {folder}: the folder cannot be written (")
        assert line.endswith("— give a folder you can write to, or make room on the disk")
        assert main(["diff", str(PLAN_JSON), str(PLAN_JSON), "-o", str(folder)]) == 1
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"Error: {folder}: the folder cannot be written (")


# --------------------------------------------------------------------------- inputs that are not files


def test_a_folder_a_pipe_and_a_broken_link_in_inputs_are_each_named_and_never_opened(tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    shutil.copy(PLAN, inputs / PLAN.name)
    (inputs / "x.pdf").mkdir()
    os.mkfifo(inputs / "pipe.pdf")  # opening it would wait for a writer forever
    (inputs / "gone.docx").symlink_to(tmp_path / "nowhere.docx")
    result = command("build", str(inputs), str(outputs), "--jobs", "1", timeout=240)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stderr.splitlines()) == [
        "warning: skipped gone.docx: is a link to a file that is not there",
        "warning: skipped pipe.pdf: is a named pipe, not a document",
        "warning: skipped x.pdf: is a folder, not a document",
    ]
    assert "1 built, 0 unchanged, 0 failed" in result.stdout
    assert not_a_document(inputs / PLAN.name) is None


def test_extract_refuses_a_pipe_without_opening_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pdf")
    result = command("extract", str(tmp_path / "pipe.pdf"), "-o", str(tmp_path / "out"), timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'pipe.pdf'}: is a named pipe, not a document — give the document itself"
    ]


# --------------------------------------------------------------------------- hashing


def test_an_unchanged_input_is_not_read_again_to_be_hashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a huge file costs a `stat` per build, not a re-hash; a changed file is hashed."""
    import pipeline.build.schedule as schedule
    from pipeline.build.run import run_build

    monkeypatch.setattr(schedule, "RACY_NS", 0)  # files made this instant count as settled
    target = tmp_path / "store" / "big plan.txt"
    target.parent.mkdir()
    shutil.copy(PLAN, target)
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    inputs.mkdir()
    (inputs / "big plan.txt").symlink_to(target)
    assert run_build(inputs, outputs, quiet=True) == 0
    hashed: list[Path] = []
    real = schedule.file_sha256
    monkeypatch.setattr(schedule, "file_sha256", lambda path: hashed.append(path) or real(path))
    assert run_build(inputs, outputs, quiet=True) == 0
    hashed[:] = [p for p in hashed if p.parent == inputs]  # outputs are hashed to check the index
    assert hashed == []
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Awaiting", "Underway", 1), encoding="utf-8")  # same size, new content
    assert run_build(inputs, outputs, quiet=True) == 0
    assert [p for p in hashed if p.parent == inputs] == [inputs / "big plan.txt"]
    assert "1 built" in capsys.readouterr().out
