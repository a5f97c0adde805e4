"""What the build prints: a bar on a terminal, plain lines elsewhere, one line per failure."""

from __future__ import annotations

import io

import pytest

from pipeline.build.report import Reporter, summary_lines, wants_bar
from pipeline.emit.summary import Summary

PLAN = Summary("action_plan", "A plan", {"error": 0, "warning": 2, "info": 1}, {"actions": 32}, {})
GUIDE = Summary("guidance", "A page", {"error": 0, "warning": 0, "info": 1}, {"questions": 1}, {})


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_describe() -> None:
    assert PLAN.describe() == "action plan, 32 actions, 3 findings"
    assert GUIDE.describe() == "guidance, 1 questions, 1 finding"


def test_plain_lines_when_not_a_terminal() -> None:
    out, err = io.StringIO(), io.StringIO()
    report = Reporter(out=out, err=err)
    assert report.bar is False
    report.begin(2, 5, 2)
    report.started("a.pdf")
    report.built("a.pdf", PLAN, 1.23)
    report.failed_one("b.pdf: damaged PDF — ask again", "b.pdf")
    report.end()
    assert out.getvalue().splitlines() == [
        "building 2 documents (5 unchanged) with 2 workers",
        "built a.pdf: action plan, 32 actions, 3 findings (1.2 s)",
    ]
    assert err.getvalue() == "b.pdf: damaged PDF — ask again\n"
    assert "\x1b" not in out.getvalue() + err.getvalue() and "\r" not in out.getvalue() + err.getvalue()


def test_a_bar_on_a_terminal_with_finished_files_above_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    out, err = io.StringIO(), Terminal()
    report = Reporter(out=out, err=err)
    assert report.bar is True
    report.begin(4, 0, 2)
    report.started("a.pdf")
    report.built("a.pdf", PLAN, 0.5)
    report.end()
    screen = err.getvalue()
    assert "[#####---------------] 1/4" in screen and "reading a.pdf" in screen
    assert screen.endswith("\r\x1b[K")  # the bar is wiped at the end
    assert "built a.pdf" in out.getvalue()


def test_no_bar_in_ci_or_dumb_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert not wants_bar(Terminal())
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "dumb")
    assert not wants_bar(Terminal())


def test_quiet_prints_failures_only() -> None:
    out, err = io.StringIO(), io.StringIO()
    report = Reporter(quiet=True, out=out, err=err)
    report.begin(1, 0, 1)
    report.built("a.pdf", PLAN, 0.1)
    report.failed_one("b.pdf: why — what to do", "b.pdf")
    assert out.getvalue() == "" and err.getvalue() == "b.pdf: why — what to do\n"


def test_a_name_the_terminal_cannot_show_is_escaped_not_a_crash() -> None:
    raw = io.BytesIO()
    err = io.TextIOWrapper(raw, encoding="ascii")
    Reporter(err=err).failed_one("计划.pdf: damaged — ask again")
    assert raw.getvalue() == b"\\u8ba1\\u5212.pdf: damaged \\u2014 ask again\n"


def test_summary_names_out_of_date_and_never_built_files() -> None:
    lines = summary_lines(
        2,
        40,
        2,
        {"error": 1, "warning": 3, "info": 0},
        ["old.pdf"],
        ["new.pdf"],
        ["new.pdf"],
        ["outputs/index.json"],
        3.21,
    )
    assert (
        lines[0]
        == "2 built, 40 unchanged, 2 failed (3.2 s); findings in all documents: 4 (1 error, 3 warnings, 0 info)"
    )
    assert lines[1] == "failed, so their outputs are from an earlier version (out of date): old.pdf"
    assert lines[2] == "failed, with no outputs: new.pdf"
    assert "use --force to retry" in lines[3]


def test_long_lists_of_names_are_shortened() -> None:
    names = [f"file {n:02d}.pdf" for n in range(25)]
    line = summary_lines(0, 0, 25, {}, [], names, [], [], 1.0)[1]
    assert line.endswith("file 09.pdf and 15 more (all of them are in index.json)")
