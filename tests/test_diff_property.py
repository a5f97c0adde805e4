"""Properties of diff over random plans: a plan against itself, reordered or round-tripped through
JSON, has no change; and every action of either revision is accounted for exactly once."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.model import Action, Document, Outcome, Section, Source, from_dict, to_json
from pipeline.diff.compare import compare
from pipeline.diff.render_json import render_json
from pipeline.rules import load_rules

RULES = load_rules()
WORDS = [
    "Review",
    "the",
    "pathway",
    "for",
    "young",
    "people",
    "self-harm",
    "training",
    "staff",
    "(QS34",
    "2)",
    "schools;",
    "adults",
    "develop",
    "a",
    "plan",
    "with",
    "carers",
    "\u2019support\u2019",
    "and",
]
STATUSES = [s.label for s in RULES.statuses] + [None]


@st.composite
def actions(draw: st.DrawFn) -> Action:
    section, outcome, number = draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 5))
    status = draw(st.sampled_from(STATUSES))
    raw = (
        draw(st.sampled_from([status, f"{status} since May", None])) if status else draw(st.sampled_from([None, "TBC"]))
    )
    return Action(
        id=f"{section}.{outcome}.{number}",
        outcome=f"{section}.{outcome}",
        section=str(section),
        text=" ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))),
        status=status,
        status_raw=raw,
        links_raw=draw(st.sampled_from([None, "Links to 1.1.1", "Future in Mind Action 1.09"])),
        age_group=draw(st.sampled_from(["CYP", "Adults", "Both", None])),
    )


@st.composite
def plans(draw: st.DrawFn) -> Document:
    items = draw(st.lists(actions(), max_size=25))
    outcome_ids = sorted({a.outcome for a in items if a.outcome})
    outcomes = [
        Outcome(o, o.split(".")[0], " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))))
        for o in outcome_ids
    ]
    sections = [Section(s, f"Section {s}") for s in sorted({o.section for o in outcomes})]
    return Document(Source("plan.txt", "0" * 64, "txt"), "action_plan", "Plan", sections, outcomes, items)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), st.randoms(use_true_random=False))
def test_a_plan_against_itself_reordered_or_round_tripped_has_no_change(plan: Document, rnd) -> None:  # type: ignore[no-untyped-def]
    assert compare(plan, plan, RULES).is_empty()
    shuffled = from_dict(json.loads(to_json(plan)))
    rnd.shuffle(shuffled.actions)
    rnd.shuffle(shuffled.outcomes)
    rnd.shuffle(shuffled.sections)
    changes = compare(plan, shuffled, RULES)
    assert changes.is_empty(), render_json(changes)
    assert changes.unchanged == len(plan.actions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(), plans())
def test_every_action_is_accounted_for_once(old: Document, new: Document) -> None:
    changes = compare(old, new, RULES)
    m = changes.matching
    olds = sorted([p.old for p in m.pairs] + [p.old for p in m.replaced] + m.removed)
    news = sorted([p.new for p in m.pairs] + [p.new for p in m.replaced] + m.added)
    assert olds == list(range(len(old.actions))) and news == list(range(len(new.actions)))
    assert len(changes.actions) + changes.unchanged == len(m.pairs) + len(m.replaced) + len(m.removed) + len(m.added)
    assert render_json(changes) == render_json(compare(old, new, RULES))  # deterministic
