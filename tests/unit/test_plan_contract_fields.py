"""Contract v2 fields of an action: title, lead, timescale, update, status family, generated ids.

The columns nearly every real plan has are first-class fields, cleaned of the cell's layout; ids
are kept as the plan prints them (a tracker's "01.05", "PA 1"), and every other column stays
under `extra` with its header.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Cell, Layout, Row
from pipeline.core.model import SCHEMA_VERSION, Document, Source
from pipeline.extract.plan import extract_plan
from pipeline.extract.records import RawAction, RawPlan
from pipeline.normalise.plan import normalise_plan, plan_id
from pipeline.rules import Rules

SMOKING = "Deliver stop smoking support in every maternity unit in the county"
ALCOHOL = "Train frontline staff to give brief advice on alcohol in every practice"


def test_first_class_fields_are_cleaned_of_the_cells_layout(rules: Rules) -> None:
    raw = RawPlan(
        title="Plan",
        actions=[
            RawAction(
                id="PA 1.",
                outcome=None,
                section=None,
                text="Deliver the\nservice",
                title=" Stop  smoking ",
                status="Delayed (new\ndate March)",
                lead="Public Health,\nCounty Council",
                timescale="Q3\n2025",
                update="Going well;\n two clinics open",
                extra={"Budget\ncode": " PH-17 ", "Empty": "  "},
                id_generated=False,
            )
        ],
    )
    _, _, [action] = normalise_plan(raw, rules)
    assert (action.id, action.text, action.title) == ("PA 1", "Deliver the service", "Stop smoking")
    assert (action.lead, action.timescale, action.update) == (
        "Public Health, County Council",
        "Q3 2025",
        "Going well; two clinics open",
    )
    assert (action.status, action.status_family, action.status_source) == ("At risk", "off track", "text")
    assert action.status_raw == "Delayed (new date March)"
    assert action.extra == {"Budget code": "PH-17"}  # an empty extra cell is left out
    assert action.id_generated is False


def test_ids_are_kept_as_printed() -> None:
    assert [plan_id(i) for i in ("01.05", "4.01", "2.2.", "PA 1.", " A1 ", "ACT-07", "1.1.1\n0", "")] == [
        "01.05",
        "4.01",
        "2.2",
        "PA 1",
        "A1",
        "ACT-07",
        "1.1.10",
        "",
    ]


def test_an_id_with_a_title_beside_a_description_gives_both(rules: Rules) -> None:
    rows = [
        ["Action", "Description", "Lead", "Status"],
        ["1 - Stop smoking in pregnancy", SMOKING, "Public Health", "On track"],
        ["2 - Alcohol brief advice", ALCOHOL, "NHS Trust", "Complete"],
    ]
    lay = Layout(format="docx", blocks=[Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows])])
    _, _, actions = normalise_plan(extract_plan(lay, rules), rules)
    assert [(a.id, a.title, a.text) for a in actions] == [
        ("1", "Stop smoking in pregnancy", SMOKING),
        ("2", "Alcohol brief advice", ALCOHOL),
    ]


def test_an_id_with_a_title_and_no_description_gives_the_text(rules: Rules) -> None:
    rows = [["Action", "Lead", "Status"], ["1 - Stop smoking in pregnancy", "Public Health", "On track"]]
    lay = Layout(format="docx", blocks=[Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows])])
    _, _, [action] = normalise_plan(extract_plan(lay, rules), rules)
    assert (action.id, action.title, action.text) == ("1", None, "Stop smoking in pregnancy")


def test_a_short_title_column_and_a_description_are_never_joined(rules: Rules) -> None:
    rows = [
        ["No.", "Action", "Action description", "Timescale", "Progress update"],
        ["1", "Stop smoking", SMOKING, "Ongoing", "Two clinics open and a third starts after the summer"],
        ["2", "Alcohol advice", ALCOHOL, "Q3 2025", "Training is booked for June with the county team"],
    ]
    lay = Layout(format="docx", blocks=[Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in r]) for r in rows])])
    _, _, actions = normalise_plan(extract_plan(lay, rules), rules)
    assert [(a.title, a.text, a.timescale) for a in actions] == [
        ("Stop smoking", SMOKING, "Ongoing"),
        ("Alcohol advice", ALCOHOL, "Q3 2025"),
    ]
    assert actions[0].update == "Two clinics open and a third starts after the summer" and actions[0].extra == {}


def test_the_json_carries_the_new_fields_and_the_schema_version(rules: Rules) -> None:
    raw = RawPlan(
        title="Plan",
        actions=[
            RawAction(
                id="1",
                outcome=None,
                section=None,
                text="A",
                lead="PH",
                status="",
                status_fill="FF0000",
                id_generated=True,
            )
        ],
    )
    _, _, actions = normalise_plan(raw, rules)
    doc = Document(
        source=Source(file="p.docx", sha256="0" * 64, format="docx"), kind="action_plan", title="P", actions=actions
    )
    data = doc.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION == 2
    fields = data["actions"][0]
    assert {k: fields[k] for k in ("lead", "status", "status_family", "status_source", "id_generated")} == {
        "lead": "PH",
        "status": "Off track",
        "status_family": "off track",
        "status_source": "colour",
        "id_generated": True,
    }
    assert {"title", "timescale", "update"} <= set(fields)
