"""Question items -> their separate questions, each open or closed, with notes set apart.

spaCy is used rule-based only: `spacy.blank("en")` with the sentencizer, and a Matcher built
from rules/question_patterns.jsonl. Within one bullet:

- a sentence with a question mark is a question; a parenthetical after the mark belongs to it
  ("... manner? (including first responders ...)");
- a sentence without one is still a question when it opens like one (`ASKS` patterns: an
  auxiliary before its subject, "to what extent", "how effective is"), at its start or after a
  leading clause that ends in a comma ("If your service ..., are supports ... as it emerges.");
- a sentence opening like a note (rules/guidance.yaml `note_starters`: "For example, ...") is a
  note, and so is any other sentence that does not ask;
- a question is *open* when a clause of it opens with a question word (`OPEN` patterns), else
  *closed*: English asks for a yes or no by inversion alone ("Are there ...", "Has ...");
- a question is a *follow-up* when it refers back to an earlier one (`FOLLOW_UP` patterns: "How
  can this be improved?", "Is this ...", "... to improve this?"), unless the reference is to an
  earlier clause of the same sentence ("..., and can this be further improved?", `COORDINATED`).

An item with no question at all (an instruction such as "Describe how ...") is kept as one
open part, so every item can be answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.core.text import clean
from pipeline.rules import Rules, fold


@dataclass
class Part:
    text: str
    kind: str  # open | closed
    follow_up: bool


@lru_cache(maxsize=4)
def _nlp(rules: Rules) -> tuple[Any, Any]:
    from pipeline.language.nlp import english, matcher_for

    nlp = english(rules)
    matcher = matcher_for(nlp)
    for item in rules.question_patterns:
        pattern = item["pattern"]
        if isinstance(pattern, str):
            pattern = [{"LOWER": w.lower()} for w in pattern.split()]
        matcher.add(item["label"], [pattern])
    return nlp, matcher


def sentences(text: str, rules: Rules) -> list[str]:
    """The bullet's sentences, a parenthetical or a wrong split glued back to the one before.

    "Is it safe? (including at night) Is it used?" -> ["Is it safe? (including at night)", "Is it used?"]
    """
    from pipeline.language.nlp import sentences as split_sentences

    flat = clean(text)
    depth = _paren_depths(flat)
    bounds: list[int] = []
    for sent in list(split_sentences(flat, rules).sents)[1:]:
        start = sent.start_char
        if depth[start] > 0 or flat.startswith("(", start):
            start = _after_parenthetical(flat, depth, start)  # "? (including ...)" stays with its question
        if start >= len(flat) or flat[start].islower() or (bounds and start <= bounds[-1]):
            continue  # not a new sentence: a lower-case continuation, or nothing left
        bounds.append(start)
    pieces = [flat[i:j].strip() for i, j in zip([0, *bounds], [*bounds, len(flat)], strict=True)]
    out: list[str] = []
    for piece in pieces:
        if out and not any(ch.isalpha() for ch in piece):
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


def _paren_depths(text: str) -> list[int]:
    """Parenthesis depth before each character (and one past the end)."""
    depths, depth = [], 0
    for ch in text:
        depths.append(depth)
        depth = max(depth + {"(": 1, ")": -1}.get(ch, 0), 0)
    depths.append(depth)
    return depths


def _after_parenthetical(text: str, depth: list[int], start: int) -> int:
    """The first non-space position after the parenthetical that `start` is in or opens."""
    index = start
    level = depth[start] if depth[start] > 0 else 0
    while index < len(text):
        if text[index] == "(":
            level += 1
        elif text[index] == ")":
            level -= 1
            if level <= 0:
                index += 1
                break
        index += 1
    while index < len(text) and text[index] == " ":
        index += 1
    return index


def split_question(text: str, rules: Rules) -> tuple[list[Part], list[str]]:
    """(question parts, notes) of one bullet."""
    nlp, matcher = _nlp(rules)
    parts: list[Part] = []
    notes: list[str] = []
    for sentence in sentences(text, rules):
        if _is_note(sentence, rules):
            notes.append(sentence)
            continue
        doc = nlp.make_doc(sentence)
        labels = _labels(doc, matcher, nlp)
        if "?" not in sentence and not _opens_with(labels, doc, {"ASKS"}):
            notes.append(sentence)
            continue
        kind = "open" if _opens_with(labels, doc, {"OPEN"}) else "closed"
        parts.append(Part(text=sentence, kind=kind, follow_up=_follow_up(labels)))
    if not parts:
        for index, note in enumerate(notes):
            if not _is_note(note, rules):
                parts.append(Part(text=notes.pop(index), kind="open", follow_up=False))
                break
    return parts, notes


def asks(text: str, rules: Rules) -> bool:
    """Does a bullet ask anything? ("Who leads this?" yes; "directors of public health" no)."""
    nlp, matcher = _nlp(rules)
    for sentence in sentences(text, rules):
        if "?" in sentence and not _is_note(sentence, rules):
            return True
        doc = nlp.make_doc(sentence)
        if _opens_with(_labels(doc, matcher, nlp), doc, {"ASKS"}):
            return True
    return False


def only_asks(text: str, rules: Rules) -> bool:
    """Is a paragraph a question and nothing else? Every sentence asks or is a note, one at least asks.

    Questions printed as plain paragraphs, without bullets, are told from prose this way: a
    sentence asks with a question mark, by its opening (`ASKS`), or by opening with a question
    word ("Who checks in with a facilitator after a difficult session."). "Why does this
    matter? Most people ..." does not: its second sentence tells.
    """
    nlp, matcher = _nlp(rules)
    asked = False
    for sentence in sentences(text, rules):
        if _is_note(sentence, rules):
            continue
        doc = nlp.make_doc(sentence)
        labels = _labels(doc, matcher, nlp)
        opens = any(label == "OPEN" and start == 0 for label, start, _ in labels)
        if not ("?" in sentence or opens or _opens_with(labels, doc, {"ASKS"})):
            return False
        asked = True
    return asked


def _is_note(sentence: str, rules: Rules) -> bool:
    folded = fold(sentence)
    return any(folded.startswith(s + " ") or folded.startswith(s + ",") for s in _note_starters(rules))


@lru_cache(maxsize=8)
def _note_starters(rules: Rules) -> tuple[str, ...]:
    return tuple(fold(n) for n in rules.note_starters)


def _labels(doc: Any, matcher: Any, nlp: Any) -> list[tuple[str, int, int]]:
    return sorted((nlp.vocab.strings[m_id], start, end) for m_id, start, end in matcher(doc))


def _clause_starts(doc: Any) -> list[int]:
    """Token positions where a clause can start: the first token and each token after a comma."""
    return [0] + [t.i + 1 for t in doc if t.text == "," and t.i + 1 < len(doc)]


def _opens_with(labels: list[tuple[str, int, int]], doc: Any, wanted: set[str]) -> bool:
    """Does a clause of the sentence open with a match of one of these labels?"""
    starts = set(_clause_starts(doc))
    return any(label in wanted and start in starts for label, start, _ in labels)


def _follow_up(labels: list[tuple[str, int, int]]) -> bool:
    """Refers back to an earlier question ("How can this be improved?"), not within itself."""
    coordinated = [s for label, s, _ in labels if label == "COORDINATED"]
    return any(label == "FOLLOW_UP" and not any(c < start for c in coordinated) for label, start, _ in labels)
