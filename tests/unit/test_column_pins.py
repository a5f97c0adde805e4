"""rules/documents.yaml `columns:` pins a column's header to a field for the files it names.

An officer whose plan is read wrongly ("Progress" taken for the status when it is the progress
note) pins the header for that file; other files are still scored. A pin to a field that does not
exist stops the run with one line naming the file and the line of the mistake.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.core.errors import RulesError
from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.extract.plan import extract_plan
from pipeline.normalise.plan import normalise_plan
from pipeline.process import process
from pipeline.rules import DEFAULT_RULES_DIR, Rules, load_rules

SMOKING = "Deliver stop smoking support in every maternity unit"
ALCOHOL = "Train frontline staff to give brief advice on alcohol"
HEADER = ["No.", "Action", "Progress", "RAG"]
ROWS = [["1", SMOKING, "On track", "Green"], ["2", ALCOHOL, "Complete", "Blue"]]


def pinned_rules(tmp_path: Path, block: str) -> Path:
    """A copy of the shipped rules with `columns:` set to `block` (YAML lines under it)."""
    folder = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, folder)
    path = folder / "documents.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\ncolumns: {}\n" in text
    path.write_text(text.replace("\ncolumns: {}\n", "\ncolumns:\n" + block, 1), encoding="utf-8")
    return folder


PINS = '  "Partnership tracker*":\n    "Progress": update\n    "rag": status\n'


@pytest.fixture
def rules_with_pins(tmp_path: Path) -> Rules:
    return load_rules(pinned_rules(tmp_path, PINS))


def layout() -> Layout:
    rows = [Row(cells=[Cell(text=t) for t in r]) for r in [HEADER, *ROWS]]
    return Layout(format="docx", blocks=[Block(kind="table", rows=rows)])


def test_a_pin_decides_the_column_for_the_files_it_names(rules_with_pins: Rules) -> None:
    assert rules_with_pins.columns_for("Partnership tracker 2024.docx") == {"progress": "update", "rag": "status"}
    raw = extract_plan(layout(), rules_with_pins, "Partnership tracker 2024.docx")
    decisions = [(d.header, d.field, d.confidence, d.evidence) for d in raw.tables[0].decisions[2:]]
    assert decisions == [
        ("Progress", "update", 1.0, "pinned in rules/documents.yaml"),
        ("RAG", "status", 1.0, "pinned in rules/documents.yaml"),
    ]
    _, _, actions = normalise_plan(raw, rules_with_pins)
    assert [(a.update, a.status, a.status_raw) for a in actions] == [
        ("On track", "Underway", "Green"),
        ("Complete", "Complete", "Blue"),
    ]


def test_other_files_are_still_scored(rules_with_pins: Rules) -> None:
    assert rules_with_pins.columns_for("Other plan.docx") == {}
    raw = extract_plan(layout(), rules_with_pins, "Other plan.docx")
    assert [d.field for d in raw.tables[0].decisions] == ["id", "text", "status", None]


def test_the_pin_reaches_the_reading_of_a_whole_file(rules_with_pins: Rules) -> None:
    header = "".join(f"<th>{h}</th>" for h in HEADER)
    cells = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in r)}</tr>" for r in ROWS)
    page = f"<html><body><h1>Tracker</h1><table><tr>{header}</tr>{cells}</table></body></html>"
    doc = process(Path("Partnership tracker March.html"), rules_with_pins, data=page.encode())
    assert [(a.status, a.update) for a in doc.actions] == [("Underway", "On track"), ("Complete", "Complete")]
    assert [(c.header, c.field) for c in doc.tables[0].columns][2:] == [("Progress", "update"), ("RAG", "status")]


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


BAD_PIN = '  "Partnership tracker*":\n    "Progress": update\n    "RAG": rating\n'


def test_a_pin_to_a_field_that_does_not_exist_is_refused_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError) as error:
        load_rules(pinned_rules(tmp_path, BAD_PIN))
    assert re.match(
        r"rules/documents\.yaml line \d+: 'RAG' is pinned to 'rating', which should be one of: ", error.value.reason
    )
    assert "status" in error.value.reason and "extra" in error.value.reason  # what it should be


def test_the_refusal_of_a_bad_pin_names_its_own_line(tmp_path: Path) -> None:
    # the officer is sent to the line to correct, not to the file pattern above it
    folder = pinned_rules(tmp_path, BAD_PIN)
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    line = _line_of(folder / "documents.yaml", '"RAG": rating')
    assert error.value.reason.startswith(f"rules/documents.yaml line {line}: ")


def test_pins_that_are_not_a_mapping_are_refused_with_file_and_line(tmp_path: Path) -> None:
    folder = pinned_rules(tmp_path, '  "Partnership tracker*":\n    - Progress\n')
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    line = _line_of(folder / "documents.yaml", '"Partnership tracker*":')
    assert error.value.reason.startswith(f"rules/documents.yaml line {line}: columns of 'Partnership tracker*'")
