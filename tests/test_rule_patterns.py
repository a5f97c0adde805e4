"""Rule patterns cannot hang a run: exponential ones are refused at load with file and line, and
a slow one that slips through costs a finding naming the rule, not a hung or failed document."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.rules import load_rules
from pipeline.rules.patterns import (
    RulePattern,
    _alphabet,
    _Builder,
    exponential_reason,
    slow_patterns,
    start_document,
)
from tests.helpers import ROOT

PLAN = ROOT / "inputs" / "self-harm-action-plan.txt"


def _timed(pattern: str, text: str, seconds: float = 3.0) -> bool:
    """True when Python's own engine needs more than `seconds` to search `text` (a real hang)."""
    start_document()
    bounded = RulePattern(re.compile(pattern, re.IGNORECASE), "test", seconds)
    bounded.search(text)
    slow = bool(slow_patterns())
    start_document()
    return slow


# The engine's own verdict on each pattern (measured: the slow ones take minutes on 40 characters).
EXPONENTIAL = [r"(a+)+$", r"(a|a)*$", r"(.*)*x", r"(a*)*$", r"(\d+\s*)+$", r"(\w+\s?)+$", r"(a|aa)+$", r"(a+b?)+$"]
LINEAR = [r"(a|ab)*c", r"(\d+\s+)+$", r"(a?)+$", r"\s*\s*$", r"(\w|\d)+$", r"(ab|a)*$", r"(?:and|as)+x", r"[a-z]+\d+"]


@pytest.mark.parametrize("pattern", EXPONENTIAL)
def test_every_exponential_pattern_is_found(pattern: str) -> None:
    assert exponential_reason(pattern) is not None


@pytest.mark.parametrize("pattern", LINEAR)
def test_patterns_that_match_in_linear_time_are_allowed(pattern: str) -> None:
    assert exponential_reason(pattern) is None


@pytest.mark.parametrize(("pattern", "text"), [(r"(a+)+$", "a" * 40 + "!"), (r"(a|aa)+$", "a" * 60 + "!")])
def test_the_analysis_agrees_with_the_engine(pattern: str, text: str) -> None:
    assert _timed(pattern, text, seconds=1.0)
    assert not _timed(r"(a|ab)*c", text, seconds=1.0)


def test_every_shipped_pattern_is_allowed() -> None:
    load_rules(ROOT / "rules")  # raises on any refused pattern


def _rules_with(tmp_path: Path, file: str, key: str, pattern: str) -> tuple[Path, int]:
    rules = Path(shutil.copytree(ROOT / "rules", tmp_path / "rules"))
    path = rules / file
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(f"{key}:")) + 1
    lines.insert(at, f"  - '{pattern}'")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rules, at + 1


def test_rules_check_and_every_command_refuse_an_exponential_pattern_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules, line = _rules_with(tmp_path, "programmes.yaml", "outside_codes", r"(\w+\s?)+$")
    expected = (
        f"Error: rules/programmes.yaml line {line}: the outside code pattern '(\\w+\\s?)+$' can take exponential "
        "time, because a repeated part of it can match the same text in more than one way (as in (a+)+ or "
        "(a|a)*); write it so that each part of a text is matched one way only ((a+)+ as a+) — fix the rule file "
        "(see rules/README.md) and run again"
    )
    for command in (
        ["rules", "check"],
        ["extract", str(PLAN), "-o", str(tmp_path / "out")],
        ["diff", str(PLAN), str(PLAN), "-o", str(tmp_path / "out")],
        ["build", str(tmp_path / "inputs"), str(tmp_path / "outputs")],
    ):
        (tmp_path / "inputs").mkdir(exist_ok=True)
        assert main(["--rules", str(rules), *command]) == 2, command
        assert capsys.readouterr().err.splitlines() == [expected], command
    assert not (tmp_path / "out").exists()  # refused before any work


def test_a_slow_pattern_that_slips_through_costs_a_finding_naming_the_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pattern the analysis passed but the engine finds slow: skipped after its time, one
    error finding naming the rule file and line, the document still read."""
    import pipeline.rules.yaml_lines as yaml_lines
    from pipeline.process import process

    rules_dir, line = _rules_with(tmp_path, "programmes.yaml", "outside_codes", r"(\w+\s?)+!")
    limits = rules_dir / "limits.yaml"
    limits.write_text(limits.read_text(encoding="utf-8") + "seconds_per_pattern: 0.2\n", encoding="utf-8")
    monkeypatch.setattr(yaml_lines, "exponential_reason", lambda pattern, flags=0: None)  # it slips through
    rules = load_rules(rules_dir)
    assert rules.limits.seconds_per_pattern == 0.2
    started = time.monotonic()
    doc = process(PLAN, rules)
    assert time.monotonic() - started < 60  # one bound per document, not one per cell
    assert len(doc.actions) == 32
    (slow,) = [f for f in doc.findings if f.code == "slow-rule-pattern"]
    assert slow.severity == "error" and str(slow.where) == "document"
    assert f"rules/programmes.yaml line {line}" in slow.message and "(\\w+\\s?)+!" in slow.message
    again = process(PLAN, rules)  # each document is judged afresh
    assert [f.code for f in again.findings].count("slow-rule-pattern") == 1


def test_a_bounded_call_gives_no_match_and_the_pattern_is_skipped_after() -> None:
    start_document()
    pattern = RulePattern(re.compile(r"(a+)+$"), "rules/x.yaml line 3", 0.2)
    started = time.monotonic()
    assert pattern.search("a" * 40 + "!") is None
    assert pattern.findall("a" * 40 + "!") == [] and list(pattern.finditer("aaa")) == []
    assert pattern.sub("x", "keep") == "keep"
    assert time.monotonic() - started < 20
    assert [s.where for s in slow_patterns()] == ["rules/x.yaml line 3"]
    start_document()
    assert pattern.search("aaa") is not None and slow_patterns() == []


_PIECES = ["a", "B", "é", "ß", ".", r"\d", r"\W", "[a-f]", "[^x]", "[A-Z0-9_]", r"[\s,;]", "(?:no|NOT)", "-", "1"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8), st.booleans())
def test_each_character_test_matches_what_the_slow_definition_says(pieces: list[str], ignore_case: bool) -> None:
    """The analysis works each character test out once, literals from a table: the same sets
    of representatives as asking every representative of every test."""
    pattern = "".join(pieces)
    flags = re.IGNORECASE if ignore_case else 0
    parsed = sre_parse.parse(pattern, flags)
    builder = _Builder(_alphabet(pattern, parsed), flags)

    def tests(items: Any) -> Iterator[tuple[Any, Any]]:
        for op, av in items:
            if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
                yield op, av
            elif op is C.SUBPATTERN:
                yield from tests(av[-1])
            elif op is C.BRANCH:
                for alternative in av[1]:
                    yield from tests(alternative)

    for op, av in tests(parsed):
        slow = frozenset(c for c in builder.alphabet if builder.matches(op, av, c))
        assert builder.chars(op, av) == slow
        assert builder.chars(op, av) == slow  # asked again: from what it kept
