"""One document through every stage: what `process` promises whatever the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.core.errors import NotRecognised, TooLarge
from pipeline.process import process
from pipeline.rules import DEFAULT_RULES_DIR, load_rules


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


def test_library_and_internal_errors_are_one_plain_line(monkeypatch, tmp_path: Path, rules) -> None:
    import pipeline.process as stages
    from pipeline.core.errors import DamagedFile, PipelineError

    plan = tmp_path / "plan.txt"
    plan.write_text("x", encoding="utf-8")

    def broken_reader(*args, **kwargs):
        raise KeyError("internal detail of a library")

    monkeypatch.setattr(stages, "read", broken_reader)
    with pytest.raises(DamagedFile) as err:
        process(plan, rules)
    assert err.value.reason == "damaged or unreadable file" and "KeyError" not in err.value.line("plan.txt")

    monkeypatch.undo()

    def broken_extract(*args, **kwargs):
        raise TypeError("a bug")

    monkeypatch.setattr(stages, "document_from_layout", broken_extract)
    with pytest.raises(PipelineError) as err2:
        process(tmp_path / "plan.txt", rules)
    assert "internal error" in err2.value.reason and "TypeError" not in err2.value.reason

    def hungry(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(stages, "document_from_layout", hungry)
    with pytest.raises(TooLarge):
        process(tmp_path / "plan.txt", rules)
