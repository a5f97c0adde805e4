"""One document through every stage: what `process` promises whatever the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.core.errors import NotRecognised, TooLarge
from pipeline.process import process
from pipeline.rules import DEFAULT_RULES_DIR, load_rules
from tests.helpers import ROOT


def test_a_plan_with_no_actions_is_refused_not_emptied(tmp_path: Path, rules) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    (rules_dir / "documents.yaml").write_text('kinds:\n  "memo.txt": action_plan\n', encoding="utf-8")
    memo = tmp_path / "memo.txt"
    memo.write_text("Minutes of the meeting\n\nWe discussed the weather. Nothing was decided.\n", encoding="utf-8")
    with pytest.raises(NotRecognised, match="no numbered actions were found"):
        process(memo, load_rules(rules_dir))


def test_guidance_with_no_questions_is_refused(tmp_path: Path, rules) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Priority 1: Do things\n\nPriority 2: Do more things\n\nA paragraph with no questions at all.\n",
        encoding="utf-8",
    )
    with pytest.raises(NotRecognised, match="no questions were found"):
        process(page, rules)


def test_size_limit_checked_before_reading(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules_dir)
    limits = rules_dir / "limits.yaml"
    limits.write_text(
        limits.read_text(encoding="utf-8").replace("max_file_mb: 200", "max_file_mb: 0.001"), encoding="utf-8"
    )
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    with pytest.raises(TooLarge, match=r"over the 0\.001 MB limit"):
        process(big, load_rules(rules_dir))


def test_a_library_failing_on_the_file_is_damaged_input(monkeypatch, tmp_path: Path, rules) -> None:
    import io
    import zipfile

    import pipeline.process as stages
    from pipeline.core.errors import DamagedFile

    plan = tmp_path / "plan.txt"
    plan.write_text("x", encoding="utf-8")

    def reader_of_a_broken_zip(*args, **kwargs):
        zipfile.ZipFile(io.BytesIO(b"PK\x03\x04 not really a zip"))

    monkeypatch.setattr(stages, "read", reader_of_a_broken_zip)
    with pytest.raises(DamagedFile) as err:
        process(plan, rules)
    assert err.value.reason == "damaged or unreadable file" and "BadZipFile" not in err.value.line("plan.txt")


def test_a_bug_in_a_reader_is_an_internal_error_never_damaged_input(monkeypatch, rules) -> None:
    """Our own reader's code meeting a value of the wrong type (here: its text helper broken)."""
    import pipeline.read.text.reader as text_reader
    from pipeline.core.errors import InternalError

    monkeypatch.setattr(text_reader, "safe_text", lambda text: None)
    with pytest.raises(InternalError) as err:
        process(ROOT / "inputs" / "self-harm-action-plan.txt", rules)
    assert err.value.category == "internal"
    assert err.value.line("plan.txt") == (
        "plan.txt: could not be read because of an internal error in the pipeline — "
        "please report this file to the pipeline's maintainers"
    )
    assert "Traceback" in err.value.detail and "pipeline/read/text/" in err.value.detail  # for the log


def test_a_bug_after_reading_is_an_internal_error(monkeypatch, rules) -> None:
    import pipeline.process as stages
    from pipeline.core.errors import InternalError

    def broken_extract(*args, **kwargs):
        raise TypeError("a bug")

    monkeypatch.setattr(stages, "detect_kind", broken_extract)
    with pytest.raises(InternalError) as err:
        process(ROOT / "inputs" / "self-harm-action-plan.txt", rules)
    assert err.value.reason == "could not be extracted because of an internal error in the pipeline"
    assert "TypeError: a bug" in err.value.detail and "TypeError" not in err.value.line("plan.txt")


def test_a_missing_library_is_said_as_such(monkeypatch, rules) -> None:
    """Run with a Python that lacks a pinned library: neither damaged input nor a bug of ours."""
    import pipeline.read as readers
    from pipeline.core.errors import MissingLibrary

    monkeypatch.setitem(readers.READERS, "txt", "no_such_library_installed")
    with pytest.raises(MissingLibrary) as err:
        process(ROOT / "inputs" / "self-harm-action-plan.txt", rules)
    assert err.value.category == "missing-library"
    assert "no_such_library_installed" in err.value.reason and "run `make`" in err.value.remedy


def test_running_out_of_memory_is_too_large(monkeypatch, tmp_path: Path, rules) -> None:
    import pipeline.process as stages

    plan = tmp_path / "plan.txt"
    plan.write_text("x", encoding="utf-8")

    def hungry(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(stages, "detect_kind", hungry)
    with pytest.raises(TooLarge):
        process(plan, rules)


def test_the_trace_keeps_every_stage_reached_when_extraction_fails(tmp_path: Path, rules) -> None:
    from pipeline.core.model import to_json
    from pipeline.process import trace

    memo = tmp_path / "memo.txt"
    memo.write_text("Minutes of the meeting\n\nNothing was decided.\n", encoding="utf-8")
    run = trace(memo, rules)
    assert isinstance(run.error, NotRecognised)
    assert run.layout is not None and run.layout.blocks and run.document is None
    data = json.loads(to_json(run))
    assert data["failure"]["category"] == "not-recognised"
    assert data["layout"]["blocks"][0]["text"] == "Minutes of the meeting"

    done = trace(ROOT / "inputs" / "self-harm-action-plan.txt", rules)
    assert done.error is None and done.document is not None and done.kind == "action_plan"
    assert done.raw is not None and len(done.raw.actions) == len(done.document.actions) == 32
