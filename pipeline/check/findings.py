"""Findings: what is wrong or odd in a document, each a sentence an officer understands.

Checks read finished records only (never layout), so every format gets the same findings.
Severity: `error` makes a record wrong or unusable, `warning` is very likely a mistake in the
plan, `info` is worth a look.
"""

from __future__ import annotations

from collections import Counter

from pipeline.core.ids import parent_id, sort_key
from pipeline.core.model import Action, Document, Finding
from pipeline.rules import Rules

# Findings about whole columns, left out when a table's columns were lost in a copy as text.
_COLUMN_FINDINGS = ("no-statuses", "no-age-groups", "missing-status", "missing-age-group")
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def check(doc: Document, rules: Rules, notes: list[Finding] | None = None) -> list[Finding]:
    findings = list(notes or [])
    if doc.kind == "action_plan":
        lost = any(f.code == "columns-lost" for f in findings)  # its own finding says why columns are empty
        findings.extend(f for f in _plan_findings(doc, rules) if not (lost and f.code in _COLUMN_FINDINGS))
    else:
        findings.extend(_guidance_findings(doc))
    unique = {(f.code, f.where, f.message): f for f in findings}
    return sorted(
        unique.values(), key=lambda f: (sort_key(f.where), f.where, _SEVERITY_ORDER[f.severity], f.code, f.message)
    )


def _plan_findings(doc: Document, rules: Rules) -> list[Finding]:
    out: list[Finding] = []
    actions = {a.id: a for a in doc.actions}
    outcomes = {o.id for o in doc.outcomes}
    counts = Counter(a.id for a in doc.actions)
    done = max(s.progress for s in rules.statuses)  # the progress of a finished action

    if not doc.actions:
        out.append(Finding("error", "no-actions", "plan", "No actions were found in this plan."))
    for ident, count in counts.items():
        if count > 1:
            out.append(
                Finding(
                    "error",
                    "duplicate-id",
                    ident,
                    f"Action id {ident} is used {count} times; each action needs its own number.",
                )
            )

    # A plan without an age-group (or status) column gets one finding, not one per action.
    has_ages = any(a.age_group_raw for a in doc.actions)
    has_statuses = any(a.status_raw or a.status for a in doc.actions)  # a coloured RAG cell is a status
    if doc.actions and not has_ages:
        out.append(
            Finding(
                "info",
                "no-age-groups",
                "plan",
                "No action in this plan has an age group (it seems to have no age-group column).",
            )
        )
    if doc.actions and not has_statuses:
        out.append(
            Finding(
                "warning",
                "no-statuses",
                "plan",
                "No action in this plan has a status"
                + (
                    f"; the columns kept under their own headings are {_names(doc)}: if one of them holds the "
                    "status, add its heading to rules/headers.yaml (or pin it in rules/documents.yaml)."
                    if _names(doc)
                    else "; if it has a status column under another name, add that name to rules/headers.yaml."
                ),
            )
        )
    for a in doc.actions:
        out.extend(_action_findings(a, actions, outcomes, rules, has_ages, has_statuses, done))

    with_actions = {a.outcome for a in doc.actions}
    for o in doc.outcomes:
        if o.id not in with_actions:
            out.append(Finding("warning", "outcome-without-actions", o.id, f"Outcome {o.id} has no actions under it."))
        if not o.text:
            out.append(Finding("warning", "empty-outcome-text", o.id, f"Outcome {o.id} has no text."))
    return out


def _names(doc: Document) -> str:
    """The headings of the columns a plan's actions keep under `extra`, quoted, in order."""
    seen = list(dict.fromkeys(key for a in doc.actions for key in a.extra))
    return ", ".join(f"'{name}'" for name in seen)


def _unknown_status(a: Action, rules: Rules) -> str:
    """An unknown status word: the known word it is closest to, when there is one (a typo is to
    be corrected in the plan, never added to the rules), else how to teach a new word."""
    near = rules.nearest_status_word(a.status_raw)
    if near is not None:
        return f"Action {a.id} has the status '{a.status_raw}' — did you mean '{near}'? Correct it in the plan."
    return (
        f"Action {a.id} has the status '{a.status_raw}', which is not a known status word; "
        "add it to rules/statuses.yaml if it is one."
    )


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
    if not a.text:
        out.append(Finding("error", "empty-action-text", a.id, f"Action {a.id} has no text."))
    if a.status_raw is None and a.status is None:
        if plan_has_statuses:
            out.append(Finding("warning", "missing-status", a.id, f"Action {a.id} has no status."))
    elif a.status is None:
        out.append(
            Finding(
                "warning",
                "unknown-status",
                a.id,
                _unknown_status(a, rules),
            )
        )
    if a.age_group_raw is None:
        if plan_has_ages:
            out.append(Finding("warning", "missing-age-group", a.id, f"Action {a.id} has no age group."))
    elif a.age_group is None:
        out.append(
            Finding(
                "warning",
                "unknown-age-group",
                a.id,
                f"Action {a.id} has the age group '{a.age_group_raw}', which is not a known age group; "
                "add it to rules/age_groups.yaml if it is one.",
            )
        )

    parent = parent_id(a.id)
    if a.outcome and parent and parent != a.outcome:
        out.append(
            Finding(
                "warning",
                "id-outside-outcome",
                a.id,
                f"Action {a.id} sits under outcome {a.outcome}, but its number says outcome {parent}.",
            )
        )
    elif a.section and "." in a.id and a.id.split(".")[0] != a.section:
        out.append(
            Finding(
                "warning",
                "id-outside-section",
                a.id,
                f"Action {a.id} sits in section {a.section}, but its number says section {a.id.split('.')[0]}.",
            )
        )
    if a.outcome and outcomes and a.outcome not in outcomes:
        out.append(
            Finding(
                "warning",
                "unknown-outcome",
                a.id,
                f"Action {a.id} belongs to outcome {a.outcome}, which is not in the plan.",
            )
        )

    waiting = set(_dependency_ids(a, rules))
    for ref in a.unresolved_refs:
        if ref in waiting:
            out.append(
                Finding(
                    "warning",
                    "missing-dependency",
                    a.id,
                    f"Action {a.id} waits on {ref}, but the plan has no action {ref}.",
                )
            )
        elif ref.count(".") == 2:
            out.append(
                Finding(
                    "warning",
                    "dangling-reference",
                    a.id,
                    f"Action {a.id} links to {ref}, but the plan has no action {ref}.",
                )
            )
        else:
            out.append(
                Finding(
                    "warning",
                    "dangling-reference",
                    a.id,
                    f"Action {a.id} links to {ref}, which is neither an action nor an outcome of this plan.",
                )
            )
    for ref in a.linked_outcomes:
        out.append(
            Finding(
                "info", "outcome-reference", a.id, f"Action {a.id} links to {ref}, which is an outcome, not an action."
            )
        )
    own = rules.status_by_label(a.status)
    for dep in a.depends_on if own is not None and own.blocked else []:
        other = actions.get(dep)
        rule = rules.status_by_label(other.status) if other else None
        if other and rule and rule.progress >= done:
            out.append(
                Finding(
                    "info",
                    "depends-on-complete",
                    a.id,
                    f"Action {a.id} waits on {dep}, which is already {other.status}; its status may be out of date.",
                )
            )
    return out


def _dependency_ids(a: Action, rules: Rules) -> list[str]:
    from pipeline.language.refs import cite
    from pipeline.normalise.plan import waits_on

    waits = waits_on(a.status_raw, rules.status_by_label(a.status))
    return cite(waits, rules).ids + cite(a.links_raw, rules).depends_on


def _guidance_findings(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    if not doc.questions:
        out.append(Finding("error", "no-questions", "document", "No questions were found on this page."))
    for p in doc.priorities:
        if not any(q.priority == p.number for q in doc.questions):
            out.append(
                Finding(
                    "warning", "priority-without-questions", f"{p.number}", f"Priority {p.number} has no questions."
                )
            )
    for q in doc.questions:
        if not q.parts:
            out.append(Finding("warning", "no-question-mark", q.id, f"Item {q.id} does not read as a question."))
    return out
