"""Plan or guidance: judged by content in every format, and settled by a per-file rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.core.errors import NotRecognised
from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.kind import detect_kind, evidence
from pipeline.process import read_layout
from pipeline.read.text.plain import layout_from_text
from pipeline.rules import Rules, load_rules
from tests.helpers import FIXTURES, ROOT

PLAN_TEXT = ROOT / "inputs" / "self-harm-action-plan.txt"
GUIDANCE_TEXT = ROOT / "inputs" / "self-harm-reflection-tool.txt"


def layout_of(path: Path, rules: Rules) -> Layout:
    return read_layout(path, rules, path.read_bytes())


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("guidance-page.html", "guidance"),
        ("guidance-page.pdf", "guidance"),
        ("guidance-form.docx", "guidance"),
        ("guidance-form-filled.docx", "guidance"),
        ("guidance-themes.html", "guidance"),
        ("plan-word.docx", "action_plan"),
        ("plan-word.pdf", "action_plan"),
        ("plan-borderless.pdf", "action_plan"),
        ("plan-browser.pdf", "action_plan"),
    ],
)
def test_every_rendering_is_recognised(name: str, kind: str, rules: Rules) -> None:
    path = FIXTURES / name
    assert detect_kind(layout_of(path, rules), rules, path.name) == kind


def test_seed_texts(rules: Rules) -> None:
    assert detect_kind(layout_of(PLAN_TEXT, rules), rules, "plan.txt") == "action_plan"
    assert detect_kind(layout_of(GUIDANCE_TEXT, rules), rules, "page.txt") == "guidance"


def test_a_plan_that_asks_a_few_questions_is_still_a_plan(rules: Rules) -> None:
    text = PLAN_TEXT.read_text(encoding="utf-8")
    text += "\n\nQuestions for the board?\n\nIs the plan on track? Who reviews it? What next?\n"
    assert detect_kind(layout_from_text(text), rules, "plan.txt") == "action_plan"


def test_guidance_that_cites_plan_actions_is_still_guidance(rules: Rules) -> None:
    text = GUIDANCE_TEXT.read_text(encoding="utf-8")
    text += "\nSee actions 2.3.1, 2.3.2 and 4.1.1 of the national action plan.\n"
    assert detect_kind(layout_from_text(text), rules, "page.txt") == "guidance"


def test_a_form_table_counts_for_guidance_and_its_rag_column_not_for_a_plan(rules: Rules) -> None:
    form = Block(
        kind="table",
        rows=[
            Row(cells=[Cell(text=t) for t in ("Question", "Current position", "What could be improved", "RAG")]),
            Row(cells=[Cell(text=t) for t in ("Is there a plan", "Yes", "", "Green")]),
        ],
    )
    seen = evidence(Layout(format="docx", blocks=[Block(kind="title", text="Form"), form]), rules)
    assert (seen.form_headers, seen.plan_headers, seen.statuses) == (4, 0, 0)
    assert detect_kind(Layout(format="docx", blocks=[form]), rules, "form.docx") == "guidance"


def test_a_plan_table_counts_headers_and_statuses(rules: Rules) -> None:
    plan = Block(
        kind="table",
        rows=[
            Row(cells=[Cell(text=t) for t in ("Ref", "What we will do", "Progress")]),
            Row(cells=[Cell(text=t) for t in ("A", "Train staff", "Underway")]),
            Row(cells=[Cell(text=t) for t in ("B", "Publish leaflet?", "Complete")]),
        ],
    )
    seen = evidence(Layout(format="docx", blocks=[plan]), rules)
    assert (seen.plan_headers, seen.statuses, seen.questions) == (3, 2, 1)
    assert detect_kind(Layout(format="docx", blocks=[plan]), rules, "plan.docx") == "action_plan"


def test_question_marks_in_web_addresses_do_not_count(rules: Rules) -> None:
    layout = Layout(format="html", blocks=[Block(kind="paragraph", text="See https://example.org/?q=1&x=2 today.")])
    assert evidence(layout, rules).questions == 0


def test_neither_kind_is_refused_with_a_reason(rules: Rules) -> None:
    with pytest.raises(NotRecognised, match="not an action plan or guidance"):
        detect_kind(layout_from_text("Minutes of the meeting.\n\nAttendees: A, B, C.\n"), rules, "minutes.txt")
    with pytest.raises(NotRecognised, match="no text"):
        detect_kind(Layout(format="txt", blocks=[Block(kind="furniture", text="Page 1")]), rules, "blank.txt")


@pytest.fixture
def override_rules(tmp_path: Path, rules: Rules) -> Rules:
    folder = tmp_path / "rules"
    shutil.copytree(rules.directory, folder)
    (folder / "documents.yaml").write_text(
        'kinds:\n  "board paper*.txt": guidance\n  "reflection tool.txt": action_plan\npasswords: {}\nrevisions: {}\n',
        encoding="utf-8",
    )
    return load_rules(folder)


def test_a_rule_names_the_kind_for_a_file(override_rules: Rules) -> None:
    plan = layout_of(PLAN_TEXT, override_rules)
    guidance = layout_of(GUIDANCE_TEXT, override_rules)
    assert detect_kind(plan, override_rules, "board paper 2024.txt") == "guidance"
    assert detect_kind(guidance, override_rules, "reflection tool.txt") == "action_plan"
    assert detect_kind(plan, override_rules, "other.txt") == "action_plan"  # no rule: judged by content
    blank = layout_from_text("Minutes.\n")
    assert detect_kind(blank, override_rules, "board paper 1.txt") == "guidance"  # the rule is not second-guessed


def test_an_overridden_file_is_read_as_the_kind_the_rule_names(override_rules: Rules, tmp_path: Path) -> None:
    """Guidance that cites many plan actions looks like a plan; the rule makes it guidance."""
    from pipeline.process import process
    from tests.helpers import as_dict, guidance_differences

    ids = ", ".join(f"{s}.{o}.{a}" for s in range(1, 6) for o in range(1, 4) for a in range(1, 5))
    text = GUIDANCE_TEXT.read_text(encoding="utf-8") + f"\nThis tool supports actions {ids}.\n"
    assert detect_kind(layout_from_text(text), override_rules, "tool.txt") == "action_plan"
    copy = tmp_path / "board paper 7.txt"
    copy.write_text(text, encoding="utf-8")
    assert guidance_differences(as_dict(process(copy, override_rules))) == []
