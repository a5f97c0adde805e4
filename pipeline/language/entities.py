"""Organisations, services and acronyms an action mentions, by spaCy EntityRuler patterns.

Patterns live in rules/entities.jsonl (spaCy's own pattern format), so an officer adds
"Public Health Wales" there, not in code. Capitalised acronyms that no pattern knows are
reported too (label ACRONYM): they are what a reader outside the area will not understand.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.core.model import Mention
from pipeline.rules import Rules

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+]{1,7}s?$")
_NOT_ACRONYMS = re.compile(r"^(?:CYP|NICE|OK|QS\d*)$")  # contract words and citations, not mentions


@lru_cache(maxsize=4)
def _ruler(rules: Rules) -> Any:
    import spacy

    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{k: v for k, v in item.items() if k in ("label", "pattern", "id")} for item in rules.entity_patterns]
    )
    return nlp


def mentions(texts: list[str | None], rules: Rules) -> list[Mention]:
    """Every entity in the given cells, first mention first, no repeats.

    ["Review the GHT-led policy", "Delivered via NHS England"] -> [ORG: GHT, ORG: NHS England]
    """
    nlp = _ruler(rules)
    out: list[Mention] = []
    for text in texts:
        if not text:
            continue
        doc = nlp(text)
        covered: set[int] = set()
        for ent in doc.ents:
            covered.update(range(ent.start, ent.end))
            item = Mention(ent.label_, ent.text)
            if item not in out:
                out.append(item)
        for token in doc:
            if token.i not in covered and _ACRONYM.match(token.text) and not _NOT_ACRONYMS.match(token.text):
                item = Mention("ACRONYM", token.text)
                if item not in out:
                    out.append(item)
    return out
