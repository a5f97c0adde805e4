"""`make corpus`: the pipeline scored against the hand-written corpus of plans and guidance.

Prints, per rendering and in total: plans read / refused, actions exact of total, statuses
mapped of those present, false links; guidance questions exact of total, priorities exact, page
chrome taken for content. Expectations live in tests/corpus/*/*/expected.yaml (written by reading
each document); the comparison is tests/corpus_score.py, the same one `make test` holds to.

Run: `.venv/bin/python bench/corpus.py [-v] [CASE ...]` (-v: every difference, not only counts).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus_score import Score, cases, run_case  # noqa: E402


def _plans(scores: list[Score], verbose: bool) -> None:
    print("PLANS                                              actions      statuses   false links")
    for s in scores:
        state = "REFUSED" if s.refused else ("wrong kind" if s.wrong_kind else "")
        print(
            f"  {s.case.label[:48]:48} {s.exact:4}/{s.total:<4}   {s.statuses_right:4}/{s.statuses:<4}"
            f"   {s.false_links:3}  {state}"
        )
        if verbose:
            for line in s.differences[:40]:
                print(f"      {line[:220]}")
    read = sum(1 for s in scores if not s.refused and not s.wrong_kind)
    exact_docs = sum(1 for s in scores if s.is_exact)
    print(
        f"  plans read {read}/{len(scores)}, refused {sum(1 for s in scores if s.refused)}, "
        f"exact {exact_docs}/{len(scores)}; "
        f"actions exact {sum(s.exact for s in scores)}/{sum(s.total for s in scores)}; "
        f"statuses mapped {sum(s.statuses_right for s in scores)}/{sum(s.statuses for s in scores)}; "
        f"false links {sum(s.false_links for s in scores)}"
    )


def _guidance(scores: list[Score], verbose: bool) -> None:
    print("GUIDANCE                                           questions    priorities  chrome")
    for s in scores:
        state = "REFUSED" if s.refused else ("wrong kind" if s.wrong_kind else "")
        print(
            f"  {s.case.label[:48]:48} {s.exact:4}/{s.total:<4}   {s.priorities_right:4}/{s.priorities:<4}"
            f"   {s.chrome:3}  {state}"
        )
        if verbose:
            for line in s.differences[:40]:
                print(f"      {line[:220]}")
    print(
        f"  documents exact {sum(1 for s in scores if s.is_exact)}/{len(scores)}, "
        f"refused {sum(1 for s in scores if s.refused)}; "
        f"questions exact {sum(s.exact for s in scores)}/{sum(s.total for s in scores)}; "
        f"priorities exact {sum(s.priorities_right for s in scores)}/{sum(s.priorities for s in scores)}; "
        f"chrome taken for content {sum(s.chrome for s in scores)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("only", nargs="*", help="case folder names to run (default: all)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    all_exact = True
    for kind, show in (("plans", _plans), ("guidance", _guidance)):
        scores = [run_case(c) for c in cases(kind) if not args.only or c.name in args.only]
        if scores:
            show(scores, args.verbose)
            all_exact &= all(s.is_exact for s in scores)
    return 0 if all_exact else 1


if __name__ == "__main__":
    raise SystemExit(main())
