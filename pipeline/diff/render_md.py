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

from pipeline.diff.changes import ActionChange, ActionView, ChangeSet, TextChange, summary_lines

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
    if changes.outcomes:
        lines += [f"## Outcomes ({len(changes.outcomes)})", ""]
        for o in changes.outcomes:
            if o.change == "added":
                lines.append(f"- Added **{md(o.new_id)}**: {md(o.new_text)}")
            elif o.change == "removed":
                lines.append(f"- Removed **{md(o.old_id)}**: {md(o.old_text)}")
            elif o.change == "replaced":
                lines.append(f"- Replaced **{md(o.new_id)}**: was “{md(o.old_text)}”, now “{md(o.new_text)}”")
            else:
                head = f"**{md(o.old_id)} → {md(o.new_id)}**" if o.moved else f"**{md(o.new_id)}**"
                what = words_md(o.text) if o.text else md(o.new_text)
                extra = f" (now in section {md(o.section.new)})" if o.section else ""
                lines.append(f"- {'Renumbered ' if o.moved else 'Reworded '}{head}{extra}: {what}")
        lines.append("")
    if changes.sections:
        lines += [f"## Sections ({len(changes.sections)})", ""]
        for s in changes.sections:
            if s.change in ("added", "removed"):
                number, title = (s.new_number, s.new_title) if s.change == "added" else (s.old_number, s.old_title)
                lines.append(f"- {s.change.capitalize()} **{md(number)}**: {md(title)}")
            elif s.change == "replaced":
                lines.append(f"- Replaced **{md(s.new_number)}**: was “{md(s.old_title)}”, now “{md(s.new_title)}”")
            else:
                head = f"**{md(s.old_number)} → {md(s.new_number)}**" if s.moved else f"**{md(s.new_number)}**"
                lines.append(
                    f"- {'Renumbered' if s.moved else 'Renamed'} {head}: "
                    f"{words_md(s.title) if s.title else md(s.new_title)}"
                )
        lines.append("")
    return "\n".join(lines)


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
