"""The revisions hook: called after a build that changed something, its files managed as outputs.

A stand-in `pipeline.diff.revisions` module records its calls, so these tests hold whatever the
real module writes to the same contract: `build_revisions(folder, documents, rules, report) -> paths`,
where `report` receives the lines the build shows and keeps in its log. The folder is a staging
folder inside outputs/: the build moves what was written there into place once it has recorded
the names.
"""

from __future__ import annotations

import json
import shutil
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from pipeline.build.run import build_outputs, run_build
from tests.helpers import ROOT

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"


class FakeRevisions:
    def __init__(self) -> None:
        self.calls: list[dict[str, Path]] = []
        self.produce: list[str] = ["plan.history.xlsx"]
        self.fail: Exception | None = None

    def build_revisions(
        self, outputs: Path, documents: dict[str, Path], rules: Any, report: list[tuple[str, str]] | None = None
    ) -> list[Path]:
        self.calls.append(dict(documents))
        if report is not None:
            report.append(("order", "revisions of plan, oldest first: plan 2019.txt → plan 2020.txt (by date)"))
        if self.fail:
            raise self.fail
        written = []
        for name in self.produce:
            path = outputs / name if not name.startswith("/") else Path(name)
            path.write_text("history")
            written.append(path)
        return written


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRevisions:
    fake = FakeRevisions()
    module = types.ModuleType("pipeline.diff.revisions")
    module.build_revisions = fake.build_revisions  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pipeline.diff.revisions", module)
    return fake


@pytest.fixture
def folders(tmp_path: Path, cached_reading: None) -> tuple[Path, Path]:
    """Two copies of the seed plan; the workers copy its outputs, made once per session."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(PLAN, inputs / "plan 2019.txt")
    shutil.copy(PLAN, inputs / "plan 2020.txt")
    return inputs, tmp_path / "outputs"


def test_called_with_every_documents_json_and_its_files_are_managed(
    fake: FakeRevisions, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, outputs = folders
    assert run_build(inputs, outputs, quiet=True) == 0
    assert fake.calls == [{"plan 2019.txt": outputs / "plan 2019.json", "plan 2020.txt": outputs / "plan 2020.json"}]
    assert (outputs / "plan.history.xlsx").is_file()
    log = (outputs / ".build.log").read_text(encoding="utf-8")  # written on every build, quiet or not
    assert "plan 2019.txt → plan 2020.txt (by date)" in log and "2 built, 0 unchanged, 0 failed" in log

    assert run_build(inputs, outputs, quiet=True) == 0
    assert len(fake.calls) == 1  # nothing changed: not called again
    assert "0 built, 2 unchanged, 0 failed" in (outputs / ".build.log").read_text(encoding="utf-8")

    (outputs / "plan.history.xlsx").unlink()  # deleted by hand: written again
    assert run_build(inputs, outputs, quiet=True) == 0
    assert len(fake.calls) == 2 and (outputs / "plan.history.xlsx").is_file()

    fake.produce = ["plan 2019__plan 2020.diff.md"]
    (inputs / "plan 2020.txt").write_text(PLAN.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run_build(inputs, outputs, quiet=True) == 0
    assert len(fake.calls) == 3
    assert not (outputs / "plan.history.xlsx").exists()  # no longer produced: removed
    assert (outputs / "plan 2019__plan 2020.diff.md").is_file()


def test_never_manages_files_outside_outputs_or_a_documents_outputs(
    fake: FakeRevisions, folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, outputs = folders
    outside = tmp_path / "elsewhere.md"
    fake.produce = [str(outside), "plan 2019.json"]
    assert run_build(inputs, outputs, quiet=True) == 1
    err = capsys.readouterr().err
    assert "revision history: plan 2019.json has the name of a document's output" in err
    # written aside first, the history never reaches the document's output
    assert json.loads((outputs / "plan 2019.json").read_text())["source"]["file"] == "plan 2019.txt"
    fake.produce = []
    (inputs / "plan 2020.txt").write_text("changed\n" + PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    assert build_outputs(inputs, outputs, quiet=True).sent == 1
    assert json.loads((outputs / "plan 2019.json").read_text())["source"]["file"] == "plan 2019.txt"
    assert outside.exists()  # never recorded, so never removed


def test_a_failing_hook_is_one_line_and_the_documents_are_still_written(
    fake: FakeRevisions, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs, outputs = folders
    fake.fail = RuntimeError("boom")
    assert run_build(inputs, outputs, quiet=True) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(
        "revision history: could not be written because of an internal error in the pipeline — please report this"
    )
    assert "RuntimeError: boom" in (outputs / ".build.log").read_text()  # the details are for maintainers
    assert (outputs / "plan 2019.json").is_file() and (outputs / "index.json").is_file()
    fake.fail = None
    assert run_build(inputs, outputs, quiet=True) == 0  # tried again next time
    assert (outputs / "plan.history.xlsx").is_file()
