"""Column headers are scored by their words against rules/headers.yaml, never looked up whole.

Councils decorate headers ("Progress (RAG)", "Lead officer / organisation"), wrap them, break a
word across a narrow column ("Objectiv e") or use an analyst's codes (`ref_no`, `desc`): each is
scored the same way, and the property tests hold the score to its promise for any text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.language.headers import NAMES_FIELD, best_field, field_named, header_score, words
from pipeline.rules import Rules, load_rules
from tests.helpers import ROOT

RULES = load_rules()  # hypothesis calls the tests many times: the rules are loaded once
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Lead officer / organisation", ["lead", "officer", "organisation"]),
        ("ref_no", ["ref", "no"]),
        ("ProgressRAG", ["progress", "rag"]),
        ("Update Q3 2024/25", ["update"]),  # a quarter or year qualifies a header, names nothing
        ("Q3 2024", ["q3", "2024"]),  # ... unless it is all there is
        ("#", ["#"]),
        ("TIME\nSCALE", ["time", "scale"]),
        ("", []),
    ],
)
def test_words_of_a_header(header: str, expected: list[str]) -> None:
    assert words(header) == expected


@pytest.mark.parametrize(
    ("header", "field", "phrase"),
    [
        ("Status", "status", "status"),
        ("STATUS:", "status", "status"),
        ("ref_no", "id", "ref no"),
        ("desc", "text", "desc"),
        ("rag", "status", "rag"),
        ("Objectiv e", "outcome", "objective"),  # a word broken by a narrow PDF column
        ("Time\nscale", "timescale", "timescale"),  # a header wrapped over two lines, squeezed
        ("By when?", "timescale", "by when"),
        ("Update Q3 2024/25", "update", "update"),
    ],
)
def test_a_header_that_is_all_one_phrase_scores_one(header: str, field: str, phrase: str, rules: Rules) -> None:
    assert header_score(header, field, rules) == (1.0, phrase)


def test_a_decorated_header_scores_by_how_much_of_it_the_phrase_is(rules: Rules) -> None:
    score, phrase = header_score("Progress (RAG)", "status", rules)
    assert phrase in ("progress", "rag") and score == pytest.approx(0.55 + 0.4 * 1 / 2)
    score, phrase = header_score("RAG rating & update", "status", rules)
    assert phrase == "rag rating" and score == pytest.approx(0.55 + 0.4 * 2 / 3)
    longer, _ = header_score("Lead officer / organisation / budget holder", "lead", rules)
    shorter, _ = header_score("Lead officer / organisation", "lead", rules)
    assert NAMES_FIELD <= longer < shorter < 1.0


def test_a_header_naming_nothing_scores_zero(rules: Rules) -> None:
    assert header_score("Cost (£)", "status", rules) == (0.0, "")
    assert header_score("", "status", rules) == (0.0, "")
    assert header_score("???", "text", rules) == (0.0, "")
    assert header_score("Status", "no such field", rules) == (0.0, "")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Current RAG status", "status"),
        ("Lead officer / organisation", "lead"),
        ("Planned completion", "timescale"),
        ("Links to other actions", "links"),
        ("Action description", "text"),
        ("Progress update", "update"),  # the whole phrase of `update` beats the word `progress` of status
        ("Cost (£)", None),
        ("Sign-off", None),
    ],
)
def test_best_field(header: str, field: str | None, rules: Rules) -> None:
    assert best_field(header, rules)[0] == field


def test_best_field_below_the_naming_score_is_none(rules: Rules) -> None:
    assert best_field("Cost (£)", rules) == (None, 0.0)
    name, score = best_field("Notes on the funding and the finance approvals", rules)
    assert name == "update" and score == pytest.approx(0.55 + 0.4 / 8)  # one word of eight: just named


def test_field_named_scores_plan_tables_and_looks_forms_up_whole(rules: Rules) -> None:
    assert field_named("plan", "Current RAG status", rules)[0] == "status"
    assert field_named("guidance_form", "Current position", rules) == ("response", 1.0)
    assert field_named("guidance_form", "Current position and plans", rules) == (None, 0.0)


# ----------------------------------------------------------------------------- properties

_PHRASES = {field: [tuple(words(p)) for p in phrases] for field, phrases in RULES.headers["plan"].items()}
_HEADER_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz RAGSLI_/()#&.-\n0123456789", max_size=40),
    st.sampled_from([p for phrases in RULES.headers["plan"].values() for p in phrases]).flatmap(
        lambda p: st.tuples(
            st.sampled_from(["", "(", "  ", "Current ", "x_"]), st.sampled_from(["", ")", ":", " 2024"])
        ).map(lambda d, p=p: f"{d[0]}{p}{d[1]}")  # type: ignore[misc]
    ),
)


@PROPERTY
@given(header=_HEADER_TEXT, field=st.sampled_from(sorted(_PHRASES)))
def test_header_score_is_within_zero_and_one_and_one_only_for_a_whole_phrase(header: str, field: str) -> None:
    score, phrase = header_score(header, field, RULES)
    assert 0.0 <= score <= 1.0
    have = tuple(words(header))
    whole = bool(have) and any(
        want and (want == have or "".join(want) == "".join(have)) for want in _PHRASES[field]
    )  # all its words are a listed phrase (or are one, squeezed: "Objectiv e")
    assert (score == 1.0) == whole
    assert (score == 0.0) == (phrase == "")


@PROPERTY
@given(
    phrase=st.sampled_from([(f, p) for f, phrases in RULES.headers["plan"].items() for p in phrases]),
    case=st.sampled_from([str.upper, str.lower, str.title, lambda s: s.replace(" ", "_"), lambda s: s + " (RAG)"]),
)
def test_a_listed_phrase_names_its_field_however_it_is_written(phrase: tuple[str, str], case) -> None:  # type: ignore[no-untyped-def]
    field, text = phrase
    assert header_score(case(text), field, RULES)[0] >= NAMES_FIELD


_MEASURES = {words(w)[-1] for w in RULES.measure_words}


def _scored_one_phrase_at_a_time(header: str, field: str) -> tuple[float, str]:
    """The score as its definition reads: each phrase of the field tried against the header's
    words, the first of the highest score kept (what the remembered scores must always give)."""
    have = words(header)
    best = (0.0, "")
    for want in _PHRASES[field]:
        if not want:
            continue
        if list(want) == have or "".join(want) == "".join(have):
            return 1.0, " ".join(want)
        n = len(want)
        if have[-1:] and have[-1] in _MEASURES:
            continue  # a header of measures: only a whole phrase names a field
        if have and any(tuple(have[i : i + n]) == want for i in range(len(have) - n + 1)):
            score = 0.55 + 0.4 * n / len(have)
            if score > best[0]:
                best = (score, " ".join(want))
    return best if have else (0.0, "")


# Headers made of listed phrases (two of one field, or of two fields) among other words.
_PARTS = [
    *sorted({" ".join(p) for phrases in _PHRASES.values() for p in phrases if p}),
    *RULES.measure_words,
    "x",
    "current",
    "2024",
    "&",
]
_FIELD_PAIRS = st.sampled_from(sorted(_PHRASES)).flatmap(
    lambda f: st.tuples(st.sampled_from(_PHRASES[f]), st.sampled_from(_PHRASES[f])).map(
        lambda pair: " ".join(" ".join(p) for p in pair)
    )
)
_MADE_OF_PHRASES = st.lists(st.one_of(st.sampled_from(_PARTS), _FIELD_PAIRS), min_size=1, max_size=4).map(" ".join)


@PROPERTY
@given(header=st.one_of(_HEADER_TEXT, _MADE_OF_PHRASES), field=st.sampled_from(sorted(_PHRASES)))
def test_every_field_scored_at_once_scores_as_each_phrase_tried_alone(header: str, field: str) -> None:
    assert header_score(header, field, RULES) == _scored_one_phrase_at_a_time(header, field)
    assert header_score(header, field, RULES) == _scored_one_phrase_at_a_time(header, field)  # remembered
    named = [(f, _scored_one_phrase_at_a_time(header, f)[0]) for f in _PHRASES]
    top = max((s for _, s in named), default=0.0)
    expected = next((f for f, s in named if s == top), None) if top >= NAMES_FIELD else None
    assert best_field(header, RULES) == (expected, top if expected else 0.0)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Progress Indicators", None),  # measures of progress, not a progress note
        ("Outcome measures", None),
        ("Key performance indicators", None),
        ("Local Measure / Indicator", None),
        ("Progress", "status"),  # a whole phrase still names its field
        ("Progress indicators (RAG)", "status"),  # the last word decides: here the rating
        ("Measure of progress", "status"),
    ],
)
def test_a_header_ending_in_a_measure_word_names_no_field(header: str, field: str | None, rules: Rules) -> None:
    assert best_field(header, rules)[0] == field


def test_measure_words_come_from_the_rules(tmp_path: Path) -> None:
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", copy)
    path = copy / "headers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - Indicators\n", "", 1), encoding="utf-8")
    edited = load_rules(copy)
    assert "Indicators" not in edited.measure_words
    assert best_field("Progress Indicators", edited)[0] == "status"  # "progress" names it again
