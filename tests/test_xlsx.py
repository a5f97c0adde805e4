"""The per-document workbooks: what officers open, checked by opening them.

Counts on Summary are compared with counts made here from the hand-written golden records
(tests/golden/seed_plan.yaml), not with the program's own numbers.
"""

from __future__ import annotations

import copy
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pipeline.core.model import Action, Document, Finding, Outcome, Place, Priority, Question, Section, Source, Where
from pipeline.emit.xlsx.document import build_workbook, write_workbook
from pipeline.process import process
from tests.helpers import ROOT, expected_guidance, expected_plan
from tests.xlsx_checks import (
    ACTION_HEADERS,
    check_print,
    check_workbook,
    column_of,
    conditional_colours,
    header_row,
    heading_rows,
    record_rows,
    validations,
    worksheet_formulas,
)

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"
GUIDANCE = ROOT / "inputs" / "self-harm-reflection-tool.txt"
HOSTILE = [
    '=HYPERLINK("http://example.invalid","click")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@cmd",
    "=cmd|' /C notepad'!'A1'",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
    "\uff1d1+1",
    "\uff0b1",
    "\uff0d1",
    "\uff20cmd",
]


@pytest.fixture(scope="module")
def plan_doc(rules) -> Document:  # type: ignore[no-untyped-def]
    return process(PLAN, rules)


@pytest.fixture(scope="module")
def guidance_doc(rules) -> Document:  # type: ignore[no-untyped-def]
    return process(GUIDANCE, rules)


@pytest.fixture(scope="module")
def plan_book(plan_doc, rules, tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("plan") / "plan.xlsx"
    write_workbook(plan_doc, path, rules)
    return path


@pytest.fixture(scope="module")
def guidance_book(guidance_doc, rules, tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("guidance") / "guidance.xlsx"
    write_workbook(guidance_doc, path, rules)
    return path


def _plan(actions: list[Action], findings: list[Finding] | None = None, **kw) -> Document:  # type: ignore[no-untyped-def]
    sections = kw.pop("sections", [Section("1", "First section")])
    outcomes = kw.pop("outcomes", [Outcome("1.1", "1", "The first outcome")])
    return Document(
        source=Source("plan.docx", "0" * 64, "docx", 3),
        kind="action_plan",
        title=kw.pop("title", "A plan"),
        sections=sections,
        outcomes=outcomes,
        actions=actions,
        findings=findings or [],
    )


def _action(i: str, status: str | None = "Underway", **kw) -> Action:  # type: ignore[no-untyped-def]
    return Action(
        id=i,
        outcome=kw.pop("outcome", ".".join(i.split(".")[:2])),
        section=kw.pop("section", i.split(".")[0]),
        text=kw.pop("text", f"Do thing {i}"),
        status=status,
        status_raw=kw.pop("status_raw", status),
        links_raw=kw.pop("links_raw", None),
        source=Where(page=1),
        **kw,
    )


def _summary_table(ws, first_header: str) -> tuple[list[str], dict[str, dict[str, int]]]:  # type: ignore[no-untyped-def]
    """(status headers, row label -> status -> count) of the Summary table starting with `first_header`."""
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == first_header)
    headers = header_row(ws, start)
    statuses = headers[2:-1]
    table: dict[str, dict[str, int]] = {}
    row = start + 1
    while ws.cell(row, 1).value is not None:
        values = [ws.cell(row, c).value for c in range(1, len(headers) + 1)]
        table[str(values[0])] = dict(zip([*statuses, "Total"], values[2:], strict=True))
        row += 1
    return statuses, table


# --------------------------------------------------------------------------- the seed plan


def test_plan_workbook_structure(plan_book: Path, rules) -> None:
    check_workbook(plan_book, "action_plan", rules, records=32)


def test_actions_sheet_rows_are_the_golden_actions(plan_book: Path) -> None:
    ws = load_workbook(plan_book)["Actions"]
    want = expected_plan()["actions"]
    headers = header_row(ws)
    assert headers == [*ACTION_HEADERS, "Line"]  # the action number first; a text input has lines, not pages
    rows = record_rows(ws, "Action")
    assert [r["Action"] for r in rows] == [a["id"] for a in want]
    assert [r["Status"] for r in rows] == [a["status"] for a in want]
    assert [r["Status as written"] for r in rows] == [a["status_raw"] for a in want]
    assert [r["Age group"] for r in rows] == [a["age_group"] for a in want]
    assert [r["What we will do"] for r in rows] == [a["text"] for a in want]
    assert [r["Linked actions"] or "" for r in rows] == [", ".join(a["linked_actions"]) for a in want]
    assert [r["Depends on"] or "" for r in rows] == [", ".join(a["depends_on"]) for a in want]
    assert [r["Outside references"] or "" for r in rows] == ["\n".join(a["external_refs"]) for a in want]
    assert rows[0]["Line"] == 16


def test_sections_and_outcomes_are_heading_rows_above_their_actions(plan_book: Path) -> None:
    ws = load_workbook(plan_book)["Actions"]
    plan = expected_plan()
    outcomes = {o["id"]: o["text"] for o in plan["outcomes"]}
    sections = {str(s["number"]): s["title"] for s in plan["sections"]}
    want: list[object] = []
    section = outcome = None
    for action in plan["actions"]:
        if action["section"] != section:
            section, outcome = action["section"], None
            want.append(f"{section}. {sections[section]}")
        if action["outcome"] != outcome:
            outcome = action["outcome"]
            want.append(f"Outcome {outcome}: {outcomes[outcome]}")
        want.append(action["id"])
    headings = set(heading_rows(ws))
    shown = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert shown == want
    assert headings == {w for w in want if isinstance(w, str) and " " in w}
    first = next(m for m in ws.merged_cells.ranges if m.min_row == 2)
    assert (first.min_col, first.max_col) == (1, len(header_row(ws)))  # across the whole table


def test_actions_sheet_look(plan_book: Path) -> None:
    ws = load_workbook(plan_book)["Actions"]
    assert ws.freeze_panes == "A2"
    assert not ws.tables  # heading rows between actions: a filter, not an Excel table
    assert all(c.font.bold for c in ws[1])
    text = column_of(ws, "What we will do")
    first = record_rows(ws, "Action")[0]["_row"]
    assert ws[f"{text}{first}"].alignment.wrap_text
    assert 40 <= ws.column_dimensions[text].width <= 60
    assert ws.column_dimensions[column_of(ws, "Action")].width < 15
    assert ws.print_title_rows == "$1:$1"


def test_every_sheet_prints_on_a4_or_a3_with_title_version_page_and_source(rules, tmp_path: Path) -> None:
    doc = process(ROOT / "inputs" / "self-harm-action-plan 2020-06 revision 2.txt", rules)
    wb = build_workbook(doc, rules)
    check_print(wb)
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            assert ws.oddHeader.left.text == "Preventing Self-Harm Action Plan — 2020-06, v2"  # version from its name
            assert ws.oddFooter.left.text == "Source: self-harm-action-plan 2020-06 revision 2.txt"
    assert int(wb["Actions"].page_setup.paperSize) == int(wb["Actions"].PAPERSIZE_A3)  # a wide sheet: A3, not shrunk
    assert int(wb["Source"].page_setup.paperSize) == int(wb["Source"].PAPERSIZE_A4)
    doc.revision = "Version 2.0 & final"
    wb = build_workbook(doc, rules)
    assert wb["Actions"].oddHeader.left.text == "Preventing Self-Harm Action Plan — Version 2.0 && final"


def test_paper_is_chosen_by_width_so_text_stays_at_8_points_or_more() -> None:
    from pipeline.emit.xlsx.style import MIN_PRINT_SCALE, PRINTABLE_POINTS, choose_paper

    assert choose_paper(600) == ("A4", 1)
    assert choose_paper(PRINTABLE_POINTS["A4"] / MIN_PRINT_SCALE + 1) == ("A3", 1)
    assert choose_paper(PRINTABLE_POINTS["A3"] / MIN_PRINT_SCALE * 1.5) == ("A3", 2)
    assert 11 * MIN_PRINT_SCALE >= 8


def test_linked_ids_jump_to_the_cited_row_or_to_each_on_the_links_sheet(plan_book: Path) -> None:
    wb = load_workbook(plan_book)
    ws, links = wb["Actions"], wb["Links"]
    action_col = column_of(ws, "Action")
    row_of = {r["Action"]: r["_row"] for r in record_rows(ws, "Action")}
    link_rows = {(links[f"A{r}"].value, links[f"B{r}"].value): r for r in range(2, links.max_row + 1)}
    checked = 0
    for header, field in (("Linked actions", "linked_actions"), ("Depends on", "depends_on")):
        col = column_of(ws, header)
        for want in expected_plan()["actions"]:
            cell = ws[f"{col}{row_of[want['id']]}"]
            cited = [i for i in want[field] if i in row_of]
            if not cited:
                assert cell.hyperlink is None
                continue
            for i in cited:  # each cited action is on the Links sheet, jumping to its row
                row = link_rows[(want["id"], i)]
                assert links[f"B{row}"].hyperlink.location == f"'Actions'!{action_col}{row_of[i]}"
            if len(cited) == 1:
                assert cell.hyperlink.location == f"'Actions'!{action_col}{row_of[cited[0]]}"
            else:
                assert cell.hyperlink.location == f"'Links'!B{link_rows[(want['id'], cited[0])]}"
            assert not cell.hyperlink.target  # inside the workbook, no external relationship
            checked += 1
    assert checked >= 5
    # 2.1.2 cites outcome 5.1: the link goes to that outcome's heading row
    cell = ws[f"{column_of(ws, 'Linked outcomes')}{row_of['2.1.2']}"]
    target = cell.hyperlink.location.split("!")[1]
    assert cell.value == "5.1" and ws[target].value.startswith("Outcome 5.1: ")
    # 2.1.2 links with three actions: one cell, three rows on Links, each its own jump
    assert ws[f"{column_of(ws, 'Linked actions')}{row_of['2.1.2']}"].value == "2.3.2, 2.2.5"
    assert [(k, v) for k, v in link_rows if k == "2.1.2"] == [("2.1.2", "2.3.2"), ("2.1.2", "2.2.5"), ("2.1.2", "5.1")]


def test_status_drop_down_and_colours(plan_book: Path, rules) -> None:
    ws = load_workbook(plan_book)["Actions"]
    status = column_of(ws, "Status")
    span = f"{status}2:{status}{ws.max_row}"
    dv = validations(ws)[span]
    assert dv.formula1.strip('"').split(",") == [s.label for s in rules.statuses]
    assert dv.showErrorMessage and dv.allow_blank
    assert conditional_colours(ws)[span] == {s.label: s.colour for s in rules.statuses}


def test_summary_counts_by_section_and_status_match_the_golden_records(plan_book: Path, rules) -> None:
    ws = load_workbook(plan_book)["Summary"]
    statuses, table = _summary_table(ws, "Section")
    assert statuses == [s.label for s in rules.statuses]  # every action in the seed has a status
    want: dict[str, Counter[str]] = {}
    for action in expected_plan()["actions"]:
        want.setdefault(action["section"], Counter())[action["status"]] += 1
    for section, counts in want.items():
        assert {s: table[section][s] for s in statuses} == {s: counts.get(s, 0) for s in statuses}
        assert table[section]["Total"] == sum(counts.values())
    assert table["Total"]["Total"] == 32
    assert {s: table["Total"][s] for s in statuses} == {s: sum(c.get(s, 0) for c in want.values()) for s in statuses}
    assert all(isinstance(v, int) for row in table.values() for v in row.values())  # values, not formulas


def test_summary_counts_by_age_group_match_the_golden_records(plan_book: Path, rules) -> None:
    ws = load_workbook(plan_book)["Summary"]
    statuses, table = _summary_table(ws, "Age group")
    want: dict[str, Counter[str]] = {}
    for action in expected_plan()["actions"]:
        want.setdefault(action["age_group"] or "Not given", Counter())[action["status"]] += 1
    assert set(table) == {*want, "Total"}
    for age, counts in want.items():
        assert {s: table[age][s] for s in statuses} == {s: counts.get(s, 0) for s in statuses}
    assert table["Not given"]["Total"] == 1  # 3.1.6 has no age group


def test_summary_chart_is_stacked_bars_of_status_per_section(plan_book: Path, rules) -> None:
    wb = load_workbook(plan_book)
    (chart,) = wb["Summary"]._charts
    assert chart.tagname == "barChart" and chart.grouping == "stacked" and chart.overlap == 100
    assert len(chart.series) == len(rules.statuses)
    fills = [s.graphicalProperties.solidFill.srgbClr for s in chart.series]
    colours = [getattr(f, "val", f) for f in fills]
    assert colours == [s.colour for s in rules.statuses]
    refs = [s.val.numRef.f for s in chart.series]
    assert all(r.startswith("'Summary'!$") or r.startswith("Summary!$") for r in refs)
    assert chart.series[0].cat.numRef is not None or chart.series[0].cat.strRef is not None
    with zipfile.ZipFile(plan_book) as archive:
        xml = archive.read("xl/charts/chart1.xml").decode()
    assert 'grouping val="stacked"' in xml and 'barDir val="bar"' in xml
    assert xml.count('delete val="0"') == 2  # both axes shown in current Excel


def test_findings_sheet(plan_book: Path, plan_doc: Document) -> None:
    ws = load_workbook(plan_book)["Findings"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_col=4)]
    assert rows == [[f.severity, f.code, str(f.where), f.message] for f in plan_doc.findings]
    assert [r[2] for r in rows] == ["2.1.2", "3.1.6", "5.1.4"]
    actions = load_workbook(plan_book)["Actions"]  # "Where" jumps to the action's own row
    for r in range(2, ws.max_row + 1):
        link = ws[f"C{r}"].hyperlink
        target = link.location.split("!")[1]
        assert actions[target].value == ws[f"C{r}"].value


def test_source_sheet_names_file_checksum_and_rules_without_clock_time(plan_book: Path, plan_doc, rules) -> None:
    from pipeline import __version__

    ws = load_workbook(plan_book)["Source"]
    items = {ws[f"A{r}"].value: ws[f"B{r}"].value for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value}
    assert items["File"] == "self-harm-action-plan.txt"
    assert items["SHA-256 of the file"] == plan_doc.source.sha256
    assert items["Rules fingerprint"] == rules.fingerprint
    assert items["Pipeline version"] == __version__
    assert items["Actions"] == 32 and items["Findings"] == 3
    assert not any(hasattr(v, "year") for v in items.values())


# --------------------------------------------------------------------------- guidance


def test_guidance_workbook_structure(guidance_book: Path, rules) -> None:
    check_workbook(guidance_book, "guidance", rules, records=21)


def test_questions_sheet_is_a_fillable_form(guidance_book: Path) -> None:
    ws = load_workbook(guidance_book)["Questions"]
    rows = record_rows(ws, "Question")
    want = expected_guidance()["questions"]
    assert [r["Question"] for r in rows] == [q["id"] for q in want]
    for row, question in zip(rows, want, strict=True):  # one column holds the whole question
        parts = [p["text"] for p in question["parts"]]
        kinds = [" (yes/no)" if p["kind"] == "closed" else " (open)" for p in question["parts"]]
        asks = row["What it asks"].split("\n")
        if len(parts) == 1:
            assert asks[0] == parts[0] + (kinds[0] if kinds[0] == " (yes/no)" else "")
        else:
            numbered = [f"{i}. {p}{k}" for i, (p, k) in enumerate(zip(parts, kinds, strict=True), 1)]
            assert asks[-len(numbered) - len(question.get("notes", [])) :][: len(numbered)] == numbered
        assert all(row[h] is None for h in ("Current position", "What could be improved", "RAG", "Owner"))
    fill = ws[f"{column_of(ws, 'Current position')}{rows[0]['_row']}"].fill.fgColor.rgb
    assert fill.endswith("FFF9E5")
    assert ws.freeze_panes == f"{column_of(ws, 'Current position')}2"  # the question stays in view
    priorities = {int(q["id"].split(".")[0]) for q in want}
    headings = heading_rows(ws)
    assert [h.split(":")[0] for h in headings] == [f"Priority {n}" for n in sorted(priorities)]
    assert ws.cell(2, 1).value == headings[0]  # each priority's heading row comes before its questions


def test_guidance_summary_counts_per_priority(guidance_book: Path) -> None:
    ws = load_workbook(guidance_book)["Summary"]
    start = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Priority")
    headers = header_row(ws, start)
    table = {}
    for r in range(start + 1, ws.max_row + 1):
        if ws.cell(r, 1).value is None:
            break
        table[ws.cell(r, 1).value] = dict(zip(headers, (ws.cell(r, c).value for c in range(1, 13)), strict=False))
    want = expected_guidance()["questions"]
    for number in (1, 2, 3):
        qs = [q for q in want if q["id"].startswith(f"{number}.")]
        kinds = Counter(p["kind"] for q in qs for p in q["parts"])
        assert table[number]["Questions"] == len(qs)
        assert table[number]["Parts"] == sum(len(q["parts"]) for q in qs)
        assert (table[number]["Closed parts"], table[number]["Open parts"]) == (kinds["closed"], kinds["open"])
        assert table[number]["Not rated"] == len(qs)
    assert table["Total"]["Questions"] == 21


def _first_priority_counts(wb: Any) -> dict[str, Any]:
    """The Summary's row for the first priority, by column header."""
    summary = wb["Summary"]
    start = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == "Priority")
    headers = header_row(summary, start)
    return dict(zip(headers, (summary.cell(start + 1, c).value for c in range(1, 13)), strict=False))


def test_answers_read_back_from_a_form_appear_in_the_sheet(guidance_doc: Document, rules, tmp_path: Path) -> None:
    doc = copy.deepcopy(guidance_doc)
    doc.questions[0].response = "We run quarterly training."
    doc.questions[0].improve = "=Reach GPs"  # hostile text in an answer stays text
    doc.questions[0].rag = "amber"
    doc.questions[1].rag = "Green"
    doc.questions[2].rag = "Purple"  # not one of the drop-down's values: kept as written
    path = tmp_path / "filled.xlsx"
    write_workbook(doc, path, rules)
    wb = check_workbook(path, "guidance", rules, records=21)
    ws = wb["Questions"]
    rows = record_rows(ws, "Question")
    assert rows[0]["Current position"] == "We run quarterly training."
    assert rows[0]["What could be improved"] == "=Reach GPs"
    assert [r["RAG"] for r in rows[:3]] == ["Amber", "Green", "Purple"]
    first = _first_priority_counts(wb)
    assert (first["Amber"], first["Green"], first["Answered"]) == (1, 1, 1)


def test_ratings_written_short_are_read_by_the_rules(guidance_doc: Document, rules, tmp_path: Path) -> None:
    doc = copy.deepcopy(guidance_doc)
    doc.questions[0].rag, doc.questions[1].rag, doc.questions[2].rag = "A", " r ", "g."
    path = tmp_path / "short.xlsx"
    write_workbook(doc, path, rules)
    wb = load_workbook(path)
    ws = wb["Questions"]
    assert [r["RAG"] for r in record_rows(ws, "Question")[:3]] == ["Amber", "Red", "Green"]
    first = _first_priority_counts(wb)
    assert (first["Red"], first["Amber"], first["Green"]) == (1, 1, 1)


def test_a_rating_added_to_the_rules_is_offered_counted_and_coloured(guidance_doc: Document, tmp_path: Path) -> None:
    """BRAG forms: an officer adds Blue to rules/guidance.yaml; no code changes."""
    import shutil

    from pipeline.rules import DEFAULT_RULES_DIR, load_rules

    folder = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, folder)
    path = folder / "guidance.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    synonyms: [G]\n"
    assert old in text
    path.write_text(
        text.replace(old, old + "  - label: Blue\n    colour: 9BC2E6\n    synonyms: [B, Complete]\n"), "utf-8"
    )
    brag = load_rules(folder)
    doc = copy.deepcopy(guidance_doc)
    doc.questions[0].rag = "complete"
    book = tmp_path / "brag.xlsx"
    write_workbook(doc, book, brag)
    wb = check_workbook(book, "guidance", brag, records=21)
    ws = wb["Questions"]
    rag = column_of(ws, "RAG")
    assert record_rows(ws, "Question")[0]["RAG"] == "Blue"
    assert validations(ws)[f"{rag}2:{rag}{ws.max_row}"].formula1 == '"Red,Amber,Green,Blue"'
    assert conditional_colours(ws)[f"{rag}2:{rag}{ws.max_row}"]["Blue"].endswith("9BC2E6")
    summary = wb["Summary"]
    start = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == "Priority")
    assert header_row(summary, start)[-2:] == ["Blue", "Not rated"]


# --------------------------------------------------------------------------- other plans


def test_unknown_statuses_are_blank_and_counted_as_no_status(rules, tmp_path: Path) -> None:
    doc = _plan([_action("1.1.1", None, status_raw="Hmm"), _action("1.1.2"), _action("1.1.3", None)])
    path = tmp_path / "u.xlsx"
    write_workbook(doc, path, rules)
    wb = check_workbook(path, "action_plan", rules, records=3)
    rows = record_rows(wb["Actions"], "Action")
    assert [r["Status"] for r in rows] == [None, "Underway", None]
    assert rows[0]["Status as written"] == "Hmm"
    statuses, table = _summary_table(wb["Summary"], "Section")
    assert statuses[-1] == "No status"
    assert table["1"]["No status"] == 2 and table["1"]["Underway"] == 1 and table["1"]["Total"] == 3
    assert len(wb["Summary"]._charts[0].series) == len(rules.statuses) + 1
    key = [c.value for c in wb["Summary"]["A"]]
    assert "No status" in key[key.index("Status key") :]


def test_empty_findings_say_so(rules, tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    write_workbook(_plan([_action("1.1.1")]), path, rules)
    ws = check_workbook(path, "action_plan", rules, records=1)["Findings"]
    assert ws.tables["FindingsTable"].ref == "A1:D2"
    assert any("No findings" in str(c.value) for c in ws["A"][2:])


def test_a_plan_without_actions_still_gives_a_valid_workbook(rules, tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    write_workbook(_plan([]), path, rules)
    wb = check_workbook(path, "action_plan", rules, records=0)
    _, table = _summary_table(wb["Summary"], "Section")
    assert table["1"]["Total"] == 0 and table["Total"]["Total"] == 0


def test_many_actions(rules, tmp_path: Path) -> None:
    labels = [s.label for s in rules.statuses]
    actions = []
    for s in range(1, 11):
        for o in range(1, 11):
            for a in range(1, 21):
                actions.append(
                    _action(
                        f"{s}.{o}.{a}", labels[(s + o + a) % len(labels)], linked_actions=[f"{s}.{o}.{max(1, a - 1)}"]
                    )
                )
    doc = _plan(
        actions,
        sections=[Section(str(s), f"Section {s}") for s in range(1, 11)],
        outcomes=[Outcome(f"{s}.{o}", str(s), "x") for s in range(1, 11) for o in range(1, 11)],
    )
    path = tmp_path / "many.xlsx"
    started = time.perf_counter()
    write_workbook(doc, path, rules)
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"2000 actions took {elapsed:.1f}s"
    wb = check_workbook(path, "action_plan", rules, records=2000)
    _, table = _summary_table(wb["Summary"], "Section")
    want = Counter(a.status for a in actions if a.section == "3")
    assert {k: v for k, v in table["3"].items() if k != "Total" and v} == dict(want)
    assert table["Total"]["Total"] == 2000
    ws = wb["Actions"]
    rows = {r["Action"]: r["_row"] for r in record_rows(ws, "Action")}
    linked = ws[f"{column_of(ws, 'Linked actions')}{rows['10.10.20']}"]
    assert linked.value == "10.10.19" and linked.hyperlink.location == f"'Actions'!A{rows['10.10.19']}"
    assert len(heading_rows(ws)) == 10 + 100  # a heading row per section and per outcome


def test_extra_plan_columns_are_kept_and_never_clash(rules, tmp_path: Path) -> None:
    actions = [
        _action("1.1.1", extra={"Lead officer": "J Smith", "Status": "RAG green", "Timescale": "Q1"}),
        _action("1.1.2", extra={"Lead officer": "A Jones"}),
    ]
    path = tmp_path / "extra.xlsx"
    write_workbook(_plan(actions), path, rules)
    ws = check_workbook(path, "action_plan", rules, records=2)["Actions"]
    headers = header_row(ws)
    # columns empty for every action are left out (and named in a note); the plan's own follow
    assert headers == [
        "Action",
        "What we will do",
        "Status",
        "Status as written",
        "Lead officer",
        "Status (plan)",
        "Timescale",
        "Page",
    ]
    rows = record_rows(ws, "Action")
    assert rows[1]["Lead officer"] == "A Jones"
    assert rows[0]["Status (plan)"] == "RAG green" and rows[0]["Page"] == 1
    note = ws["A1"].comment.text
    assert note.startswith("Left out: no action of this plan has anything under Linked actions, Linked outcomes")


# --------------------------------------------------------------------------- safety


def test_hostile_text_everywhere_is_written_as_text(rules, tmp_path: Path) -> None:
    actions = []
    for n, text in enumerate(HOSTILE, 1):
        actions.append(
            _action(
                f"1.1.{n}",
                "Underway",
                text=text,
                status_raw=text,
                links_raw=text,
                external_refs=[text],
                age_group=None,
                extra={"=Lead": text},
            )
        )
    doc = _plan(
        actions,
        findings=[Finding("error", "=code", Place("action", "=1+1"), text) for text in HOSTILE],
        title=HOSTILE[0],
        sections=[Section("1", HOSTILE[1])],
        outcomes=[Outcome("1.1", "1", HOSTILE[3])],
    )
    doc.source.file = "=evil.docx"
    path = tmp_path / "hostile.xlsx"
    write_workbook(doc, path, rules)
    assert worksheet_formulas(path) == []
    wb = check_workbook(path, "action_plan", rules, records=len(HOSTILE))
    ws = wb["Actions"]
    text_col = column_of(ws, "What we will do")
    rows = [r["_row"] for r in record_rows(ws, "Action")]
    for row, text in zip(rows, HOSTILE, strict=True):
        cell = ws[f"{text_col}{row}"]
        assert cell.value.replace("\n", "\r") in (text, text.replace("\r", "\n"))
        assert cell.quotePrefix and cell.data_type == "s"
    assert ws[f"{column_of(ws, '=Lead')}{rows[0]}"].quotePrefix


def test_guidance_with_hostile_questions(rules, tmp_path: Path) -> None:
    questions = [
        Question(id=f"1.{n}", priority=1, text=t, parts=[t, "+2?"], kinds=["open", "closed"], notes=[t])
        for n, t in enumerate(HOSTILE, 1)
    ]
    doc = Document(
        source=Source("g.html", "1" * 64, "html", None),
        kind="guidance",
        title="@guidance",
        priorities=[Priority(1, "=P")],
        questions=questions,
    )
    path = tmp_path / "g.xlsx"
    write_workbook(doc, path, rules)
    check_workbook(path, "guidance", rules, records=len(HOSTILE))


PROBE = ROOT.parent / "shared" / "corpus" / "hostile" / "generated__plan_formula_injection.docx"
PROBE_STRINGS = ['=HYPERLINK("http://example.invalid","click")', "+SUM(1,2)", "@cmd", "=1+1", "\uff1d1+1"]


def _probe_texts(rules) -> list[str]:  # type: ignore[no-untyped-def]
    """Every paragraph and table cell of the probe, as the pipeline's Word reader lays them out."""
    from pipeline.process import read_layout

    layout = read_layout(PROBE, rules, PROBE.read_bytes())
    texts = []
    for block in layout.blocks:
        if block.kind == "table":
            texts += [cell.text for row in block.rows for cell in row.cells]
        elif block.text:
            texts.append(block.text)
    return texts


def _forced_kind_rules(tmp_path: Path, kind: str):  # type: ignore[no-untyped-def]
    """The project's rules with the probe named as `kind` in documents.yaml (as an officer would)."""
    import shutil

    from pipeline.rules import load_rules

    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    (folder / "documents.yaml").write_text(f'kinds:\n  "{PROBE.name}": {kind}\n', encoding="utf-8")
    return load_rules(folder)


def _assert_probe_safe(doc: Document, rules, path: Path) -> set[str]:  # type: ignore[no-untyped-def]
    write_workbook(doc, path, rules)
    assert worksheet_formulas(path) == []
    wb = check_workbook(
        path, doc.kind, rules, records=len(doc.actions) if doc.kind == "action_plan" else len(doc.questions)
    )
    return {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}


def test_formula_injection_probe_through_the_pipeline(rules, tmp_path: Path) -> None:
    """The hostile Word probe, read by the pipeline, never puts a formula in a workbook.

    The probe is not a real plan: the pipeline refuses it in one clear line, or (named as a plan
    or guidance in rules/documents.yaml) writes a workbook without a formula. Its paragraphs and
    cells, as the Word reader lays them out, then go through the writer as a plan's actions, so
    every probe string is exercised whatever the classifier decides.
    """
    import importlib.util

    from pipeline.core.errors import PipelineError

    assert importlib.util.find_spec("pipeline.read.docx.reader") is not None, "the Word reader is not there yet"
    try:
        _assert_probe_safe(process(PROBE, rules), rules, tmp_path / "as-is.xlsx")
    except PipelineError as exc:
        line = exc.line(PROBE.name)
        assert "\n" not in line and "internal error" not in line
        assert "damaged" not in line.lower(), line  # a valid DOCX: the reader must open it
    for kind in ("action_plan", "guidance"):
        forced = _forced_kind_rules(tmp_path / kind, kind)
        try:
            doc = process(PROBE, forced)
        except PipelineError as exc:
            assert "internal error" not in exc.line(PROBE.name)
            continue
        _assert_probe_safe(doc, forced, tmp_path / f"{kind}.xlsx")

    texts = _probe_texts(rules)
    assert sum(any(s in t for s in PROBE_STRINGS) for t in texts) >= 5, texts
    doc = _plan([_action(f"1.1.{n}", None, text=t, status_raw=t) for n, t in enumerate(texts, 1)])
    seen = _assert_probe_safe(doc, rules, tmp_path / "cells.xlsx")
    for probe in PROBE_STRINGS:
        assert any(probe in value for value in seen), probe


# --------------------------------------------------------------------------- reproducibility


def test_same_document_gives_byte_identical_workbooks(plan_doc, guidance_doc, rules, tmp_path: Path) -> None:
    for doc in (plan_doc, guidance_doc):
        write_workbook(doc, tmp_path / "a.xlsx", rules)
        write_workbook(doc, tmp_path / "b.xlsx", rules)
        assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_byte_identical_at_another_time_and_time_zone(plan_doc, rules, tmp_path: Path, monkeypatch) -> None:
    import datetime as real

    write_workbook(plan_doc, tmp_path / "now.xlsx", rules)

    class Later(real.datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return real.datetime(2039, 12, 31, 23, 59, 59, tzinfo=tz)

        @classmethod
        def utcnow(cls):  # type: ignore[override]
            return real.datetime(2039, 12, 31, 23, 59, 59)

    import openpyxl.writer.excel as excel

    monkeypatch.setenv("TZ", "America/St_Johns")
    time.tzset()
    monkeypatch.setattr(excel.datetime, "datetime", Later)
    monkeypatch.setattr(time, "time", lambda: 2208988800.0)
    try:
        write_workbook(plan_doc, tmp_path / "later.xlsx", rules)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert (tmp_path / "later.xlsx").read_bytes() == (tmp_path / "now.xlsx").read_bytes()


def test_build_workbook_does_not_change_the_document(plan_doc, rules) -> None:
    before = copy.deepcopy(plan_doc)
    build_workbook(plan_doc, rules)
    assert plan_doc == before


@pytest.mark.parametrize("path", sorted((ROOT / "inputs").iterdir()), ids=lambda p: p.name)
def test_every_input_gives_a_well_formed_workbook(path: Path, rules, tmp_path: Path) -> None:
    if path.name.startswith("."):
        return
    doc = process(path, rules)
    out = tmp_path / "x.xlsx"
    write_workbook(doc, out, rules)
    check_workbook(out, doc.kind, rules, records=len(doc.actions) if doc.kind == "action_plan" else len(doc.questions))


def test_answers_from_the_filled_in_word_form_fixture_appear_in_the_sheet(rules, tmp_path: Path) -> None:
    """The committed filled-in form (tests/fixtures), read by the pipeline, fills the form's columns."""
    from tests.fixtures.guidance_fixtures import FILLED_ANSWERS

    doc = process(ROOT / "tests" / "fixtures" / "files" / "guidance-form-filled.docx", rules)
    path = tmp_path / "filled.xlsx"
    write_workbook(doc, path, rules)
    ws = check_workbook(path, "guidance", rules, records=len(doc.questions))["Questions"]
    columns = {h: column_of(ws, h) for h in ("Question", "Current position", "What could be improved", "RAG")}
    rows = {ws[f"{columns['Question']}{r}"].value: r for r in range(2, ws.max_row + 1)}

    def words(value: object) -> str:
        return " ".join(str(value or "").split())

    for qid, (response, improve, rag) in FILLED_ANSWERS.items():
        row = rows[qid]
        assert words(ws[f"{columns['Current position']}{row}"].value) == words(response)
        assert words(ws[f"{columns['What could be improved']}{row}"].value) == words(improve)
        assert ws[f"{columns['RAG']}{row}"].value == rag
    unanswered = [q for q in rows if q not in FILLED_ANSWERS]
    assert all(ws[f"{columns['RAG']}{rows[q]}"].value is None for q in unanswered)


def test_generated_action_numbers_are_said_to_be_generated(rules, tmp_path: Path) -> None:
    doc = _plan([_action("1.1.1", id_generated=True), _action("1.1.2", id_generated=True)])
    ws = build_workbook(doc, rules)["Actions"]
    assert "The plan prints no action numbers" in ws["A1"].comment.text
