"""`make` itself, on a copy of the project: what officers type, not only the Python entry point.

The copy has the repository's Makefile, code, rules and inputs; its `.venv` is a link to this
one, and its requirements.lock, pyproject.toml and setup.py are older than the install stamp, so
make does not reinstall.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import ROOT

VENV = ROOT / ".venv"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project with spaces"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pipeline", "rules", "inputs"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    for name in ("Makefile", "pyproject.toml", "setup.py", "requirements.lock"):
        shutil.copy(ROOT / name, copy / name)
    (copy / "outputs").mkdir()
    (copy / ".venv").symlink_to(VENV)
    for name in ("requirements.lock", "pyproject.toml", "setup.py"):
        os.utime(copy / name, (0, 0))  # older than the stamp: nothing to install
    return copy


def make(project: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "CI")}
    return subprocess.run(
        ["make", "--no-print-directory", *targets], cwd=project, capture_output=True, text=True, timeout=600, env=env
    )


def test_make_builds_the_inputs_then_does_nothing_when_nothing_changed(project: Path) -> None:
    first = make(project, "build")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Installing" not in first.stdout
    inputs = sorted(p.name for p in (project / "inputs").iterdir())
    listed = [d["file"] for d in json.loads((project / "outputs" / "index.json").read_text())["documents"]]
    assert listed == inputs
    for name in inputs:
        stem = Path(name).stem
        assert (project / "outputs" / f"{stem}.json").is_file() and (project / "outputs" / f"{stem}.xlsx").is_file()
    assert (project / "outputs" / "all-plans.xlsx").is_file()
    assert f"{len(inputs)} built, 0 unchanged, 0 failed" in first.stdout
    assert "\x1b" not in first.stdout + first.stderr  # not a terminal: plain lines, no progress bar

    again = make(project)  # the default target
    assert again.returncode == 0, again.stderr
    assert f"0 built, {len(inputs)} unchanged, 0 failed" in again.stdout


def test_make_exits_non_zero_when_a_document_fails(project: Path) -> None:
    for path in (project / "inputs").iterdir():  # one good document beside the bad one is enough
        if path.name != "self-harm-reflection-tool.txt":
            path.unlink()
    (project / "inputs" / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    result = make(project, "build")
    assert result.returncode == 2  # the command exits 1; make reports a failed step as 2
    assert "scan.pdf: not a PDF (looks like a PNG image)" in result.stderr
    assert (project / "outputs" / "self-harm-reflection-tool.json").is_file()  # the others are written
    assert (project / "outputs" / "index.json").is_file()
    said = result.stderr.strip().splitlines()[-1]
    assert said.startswith("make: *** [") and said.endswith("build] Error 1")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert said.replace("make --no-print-directory", "make") in readme  # the README shows what the officer sees
    log = (project / "outputs" / ".build.log").read_text(encoding="utf-8")
    assert "scan.pdf: not a PDF (looks like a PNG image)" in log and "1 failed" in log


def test_make_help_lists_the_targets(project: Path) -> None:
    result = make(project, "help")
    assert result.returncode == 0
    targets = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {"all", "build", "test", "clean", "bench", "help"} <= targets


def test_make_compiles_the_pipeline_even_where_python_writes_no_caches(project: Path) -> None:
    """Where PYTHONDONTWRITEBYTECODE is set, no process writes its compiled modules: `make`
    compiles them, so that every worker a build starts does not compile the pipeline again."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "CI")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    sources = sorted((project / "pipeline").rglob("*.py"))
    assert not list((project / "pipeline").rglob("*.pyc"))
    run = subprocess.run(
        ["make", "--no-print-directory", "compiled"], cwd=project, capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    missing = [s for s in sources if not Path(importlib.util.cache_from_source(str(s))).is_file()]
    assert not missing
