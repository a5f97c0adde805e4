"""Every finding the checks can raise, in one table: its code, its severity and its sentence.

An officer reads the sentence (in the workbook's Findings sheet and the index); an analyst
filters on the code. Severity: `error` makes a record wrong or unusable, `warning` is very
likely a mistake in the plan, `info` is worth a look. The sentences are `str.format`
templates filled from the record the finding is about. The notes readers and extractors raise
(a repaired file, text placed nowhere) are theirs, not listed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.core.model import Finding, Place, Severity


@dataclass(frozen=True)
class Template:
    code: str
    severity: Severity
    message: str  # "Action {id} has no text."

    def at(self, where: Place, **values: Any) -> Finding:
        """The finding about `where`, its sentence filled from `values`."""
        return Finding(self.severity, self.code, where, self.message.format(**values))


# plans: the whole plan
NO_AGE_GROUPS = Template(
    "no-age-groups", "info", "No action in this plan has an age group (it seems to have no age-group column)."
)
NO_STATUSES = Template(
    "no-statuses",
    "warning",
    "No action in this plan has a status; if it has a status column under another name, "
    "add that name to rules/headers.yaml.",
)
NO_STATUSES_NAMED = Template(
    "no-statuses",
    "warning",
    "No action in this plan has a status; the columns kept under their own headings are {columns}: "
    "if one of them holds the status, add its heading to rules/headers.yaml (or pin it in rules/documents.yaml).",
)
# any document: a rule pattern that ran out of time (pipeline/rules/patterns.py)
SLOW_RULE_PATTERN = Template(
    "slow-rule-pattern",
    "error",
    "The pattern {pattern} at {written} took more than {seconds:g} seconds on one text of this document and "
    "was skipped for the rest of it, so what it finds may be missing: rewrite it more simply, then run again.",
)
# plans: one action
DUPLICATE_ID = Template(
    "duplicate-id", "error", "Action id {id} is used {count} times; each action needs its own number."
)
EMPTY_ACTION_TEXT = Template("empty-action-text", "error", "Action {id} has no text.")
MISSING_STATUS = Template("missing-status", "warning", "Action {id} has no status.")
UNKNOWN_STATUS = Template(
    "unknown-status",
    "warning",
    "Action {id} has the status '{status}', which is not a known status word; "
    "add it to rules/statuses.yaml if it is one.",
)
UNKNOWN_STATUS_NEAR = Template(  # a typo is corrected in the plan, never added to the rules
    "unknown-status",
    "warning",
    "Action {id} has the status '{status}' — did you mean '{near}'? Correct it in the plan.",
)
MISSING_AGE_GROUP = Template("missing-age-group", "warning", "Action {id} has no age group.")
UNKNOWN_AGE_GROUP = Template(
    "unknown-age-group",
    "warning",
    "Action {id} has the age group '{age_group}', which is not a known age group; "
    "add it to rules/age_groups.yaml if it is one.",
)
ID_OUTSIDE_OUTCOME = Template(
    "id-outside-outcome", "warning", "Action {id} sits under outcome {outcome}, but its number says outcome {parent}."
)
ID_OUTSIDE_SECTION = Template(
    "id-outside-section", "warning", "Action {id} sits in section {section}, but its number says section {parent}."
)
UNKNOWN_OUTCOME = Template(
    "unknown-outcome", "warning", "Action {id} belongs to outcome {outcome}, which is not in the plan."
)
MISSING_DEPENDENCY = Template(
    "missing-dependency", "warning", "Action {id} waits on {ref}, but the plan has no action {ref}."
)
DANGLING_ACTION = Template(
    "dangling-reference", "warning", "Action {id} links to {ref}, but the plan has no action {ref}."
)
DANGLING_REFERENCE = Template(
    "dangling-reference",
    "warning",
    "Action {id} links to {ref}, which is neither an action nor an outcome of this plan.",
)
OUTCOME_REFERENCE = Template(
    "outcome-reference", "info", "Action {id} links to {ref}, which is an outcome, not an action."
)
DEPENDS_ON_COMPLETE = Template(
    "depends-on-complete",
    "info",
    "Action {id} waits on {ref}, which is already {status}; its status may be out of date.",
)
# plans: one outcome
OUTCOME_WITHOUT_ACTIONS = Template("outcome-without-actions", "warning", "Outcome {id} has no actions under it.")
EMPTY_OUTCOME_TEXT = Template("empty-outcome-text", "warning", "Outcome {id} has no text.")
# guidance
PRIORITY_WITHOUT_QUESTIONS = Template("priority-without-questions", "warning", "Priority {number} has no questions.")
NO_QUESTION_MARK = Template("no-question-mark", "warning", "Item {id} does not read as a question.")

TEMPLATES: tuple[Template, ...] = (
    NO_AGE_GROUPS,
    NO_STATUSES,
    NO_STATUSES_NAMED,
    DUPLICATE_ID,
    EMPTY_ACTION_TEXT,
    MISSING_STATUS,
    UNKNOWN_STATUS,
    UNKNOWN_STATUS_NEAR,
    MISSING_AGE_GROUP,
    UNKNOWN_AGE_GROUP,
    ID_OUTSIDE_OUTCOME,
    ID_OUTSIDE_SECTION,
    UNKNOWN_OUTCOME,
    MISSING_DEPENDENCY,
    DANGLING_ACTION,
    DANGLING_REFERENCE,
    OUTCOME_REFERENCE,
    DEPENDS_ON_COMPLETE,
    OUTCOME_WITHOUT_ACTIONS,
    EMPTY_OUTCOME_TEXT,
    PRIORITY_WITHOUT_QUESTIONS,
    NO_QUESTION_MARK,
    SLOW_RULE_PATTERN,
)
