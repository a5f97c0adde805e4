"""Each finding, proven on small hand-written plans (records built directly, not from the seed)."""

from __future__ import annotations

from pathlib import Path

from pipeline.check import check
from pipeline.check.templates import TEMPLATES
from pipeline.core.model import Action, Document, Note, Outcome, Question, Section, Source


def action(ident: str, **fields) -> Action:
    base = dict(
        outcome=".".join(ident.split(".")[:2]),
        section=ident.split(".")[0],
        text="Do something useful",
        status="Underway",
        status_raw="Underway",
        links_raw=None,
        age_group="Both",
        age_group_raw="Both",
    )
    base.update(fields)
    return Action(id=ident, **base)


def plan(*actions: Action, outcomes: tuple[str, ...] = ("1.1", "1.2")) -> Document:
    return Document(
        source=Source(file="p.txt", sha256="0" * 64, format="txt"),
        kind="action_plan",
        title="Plan",
        sections=[Section("1", "One")],
        outcomes=[Outcome(o, "1", "An outcome") for o in outcomes],
        actions=list(actions),
    )


def codes(doc: Document, rules) -> list[tuple[str, str, str]]:
    return [(f.severity, f.code, str(f.where)) for f in check(doc, rules)]


def test_clean_plan_has_no_findings(rules) -> None:
    assert codes(plan(action("1.1.1"), action("1.2.1")), rules) == []


def test_dangling_reference(rules) -> None:
    doc = plan(action("1.1.1", links_raw="Links to 3.1.7", unresolved_refs=["3.1.7"]), action("1.2.1"))
    findings = check(doc, rules)
    assert [(f.severity, f.code, str(f.where)) for f in findings] == [("warning", "dangling-reference", "1.1.1")]
    assert findings[0].message == "Action 1.1.1 links to 3.1.7, but the plan has no action 3.1.7."


def test_outcome_where_action_expected(rules) -> None:
    doc = plan(action("1.1.1", linked_outcomes=["1.2"]), action("1.2.1"))
    assert codes(doc, rules) == [("info", "outcome-reference", "1.1.1")]


def test_unknown_and_missing_status(rules) -> None:
    doc = plan(action("1.1.1", status=None, status_raw="Hmm"), action("1.2.1", status=None, status_raw=None))
    found = check(doc, rules)
    assert [(f.code, str(f.where)) for f in found] == [("unknown-status", "1.1.1"), ("missing-status", "1.2.1")]
    assert "'Hmm'" in found[0].message and "rules/statuses.yaml" in found[0].message


def test_missing_and_unknown_age_group(rules) -> None:
    doc = plan(
        action("1.1.1", age_group=None, age_group_raw=None), action("1.2.1", age_group=None, age_group_raw="Pets")
    )
    assert codes(doc, rules) == [("warning", "missing-age-group", "1.1.1"), ("warning", "unknown-age-group", "1.2.1")]


def test_duplicate_id(rules) -> None:
    doc = plan(action("1.1.1"), action("1.1.1", text="Another"), action("1.2.1"))
    assert ("error", "duplicate-id", "1.1.1") in codes(doc, rules)


def test_id_outside_outcome_and_section(rules) -> None:
    doc = plan(
        action("1.1.1"), action("1.2.1"), action("1.1.5", outcome="1.2"), action("2.1.1", outcome=None, section="1")
    )
    found = codes(doc, rules)
    assert ("warning", "id-outside-outcome", "1.1.5") in found
    assert ("warning", "id-outside-section", "2.1.1") in found


def test_empty_action_text(rules) -> None:
    assert ("error", "empty-action-text", "1.1.1") in codes(plan(action("1.1.1", text=""), action("1.2.1")), rules)


def test_depends_on_complete_action(rules) -> None:
    doc = plan(
        action("1.1.1", status="Complete", status_raw="Complete"),
        action("1.2.1", status="Awaiting", status_raw="Awaiting result of 1.1.1", depends_on=["1.1.1"]),
    )
    found = check(doc, rules)
    assert [(f.severity, f.code, str(f.where)) for f in found] == [("info", "depends-on-complete", "1.2.1")]
    assert "already Complete" in found[0].message


def test_waiting_on_a_missing_action(rules) -> None:
    doc = plan(
        action("1.1.1"),
        action("1.2.1", status="Awaiting", status_raw="Awaiting result of 1.1.9", unresolved_refs=["1.1.9"]),
    )
    assert codes(doc, rules) == [("warning", "missing-dependency", "1.2.1")]


def test_outcome_without_actions(rules) -> None:
    assert codes(plan(action("1.1.1"), outcomes=("1.1", "1.2")), rules) == [
        ("warning", "outcome-without-actions", "1.2")
    ]


def test_every_finding_template_is_raised_by_a_check() -> None:
    """The table of findings holds no finding that no check can raise (and no check raises an
    untabled one): every template is used by name in the checks, and only those."""
    import re

    from pipeline.check import findings, templates

    source = Path(findings.__file__).read_text(encoding="utf-8")
    used = set(re.findall(r"\bt\.([A-Z_]+)\b", source))
    tabled = {name for name, value in vars(templates).items() if isinstance(value, templates.Template)}
    assert used == tabled
    assert {id(t) for t in templates.TEMPLATES} == {id(getattr(templates, n)) for n in tabled}


def test_a_plan_with_no_actions_or_guidance_with_no_questions_never_reaches_the_checks() -> None:
    codes = {t.code for t in TEMPLATES}
    assert not codes & {"no-actions", "no-questions"}  # `process` refuses such a document as not recognised


def test_guidance_findings(rules) -> None:
    doc = Document(
        source=Source(file="g.html", sha256="0" * 64, format="html"),
        kind="guidance",
        title="G",
        questions=[Question(id="1.1", priority=1, text="A statement.", parts=[])],
    )
    assert [(f.code, str(f.where)) for f in check(doc, rules)] == [("no-question-mark", "1.1")]


def test_findings_are_sorted_and_unique(rules) -> None:
    doc = plan(
        action("1.2.1", age_group=None, age_group_raw=None),
        action("1.1.2"),
        action("1.1.1", age_group=None, age_group_raw=None),
    )
    first = check(doc, rules)
    assert [str(f.where) for f in first] == ["1.1.1", "1.2.1"]
    notes = [Note(f.severity, f.code, f.where, f.message) for f in first]
    assert check(doc, rules, notes=notes) == first


def test_no_depends_on_complete_when_not_waiting(rules) -> None:
    doc = plan(
        action("1.1.1", status="Complete", status_raw="Complete"),
        action("1.2.1", status="Underway", status_raw="Underway", links_raw="Reliant on 1.1.1", depends_on=["1.1.1"]),
    )
    assert codes(doc, rules) == []


def test_plan_without_age_or_status_columns_gets_one_finding_each(rules) -> None:
    doc = plan(
        action("1.1.1", age_group=None, age_group_raw=None, status=None, status_raw=None),
        action("1.2.1", age_group=None, age_group_raw=None, status=None, status_raw=None),
    )
    assert codes(doc, rules) == [("warning", "no-statuses", "plan"), ("info", "no-age-groups", "plan")]
