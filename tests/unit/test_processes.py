"""`core.processes.split_map`: a long list shared out between forked helpers gives the very list
a plain map gives, whatever a helper does (fails, dies, raises, sees a rule pattern run out of time)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from pipeline.core import processes
from pipeline.core.model import to_json
from pipeline.core.processes import split_map
from pipeline.normalise import plan as normalise_plan_module
from pipeline.process import process
from tests.fixtures import plan_fixtures
from tests.fixtures.plan_fixtures import ActionRow, OutcomeGroup, SectionGroup

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="helpers are forked on Linux only")

MAIN = os.getpid()


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.fixture
def two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(processes.ENV, "2")


def test_a_long_list_is_shared_out_and_comes_back_in_order(two_processes: None) -> None:
    out = split_map(_square_and_pid, list(range(100)), min_per_job=10)
    assert [value for value, _ in out] == [n * n for n in range(100)]
    pids = [pid for _, pid in out]
    assert pids[:50] == [MAIN] * 50  # the first part here
    assert len(set(pids[50:])) == 1 and pids[50] != MAIN  # the second in one other process


def test_one_process_or_a_short_list_is_a_plain_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(processes.ENV, "1")
    assert {pid for _, pid in split_map(_square_and_pid, list(range(100)), min_per_job=10)} == {MAIN}
    monkeypatch.setenv(processes.ENV, "2")
    assert {pid for _, pid in split_map(_square_and_pid, list(range(19)), min_per_job=10)} == {MAIN}


def _fails_outside_main(n: int) -> int:
    if os.getpid() != MAIN:
        raise RuntimeError("a helper's trouble")
    return n + 1


def test_a_helper_that_raises_has_its_part_computed_here(two_processes: None) -> None:
    assert split_map(_fails_outside_main, list(range(40)), min_per_job=10) == [n + 1 for n in range(40)]


def _dies_outside_main(n: int) -> int:
    if os.getpid() != MAIN:
        os._exit(9)  # killed mid-part
    return -n


def test_a_helper_that_dies_has_its_part_computed_here(two_processes: None) -> None:
    assert split_map(_dies_outside_main, list(range(40)), min_per_job=10) == [-n for n in range(40)]


def _raises_at(n: int) -> int:
    if n in (7, 30):
        raise ValueError(f"item {n}")
    return n


def test_an_exception_is_raised_here_in_order(two_processes: None) -> None:
    """The first failing item in list order is the one raised, as a plain map would."""
    with pytest.raises(ValueError, match="item 7"):
        split_map(_raises_at, list(range(40)), min_per_job=10)
    with pytest.raises(ValueError, match="item 30"):
        split_map(_raises_at, [n for n in range(40) if n != 7], min_per_job=10)


def test_a_change_of_state_makes_the_later_parts_computed_here(two_processes: None) -> None:
    """What a call may change for later calls (a rule pattern given up on): the parts computed
    beside the change are computed again here, in order, so later items see the change."""
    seen: list[int] = []

    def remember(n: int) -> tuple[int, int]:
        if n == 5:
            seen.append(n)  # this process's state changes while it computes the first part
        return n, len(seen)

    out = split_map(remember, list(range(40)), min_per_job=10, state=lambda: len(seen))
    assert out == [(n, 0 if n < 5 else 1) for n in range(40)]  # as a plain map: items after 5 see it


def test_the_document_may_use_what_the_caller_grants(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(processes.ENV, raising=False)
    monkeypatch.setattr(processes, "_granted", None)
    monkeypatch.setattr(processes, "usable_cores", lambda: 4)
    assert processes.document_jobs() == 4
    processes.allow(1)
    assert processes.document_jobs() == 1
    processes.allow(None)
    monkeypatch.setenv(processes.ENV, "3")
    assert processes.document_jobs() == 3


# ----------------------------------------------------------------------------- a plan's actions


def _plan(tmp_path: Path) -> Path:
    sections = [
        SectionGroup(
            str(s),
            f"Theme {s}",
            [
                OutcomeGroup(
                    f"{s}.{o}",
                    f"{s}.{o}",
                    f"Outcome {s}.{o} for families",
                    [
                        ActionRow(
                            f"{s}.{o}.{a}",
                            f"Deliver the NHS England offer {a} with the GHT (see {s}.{o}.{a % 3 + 1})",
                            ["Complete", "On track", "Not started", "Closed - merged with 1.1.1"][a % 4],
                            f"Links to {s}.{o}.{(a + 1) % 3 + 1}",
                            "CYP",
                        )
                        for a in range(1, 4)
                    ],
                )
                for o in range(1, 4)
            ],
        )
        for s in range(1, 4)
    ]
    path = tmp_path / "plan.docx"
    plan_fixtures.build_word_docx(path, "Shared plan", sections)
    return path


def test_a_plans_actions_are_the_same_read_in_one_process_or_two(
    tmp_path: Path, rules, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = _plan(tmp_path)
    monkeypatch.setattr(normalise_plan_module, "MIN_ACTIONS_PER_JOB", 2)
    forked: list[int] = []
    real = processes._MapHelper.start

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        forked.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(processes._MapHelper, "start", counted)
    monkeypatch.setenv(processes.ENV, "1")
    one = to_json(process(path, rules))
    assert not forked
    monkeypatch.setenv(processes.ENV, "2")
    two = to_json(process(path, rules))
    assert forked  # the actions were shared out
    assert two == one
    last = json.loads(two)["actions"][-1]  # read in the helper: links, status and mentions as here
    assert (last["id"], last["linked_actions"], last["status_raw"]) == (
        "3.3.3",
        ["3.3.2", "1.1.1", "3.3.1"],
        "Closed - merged with 1.1.1",
    )
    assert last["mentions"] == ["ORG: NHS England", "ORG: GHT"]


def test_a_helpers_pipe_has_room_for_a_whole_message() -> None:
    """A page helper's run (a few hundred KB) is written without waiting for the reader to drain it."""
    import fcntl
    import multiprocessing

    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    try:
        processes.widen_pipe(send)
        assert fcntl.fcntl(send.fileno(), fcntl.F_GETPIPE_SZ) >= min(processes.PIPE_BYTES, _pipe_max())
    finally:
        receive.close()
        send.close()


def test_the_page_helpers_pipes_are_widened(rules, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from pipeline.read.pdf import parallel as pdf_parallel
    from tests.helpers import FIXTURES

    widened: list[int] = []
    real = processes.widen_pipe
    monkeypatch.setattr(processes, "widen_pipe", lambda conn: (widened.append(conn.fileno()), real(conn)))
    monkeypatch.setattr(pdf_parallel, "PAGE_THRESHOLD", 1)
    monkeypatch.setattr(pdf_parallel, "MIN_PAGES_PER_JOB", 1)
    monkeypatch.setenv(processes.ENV, "2")
    process(FIXTURES / "plan-word.pdf", rules)
    assert widened


def _pipe_max() -> int:
    return int(Path("/proc/sys/fs/pipe-max-size").read_text())
