"""Question items -> their separate questions, each open or closed, with notes set apart.

spaCy is used rule-based only: `spacy.blank("en")` with the sentencizer, and a Matcher built
from rules/question_patterns.jsonl. A sentence is a question when it ends with "?" or starts
like one (a question word or an auxiliary, at its start or after a leading clause that ends in
a comma) — so "... able to take account of new evidence as it emerges." still counts. A
parenthetical after the question mark belongs to that question. A sentence opening like a note
("For example, ...") is a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.extract.records import RawGuidance
from pipeline.model import Priority, Question
from pipeline.normalise.text import clean, clean_or_none
from pipeline.rules import Rules, fold


@dataclass
class Part:
    text: str
    kind: str  # open | closed
    follow_up: bool


@lru_cache(maxsize=4)
def _nlp(rules: Rules) -> tuple[Any, Any]:
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = Matcher(nlp.vocab)
    for item in rules.question_patterns:
        pattern = item["pattern"]
        if isinstance(pattern, str):
            pattern = [{"LOWER": w.lower()} for w in pattern.split()]
        matcher.add(item["label"], [pattern])
    return nlp, matcher


def split_question(text: str, rules: Rules) -> tuple[list[Part], list[str]]:
    """(question parts, notes) of one bullet."""
    nlp, matcher = _nlp(rules)
    doc = nlp(clean(text))
    sentences: list[str] = []
    for sent in doc.sents:
        piece = sent.text.strip()
        if not piece:
            continue
        if sentences and (
            piece.startswith("(") or piece[:1].islower() or sentences[-1].endswith("(")
            or not any(ch.isalpha() for ch in piece)
        ):
            # a parenthetical after the question mark, or a split the sentencizer should not have made
            glue = "" if sentences[-1].endswith("(") else " "
            sentences[-1] = sentences[-1] + glue + piece
        else:
            sentences.append(piece)
    parts: list[Part] = []
    notes: list[str] = []
    starters = [fold(s) for s in rules.note_starters]
    for sentence in sentences:
        if any(fold(sentence).startswith(s + " ") or fold(sentence).startswith(s + ",") for s in starters):
            notes.append(sentence)
            continue
        sdoc = nlp.make_doc(sentence)
        labels = _labels(sdoc, matcher, nlp)
        kind = _kind(sdoc, labels)
        if kind is None and not sentence.rstrip().endswith("?"):
            notes.append(sentence)
            continue
        parts.append(Part(text=sentence, kind=kind or "closed", follow_up=_follow_up(labels)))
    return parts, notes


def _labels(doc: Any, matcher: Any, nlp: Any) -> list[tuple[str, int, int]]:
    return sorted((nlp.vocab.strings[m_id], start, end) for m_id, start, end in matcher(doc))


def _clause_starts(doc: Any) -> list[int]:
    """Token positions where a clause can start: the first token and each token after a comma."""
    starts = [0]
    starts += [t.i + 1 for t in doc if t.text == "," and t.i + 1 < len(doc)]
    return starts


def _kind(doc: Any, labels: list[tuple[str, int, int]]) -> str | None:
    """open / closed by the first clause start that opens like a question, else None."""
    for start in _clause_starts(doc):
        hits = {label for label, s, _ in labels if s == start}
        if "OPEN" in hits:
            return "open"
        if "CLOSED" in hits:
            return "closed"
    return None


def _follow_up(labels: list[tuple[str, int, int]]) -> bool:
    """Refers back to an earlier question ("How can this be improved?"), not within itself."""
    coordinated = [s for label, s, _ in labels if label == "COORDINATED"]
    for label, start, _ in labels:
        if label == "FOLLOW_UP" and not any(c < start for c in coordinated):
            return True
    return False


def normalise_guidance(raw: RawGuidance, rules: Rules) -> tuple[list[Priority], list[Question]]:
    priorities = []
    seen: set[int] = set()
    for number, title in raw.priorities:
        if number not in seen:
            seen.add(number)
            priorities.append(Priority(number=number, title=clean(title)))
    questions: list[Question] = []
    counters: dict[int, int] = {}
    for item in raw.questions:
        text = clean(item.text)
        if not text:
            continue
        counters[item.priority] = counters.get(item.priority, 0) + 1
        parts, notes = split_question(text, rules)
        questions.append(Question(
            id=f"{item.priority}.{counters[item.priority]}",
            priority=item.priority,
            text=text,
            parts=[p.text for p in parts],
            kinds=[p.kind for p in parts],
            follow_up=[p.follow_up for p in parts],
            notes=notes,
            response=clean_or_none(item.response),
            improve=clean_or_none(item.improve),
            rag=clean_or_none(item.rag),
            source=item.where,
        ))
    return priorities, questions
