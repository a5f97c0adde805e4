"""The change set as a Markdown report an officer can read from the top.

The summary comes first ("5 actions moved forward, 1 went back, ..."), then one section per
kind of change in the order reviewers ask about them: status changes, added, removed,
renumbered, reworded, other fields, then outcomes and sections. Reworded text is shown word by
word: ~~old words~~ **new words**. Document text is escaped so a `*` or `|` in a plan never
turns into formatting.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.diff.changes import ActionChange, ActionView, ChangeSet, RecordChange, TextChange, summary_lines

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")

STATUS_GROUPS = (
    ("forward", "Moved forward"),
    ("back", "Went back"),
    ("stalled", "Stalled"),
    ("status changed", "Status changed"),
    ("status wording", "Status note reworded"),
)


def md(text: str | None) -> str:
    """Document text made inert for Markdown.  "a*b_c|d" -> "a\\*b\\_c\\|d" """
    if not text:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def words_md(change: TextChange) -> str:
    """A word-level diff in Markdown: kept words plain, dropped ~~struck~~, added **bold**."""
    if not change.old:
        return f"(none) → **{md(change.new)}**"
    if not change.new:
        return f"~~{md(change.old)}~~ → (none)"
    out = []
    for op, words in change.words:
        out.append(md(words) if op == "=" else f"~~{md(words)}~~" if op == "-" else f"**{md(words)}**")
    return " ".join(out)


def _status(view: ActionView | None) -> str:
    if view is None or (not view.status and not view.status_raw):
        return "(no status)"
    label = view.status or "(unrecognised)"
    raw = view.status_raw
    if raw and raw.strip().lower() != label.lower():
        return f"{md(label)} (“{md(raw)}”)"
    return md(label)


def _describe(view: ActionView) -> str:
    bits = [f"status {_status(view)}"]
    if view.age_group:
        bits.append(f"age group {md(view.age_group)}")
    if view.links_raw:
        bits.append(f"links: {md(view.links_raw)}")
    where = f" (outcome {md(view.outcome)})" if view.outcome else ""
    return f"**{md(view.id)}**{where} {md(view.text)} — {'; '.join(bits)}"


def render_markdown(changes: ChangeSet) -> str:
    old, new = changes.old, changes.new
    lines = [f"# What changed: {md(old.file)} → {md(new.file)}", ""]
    for i, line in enumerate(summary_lines(changes)):
        lines += [f"**{md(line)}**" if i == 0 else md(line), ""]
    lines += [
        "| | Old revision | New revision |",
        "|---|---|---|",
        f"| File | {md(old.file)} | {md(new.file)} |",
        f"| Title | {md(old.title)} | {md(new.title)} |",
        f"| Actions | {old.actions} | {new.actions} |",
        f"| Outcomes | {old.outcomes} | {new.outcomes} |",
        f"| Sections | {old.sections} | {new.sections} |",
        "",
    ]
    if changes.is_empty():
        return "\n".join(lines)

    def tagged(tag: str) -> list[ActionChange]:
        return [c for c in changes.actions if tag in c.tags()]

    status_sections = [(title, tagged(tag)) for tag, title in STATUS_GROUPS]
    if any(items for _, items in status_sections):
        lines += ["## Status changes", ""]
        for title, items in status_sections:
            if items:
                lines += [f"### {title} ({len(items)})", ""]
                lines += [
                    f"- **{md(c.new_id)}** {md(c.new.text if c.new else '')} — {_status(c.old)} → **{_status(c.new)}**"
                    for c in items
                ]
                lines.append("")
    _group(lines, "Added", tagged("added"), lambda c: f"- {_describe(c.new)}" if c.new else "")
    _group(lines, "Removed", tagged("removed"), lambda c: f"- {_describe(c.old)}" if c.old else "")
    _group(lines, "Replaced by different work under the same number", tagged("replaced"), _replaced)
    _group(lines, "Renumbered or moved", tagged("moved"), _moved)
    _group(lines, "Reworded", tagged("reworded"), _reworded)
    other = [c for c in changes.actions if c.change == "changed" and _other_fields(c)]
    _group(lines, "Links, age group or outcome changed", other, _fields)
    for label, records in (("Outcomes", changes.outcomes), ("Sections", changes.sections)):
        if records:
            lines += [f"## {label} ({len(records)})", ""]
            lines += [_record(c) for c in records]
            lines.append("")
    return "\n".join(lines)


def _record(c: RecordChange) -> str:
    """One outcome's or section's change: "- Renumbered **2.1 → 2.3**: ...", "- Added **3**: ..."."""
    if c.change in ("added", "removed"):
        ident, text = (c.new_id, c.new_text) if c.change == "added" else (c.old_id, c.old_text)
        return f"- {c.change.capitalize()} **{md(ident)}**: {md(text)}"
    if c.change == "replaced":
        return f"- Replaced **{md(c.new_id)}**: was “{md(c.old_text)}”, now “{md(c.new_text)}”"
    head = f"**{md(c.old_id)} → {md(c.new_id)}**" if c.moved else f"**{md(c.new_id)}**"
    extra = f" (now in section {md(c.section.new)})" if c.section else ""
    what = words_md(c.text) if c.text else md(c.new_text)
    return f"- {'Renumbered' if c.moved else c.kind.reworded.capitalize()} {head}{extra}: {what}"


def _group(lines: list[str], title: str, items: list[ActionChange], line: Callable[[ActionChange], str]) -> None:
    if items:
        lines += [f"## {title} ({len(items)})", ""]
        lines += [line(c) for c in items]
        lines.append("")


def _replaced(c: ActionChange) -> str:
    old = c.old.text if c.old else ""
    new = c.new.text if c.new else ""
    return f"- **{md(c.new_id)}** was “{md(old)}”; now “{md(new)}”"


def _moved(c: ActionChange) -> str:
    where = ""
    if c.outcome:
        where = f", now under outcome {md(c.outcome.new)} (was {md(c.outcome.old)})"
    text = words_md(c.text) if c.text else md(c.new.text if c.new else "")
    return f"- **{md(c.old_id)} → {md(c.new_id)}**{where}: {text}"


def _reworded(c: ActionChange) -> str:
    return f"- **{md(c.new_id)}**: {words_md(c.text)}" if c.text else ""


def _other_fields(c: ActionChange) -> bool:
    return bool(c.links or c.age_group or (c.outcome and not c.moved) or c.section)


def _fields(c: ActionChange) -> str:
    bits = []
    if c.links:
        bits.append(f"links: {words_md(c.links)}")
    if c.age_group:
        bits.append(f"age group: {md(c.age_group.old) or '(none)'} → **{md(c.age_group.new) or '(none)'}**")
    if c.outcome and not c.moved:
        bits.append(f"outcome: {md(c.outcome.old) or '(none)'} → **{md(c.outcome.new) or '(none)'}**")
    if c.section:
        bits.append(f"section: {md(c.section.old) or '(none)'} → **{md(c.section.new) or '(none)'}**")
    return f"- **{md(c.new_id)}** " + "; ".join(bits)
