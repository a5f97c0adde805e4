"""Action plans from flowing text: a PDF table copied as text, cells interleaved.

Copying a table out of a PDF gives each row's cells one after another, wrapped, with the
column boundaries lost: "...support a young person Initial meeting Future in Mind Action 1.09
CYP". The structure is recovered from anchors and vocabulary:

1. anchors: a section heading, an outcome id opening a paragraph ("2.2. Professionals ..."),
   an action id ending the outcome's paragraph or opening a paragraph of its own (" 1.1.2");
   ids must increase, so an id cited inside a cell ("Awaiting result of\\n2.3.1") is not taken
   for a new row;
2. within an action's stretch of text, the age group is the last word if it is an age-group
   word; the status is the first status word (rules/statuses.yaml) that ends a cell — followed
   by a break, by an empty column (two spaces), or by a links cell (a link cue or programme
   name); a status that goes on in words ("Awaiting imminent MIU pathway publication") runs to
   the next break or link cue; what is before is the action, what is after the links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.ids import parse_id
from pipeline.core.layout import Layout
from pipeline.core.model import Note, Place, Where
from pipeline.extract.records import RawAction, RawOutcome, RawPlan, RawSection
from pipeline.language.refs import find_link_cue, phrase, starts_with_link_cue
from pipeline.rules import Rules, StatusRule, fold

PARA = "\n\n"


@dataclass
class _Line:
    text: str
    number: int | None
    block: int
    section: str | None = None


def is_header_block(text: str, rules: Rules) -> bool:
    """True when a block holds nothing but column headers ("Outcome No. Specific Action Status")."""
    rest = " " + _words(text) + " "
    found = 0
    for word in _patterns(rules).header_words:
        key = " " + word + " "
        while word and key in rest:
            rest = rest.replace(key, " ", 1)
            found += 1
    return found >= 1 and not rest.strip()


def _words(text: str) -> str:
    """Header comparison form: words only, lower case.  "Links with other actions /" -> "links with other actions" """
    return " ".join(re.findall(r"[\w+#]+", fold(text)))


def section_heading(text: str, rules: Rules) -> tuple[str, str] | None:
    """(number, title) when a block's first line is a section heading."""
    first = text.split("\n", 1)[0]
    for pattern in rules.section_headings:
        match = pattern.match(first)
        if match:
            rest = text.split("\n", 1)[1] if "\n" in text else ""
            title = (match.group("title") + ("\n" + rest if rest else "")).strip()
            return match.group("number"), title
    return None


def extract(layout: Layout, rules: Rules) -> RawPlan:
    plan = RawPlan(title=None)
    lines: list[_Line] = []
    section: str | None = None
    header_seen = False

    blocks = [b for b in layout.blocks if b.kind != "furniture" and b.text.strip()]
    for index, block in enumerate(blocks):
        heading = section_heading(block.text, rules)
        if heading and follows(heading[0], plan.sections):
            section = heading[0]
            plan.sections.append(RawSection(number=section, title=heading[1]))
            lines.append(_Line("", None, index, section))  # a boundary: ends the current row
            continue
        if is_header_block(block.text, rules):
            header_seen = True
            continue
        if plan.title is None and not plan.sections and not header_seen and not lines:
            plan.title = block.text
            continue
        for offset, text in enumerate(block.text.split("\n")):
            number = block.line + offset if block.line is not None else None
            lines.append(_Line(text, number, index, section))

    _parse_rows(lines, plan, rules)
    return plan


def follows(number: str, sections: list[RawSection], styled: bool = False) -> bool:
    """Section numbers go up: by one for a numbered paragraph (it could be a list item), by any
    step for a heading or a row across the table (a plan may have dropped a section)."""
    if not sections:
        return True
    try:
        step = int(number) - int(sections[-1].number)
    except ValueError:
        return False
    return step == 1 or (styled and step > 1)


@dataclass(frozen=True)
class _Patterns:
    """What the text reader matches, compiled once per rules: ids as rules/references.yaml
    writes them, and the status and age-group words."""

    outcome_start: re.Pattern[str]
    leading_id: re.Pattern[str]
    trailing_id: re.Pattern[str]
    cited_id: re.Pattern[str]
    header_words: tuple[str, ...]
    ages: tuple[re.Pattern[str], ...]
    statuses: tuple[tuple[re.Pattern[str], StatusRule], ...]


@lru_cache(maxsize=8)
def _patterns(rules: Rules) -> _Patterns:
    action, outcome = rules.action_id, rules.outcome_id
    return _Patterns(
        outcome_start=re.compile(rf"^\s*(?P<id>{outcome}\.?)\s+(?P<rest>\S.*)$"),
        leading_id=re.compile(rf"^\s*(?P<id>{action}\.?)(?=\s|$)(?P<rest>.*)$"),
        trailing_id=re.compile(rf"^(?P<rest>.*?)\s*(?<![\d.])(?P<id>{action}\.?)\s*$"),
        cited_id=re.compile(rf"\s*{outcome}"),
        header_words=tuple(
            sorted({_words(w) for ws in rules.headers["plan"].values() for w in ws}, key=len, reverse=True)
        ),
        ages=tuple(
            re.compile(r"(?:^|(?<=\s))(" + phrase(synonym) + r")\s*$", re.IGNORECASE)
            for synonym, _rule in rules.age_synonyms()
        ),
        statuses=tuple(
            (re.compile(r"(?:^|(?<=\s))(" + phrase(synonym) + r")(?=$|\s|[,.;:])", re.IGNORECASE), rule)
            for synonym, rule in rules.status_synonyms()
        ),
    )


def _belongs(
    action: tuple[int, ...] | None, outcome: tuple[int, ...] | None, section: str | None, last: tuple[int, ...] | None
) -> bool:
    """An action id can open a row here: it follows the last one, within its outcome/section."""
    if action is None or len(action) != 3:
        return False
    if outcome is not None and action[:2] != outcome:
        return False
    if outcome is None and section is not None and str(action[0]) != section:
        return False
    return last is None or action > last


def _parse_rows(lines: list[_Line], plan: RawPlan, rules: Rules) -> None:
    patterns = _patterns(rules)
    outcome: tuple[int, ...] | None = None
    outcome_raw: str | None = None
    outcome_text: list[str] = []
    in_outcome = False
    last_action: tuple[int, ...] | None = None
    current: RawAction | None = None
    body: list[str] = []
    last_block = -1

    def finish_action() -> None:
        nonlocal current, body
        if current is not None:
            _split_cells(current, "\n".join(body), rules)
            plan.actions.append(current)
        current, body = None, []

    def finish_outcome_text() -> None:
        nonlocal in_outcome
        if in_outcome and outcome_raw is not None:
            plan.outcomes.append(RawOutcome(id=outcome_raw, section=_section_of(outcome), text="\n".join(outcome_text)))
        in_outcome = False

    for line in lines:
        section = line.section
        if line.number is None:  # a section boundary
            finish_outcome_text()
            finish_action()
            outcome, outcome_raw, last_action = None, None, None
            last_block = line.block
            continue
        new_paragraph = line.block != last_block
        last_block = line.block
        text = line.text

        start = patterns.outcome_start.match(text) if new_paragraph else None
        if start:
            ident = parse_id(start.group("id"))
            if (
                ident
                and len(ident) == 2
                and (section is None or str(ident[0]) == section)
                and (outcome is None or ident > outcome)
            ):
                finish_outcome_text()
                finish_action()
                outcome, outcome_raw, outcome_text, in_outcome = ident, start.group("id"), [], True
                last_action = None
                text = start.group("rest")  # the outcome's first line, read on below

        if in_outcome:  # outcome text runs until the line that ends with its first action's id
            trailing = patterns.trailing_id.match(text)
            if trailing and _belongs(parse_id(trailing.group("id")), outcome, section, last_action):
                outcome_text.append(trailing.group("rest"))
                finish_outcome_text()
                current = _new_action(trailing.group("id"), outcome_raw, section, line)
                last_action = parse_id(trailing.group("id"))
            else:
                outcome_text.append(text)
            continue

        leading = patterns.leading_id.match(text) if new_paragraph else None
        if leading and _belongs(parse_id(leading.group("id")), outcome, section, last_action):
            finish_action()
            current = _new_action(leading.group("id"), outcome_raw, section, line)
            last_action = parse_id(leading.group("id"))
            rest = leading.group("rest")
            if rest.strip():
                body.append(rest)
            continue

        if current is not None:
            if new_paragraph and body:
                body.append("")  # a blank line: a paragraph break inside the row
            body.append(text)
        else:
            plan.notes.append(
                Note(
                    "warning",
                    "unplaced-text",
                    Place("line", str(line.number)),
                    f"Text on line {line.number} was not part of any action: {text.strip()[:80]!r}",
                )
            )
    finish_outcome_text()
    finish_action()


def _section_of(outcome: tuple[int, ...] | None) -> str | None:
    return str(outcome[0]) if outcome else None


def _new_action(raw_id: str, outcome: str | None, section: str | None, line: _Line) -> RawAction:
    return RawAction(id=raw_id, outcome=outcome, section=section, text="", where=Where(page=None, line=line.number))


# ----------------------------------------------------------------------------- cell splitting


def _split_cells(action: RawAction, body: str, rules: Rules) -> None:
    """Cut one row's interleaved text into action text, status, links and age group."""
    body = body.rstrip()
    body, age = _take_age(body, rules)
    action.age_group = age
    found = _find_status(body, rules) or _status_paragraph(body, rules)
    if found is None:
        cue = find_link_cue(body, rules)
        if cue and body[:cue].strip():
            action.text, action.links = body[:cue], body[cue:].strip() or None
        else:
            action.text = body
        return
    start, end = found
    action.text = body[:start]
    action.status = body[start:end]
    rest = body[end:].strip()
    action.links = rest or None


def _status_paragraph(body: str, rules: Rules) -> tuple[int, int] | None:
    """An unknown status word standing in a paragraph of its own after the action's text.

    "Publish the report\n\nWibble\n\nLinks to 2.1.1" -> the span of "Wibble", kept as the raw
    status (and flagged as unknown) rather than glued onto the action's text.
    """
    first = body.find(PARA)
    if first == -1 or not body[:first].strip():
        return None
    start = first + len(PARA)
    while start < len(body) and body[start].isspace():
        start += 1
    end = body.find(PARA, start)
    end = len(body) if end == -1 else end
    candidate = body[start:end].strip()
    if not candidate or starts_with_link_cue(candidate, rules) or len(candidate.split()) > 6:
        return None
    return start, start + len(body[start:end].rstrip())


def _take_age(body: str, rules: Rules) -> tuple[str, str | None]:
    """Take an age-group word off the end of a row, if it is written as a cell would be."""
    for pattern in _patterns(rules).ages:
        match = pattern.search(body)
        if match and _cell_like(match.group(1)) and body[: match.start()].strip():
            return body[: match.start()], match.group(1)
    return body, None


def _cell_like(word: str) -> bool:
    """A cell value starts with a capital or a digit ("CYP", "Adults", "18+"), not a lower-case word."""
    return not word[:1].islower()


def _find_status(body: str, rules: Rules) -> tuple[int, int] | None:
    """(start, end) of the status cell inside a row's text, or None."""
    best: tuple[int, int] | None = None
    for pattern, rule in _patterns(rules).statuses:
        for match in pattern.finditer(body):
            start, end = match.span(1)
            if not _cell_like(match.group(1)) or not body[:start].strip():
                continue
            if rule.open_ended:
                end = _open_status_end(body, end, rules)
            elif not _ends_cell(body, end, rules):
                continue
            if best is None or start < best[0] or (start == best[0] and end > best[1]):
                best = (start, end)
            break  # the first good match of this synonym is enough
    return best


def _ends_cell(body: str, end: int, rules: Rules) -> bool:
    rest = body[end:]
    if not rest.strip() or rest.startswith(("\n", "  ")):
        return True
    return starts_with_link_cue(rest, rules) or bool(_patterns(rules).cited_id.match(rest))


def _open_status_end(body: str, end: int, rules: Rules) -> int:
    """Where a status written in words ends: a paragraph break, an empty column, or a link cue."""
    stops = [len(body)]
    for marker in (PARA, "  "):
        at = body.find(marker, end)
        if at != -1:
            stops.append(at)
    cue = find_link_cue(body[end:], rules)
    if cue is not None:
        stops.append(end + cue)
    return min(stops)
