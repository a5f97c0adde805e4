"""Organisations, services and acronyms an action mentions, by spaCy EntityRuler patterns.

Patterns live in rules/entities.jsonl (spaCy's own pattern format), so an officer adds
"Public Health Wales" there, not in code. Capitalised acronyms that no pattern knows are
reported too (label ACRONYM): they are what a reader outside the area will not understand.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.core.model import Mention
from pipeline.rules import Rules

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+]{1,7}s?$")
_MAY_HOLD_ACRONYM = re.compile(r"[A-Z][A-Z0-9&+]")  # what every acronym token holds: two capitals
_NOT_ACRONYMS = re.compile(r"^(?:CYP|NICE|OK|QS\d*)$")  # contract words and citations, not mentions


def mentions(texts: list[str | None], rules: Rules) -> list[Mention]:
    """Every entity in the given cells, first mention first, no repeats.

    ["Review the GHT-led policy", "Delivered via NHS England"] -> [ORG: GHT, ORG: NHS England]
    """
    out: list[Mention] = []
    for text in texts:
        if not text:
            continue
        for item in _mentions_in(text, rules):
            if item not in out:
                out.append(item)
    return out


@lru_cache(maxsize=8192)
def _mentions_in(text: str, rules: Rules) -> tuple[Mention, ...]:
    """One cell's mentions, in order (plans repeat the same cells: each is read once)."""
    from pipeline.language.nlp import entities

    doc = entities(text, rules)
    out: list[Mention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        covered.update(range(ent.start, ent.end))
        out.append(Mention(ent.label_, ent.text))
    if _MAY_HOLD_ACRONYM.search(text):  # else no token can be one, and the tokens need not be made
        for token in doc:
            if token.i not in covered and _ACRONYM.match(token.text) and not _NOT_ACRONYMS.match(token.text):
                out.append(Mention("ACRONYM", token.text))
    return tuple(out)
