"""The lookups a reader makes per cell stay exact and cheap on long plans.

A 2,916-action plan asks for a status once per cell and cites once per cell: a lookup that walks
every synonym, or re-derives the plan's id scheme from every id, turns seconds into minutes.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.text import fold
from pipeline.language import refs
from pipeline.language.refs import cite
from pipeline.rules import Rules

_SEPARATORS = (" ", ",", "(", "-", "–", "—", ":", ";", "/", ".")


def _status_by_walking(rules: Rules, raw: str) -> str | None:
    """The definition: the longest synonym the cell starts with, then a separator; one letter only whole."""
    folded = fold(raw)
    best: tuple[int, str] | None = None
    for synonym, rule in rules.status_synonyms():
        if len(synonym) == 1:
            starts = folded == synonym
        else:
            starts = folded == synonym or folded.startswith(tuple(synonym + s for s in _SEPARATORS))
        if starts and (best is None or len(synonym) > best[0]):
            best = (len(synonym), rule.label)
    return best[1] if best else None


def _cells(rules: Rules) -> st.SearchStrategy[str]:
    words = sorted({w for w, _ in rules.status_synonyms()})
    tails = st.sampled_from(["", " ", " - see note", ": late", "(Q3)", "/ partly", ". Done", "ish", "s", " 2024"])
    return st.one_of(
        st.builds(lambda w, t: w + t, st.sampled_from(words), tails),
        st.builds(lambda w, t: w.upper() + t, st.sampled_from(words), tails),
        st.text(alphabet="abcdegilnoprstu -:/.(,", max_size=24),
    )


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_status_lookup_agrees_with_its_definition(rules: Rules, data: st.DataObject) -> None:
    raw = data.draw(_cells(rules))
    found = rules.status_for(raw)
    assert (found.label if found else None) == _status_by_walking(rules, raw)


def test_the_plans_id_scheme_is_derived_once_per_plan(rules: Rules, monkeypatch) -> None:
    own = frozenset({f"PA{n}.{k}" for n in range(1, 60) for k in range(1, 50)} | {"1", "2"})
    calls = 0
    real = refs.shape

    def counting(ident: str) -> tuple[str, int]:
        nonlocal calls
        calls += 1
        return real(ident)

    monkeypatch.setattr(refs, "shape", counting)
    getattr(refs._own_scheme, "cache_clear", lambda: None)()
    for n in range(200):
        assert cite(f"See PA{n % 50 + 1}.3 and action 2", rules, own).ids
    # the scheme costs a pass over the ids once; each cell then costs only its own tokens
    assert calls < 3 * len(own) + 200 * 10
