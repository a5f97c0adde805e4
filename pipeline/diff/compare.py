"""Compare two revisions of a plan: sections, outcomes and actions, field by field.

Records are paired by `match.match` (number, then words); each pair is then compared on the
fields officers track: status (forward or back along `progress` in rules/statuses.yaml, stalled
when it becomes a `blocked` status), wording (word-level diff), links, age group and the outcome
it sits under. Texts are compared in `similarity.compare_form`, so a different layout or format
of the same revision (PDF against Word, curly quotes against straight) is not a change.
Document order is never compared: the same actions in another order are the same plan.
"""

from __future__ import annotations

from typing import Any

from pipeline.core.ids import sort_key
from pipeline.core.model import Action, Document
from pipeline.diff.changes import (
    ActionChange,
    ActionView,
    ChangeSet,
    DocumentRef,
    OutcomeChange,
    SectionChange,
    StatusChange,
    TextChange,
    ValueChange,
)
from pipeline.diff.match import Keyed, Matching, match
from pipeline.diff.similarity import compare_form, word_diff
from pipeline.rules import Rules


def compare(old: Document, new: Document, rules: Rules) -> ChangeSet:
    """Everything that changed from `old` to `new`; an empty change set when nothing did."""
    section_match = match(
        [Keyed(s.number, s.title) for s in old.sections], [Keyed(s.number, s.title) for s in new.sections]
    )
    outcome_match = match([Keyed(o.id, o.text) for o in old.outcomes], [Keyed(o.id, o.text) for o in new.outcomes])
    action_match = match_actions(old, new)

    section_map = {old.sections[p.old].number: new.sections[p.new].number for p in section_match.pairs}
    outcome_map = {old.outcomes[p.old].id: new.outcomes[p.new].id for p in outcome_match.pairs}

    actions: list[ActionChange] = []
    unchanged = 0
    for pair in action_match.pairs:
        change = _action_pair(
            old.actions[pair.old], new.actions[pair.new], pair.similarity, rules, outcome_map, section_map
        )
        change.old_index, change.new_index = pair.old, pair.new
        if change.tags():
            actions.append(change)
        else:
            unchanged += 1
    for pair in action_match.replaced:
        a, b = old.actions[pair.old], new.actions[pair.new]
        actions.append(
            ActionChange(
                "replaced",
                a.id,
                b.id,
                view(a),
                view(b),
                similarity=pair.similarity,
                old_index=pair.old,
                new_index=pair.new,
            )
        )
    for i in action_match.removed:
        actions.append(ActionChange("removed", old.actions[i].id, None, old=view(old.actions[i]), old_index=i))
    for j in action_match.added:
        actions.append(ActionChange("added", None, new.actions[j].id, new=view(new.actions[j]), new_index=j))

    title = None
    if compare_form(old.title) != compare_form(new.title):
        title = ValueChange(old.title, new.title)
    return ChangeSet(
        old=document_ref(old),
        new=document_ref(new),
        title=title,
        sections=sorted(_sections(old, new, section_match), key=lambda c: _order(c.new_number, c.old_number)),
        outcomes=sorted(_outcomes(old, new, outcome_match, section_map), key=lambda c: _order(c.new_id, c.old_id)),
        actions=sorted(actions, key=lambda c: (*_order(c.new_id, c.old_id), c.new_index or 0, c.old_index or 0)),
        unchanged=unchanged,
        matching=action_match,
        new_actions=[view(a) for a in new.actions],
    )


def match_actions(old: Document, new: Document) -> Matching:
    """Which action of `old` is which action of `new` (used by compare and by the history)."""
    return match([_keyed(a) for a in old.actions], [_keyed(a) for a in new.actions])


def _keyed(action: Action) -> Keyed:
    detail = "\x1f".join(
        compare_form(v) for v in (action.outcome, action.status, action.status_raw, action.links_raw, action.age_group)
    )
    return Keyed(action.id, action.text, detail)


def document_ref(doc: Document) -> DocumentRef:
    return DocumentRef(
        file=doc.source.file,
        title=doc.title,
        sha256=doc.source.sha256,
        format=doc.source.format,
        actions=len(doc.actions),
        outcomes=len(doc.outcomes),
        sections=len(doc.sections),
    )


def view(action: Action) -> ActionView:
    return ActionView(
        id=action.id,
        outcome=action.outcome,
        section=action.section,
        text=action.text,
        status=action.status,
        status_raw=action.status_raw,
        links_raw=action.links_raw,
        age_group=action.age_group or action.age_group_raw,
    )


def status_direction(old: str | None, new: str | None, rules: Rules) -> str:
    """Which way a status moved: forward | back | stalled | changed (labels from rules).

    ("Initial meeting", "Underway") -> "forward";  ("Underway", "Awaiting") -> "stalled";
    ("Underway", "At risk") -> "changed" (equal progress);  (None, "Idea") -> "changed".
    """
    old_rule, new_rule = rules.status_by_label(old), rules.status_by_label(new)
    if new_rule is not None and new_rule.blocked and not (old_rule is not None and old_rule.blocked):
        return "stalled"
    if old_rule is None or new_rule is None or old_rule.progress == new_rule.progress:
        return "changed"
    return "forward" if new_rule.progress > old_rule.progress else "back"


def status_change(old: Action, new: Action, rules: Rules) -> StatusChange | None:
    same_raw = compare_form(old.status_raw) == compare_form(new.status_raw)
    if old.status == new.status:
        if same_raw:
            return None
        direction = "reworded" if old.status is not None else "changed"
    else:
        direction = status_direction(old.status, new.status, rules)
    return StatusChange(old.status, new.status, old.status_raw, new.status_raw, direction)


def _text_change(old: str | None, new: str | None) -> TextChange | None:
    if compare_form(old) == compare_form(new):
        return None
    return TextChange(old, new, tuple(word_diff(old, new)))


def _mapped_change(old: str | None, new: str | None, mapping: dict[str, str]) -> ValueChange | None:
    """A change of the outcome (or section) a record sits under, seen through the matching:
    an outcome renumbered 4.1 -> 4.3 is still the same outcome; one the matching could not
    follow (removed or replaced) is compared by its number."""
    target = mapping.get(old, old) if old is not None else None
    return None if target == new else ValueChange(old, new)


def _action_pair(
    a: Action, b: Action, similarity: float, rules: Rules, outcome_map: dict[str, str], section_map: dict[str, str]
) -> ActionChange:
    outcome = _mapped_change(a.outcome, b.outcome, outcome_map)
    section = _mapped_change(a.section, b.section, section_map) if outcome is None else None
    age_old, age_new = (
        a.age_group or compare_form(a.age_group_raw) or None,
        b.age_group or compare_form(b.age_group_raw) or None,
    )
    return ActionChange(
        "changed",
        a.id,
        b.id,
        view(a),
        view(b),
        moved=a.id != b.id,
        similarity=similarity,
        status=status_change(a, b, rules),
        text=_text_change(a.text, b.text),
        links=_text_change(a.links_raw, b.links_raw),
        age_group=ValueChange(age_old, age_new) if age_old != age_new else None,
        outcome=outcome,
        section=section,
    )


def _outcomes(old: Document, new: Document, m: Matching, section_map: dict[str, str]) -> list[OutcomeChange]:
    out: list[OutcomeChange] = []
    for p in m.pairs:
        a, b = old.outcomes[p.old], new.outcomes[p.new]
        change = OutcomeChange(
            "changed",
            a.id,
            b.id,
            a.text,
            b.text,
            moved=a.id != b.id,
            text=_text_change(a.text, b.text),
            section=_mapped_change(a.section, b.section, section_map),
        )
        if change.tags():
            out.append(change)
    for p in m.replaced:
        a, b = old.outcomes[p.old], new.outcomes[p.new]
        out.append(OutcomeChange("replaced", a.id, b.id, a.text, b.text))
    out += [OutcomeChange("removed", old.outcomes[i].id, None, old_text=old.outcomes[i].text) for i in m.removed]
    out += [OutcomeChange("added", None, new.outcomes[j].id, new_text=new.outcomes[j].text) for j in m.added]
    return out


def _sections(old: Document, new: Document, m: Matching) -> list[SectionChange]:
    out: list[SectionChange] = []
    for p in m.pairs:
        a, b = old.sections[p.old], new.sections[p.new]
        change = SectionChange(
            "changed",
            a.number,
            b.number,
            a.title,
            b.title,
            moved=a.number != b.number,
            title=_text_change(a.title, b.title),
        )
        if change.tags():
            out.append(change)
    for p in m.replaced:
        a, b = old.sections[p.old], new.sections[p.new]
        out.append(SectionChange("replaced", a.number, b.number, a.title, b.title))
    out += [SectionChange("removed", old.sections[i].number, None, old_title=old.sections[i].title) for i in m.removed]
    out += [SectionChange("added", None, new.sections[j].number, new_title=new.sections[j].title) for j in m.added]
    return out


def _order(new_id: str | None, old_id: str | None) -> tuple[Any, ...]:
    """Changes in plan order: by the new number, removed records by their old number."""
    ident = new_id if new_id is not None else old_id or ""
    return (sort_key(ident), ident, old_id or "")
