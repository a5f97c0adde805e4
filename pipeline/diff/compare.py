"""Compare two revisions of a plan: sections, outcomes and actions, field by field.

Records are paired by `match.match` (number, then words); each pair is then compared on the
fields officers track: status (forward or back along `progress` in rules/statuses.yaml, stalled
when it becomes a `blocked` status), wording (word-level diff), links, age group and the outcome
it sits under. Texts are compared in `similarity.compare_form`, so a different layout or format
of the same revision (PDF against Word, curly quotes against straight) is not a change.
Document order is never compared: the same actions in another order are the same plan.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from pipeline.core.ids import sort_key
from pipeline.core.model import Action, Document
from pipeline.diff.changes import (
    OUTCOME,
    SECTION,
    ActionChange,
    ActionView,
    ChangeSet,
    DocumentRef,
    RecordChange,
    RecordKind,
    StatusChange,
    TextChange,
    ValueChange,
)
from pipeline.diff.match import Keyed, Matching, match
from pipeline.diff.similarity import compare_form, word_diff
from pipeline.rules import Rules


class _Record(NamedTuple):
    """An outcome or a section as compared: its number, its text, the section it is in (outcomes)."""

    id: str
    text: str
    section: str | None = None


def compare(old: Document, new: Document, rules: Rules) -> ChangeSet:
    """Everything that changed from `old` to `new`; an empty change set when nothing did."""
    old_sections, new_sections = ([_Record(s.number, s.title) for s in d.sections] for d in (old, new))
    old_outcomes, new_outcomes = ([_Record(o.id, o.text, o.section) for o in d.outcomes] for d in (old, new))
    section_match = match([Keyed(r.id, r.text) for r in old_sections], [Keyed(r.id, r.text) for r in new_sections])
    outcome_match = match([Keyed(r.id, r.text) for r in old_outcomes], [Keyed(r.id, r.text) for r in new_outcomes])
    action_match = match_actions(old, new)

    section_map = {old_sections[p.old].id: new_sections[p.new].id for p in section_match.pairs}
    outcome_map = {old_outcomes[p.old].id: new_outcomes[p.new].id for p in outcome_match.pairs}

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
        sections=_records(SECTION, old_sections, new_sections, section_match, None),
        outcomes=_records(OUTCOME, old_outcomes, new_outcomes, outcome_match, section_map),
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


def _records(
    kind: RecordKind, old: list[_Record], new: list[_Record], m: Matching, section_map: dict[str, str] | None
) -> list[RecordChange]:
    """The changes of the outcomes (or sections: no `section_map`, they are in no section), in plan order."""
    out: list[RecordChange] = []
    for p in m.pairs:
        a, b = old[p.old], new[p.new]
        change = RecordChange(
            kind,
            "changed",
            a.id,
            b.id,
            a.text,
            b.text,
            moved=a.id != b.id,
            text=_text_change(a.text, b.text),
            section=_mapped_change(a.section, b.section, section_map) if section_map is not None else None,
        )
        if change.tags():
            out.append(change)
    for p in m.replaced:
        a, b = old[p.old], new[p.new]
        out.append(RecordChange(kind, "replaced", a.id, b.id, a.text, b.text))
    out += [RecordChange(kind, "removed", old[i].id, None, old_text=old[i].text) for i in m.removed]
    out += [RecordChange(kind, "added", None, new[j].id, new_text=new[j].text) for j in m.added]
    return sorted(out, key=lambda c: _order(c.new_id, c.old_id))


def _order(new_id: str | None, old_id: str | None) -> tuple[Any, ...]:
    """Changes in plan order: by the new number, removed records by their old number."""
    ident = new_id if new_id is not None else old_id or ""
    return (sort_key(ident), ident, old_id or "")
