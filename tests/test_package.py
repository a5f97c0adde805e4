"""`pip install .` gives a working pipeline: the wheel holds every package, the rules and the schema.

The wheel is built from a copy of the repository (so nothing is written into the checkout),
installed into a fresh virtual environment, and its `plan-pipeline` command is run on a sample
plan from a folder with no repository around it, so it can only use what the wheel shipped.
The fresh environment borrows this environment's installed libraries through a path file
rather than installing them again (that is pip's job and costs a minute); the pipeline itself
comes only from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from pipeline import __version__
from pipeline.rules import rules_fingerprint
from tests.helpers import ROOT

pytestmark = pytest.mark.timeout(300)

SAMPLE = ROOT / "inputs" / "self-harm-action-plan.txt"


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=240, env=env)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("pipeline", "rules"):
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), "."], source)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = (work / "dist").glob("plan_pipeline-*.whl")
    return found


def test_the_wheel_holds_every_package_the_rules_and_the_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "pipeline").rglob("*.py"):
        assert path.relative_to(ROOT).as_posix() in names, f"{path.relative_to(ROOT)} is missing from the wheel"
    for path in (ROOT / "rules").iterdir():
        if path.is_file():
            assert f"pipeline/shipped_rules/{path.name}" in names, f"rules/{path.name} is missing from the wheel"
    assert "pipeline/schema/document.schema.json" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "plan-pipeline = pipeline.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_command_runs_on_a_sample_with_the_shipped_rules(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "fresh venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path).stdout.strip()
    )
    (site / "borrowed-libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)], tmp_path
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    shutil.copy(SAMPLE, elsewhere / SAMPLE.name)
    command = str(env_dir / "bin" / "plan-pipeline")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    version = _run([command, "--version"], elsewhere, env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"plan-pipeline {__version__}"

    where = _run([str(python), "-c", "import pipeline.rules as r; print(r.DEFAULT_RULES_DIR)"], elsewhere, env)
    assert Path(where.stdout.strip()).is_relative_to(site), where.stdout + where.stderr

    checked = _run([command, "rules", "check"], elsewhere, env)
    assert checked.returncode == 0, checked.stderr
    assert f"fingerprint {rules_fingerprint()[:12]}" in checked.stdout  # the shipped copy is the repository's

    extracted = _run([command, "extract", SAMPLE.name, "-o", "out"], elsewhere, env)
    assert extracted.returncode == 0, extracted.stdout + extracted.stderr
    doc = json.loads((elsewhere / "out" / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    assert doc["kind"] == "action_plan" and len(doc["actions"]) == 32
    assert (elsewhere / "out" / f"{SAMPLE.stem}.xlsx").is_file()

    built = _run([command, "build", ".", "built", "--quiet"], elsewhere, env)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (elsewhere / "built" / "index.json").is_file()
