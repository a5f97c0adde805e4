"""Ids and hierarchy labels as plans print them, in any numbering scheme.

Councils number actions 1, 2, 3 (with gaps), 1.1, 2.3.1, A1, SP1.2, ACT-07, "Action 3", or not
at all; an id may share its cell with a short title ("1 - Stop smoking support in pregnancy").
Headings and rows across a table carry label words ("Theme 2: Reducing access to means",
"Objective 1.1 - Improve data"). The shapes come from rules/references.yaml (`ids.token`,
`ids.labels`, `hierarchy_labels`); this module only applies them:

    opening_id("1 - Stop smoking")        -> IdSplit("1", "Stop smoking")
    opening_id("Action 3: Train staff")   -> IdSplit("3", "Train staff")
    opening_id("PA 3.Set up a forum")     -> IdSplit("PA 3", "Set up a forum")
    hierarchy("Theme 2: Reducing access") -> Label("section", "2", "Reducing access")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.ids import tidy_id
from pipeline.language.refs import phrase
from pipeline.rules import Rules

# An id wrapped by a narrow column: "1.1.1" on one line, "0" on the next, is 1.1.10.
_WRAPPED = re.compile(r"^(\s*[\w.\-‐– ]*?[\d.])[ \t]*\n[ \t]*(?=[\d.]+(?:\s|$))")

# What may stand between an id and the words after it in one cell: a dash, a colon, a bracket.
_SEPARATOR = r"\s*(?:[-–—:)|]\s*)?"


@dataclass(frozen=True)
class IdSplit:
    """An id found at the start of a cell, and the words after it."""

    id: str
    rest: str
    labelled: bool = False  # printed after a label word ("Action 3")


@dataclass(frozen=True)
class Label:
    """A heading or row naming a level of the plan: its level, number (if printed) and title."""

    level: str  # "section" | "outcome"
    number: str | None
    title: str


@dataclass(frozen=True)
class _Grammar:
    opening: re.Pattern[str]
    closing: re.Pattern[str]
    whole: re.Pattern[str]
    anywhere: re.Pattern[str]
    hierarchy: re.Pattern[str]
    levels: dict[str, str]  # folded label word -> level


@lru_cache(maxsize=8)
def _grammar(rules: Rules) -> _Grammar:
    token = rules.id_token
    labels = "|".join(phrase(w) for w in sorted(rules.id_labels, key=len, reverse=True)) or r"(?!x)x"
    label = rf"(?P<label>(?i:{labels})(?![A-Za-z])\.?\s*[:#]?\s*)?"
    ident = rf"(?P<id>{token})(?:\.(?!\d)|(?=[\s\-–—:)|]|$))"
    levels = {w.lower(): level for level, words in rules.hierarchy_labels.items() for w in words}
    level_words = "|".join(phrase(w) for w in sorted(levels, key=len, reverse=True)) or r"(?!x)x"
    return _Grammar(
        opening=re.compile(rf"^\s*{label}{ident}{_SEPARATOR}(?P<rest>.*)$", re.DOTALL),
        closing=re.compile(
            rf"^(?P<rest>.*?\S)\s*\(\s*(?P<label>(?i:{labels})(?![A-Za-z])\.?\s*[:#]?\s*)(?P<id>{token})\s*\)\s*$",
            re.DOTALL,
        ),
        whole=re.compile(rf"^\s*{label}{ident}\s*$"),
        anywhere=re.compile(rf"(?<![\w.]){token}(?![\w])"),
        hierarchy=re.compile(
            rf"^\s*(?P<word>(?i:{level_words}))(?![A-Za-z])\s*(?:(?P<number>{token})\.?(?![\w]))?"
            # a reference in brackets between the number and its separator ("Objective 2 (LECP / 149): ...")
            rf"(?:\s*\([^()\n]{{1,40}}\)(?=\s*[:\-–—]))?"
            rf"(?P<sep>\s*[:.\-–—)]\s*|\s+|$)(?P<title>.*)$",
            re.DOTALL,
        ),
        levels=levels,
    )


def closing_id(text: str | None, rules: Rules) -> IdSplit | None:
    """The id a cell closes with, printed in brackets after a label word ("... as needed.
    (Recommendation 1)"), and the words before it; None otherwise. The label word is required: a
    bare "(2)" closing a sentence is a footnote or a count, not an id."""
    if not text:
        return None
    match = _grammar(rules).closing.match(text.strip())
    if not match:
        return None
    return IdSplit(tidy_id(match.group("id")), match.group("rest"), True)


def opening_id(text: str | None, rules: Rules) -> IdSplit | None:
    """The id a cell opens with, and the rest of the cell; None when it opens with none.

    A four-digit number is a year, not an id; a number followed straight on by a letter
    ("12months") is a word.
    """
    if not text:
        return None
    match = _grammar(rules).opening.match(_WRAPPED.sub(r"\1", text, count=1))
    if not match:
        return None
    return IdSplit(tidy_id(match.group("id")), match.group("rest"), bool(match.group("label")))


def whole_id(text: str | None, rules: Rules) -> str | None:
    """The id when a whole cell is one ("2.2.", "Action 3", "A1"), else None."""
    if not text:
        return None
    match = _grammar(rules).whole.match(_WRAPPED.sub(r"\1", text.strip(), count=1))
    return tidy_id(match.group("id")) if match else None


def hierarchy(text: str | None, rules: Rules) -> Label | None:
    """The level, number and title a label word gives a heading or row, else None.

    "Theme 2: Reducing access to means" -> section 2; "Objective 1.1 - Improve data" -> outcome
    1.1; "Priority: Prevention" -> section, no number. A label word that only starts a sentence
    ("Priority groups were chosen ...") is not a label: it needs a number or a separator after it.
    """
    if not text:
        return None
    g = _grammar(rules)
    match = g.hierarchy.match(text.strip())
    if not match:
        return None
    number, sep = match.group("number"), match.group("sep")
    if number is None and not sep.strip():
        return None
    level = g.levels.get(re.sub(r"\s+", " ", match.group("word").lower()))
    if level is None:
        return None
    return Label(level, tidy_id(number) if number else None, match.group("title").strip())


def numbered(text: str | None) -> Label | None:
    """A heading numbered without a label word: "2. Reducing access" -> section 2; "1.1 Improve
    data" -> outcome 1.1 (two parts are an outcome under a section)."""
    if not text:
        return None
    match = re.match(
        r"^\s*(?P<number>\d{1,2}(?:\.\d{1,2})?)(?:\.|\)|\s*[:\-–—])?\s+(?P<title>\S.*)$", text.strip(), re.DOTALL
    )
    if not match:
        return None
    number = match.group("number")
    return Label("outcome" if "." in number else "section", number, match.group("title").strip())


def ids_in(text: str, rules: Rules) -> list[tuple[str, int, int]]:
    """Every id-shaped token in running text, with its span (the caller decides which are ids)."""
    return [(tidy_id(m.group(0)), m.start(), m.end()) for m in _grammar(rules).anywhere.finditer(text)]
