"""The committed outputs/ are what the pipeline makes from inputs/ today, byte for byte."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipeline.build.run import run_build
from tests.helpers import ROOT

COMMITTED = ROOT / "outputs"


def products(folder: Path, suffix: str) -> list[str]:
    """Output files of one kind (the build's own bookkeeping, dot-files, is not a product)."""
    return sorted(p.name for p in folder.glob(f"*{suffix}") if not p.name.startswith("."))


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("outputs")
    assert run_build(ROOT / "inputs", out, quiet=True) == 0
    return out


def test_every_committed_json_is_current(rebuilt: Path) -> None:
    fresh = products(rebuilt, ".json")
    committed = products(COMMITTED, ".json")
    assert fresh == committed, "outputs/ is out of date: run `make` and commit outputs/"
    for name in fresh:
        assert (rebuilt / name).read_bytes() == (COMMITTED / name).read_bytes(), f"{name} differs: run `make`"


def test_every_committed_csv_is_current(rebuilt: Path) -> None:
    fresh = products(rebuilt, ".csv")
    assert fresh == products(COMMITTED, ".csv") == ["all-actions.csv", "all-findings.csv", "all-questions.csv"]
    for name in fresh:
        assert (rebuilt / name).read_bytes() == (COMMITTED / name).read_bytes(), f"{name} differs: run `make`"


def test_every_committed_workbook_is_current(rebuilt: Path) -> None:
    fresh = products(rebuilt, ".xlsx")
    assert fresh == products(COMMITTED, ".xlsx")
    for name in fresh:
        with zipfile.ZipFile(rebuilt / name) as a, zipfile.ZipFile(COMMITTED / name) as b:
            assert a.namelist() == b.namelist(), name
            for entry in a.namelist():
                assert a.read(entry) == b.read(entry), f"{name}:{entry} differs: run `make`"


def test_build_is_deterministic(rebuilt: Path, tmp_path: Path) -> None:
    assert run_build(ROOT / "inputs", tmp_path, quiet=True) == 0
    for path in rebuilt.iterdir():
        if path.suffix in (".json", ".xlsx", ".md", ".csv") and not path.name.startswith("."):
            assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
