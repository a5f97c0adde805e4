"""Revisions among the build's documents: grouped, ordered, and written as a history workbook plus diffs."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.core.model import Action, Document, Source, from_dict, to_json
from pipeline.diff.revisions import Plan, build_revisions, find_groups, load_plans, plan_name, same_plan
from pipeline.emit.json_out import write_json
from pipeline.process import process
from tests.helpers import FIXTURES, ROOT
from tests.xlsx_checks import header_row, worksheet_formulas

REV1 = "self-harm-action-plan.txt"
REV2 = "self-harm-action-plan 2020-06 revision 2.txt"
GUIDANCE = "self-harm-reflection-tool.txt"
DIFF = "self-harm-action-plan__self-harm-action-plan 2020-06 revision 2"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, rules) -> tuple[Path, dict[str, Path]]:
    """The per-document JSON the build would have written for the shipped inputs."""
    out = tmp_path_factory.mktemp("outputs")
    documents = {}
    for name in (REV1, REV2, GUIDANCE):
        path = out / f"{Path(name).stem}.json"
        write_json(process(ROOT / "inputs" / name, rules), path)
        documents[name] = path
    return out, documents


@pytest.fixture(scope="module")
def written(built: tuple[Path, dict[str, Path]], rules) -> list[Path]:
    out, documents = built
    return build_revisions(out, documents, rules)


def test_the_shipped_revisions_give_a_history_and_a_diff(built, written: list[Path]) -> None:
    out, _ = built
    assert [p.name for p in written] == [
        f"{DIFF}.diff.md",
        f"{DIFF}.diff.json",
        f"{DIFF}.diff.xlsx",
        "Preventing Self-Harm Action Plan.history.xlsx",
    ]
    assert all(p.parent == out and p.exists() for p in written)
    assert worksheet_formulas(written[-1]) == []


def test_history_sheet(written: list[Path], rules) -> None:
    wb = load_workbook(written[-1])
    assert wb.sheetnames == ["History", "Status counts", "Revisions"]
    ws = wb["History"]
    assert header_row(ws) == [
        "Action",
        "Earlier numbers",
        "Outcome",
        "What we will do",
        "1. self-harm-action-plan",
        "2. 2020-06 revision 2",
        "Change in the latest revision",
    ]
    rows = {r[0]: r for r in ([c.value for c in row] for row in ws.iter_rows(min_row=2))}
    assert len(rows) == 33  # 32 actions of revision 1, plus one added
    assert [c.value for c in ws["A"][1:6]] == ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3"]
    assert rows["1.1.1"][4:] == ["Initial meeting", "Underway", "Status moved forward (was Initial meeting)"]
    assert rows["1.2.2"][4:] == ["Underway", "Initial meeting", "Status went back (was Underway)"]
    assert rows["1.2.3"][4:] == ["not in plan", "Idea", "Added"]
    assert rows["2.2.4"][4:] == ["Underway", "Underway", "Reworded"]
    assert rows["3.1.4"][4:] == ["Initial meeting", "Awaiting", "Stalled (was Initial meeting)"]
    assert rows["3.1.6"][4:] == ["Awaiting", "not in plan", "Removed"]
    assert rows["4.2.1"][1:3] == ["4.1.3", "4.2"]
    assert rows["4.2.1"][4:] == ["Idea", "Idea", "Renumbered (was 4.1.3); Moved to another outcome (was 4.1)"]
    assert rows["1.1.2"][4:] == ["Underway", "Underway", "No change"]
    assert "4.1.3" not in rows
    r = next(c.row for c in ws["A"] if c.value == "2.3.2")
    assert ws[f"E{r}"].comment.text == "As written: Awaiting result of 2.3.1"
    assert ws[f"E{r}"].fill.fgColor.rgb[-6:] == rules.status_by_label("Awaiting").colour
    assert ws[f"F{r}"].fill.fgColor.rgb[-6:] == rules.status_by_label("Underway").colour
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref


def test_status_counts_and_chart(written: list[Path], rules) -> None:
    ws = load_workbook(written[-1])["Status counts"]
    assert header_row(ws) == ["Revision", *(s.label for s in rules.statuses), "No status", "Actions"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=3)] == [
        # Idea, Initial meeting, Underway, At risk, Off track, Awaiting, Complete, Closed, none, all
        ["1. self-harm-action-plan", 2, 10, 17, 0, 0, 2, 1, 0, 0, 32],
        ["2. 2020-06 revision 2", 3, 8, 17, 0, 0, 1, 3, 0, 0, 32],
    ]
    (chart,) = ws._charts
    assert chart.grouping == "stacked" and len(chart.series) == len(rules.statuses) + 1
    fills = [s.graphicalProperties.solidFill for s in chart.series]
    colours = [f.srgbClr if isinstance(f.srgbClr, str) else f.srgbClr.val for f in fills]
    assert colours[:-1] == [s.colour for s in rules.statuses]


def test_revisions_sheet(written: list[Path]) -> None:
    ws = load_workbook(written[-1])["Revisions"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "Revisions of Preventing Self-Harm Action Plan"  # named after the plan
    assert values[1][0] == "Ordered by how the statuses moved on between them."
    assert values[3] == [
        "Revision",
        "File",
        "Title",
        "Date / version",
        "Why in this place",
        "Actions",
        "What changed since the previous revision",
        "Diff report",
    ]
    assert values[4] == [
        1,
        REV1,
        "Preventing Self-Harm Action Plan",
        None,
        "(the oldest)",
        32,
        "(first revision)",
        None,
    ]
    assert values[5][:6] == [
        2,
        REV2,
        "Preventing Self-Harm Action Plan",
        "2020-06, v2",
        "its statuses moved on from the one before",
        32,
    ]
    assert values[6 - 1][6].startswith("5 actions moved forward, 1 went back") and values[5][7] == f"{DIFF}.diff.xlsx"


def test_rerun_gives_the_same_bytes_and_touches_nothing(built, written: list[Path], rules) -> None:
    out, documents = built
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in written}
    for p in written:
        os.utime(p, ns=(1_000_000_000, 1_000_000_000))
    again = build_revisions(out, documents, rules)
    assert again == written
    for p in again:
        assert p.read_bytes() == before[p][0] and p.stat().st_mtime_ns == 1_000_000_000


def test_guidance_and_unreadable_json_are_left_out(built, tmp_path: Path) -> None:
    _, documents = built
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    plans = load_plans({**documents, "broken.txt": broken, "gone.txt": tmp_path / "gone.json"})
    assert sorted(plans) == [REV2, REV1]


def _plan(texts: dict[str, str], title: str = "Self-Harm Action Plan") -> Document:
    actions = [
        Action(
            id=i,
            outcome=i.rsplit(".", 1)[0],
            section=i[0],
            text=t,
            status="Underway",
            status_raw="Underway",
            links_raw=None,
        )
        for i, t in texts.items()
    ]
    return Document(Source("x.txt", "0" * 64, "txt"), "action_plan", title, actions=actions)


def test_same_plan_needs_the_same_actions_not_just_the_same_numbers_or_title(built) -> None:
    _, documents = built
    plans = load_plans(documents)
    rev1, rev2 = plans[REV1].doc, plans[REV2].doc
    assert same_plan(rev1, rev2)
    numbers_only = _plan(
        {a.id: f"Completely different work item number {n} about housing" for n, a in enumerate(rev1.actions)},
        title="Housing Action Plan",
    )
    assert not same_plan(rev1, numbers_only)
    title_only = _plan({"1.1.1": "Commission a new service for veterans"}, title=rev1.title)
    assert not same_plan(rev1, title_only)
    half = from_dict(json.loads(to_json(rev1)))
    half.actions = half.actions[:16] + [
        dataclasses.replace(a, text=f"New work {a.id} on suicide bereavement support") for a in half.actions[16:]
    ]
    half.title = "Suicide Prevention Plan"
    assert same_plan(rev1, half)  # half of the actions are the same actions: still a revision


def test_a_pinned_rule_names_the_plan_and_fixes_the_order(built, rules) -> None:
    _, documents = built
    plans = load_plans(documents)
    pinned = dataclasses.replace(rules, revisions={"Gloucestershire plan": (REV2, REV1, "not-here.pdf")})
    (group,) = find_groups(plans, pinned)
    assert group.plan == "Gloucestershire plan" and group.members == (REV2, REV1)
    assert group.how == "as listed in rules/documents.yaml"


def test_three_revisions_in_version_order_with_one_row_per_action(built, tmp_path: Path, rules) -> None:
    _, documents = built
    third = tmp_path / "self-harm-action-plan revision 3.json"
    write_json(process(FIXTURES / "revision-renumbered.txt", rules), third)
    docs = {"self-harm-action-plan revision 3.txt": third, REV2: documents[REV2], REV1: documents[REV1]}
    (group,) = find_groups(load_plans(docs), rules)
    assert group.members == (REV1, REV2, "self-harm-action-plan revision 3.txt")
    written = build_revisions(tmp_path, docs, rules)
    assert [p.name for p in written] == [
        f"{DIFF}.diff.md",
        f"{DIFF}.diff.json",
        f"{DIFF}.diff.xlsx",
        "self-harm-action-plan 2020-06 revision 2__self-harm-action-plan revision 3.diff.md",
        "self-harm-action-plan 2020-06 revision 2__self-harm-action-plan revision 3.diff.json",
        "self-harm-action-plan 2020-06 revision 2__self-harm-action-plan revision 3.diff.xlsx",
        "Preventing Self-Harm Action Plan.history.xlsx",
    ]
    ws = load_workbook(written[-1])["History"]
    assert header_row(ws)[4:] == [
        "1. self-harm-action-plan",
        "2. 2020-06 revision 2",
        "3. revision 3",
        "Change in the latest revision",
    ]
    rows = {r[0]: r for r in ([c.value for c in row] for row in ws.iter_rows(min_row=2))}
    # revision 3 (made from revision 1) puts the care-plans action 4.1.2 under 4.2.1, and 4.1.3 back as 4.1.2
    assert rows["4.2.1"][1] == "4.1.2" and rows["4.2.1"][4:] == ["Initial meeting"] * 3 + [
        "Renumbered (was 4.1.2); Moved to another outcome (was 4.1)"
    ]
    assert rows["4.1.2"][1] == "4.1.3, 4.2.1" and rows["4.1.2"][4:] == [
        "Idea",
        "Idea",
        "Idea",
        "Renumbered (was 4.2.1); Moved to another outcome (was 4.2)",
    ]
    assert rows["3.1.6"][4:] == ["Awaiting", "not in plan", "not in plan", "Removed in revision 2"]
    assert rows["1.2.3"][4:] == ["not in plan", "Idea", "not in plan", "Removed"]


@pytest.mark.parametrize(
    ("stems", "title", "expected"),
    [
        (["self-harm-action-plan", "self-harm-action-plan 2020-06 revision 2"], "", "self-harm-action-plan"),
        (["SH plan v1", "SH plan v2"], "", "SH plan"),
        (["Plan 2019", "Plan 2020"], "", "Plan"),
        (["draft", "final"], "Preventing Self-Harm: Action Plan", "Preventing Self-Harm Action Plan"),
    ],
)
def test_plan_name(stems: list[str], title: str, expected: str) -> None:
    doc = _plan({"1.1.1": "x"}, title=title)
    assert plan_name([Plan(f"{s}.pdf", s, doc) for s in stems]) == expected


def test_quick_pass_decides_clear_pairs_without_matching(monkeypatch) -> None:
    """Identical or unrelated plans are told apart without pairing every action."""
    from pipeline.core.model import Action, Document, Source
    from pipeline.diff import revisions

    def plan(title: str, texts: list[str]) -> Document:
        actions = [
            Action(id=f"1.1.{n}", outcome="1.1", section="1", text=t, status=None, status_raw=None, links_raw=None)
            for n, t in enumerate(texts, 1)
        ]
        return Document(
            source=Source(file=f"{title}.txt", sha256="0" * 64, format="txt"),
            kind="action_plan",
            title=title,
            actions=actions,
        )

    def no_matching(*args, **kwargs):
        raise AssertionError("the quick pass should have decided")

    monkeypatch.setattr(revisions, "match_actions", no_matching)
    words = ["Train staff in schools", "Publish the directory", "Audit repeat attendances", "Open a crisis cafe"]
    assert revisions.same_plan(plan("A", words), plan("B", [*words[:3], "Something new entirely"]))
    other = ["Plant trees in parks", "Repair the library roof", "Resurface the high street", "Count the swans"]
    assert not revisions.same_plan(plan("A", words), plan("B", other))


def test_adding_revisions_keeps_the_order_and_the_history_name(tmp_path: Path, rules, capsys) -> None:
    """The shipped pair, then copies named "v1" and "v2" beside it: the pair stays in order, the
    history keeps its name, the duplicates are said to be duplicates."""
    from pipeline.build.run import run_build

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in (REV1, REV2):
        (inputs / name).write_bytes((ROOT / "inputs" / name).read_bytes())
    outputs = tmp_path / "outputs"
    assert run_build(inputs, outputs, jobs=1) == 0
    histories = sorted(p.name for p in outputs.glob("*.history.xlsx"))
    assert histories == ["Preventing Self-Harm Action Plan.history.xlsx"]
    assert (outputs / f"{DIFF}.diff.json").is_file()

    (inputs / "self-harm plan v1.txt").write_bytes((ROOT / "inputs" / REV1).read_bytes())
    (inputs / "self-harm plan v2.txt").write_bytes((ROOT / "inputs" / REV2).read_bytes())
    capsys.readouterr()
    assert run_build(inputs, outputs, jobs=1) == 0
    out = capsys.readouterr()
    assert sorted(p.name for p in outputs.glob("*.history.xlsx")) == histories
    order_line = next(line for line in out.out.splitlines() if line.startswith("revisions of"))
    assert order_line.index(REV1) < order_line.index("self-harm plan v2.txt")
    assert order_line.index("self-harm plan v1.txt") < order_line.index(REV2)
    assert f"{REV1} and self-harm plan v1.txt hold the same plan word for word (duplicates)" in out.err
    assert "ordered by file name" not in out.err
    assert order_line in (outputs / ".build.log").read_text(encoding="utf-8")
    ws = load_workbook(outputs / histories[0])["Revisions"]
    files = [ws.cell(r, 2).value for r in range(5, ws.max_row + 1)]
    assert files.index(REV1) < files.index(REV2)


def test_diff_warns_when_the_two_are_not_revisions_of_one_plan_or_come_newest_first(tmp_path: Path, rules) -> None:
    from pipeline.diff.command import revision_warnings

    old, new = (process(ROOT / "inputs" / name, rules) for name in (REV1, REV2))
    assert revision_warnings(Path(REV1), Path(REV2), old, new, rules) == []
    (backwards,) = revision_warnings(Path(REV2), Path(REV1), new, old, rules)
    assert backwards.startswith(f"{REV1} looks older than {REV2}")
    other = _plan({"1.1.1": "Plant trees in every park", "1.1.2": "Repair the library roof"}, title="Parks plan")
    (unrelated,) = revision_warnings(Path(REV1), Path("parks.json"), old, other, rules)
    assert "do not look like revisions of one plan" in unrelated


def test_a_long_plan_title_gives_a_bounded_history_name(built, tmp_path: Path, rules) -> None:
    """A title of 300 bytes would make a file name no file system holds: the name is cut, tagged
    with a hash of the whole title (the same on every build), and the history is written."""
    from pipeline.diff.revisions import MAX_NAME_BYTES, history_name

    _, documents = built
    title = "Preventing Self-Harm — " + "a very long plan title " * 13
    out = tmp_path / "long"
    out.mkdir()
    copies = {}
    for name in (REV1, REV2):
        record = json.loads(documents[name].read_text(encoding="utf-8"))
        record["title"] = title
        copies[name] = out / documents[name].name
        copies[name].write_text(json.dumps(record), encoding="utf-8")
    written = build_revisions(out, copies, rules)
    history = written[-1].name
    assert len(history.encode("utf-8")) <= MAX_NAME_BYTES and history.endswith(".history.xlsx")
    assert history == history_name(title.strip()) and history.startswith("Preventing Self-Harm — a very long")
    assert history_name(title.strip() + " 2") != history  # two long titles alike never share one
    assert history_name("Short plan") == "Short plan.history.xlsx"


def test_one_plan_s_failure_does_not_stop_the_others(built, tmp_path: Path, rules, monkeypatch) -> None:
    import pipeline.diff.revisions as revisions

    _, documents = built
    groups = [
        revisions.RevisionGroup("Broken plan", (REV1, REV2), "by date"),
        revisions.RevisionGroup("Good plan", (REV1, REV2), "by date"),
    ]
    monkeypatch.setattr(revisions, "find_groups", lambda plans, rules: groups)
    real = revisions.write_group

    def write_group(outputs: Path, group, plans, rules) -> list[Path]:
        if group.plan == "Broken plan":
            raise OSError(28, "No space left on device")
        return real(outputs, group, plans, rules)

    monkeypatch.setattr(revisions, "write_group", write_group)
    told: list[tuple[str, str]] = []
    written = build_revisions(tmp_path, documents, rules, told)
    assert written[-1].name == "Good plan.history.xlsx"
    assert (
        "error",
        "revision history of Broken plan: could not be written: the disk is full (not a fault "
        "of the document) — free some space on the disk and run `make` again",
    ) in told
