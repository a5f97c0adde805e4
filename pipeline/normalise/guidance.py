"""Raw guidance -> contract records: priorities, and each question item split into its questions.

A rating read from a filled-in form is kept as written (`rag`) and, when rules/guidance.yaml
knows it as a label or a synonym, under its label (`rag_label`: "A" -> "Amber"), so counts and
colours never depend on how an officer spelt it.
"""

from __future__ import annotations

from pipeline.core.model import Priority, Question
from pipeline.core.text import clean, clean_or_none
from pipeline.extract.records import RawGuidance
from pipeline.language.questions import split_question
from pipeline.rules import Rules


def normalise_guidance(raw: RawGuidance, rules: Rules) -> tuple[list[Priority], list[Question]]:
    """Priorities and questions of the contract: ids `<priority>.<n>` in document order."""
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
        rag = clean_or_none(item.rag)
        rating = rules.rating_for(rag)
        questions.append(
            Question(
                id=f"{item.priority}.{counters[item.priority]}",
                priority=item.priority,
                text=text,
                parts=[p.text for p in parts],
                kinds=[p.kind for p in parts],
                follow_up=[p.follow_up for p in parts],
                notes=notes,
                examples=[e for e in (clean(x) for x in item.examples) if e],
                response=clean_or_none(item.response),
                improve=clean_or_none(item.improve),
                rag=rag,
                rag_label=rating.label if rating else None,
                source=item.where,
            )
        )
    return priorities, questions
