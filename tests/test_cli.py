"""The command line: documented commands exist, exit codes are as the SPEC says, errors are one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_help_lists_every_command() -> None:
    out = run("--help")
    assert out.returncode == 0
    for command in ("build", "extract", "diff", "rules"):
        assert command in out.stdout
    assert "exit status" in out.stdout


def test_readme_commands_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in (
        "make test",
        "plan-pipeline build",
        "plan-pipeline extract",
        "plan-pipeline diff",
        "plan-pipeline rules check",
        "plan-pipeline --version",
        ".venv/bin/plan-pipeline",
        "make: *** [Makefile:24: build] Error 1",
        "outputs/.build.log",
    ):
        assert command in readme
    for command in ("build", "extract", "diff", "rules"):
        assert run(command, "--help").returncode == 0


def test_version() -> None:
    from pipeline import __version__

    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"plan-pipeline {__version__}"


def test_make_installs_the_command_in_the_venv() -> None:
    command = ROOT / ".venv" / "bin" / "plan-pipeline"
    assert command.is_file()
    out = subprocess.run([str(command), "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0 and out.stdout.startswith("plan-pipeline ")


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("extract", str(PLAN)).returncode == 2  # -o missing
    assert run("frobnicate").returncode == 2


def test_extract_writes_json_and_workbook(tmp_path: Path) -> None:
    out = run("extract", str(PLAN), "-o", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "self-harm-action-plan.txt: action plan, 32 actions" in out.stdout
    data = json.loads((tmp_path / "self-harm-action-plan.json").read_text(encoding="utf-8"))
    assert len(data["actions"]) == 32
    assert (tmp_path / "self-harm-action-plan.xlsx").stat().st_size > 0


def test_missing_and_unsupported_files_are_one_line_each(tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    out = run("extract", str(tmp_path / "nope.pdf"), str(picture), str(PLAN), "-o", str(tmp_path / "out"))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in out.stderr
    assert lines[0].startswith(f"{tmp_path / 'nope.pdf'}: file not found")
    assert lines[1].startswith("photo.png: not a document this pipeline reads (looks like a PNG image)")
    assert (tmp_path / "out" / "self-harm-action-plan.json").exists()  # the good file is still written
    assert not (tmp_path / "out" / "photo.json").exists()


def test_debug_writes_the_intermediate_stages(tmp_path: Path) -> None:
    out = run("extract", str(PLAN), "-o", str(tmp_path), "--debug")
    assert out.returncode == 0, out.stderr
    data = json.loads((tmp_path / "self-harm-action-plan.layout.json").read_text(encoding="utf-8"))
    assert data["kind"] == "action_plan" and data["layout"]["blocks"]
    assert [a["id"] for a in data["raw"]["actions"]][:3] == ["1.1.1", "1.1.2", "1.2.1"]
    assert data["raw"]["outcomes"][4]["id"] == "2.2."  # as printed, before normalising


def test_debug_writes_the_stages_of_a_file_that_fails(tmp_path: Path) -> None:
    page = tmp_path / "no-questions.txt"
    page.write_text("Is this used? Who reads it?\n\nPriority 1: Data\n\nSome text about data.\n", encoding="utf-8")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4\n%broken")
    out = run("extract", str(page), str(damaged), "-o", str(tmp_path / "out"), "--debug")
    assert out.returncode == 1
    assert "no-questions.txt: reads like guidance, but no questions were found in it" in out.stderr
    data = json.loads((tmp_path / "out" / "no-questions.layout.json").read_text(encoding="utf-8"))
    assert data["kind"] == "guidance" and data["layout"]["blocks"] and data["raw"]["priorities"] == [[1, "Data"]]
    assert data["failure"]["reason"] == "reads like guidance, but no questions were found in it"
    assert not (tmp_path / "out" / "no-questions.json").exists()
    broken = json.loads((tmp_path / "out" / "damaged.layout.json").read_text(encoding="utf-8"))
    assert broken["layout"] is None and broken["failure"]["reason"]  # read no further than the reader's reason


def test_debug_writes_every_stage_reached_when_a_file_fails(tmp_path: Path, capsys) -> None:
    from pipeline.cli import main

    memo = tmp_path / "memo.txt"
    memo.write_text("Minutes of the meeting\n\nNothing was decided.\n", encoding="utf-8")
    assert main(["extract", str(memo), "-o", str(tmp_path / "out"), "--debug"]) == 1
    assert capsys.readouterr().err.startswith("memo.txt: not an action plan or guidance page")
    data = json.loads((tmp_path / "out" / "memo.layout.json").read_text(encoding="utf-8"))
    assert data["failure"]["category"] == "not-recognised" and data["document"] is None
    assert data["layout"]["blocks"][0]["text"] == "Minutes of the meeting"
    assert not (tmp_path / "out" / "memo.json").exists()


def test_a_bug_in_a_reader_is_an_internal_error_with_its_traceback_in_the_log(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    import pipeline.build.commands as commands
    from pipeline.cli import main

    monkeypatch.setattr(commands, "EXTRACT_JOB", "tests.build_jobs:extract_with_a_bug")
    out = tmp_path / "out"
    assert main(["extract", str(PLAN), "-o", str(out)]) == 1
    log = out / ".extract.log"
    assert capsys.readouterr().err == (
        f"{PLAN.name}: could not be read because of an internal error in the pipeline — please report this file "
        f"to the pipeline's maintainers (details in {log})\n"
    )
    details = log.read_text(encoding="utf-8")
    assert details.startswith(f"{PLAN.name}:\nTraceback (most recent call last):") and "pipeline/read/text/" in details


def test_output_into_a_closed_pipe_is_not_a_traceback() -> None:
    result = subprocess.run(
        f"'{sys.executable}' -m pipeline --help | head -c 10 >/dev/null; "
        f"'{sys.executable}' -m pipeline rules check | head -c 5",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_extract_keeps_same_named_files_apart(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "plan.txt").write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b" / "plan.TXT").unlink(missing_ok=True)
    twin = tmp_path / "b" / "plan.text"
    (tmp_path / "b" / "plan.txt").rename(twin)
    out = run("extract", str(tmp_path / "a" / "plan.txt"), str(twin), "-o", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "plan.text.json",
        "plan.text.xlsx",
        "plan.txt.json",
        "plan.txt.xlsx",
    ]


def test_the_quick_help_is_the_parsers_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`--help` is printed from text, without the parser: the text must be what the parser prints."""
    from pipeline.cli import build_parser
    from pipeline.cli_help import TEXT

    monkeypatch.setenv("COLUMNS", "80")
    assert build_parser().format_help() == TEXT, "regenerate pipeline/cli_help.py (see its docstring)"
    assert run("--help").stdout == TEXT == run("-h").stdout


def test_help_imports_nothing_but_the_text() -> None:
    code = (
        "import runpy, sys\n"
        "before = set(sys.modules)\n"  # the interpreter's start-up (an editable install's finder) is not ours
        "sys.argv = ['pipeline', '--help']\n"
        "try:\n"
        "    runpy.run_module('pipeline', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "new = set(sys.modules) - before\n"
        "print(sorted(m for m in new if m.startswith('pipeline') or m in ('argparse', 'pathlib', 'yaml')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "['pipeline', 'pipeline.cli_help']"


@pytest.mark.parametrize(
    "entry", ["runpy.run_module('pipeline', run_name='__main__')", "__import__('pipeline.cli').cli.run()"]
)
def test_a_command_ends_with_its_objects_out_of_the_collectors_last_walk(entry: str, tmp_path: Path) -> None:
    """Both ways in (`python -m pipeline`, the installed `plan-pipeline`) freeze what the command
    made before the interpreter stops, and still say how it went and write what it wrote."""
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "plan.txt").write_text((ROOT / "inputs" / "self-harm-action-plan.txt").read_text())
    code = (
        "import atexit, gc, runpy, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        f"sys.argv = ['pipeline', 'build', {str(tmp_path / 'inputs')!r}, {str(tmp_path / 'outputs')!r}, '--quiet']\n"
        f"{entry}\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "frozen True"
    assert "1 built, 0 unchanged, 0 failed" in out.stdout
    assert (tmp_path / "outputs" / "plan.json").is_file() and (tmp_path / "outputs" / "index.json").is_file()
