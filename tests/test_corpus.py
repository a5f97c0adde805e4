"""Every document of the hand-written corpus (tests/corpus/) gives exactly its expected records.

The corpus holds plans and guidance that share neither layout nor words with the two seeds:
real ones published by councils and partnerships, and generated ones that vary id scheme,
hierarchy, column names, status words, colour-only RAG cells, table shape and format. Their
expectations were written by reading each document (tests/corpus/README.md); `make corpus`
prints the same comparison as a report.
"""

from __future__ import annotations

import pytest

from tests.corpus_score import Case, cases, run_case

PLANS = list(cases("plans"))
GUIDANCE = list(cases("guidance"))


@pytest.mark.parametrize("case", PLANS, ids=[c.label for c in PLANS])
def test_every_corpus_plan_is_read_exactly(case: Case) -> None:
    result = run_case(case)
    assert result.differences == []


@pytest.mark.parametrize("case", GUIDANCE, ids=[c.label for c in GUIDANCE])
def test_every_corpus_guidance_document_is_read_exactly(case: Case) -> None:
    result = run_case(case)
    assert result.differences == []


def test_the_corpus_is_there_and_large_enough() -> None:
    plan_docs = {c.name for c in PLANS}
    guidance_docs = {c.name for c in GUIDANCE}
    assert len(plan_docs) >= 12, plan_docs
    assert len(guidance_docs) >= 8, guidance_docs
