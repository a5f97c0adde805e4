"""Column headers scored against the words rules/headers.yaml lists for each field.

A plan's header need not equal a listed name: "Progress (RAG)", "RAG rating & update", "Lead
officer / organisation", `ref_no` all name fields. A header scores 1.0 for a field when all its
words are one of the field's phrases, and between 0.55 and 0.95 when a phrase is some of its
words (more of the header, more score) — unless its last word is a measure word of the rules
("Progress Indicators", "Outcome measures": a column of measures, kept under its own name).
Shared by the table readers (a borderless table's header row is found by these scores) and by
the plan extractor, which weighs the cells too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.core.text import fold
from pipeline.rules import Rules

# A header cell is taken as naming a field from this score up.
NAMES_FIELD = 0.55

_WORD = re.compile(r"[a-z0-9#]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# A bracketed gloss of three words or more: "(agenda title / item / date / Action Ref)".
_GLOSS = re.compile(r"\((?:[^()\s]+\s+){2,}[^()]*\)")


def words(text: str) -> list[str]:
    """A header's words for scoring: "Lead officer / organisation" -> [lead, officer, organisation];
    `ref_no` -> [ref, no]; "ProgressRAG" -> [progress, rag]; "Update Q3 2024/25" -> [update]
    (a date or quarter qualifies a header; it names no field). "#" stays: it names the id.
    A bracketed gloss of several words explains what the column holds ("Source (agenda title /
    item / date / Action Ref)" -> [source]); a short one may name the field ("Progress (RAG)")."""
    outside = _GLOSS.sub(" ", text)
    if outside.strip():
        text = outside
    found = _WORD.findall(fold(_CAMEL.sub(" ", text).replace("_", " ")))
    kept = [w for w in found if not any(ch.isdigit() for ch in w)]
    return kept or found


@dataclass(frozen=True)
class _Phrases:
    """Every field's phrases as header words, found by what a header holds: `by_words` by their
    words, `by_joined` by their words run together (a header word broken by a narrow column);
    each entry is (field, the phrase's place among the field's phrases, the phrase spaced)."""

    by_words: dict[tuple[str, ...], list[tuple[str, int, str]]]
    by_joined: dict[str, list[tuple[str, int, str]]]
    longest: int  # words in the longest phrase
    measures: frozenset[str]  # a header ending in one of these words holds measures (rules `measures`)


@lru_cache(maxsize=8)
def _phrases(rules: Rules) -> _Phrases:
    by_words: dict[tuple[str, ...], list[tuple[str, int, str]]] = {}
    by_joined: dict[str, list[tuple[str, int, str]]] = {}
    for name, phrases in rules.headers["plan"].items():
        for place, phrase in enumerate(phrases):
            want = tuple(words(phrase))
            if want:
                entry = (name, place, " ".join(want))
                by_words.setdefault(want, []).append(entry)
                by_joined.setdefault("".join(want), []).append(entry)
    measures = frozenset(w for word in rules.measure_words for w in words(word)[-1:])
    return _Phrases(by_words, by_joined, max((len(w) for w in by_words), default=0), measures)


def header_score(header: str, name: str, rules: Rules) -> tuple[float, str]:
    """How well a header names a plan field, and the phrase that matched (0.0, "" when none does).

    "Status" -> status 1.0; "Progress (RAG)" -> status 0.75 (via "progress" or "rag");
    "Objectiv e" (a word broken by a narrow PDF column) -> outcome 1.0.
    """
    return _scores(header, rules).get(name, _NONE)


_NONE = (0.0, "")
# Header texts seen are remembered per rules up to this many: a borderless page asks for the same
# few dozen lines' scores again and again while it looks for its header row, and every reader of a
# plan asks them of each header once per field.
_REMEMBERED = 20_000


def _scores(header: str, rules: Rules) -> dict[str, tuple[float, str]]:
    """A header's score for every field that it names at all (see `header_score`)."""
    seen: dict[str, dict[str, tuple[float, str]]] = rules.derived("header_scores", dict)
    found = seen.get(header)
    if found is None:
        if len(seen) >= _REMEMBERED:
            seen.clear()
        found = seen[header] = _score_all(words(header), _phrases(rules))
    return found


def _score_all(have: list[str], phrases: _Phrases) -> dict[str, tuple[float, str]]:
    """Per field: 1.0 when one of its phrases is all the header's words (the first such phrase);
    else 0.55 + 0.4 n / words for a phrase that is n of them in a row (the first phrase of the
    highest score), unless the header ends in a measure word ("Progress Indicators" holds
    measures of progress); left out when none is."""
    if not have:
        return {}
    whole = tuple(have)
    whole_match: dict[str, tuple[int, str]] = {}
    for name, place, spaced in phrases.by_words.get(whole, []) + phrases.by_joined.get("".join(have), []):
        if name not in whole_match or place < whole_match[name][0]:
            whole_match[name] = (place, spaced)
    partial: dict[str, tuple[float, int, str]] = {}
    longest = 0 if whole[-1] in phrases.measures else min(phrases.longest, len(whole))
    for n in range(1, longest + 1):
        score = 0.55 + 0.4 * n / len(whole)
        for i in range(len(whole) - n + 1):
            for name, place, spaced in phrases.by_words.get(whole[i : i + n], ()):
                kept = partial.get(name)
                if kept is None or score > kept[0] or (score == kept[0] and place < kept[1]):
                    partial[name] = (score, place, spaced)
    out = {name: (1.0, spaced) for name, (_, spaced) in whole_match.items()}
    for name, (score, _, spaced) in partial.items():
        out.setdefault(name, (score, spaced))
    return out


def best_field(header: str, rules: Rules) -> tuple[str | None, float]:
    """The plan field a header names best and its score (ties: the order of rules/headers.yaml);
    (None, 0.0) when it names none."""
    best: tuple[str | None, float] = (None, 0.0)
    scores = _scores(header, rules)
    for name in rules.headers["plan"]:
        score = scores.get(name, _NONE)[0]
        if score >= NAMES_FIELD and score > best[1]:
            best = (name, score)
    return best


def field_named(table: str, header: str, rules: Rules) -> tuple[str | None, float]:
    """The field a header names in a plan table (scored) or a guidance form (one name each, 1.0)."""
    if table == "plan":
        return best_field(header, rules)
    found = rules.header_field(table, header)
    return found, 1.0 if found else 0.0
