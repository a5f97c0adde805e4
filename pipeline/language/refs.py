"""Citations inside a plan's cells: its own actions and outcomes, outside documents, NICE QS.

The order matters and is the point of this module: outside programmes and documents are found
first and taken out of the text, so that "Future in Mind Action 3.1.22", "NHS Long Term Plan
3.2" or "NICE NG225 recommendation 1.4" never become links to this plan's own 3.1.22, 3.2 or
1.4; quality statements next ("QS34 2-5" holds no ids); what is left is read in the plan's own
numbering: dotted numbers (2.3.1), ids of the plan's own shape (A3, SP1.2, ACT-07), and plain
numbers after a word such as "action" ("actions 3 and 5") -- a year or "Q3" is none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.core.ids import normalise_id, tidy_id
from pipeline.rules import Rules

NEVER = r"(?!x)x"
# An outside body's or document's initials just before a dotted number ("NHS LTP 3.2"): the number
# is that document's, not this plan's.
_ACRONYM_CITED = re.compile(
    r"\b(?P<name>[A-Z][A-Z0-9&]{1,9}(?:\s+[A-Z][A-Z0-9&]{1,9}){0,3})\s+(?P<ids>\d{1,3}(?:\.\d{1,3})+)(?![\w.])"
)  # a pattern that matches nothing, for an empty list of words
_CONNECTORS = r"(?:and|&|of|for|in|the|on|to)"
_CAP_WORD = r"[A-Z][\w'’+\-]*"
_ID_LIST = r"\d{1,3}(?:\.\d{1,3})*(?:\s*(?:,|&|and)\s*\d{1,3}(?:\.\d{1,3})*)*"


# A bracket after a programme's name that cites nothing itself (no numbers): part of the citation.
_QUALIFIER = re.compile(r"\s*\([^()\d]{1,60}\)")
_NEXT_CAP_WORD = re.compile(rf"\s+(?:{_CONNECTORS}\s+)?({_CAP_WORD})")


@dataclass
class Citations:
    """What one cell cites."""

    ids: list[str] = field(default_factory=list)  # every local-looking id, in the order cited
    actions: list[str] = field(default_factory=list)  # ids shaped like this plan's actions
    outcomes: list[str] = field(default_factory=list)  # ids shaped like this plan's outcomes
    external: list[str] = field(default_factory=list)  # outside programmes, verbatim
    depends_on: list[str] = field(default_factory=list)  # action ids after a dependency cue
    quality_statements: list[int] = field(default_factory=list)
    quality_standards: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Compiled:
    programme: re.Pattern[str]
    programme_start: re.Pattern[str]
    generic: re.Pattern[str]
    local_id: re.Pattern[str]
    dependency: re.Pattern[str]
    link_cue: re.Pattern[str]
    action: re.Pattern[str]  # a whole id shaped like this plan's actions
    outcome: re.Pattern[str]  # ... and like its outcomes
    token: re.Pattern[str]  # an id of any scheme (A3, SP1.2, ACT-07), to be checked against the plan
    labelled: re.Pattern[str]  # plain numbers after "action(s)", "see", ...: "actions 3 and 5"


def phrase(text: str) -> str:
    """A vocabulary phrase as a regex that tolerates any whitespace between its words."""
    return r"\s+".join(re.escape(w) for w in text.split())


@lru_cache(maxsize=8)
def _compiled(rules: Rules) -> _Compiled:
    names = sorted((p.name for p in rules.programmes), key=len, reverse=True)
    items = "|".join(phrase(i) for i in sorted(rules.numbered_items, key=len, reverse=True))
    name_alt = "|".join(phrase(n) for n in names) or r"(?!x)x"
    programme = re.compile(
        rf"\b(?P<name>{name_alt})(?:\s+(?:(?P<items>{items})\s+)?(?P<ids>{_ID_LIST})(?![\w.]))?",
        re.IGNORECASE,
    )
    generic = re.compile(
        rf"\b(?P<name>{_CAP_WORD}(?:\s+(?:{_CONNECTORS}\s+)?{_CAP_WORD})+)\s+(?P<items>{items})\s+(?P<ids>{_ID_LIST})"
    )
    cues = "|".join(phrase(c) for c in sorted(rules.dependency_cues, key=len, reverse=True))
    labels = "|".join(phrase(w) for w in sorted(rules.id_labels, key=len, reverse=True) if w[0].isalpha()) or "(?!x)x"
    links = "|".join(phrase(c) for c in sorted(rules.link_cues, key=len, reverse=True))
    citing = "|".join(phrase(w) for w in sorted(rules.citation_words, key=len, reverse=True)) or NEVER
    return _Compiled(
        programme=programme,
        programme_start=re.compile(rf"^(?:{name_alt})\b", re.IGNORECASE),
        generic=generic,
        local_id=re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){1,3})\.?(?![\d])"),
        dependency=re.compile(rf"\b(?:{cues})\b(?P<rest>(?:[^.;]|\.(?=\d))*)", re.IGNORECASE)
        if cues
        else re.compile(r"(?!x)x"),
        link_cue=re.compile(rf"^(?:{links})\b", re.IGNORECASE) if links else re.compile(r"(?!x)x"),
        action=re.compile(rf"^{rules.action_id}$"),
        outcome=re.compile(rf"^{rules.outcome_id}$"),
        token=re.compile(rf"(?<![\w.]){rules.id_token}(?![\w])"),
        labelled=re.compile(
            rf"\b(?:{links or NEVER}|{labels}|{cues or NEVER}|{citing})\s*:?\s*"
            r"(?P<list>\d{1,3}(?:\s*(?:,|&|and|or)\s*\d{1,3})*)(?![\w.])",
            re.IGNORECASE,
        ),
    )


def starts_with_link_cue(text: str, rules: Rules) -> bool:
    """True when text opens like a links cell: a link cue or an outside programme's name."""
    c = _compiled(rules)
    stripped = text.lstrip()
    return bool(c.link_cue.match(stripped) or c.programme_start.match(stripped))


def find_link_cue(text: str, rules: Rules) -> int | None:
    """Offset of the first link cue or programme name that starts a word, or None."""
    c = _compiled(rules)
    best = None
    for match in re.finditer(r"(?:(?<=\s)|^)\S", text):
        rest = text[match.start() :]
        if c.link_cue.match(rest) or c.programme_start.match(rest):
            best = match.start()
            break
    return best


def _extend_title_case(text: str, end: int, c: _Compiled) -> int:
    """Take capitalised words after a programme name, stopping at another programme."""
    while True:
        match = _NEXT_CAP_WORD.match(text, end)
        if not match:
            return end
        if c.programme_start.match(text[match.start(1) :]):
            return end
        end = match.end()


def quality_statements(text: str, rules: Rules) -> tuple[list[int], list[str], list[tuple[int, int]]]:
    """NICE QS numbers cited in text, the standards named, and the spans they took.

    "(NICE QS34 6 &7)" -> [6, 7];  "(QS34 2-5)" -> [2, 3, 4, 5];  "(QS34 1)" -> [1]
    """
    numbers: list[int] = []
    standards: list[str] = []
    spans = []
    for match in rules.quality_statements.finditer(text):
        spans.append(match.span())
        standard = f"QS{int(match.group('standard'))}"
        if standard not in standards:
            standards.append(standard)
        for number in expand_numbers(match.group("statements")):
            if number not in numbers:
                numbers.append(number)
    return sorted(numbers), standards, spans


def expand_numbers(text: str) -> list[int]:
    """ "6 &7" -> [6, 7];  "2-5" -> [2, 3, 4, 5];  "1, 3 and 8 to 9" -> [1, 3, 8, 9]"""
    out: list[int] = []
    for part in re.split(r"\s*(?:&|,|\band\b)\s*", text.strip()):
        if not part:
            continue
        bounds = re.split(r"\s*(?:-|–|\bto\b)\s*", part)
        numbers = [int(b) for b in bounds if b.isdigit()]
        if len(numbers) == 2 and numbers[0] <= numbers[1] and numbers[1] - numbers[0] < 50:
            out.extend(range(numbers[0], numbers[1] + 1))
        else:
            out.extend(numbers)
    return out


_NUMBERS_ONLY = re.compile(r"^\s*\d{1,3}(?:\s*(?:,|;|&|and|or|\n)\s*\d{1,3})*\s*\.?\s*$", re.IGNORECASE)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)


@dataclass(frozen=True)
class _OwnScheme:
    """What a plan's own ids look like, derived once per plan rather than once per cell."""

    prefixes: frozenset[str]  # "PA" of "PA 3.1"
    shapes: frozenset[tuple[str, int]]  # the shapes of ids that are not plain dotted numbers
    flat: bool  # some action is numbered 1, 2, 3 rather than 1.1


@lru_cache(maxsize=8)
def _own_scheme(own: frozenset[str]) -> _OwnScheme:
    return _OwnScheme(
        prefixes=frozenset(shape(i)[0] for i in own if shape(i)[0]),
        shapes=frozenset(shape(i) for i in own if normalise_id(i) is None),
        flat=any(normalise_id(i) is not None and "." not in i for i in own),
    )


def cite(text: str | None, rules: Rules, own: frozenset[str] = frozenset(), whole_cell: bool = False) -> Citations:
    """Everything a cell cites, in the order it cites them.

    `own`: the plan's own ids, when known; ids of their shape (prefix and number of parts) and
    plain numbers after a word such as "action" are then cited too, not only dotted numbers.
    `whole_cell`: the text is a links column's cell, so what it names is cited even when it is
    no known programme.
    """
    out = Citations()
    if not text:
        return out
    c = _compiled(rules)
    taken: list[tuple[int, int]] = []

    for match in c.programme.finditer(text):
        end = match.end() if match.group("ids") else _extend_title_case(text, match.end("name"), c)
        qualifier = _QUALIFIER.match(text, end)
        if qualifier:
            end = qualifier.end()  # "Core20PLUS5 (older people's strand)": the strand is part of it
        out.external.append(text[match.start() : end].strip())
        taken.append((match.start(), end))
    masked = _mask(text, taken)
    for pattern in rules.outside_codes:
        for match in pattern.finditer(masked):
            out.external.append(text[match.start() : match.end()].strip())
            taken.append(match.span())
        masked = _mask(text, taken)
    for match in c.generic.finditer(masked):
        out.external.append(text[match.start() : match.end()].strip())
        taken.append(match.span())
    masked = _mask(text, taken)
    scheme = _own_scheme(own)
    prefixes = scheme.prefixes
    for match in _ACRONYM_CITED.finditer(masked):
        if match.group("name").split()[-1].upper() in prefixes:
            continue  # "PA 3.1": this plan's own prefix, not an outside body
        out.external.append(text[match.start() : match.end()].strip())  # "NHS LTP 3.2", "CQC 2.1"
        taken.append(match.span())
    masked = _mask(text, taken)

    out.quality_statements, out.quality_standards, qs_spans = quality_statements(masked, rules)
    masked = _mask(masked, qs_spans)

    found: list[tuple[int, str]] = []
    for match in c.local_id.finditer(masked):
        ident = normalise_id(match.group(1))
        if ident is not None:
            found.append((match.start(), ident))
    if own:
        shapes = scheme.shapes
        for match in c.token.finditer(masked):
            ident = tidy_id(match.group(0))
            if normalise_id(ident) is None and (ident in own or shape(ident) in shapes):
                # the plan's own prefixed id ("PA 3.1"): its number is not cited a second time
                found = [(at, i) for at, i in found if not match.start() <= at < match.end()]
                found.append((match.start(), ident))
        if scheme.flat and whole_cell and _NUMBERS_ONLY.match(masked):
            # a links cell of a plan numbered 1, 2, 3 holding only numbers ("3, 5"): its actions
            for number in re.finditer(r"\d{1,3}", masked):
                found.append((number.start(), str(int(number.group(0)))))
        elif scheme.flat:  # a plan numbered 1, 2, 3
            for match in c.labelled.finditer(masked):
                for number in re.finditer(r"\d{1,3}", match.group("list")):
                    found.append((match.start("list") + number.start(), str(int(number.group(0)))))
    for _, ident in sorted(found):
        if ident not in out.ids:
            out.ids.append(ident)
        if c.action.match(ident):
            if ident not in out.actions:
                out.actions.append(ident)
        elif c.outcome.match(ident) and ident not in out.outcomes:
            out.outcomes.append(ident)

    if (
        whole_cell
        and not out.ids
        and not out.external
        and not out.quality_statements
        and not c.link_cue.match(text.strip())
    ):
        # a links cell that names only other documents ("Masterplan", "C+YP plan, Priority 2"):
        # each line or ;-separated part is one outside reference, as written
        out.external = [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]
    for match in c.dependency.finditer(masked):
        rest_start = match.start("rest")
        for start, ident in sorted(found):
            if rest_start <= start < match.end("rest") and ident not in out.depends_on:
                out.depends_on.append(ident)  # any numbering: the plan decides what is an action
    return out


def shape(ident: str) -> tuple[str, int]:
    """An id's scheme: its letter prefix and how many numbers it has. "SP1.2" -> ("SP", 2)."""
    prefix = re.match(r"^[A-Za-z]*", ident)
    letters = prefix.group(0).upper() if prefix else ""
    return letters, len(re.findall(r"\d+", ident))
