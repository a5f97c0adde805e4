"""Findings: what is wrong or odd in a document, each a sentence an officer understands.

Checks read finished records only (never layout), so every format gets the same findings; what
each finding says is in `templates`. A document with no actions (or no questions) never gets
here: `process` refuses it as not recognised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from pipeline.check import templates as t
from pipeline.core.ids import parent_id, sort_key
from pipeline.core.model import DOCUMENT, PLAN, Action, Document, Finding, Note, Place
from pipeline.rules import Rules
from pipeline.rules.patterns import slow_patterns

# Findings about whole columns, left out when a table's columns were lost in a copy as text.
_COLUMN_FINDINGS = ("no-statuses", "no-age-groups", "missing-status", "missing-age-group")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# Findings about whole columns, left out when a table's columns were lost in a copy as text.
_COLUMN_FINDINGS = ("no-statuses", "no-age-groups", "missing-status", "missing-age-group")


def check(doc: Document, rules: Rules, notes: list[Note] | None = None) -> list[Finding]:
    """The document's findings, the readers' and extractors' notes among them, in plan order.

    When a table's columns were lost in a copy as text, its own finding says why columns are
    empty: the findings about whole columns are left out."""
    findings = [note.finding() for note in notes or []]
    lost = any(f.code == "columns-lost" for f in findings)
    findings.extend(f for f in CHECKS[doc.kind](doc, rules) if not (lost and f.code in _COLUMN_FINDINGS))
    seconds = rules.limits.seconds_per_pattern
    findings.extend(  # last: a pattern the checks themselves ran out of time on counts too
        t.SLOW_RULE_PATTERN.at(DOCUMENT, pattern=f"'{slow.pattern}'", written=slow.where, seconds=seconds)
        for slow in slow_patterns()
    )
    unique = {(f.code, str(f.where), f.message): f for f in findings}
    return sorted(
        unique.values(),
        key=lambda f: (sort_key(str(f.where)), str(f.where), _SEVERITY_ORDER[f.severity], f.code, f.message),
    )


def _plan_findings(doc: Document, rules: Rules) -> list[Finding]:
    out: list[Finding] = []
    actions = {a.id: a for a in doc.actions}
    outcomes = {o.id for o in doc.outcomes}
    done = max(s.progress for s in rules.statuses)  # the progress of a finished action

    for ident, count in Counter(a.id for a in doc.actions).items():
        if count > 1:
            out.append(t.DUPLICATE_ID.at(Place("action", ident), id=ident, count=count))

    # A plan without an age-group (or status) column gets one finding, not one per action.
    has_ages = any(a.age_group_raw for a in doc.actions)
    has_statuses = any(a.status_raw or a.status for a in doc.actions)  # a coloured RAG cell is a status
    if not has_ages:
        out.append(t.NO_AGE_GROUPS.at(PLAN))
    if not has_statuses:
        columns = _names(doc)
        out.append(t.NO_STATUSES_NAMED.at(PLAN, columns=columns) if columns else t.NO_STATUSES.at(PLAN))
    for a in doc.actions:
        out.extend(_action_findings(a, actions, outcomes, rules, has_ages, has_statuses, done))

    with_actions = {a.outcome for a in doc.actions}
    for o in doc.outcomes:
        where = Place("outcome", o.id)
        if o.id not in with_actions:
            out.append(t.OUTCOME_WITHOUT_ACTIONS.at(where, id=o.id))
        if not o.text:
            out.append(t.EMPTY_OUTCOME_TEXT.at(where, id=o.id))
    return out


def _names(doc: Document) -> str:
    """The headings of the columns a plan's actions keep under `extra`, quoted, in order."""
    seen = list(dict.fromkeys(key for a in doc.actions for key in a.extra))
    return ", ".join(f"'{name}'" for name in seen)


def _action_findings(
    a: Action,
    actions: dict[str, Action],
    outcomes: set[str],
    rules: Rules,
    plan_has_ages: bool,
    plan_has_statuses: bool,
    done: int,
) -> list[Finding]:
    out: list[Finding] = []
    here = Place("action", a.id)
    if not a.text:
        out.append(t.EMPTY_ACTION_TEXT.at(here, id=a.id))
    if a.status_raw is None and a.status is None:
        if plan_has_statuses:
            out.append(t.MISSING_STATUS.at(here, id=a.id))
    elif a.status is None:
        near = rules.nearest_status_word(a.status_raw)
        if near is not None:
            out.append(t.UNKNOWN_STATUS_NEAR.at(here, id=a.id, status=a.status_raw, near=near))
        else:
            out.append(t.UNKNOWN_STATUS.at(here, id=a.id, status=a.status_raw))
    if a.age_group_raw is None:
        if plan_has_ages:
            out.append(t.MISSING_AGE_GROUP.at(here, id=a.id))
    elif a.age_group is None:
        out.append(t.UNKNOWN_AGE_GROUP.at(here, id=a.id, age_group=a.age_group_raw))

    parent = parent_id(a.id)
    if a.outcome and parent and parent != a.outcome:
        out.append(t.ID_OUTSIDE_OUTCOME.at(here, id=a.id, outcome=a.outcome, parent=parent))
    elif a.section and "." in a.id and a.id.split(".")[0] != a.section:
        out.append(t.ID_OUTSIDE_SECTION.at(here, id=a.id, section=a.section, parent=a.id.split(".")[0]))
    if a.outcome and outcomes and a.outcome not in outcomes:
        out.append(t.UNKNOWN_OUTCOME.at(here, id=a.id, outcome=a.outcome))

    waiting = set(_dependency_ids(a, rules)) if a.unresolved_refs else set()
    for ref in a.unresolved_refs:
        if ref in waiting:
            template = t.MISSING_DEPENDENCY
        elif any(k.count(".") == ref.count(".") for k in actions):  # numbered like this plan's actions
            template = t.DANGLING_ACTION
        else:
            template = t.DANGLING_REFERENCE
        out.append(template.at(here, id=a.id, ref=ref))
    for ref in a.linked_outcomes:
        out.append(t.OUTCOME_REFERENCE.at(here, id=a.id, ref=ref))
    own = rules.status_by_label(a.status)
    for dep in a.depends_on if own is not None and own.blocked else []:
        other = actions.get(dep)
        rule = rules.status_by_label(other.status) if other else None
        if other and rule and rule.progress >= done:
            out.append(t.DEPENDS_ON_COMPLETE.at(here, id=a.id, ref=dep, status=other.status))
    return out


def _dependency_ids(a: Action, rules: Rules) -> list[str]:
    from pipeline.language.refs import cite
    from pipeline.normalise.plan import waits_on

    waits = waits_on(a.status_raw, rules.status_by_label(a.status))
    return cite(waits, rules).ids + cite(a.links_raw, rules).depends_on


def _guidance_findings(doc: Document, rules: Rules) -> list[Finding]:
    out: list[Finding] = []
    for p in doc.priorities:
        if not any(q.priority == p.number for q in doc.questions):
            out.append(t.PRIORITY_WITHOUT_QUESTIONS.at(Place("priority", str(p.number)), number=p.number))
    for q in doc.questions:
        if not q.parts:
            out.append(t.NO_QUESTION_MARK.at(Place("question", q.id), id=q.id))
    return out


# The checks of each kind of document (pipeline.core.kinds).
CHECKS: dict[str, Callable[[Document, Rules], list[Finding]]] = {
    "action_plan": _plan_findings,
    "guidance": _guidance_findings,
}
