"""Page-parallel reading gives exactly what sequential reading gives, whatever goes wrong where.

The plan used is generated here: the seed plan's cells three times over, renumbered, printed by
reportlab as a borderless landscape table whose rows may split over a page break, so rows and
outcomes continue across page boundaries. Reading it with one process per page makes every
page boundary a boundary between processes.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
from pathlib import Path

import pytest

from pipeline.core import processes
from pipeline.core.errors import InternalError, TooLarge
from pipeline.core.model import to_json
from pipeline.process import document_from_layout, process
from pipeline.read.geometry.assemble import assemble
from pipeline.read.pdf import parallel as pdf_parallel
from pipeline.read.pdf.opener import open_pdf
from pipeline.read.pdf.pages import Pages
from pipeline.read.pdf.parallel import chunks, page_jobs, read_pages
from tests.fixtures import plan_fixtures
from tests.fixtures.plan_fixtures import ActionRow, OutcomeGroup, SectionGroup
from tests.helpers import FIXTURES

FALLBACK = "reading its pages here"


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed plan's sections three times over (15 sections, 96 actions), renumbered, borderless."""
    title, seed = plan_fixtures.seed_plan()
    sections = []
    for copy in range(3):
        for group in seed:
            number = str(len(sections) + 1)
            section = SectionGroup(number, f"{group.title} (part {copy + 1})")
            for o, outcome in enumerate(group.outcomes, 1):
                oid = f"{number}.{o}"
                renumbered = OutcomeGroup(oid, oid, outcome.text)
                for a, action in enumerate(outcome.actions, 1):
                    renumbered.actions.append(
                        ActionRow(f"{oid}.{a}", action.text, action.status, action.links, action.age)
                    )
                section.outcomes.append(renumbered)
            sections.append(section)
    path = tmp_path_factory.mktemp("parallel") / "long plan.pdf"
    return plan_fixtures.build_borderless_pdf(path, title, sections)


@pytest.fixture(scope="module")
def sequential(long_plan: Path, rules) -> str:  # type: ignore[no-untyped-def]
    """The long plan's JSON read in one process, in page order: what every split must give (read once)."""
    with pytest.MonkeyPatch.context() as patch:
        return extract_json(long_plan, rules, 1, patch)


@pytest.fixture
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split PDFs of any length, one page per process if asked."""
    monkeypatch.setattr(pdf_parallel, "PAGE_THRESHOLD", 1)
    monkeypatch.setattr(pdf_parallel, "MIN_PAGES_PER_JOB", 1)


def extract_json(path: Path, rules, jobs: int, monkeypatch: pytest.MonkeyPatch) -> str:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(processes.ENV, str(jobs))
    return to_json(process(path, rules))


def page_count(path: Path, rules) -> int:  # type: ignore[no-untyped-def]
    pdf = open_pdf(path.read_bytes(), rules)
    try:
        return len(pdf.pages)
    finally:
        pdf.close()


# ----------------------------------------------------------------------------- same result


def test_the_generated_plan_has_rows_and_outcomes_across_page_breaks(long_plan: Path, rules) -> None:  # type: ignore[no-untyped-def]
    """The case the split must survive is really there: a row cut by a page break, an outcome on two pages."""
    pdf = open_pdf(long_plan.read_bytes(), rules)
    pages, _ = read_pages(Pages(pdf), rules, long_plan.name, 1)
    pdf.close()
    layout = assemble(pages, rules)
    continued_rows = 0
    for block in layout.tables():
        for before, row in zip(block.rows, block.rows[1:], strict=False):
            # first row on a new page with no id (Ref column) but action text: the rest of a split row
            if row.page == before.page + 1 and not row.cells[0].text.strip() and row.cells[2].text.strip():
                continued_rows += 1
    assert continued_rows >= 1
    doc = document_from_layout(layout, long_plan.name, "0", rules)
    assert len(doc.actions) == 96
    pages_of_outcome: dict[str, set[int]] = {}
    for action in doc.actions:
        pages_of_outcome.setdefault(action.outcome or "", set()).add(action.source.page or 0)
    assert any(len(p) > 1 for p in pages_of_outcome.values())


@pytest.mark.parametrize("jobs", [2, 3, 0])  # 0: one process per page
def test_page_parallel_json_is_byte_identical(
    long_plan: Path, sequential: str, rules, jobs: int, any_size: None, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    jobs = jobs or page_count(long_plan, rules)
    with caplog.at_level(logging.INFO, logger="pipeline.read.pdf.parallel"):
        parallel = extract_json(long_plan, rules, jobs, monkeypatch)
    assert not [r for r in caplog.records if FALLBACK in r.getMessage()], "a helper failed; the parent read its pages"
    assert parallel == sequential
    assert len(sequential) > 10_000


@pytest.mark.parametrize("name", ["plan-word.pdf", "plan-word-unruled.pdf", "plan-browser.pdf", "guidance-page.pdf"])
def test_every_page_in_its_own_process_on_the_fixtures(
    name: str, rules, any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Word, LibreOffice and browser PDFs, ruled and not, plan and guidance: every page boundary split."""
    path = FIXTURES / name
    assert extract_json(path, rules, page_count(path, rules), monkeypatch) == extract_json(path, rules, 1, monkeypatch)


def test_spawned_helpers_reopen_the_same_bytes(long_plan: Path, rules) -> None:  # type: ignore[no-untyped-def]
    """Where processes are spawned rather than forked, helpers re-open the file and read the same pages."""
    pdf = open_pdf(long_plan.read_bytes(), rules)
    try:
        sequential = read_pages(Pages(pdf), rules, long_plan.name, 1)
    finally:
        pdf.close()
    pdf = open_pdf(long_plan.read_bytes(), rules)
    try:
        spawned = read_pages(Pages(pdf), rules, long_plan.name, 2, start_method="spawn")
    finally:
        pdf.close()
    assert spawned == sequential


# ----------------------------------------------------------------------------- failures


def _die(*args: object) -> None:
    os._exit(3)


def test_a_helper_that_dies_has_its_pages_read_here(
    long_plan: Path, sequential: str, rules, any_size: None, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pdf_parallel, "_helper_main", _die)  # forked helpers run this and exit at once
    with caplog.at_level(logging.INFO, logger="pipeline.read.pdf.parallel"):
        assert extract_json(long_plan, rules, 3, monkeypatch) == sequential
    assert len([r for r in caplog.records if FALLBACK in r.getMessage()]) == 2


def test_a_helper_that_cannot_start_has_its_pages_read_here(
    long_plan: Path, sequential: str, rules, any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]

    def refuse(self: object) -> None:
        raise OSError("no more processes")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", refuse)
    assert extract_json(long_plan, rules, 2, monkeypatch) == sequential


def _failing_pages(bad: dict[int, Exception]):  # type: ignore[no-untyped-def]
    real = pdf_parallel.read_page

    def read_page(source, rules):  # type: ignore[no-untyped-def]
        if source.frame.number in bad:
            raise bad[source.frame.number]
        return real(source, rules)

    return read_page


def test_the_first_error_in_page_order_is_raised(
    long_plan: Path, rules, any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Helpers' errors come back and are raised as sequential reading would: the earliest page's."""
    bad = {5: TooLarge("page 5 is too dense"), 3: TooLarge("page 3 is too dense")}
    monkeypatch.setattr(pdf_parallel, "read_page", _failing_pages(bad))
    for jobs in (1, 4, page_count(long_plan, rules)):
        with pytest.raises(TooLarge, match="page 3 is too dense"):
            extract_json(long_plan, rules, jobs, monkeypatch)


def test_an_error_in_this_process_share_stops_the_helpers(
    long_plan: Path, rules, any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pdf_parallel, "read_page", _failing_pages({1: TooLarge("page 1 is too dense")}))
    before = {p.pid for p in multiprocessing.active_children()}
    with pytest.raises(TooLarge, match="page 1"):
        extract_json(long_plan, rules, 3, monkeypatch)
    assert {p.pid for p in multiprocessing.active_children()} <= before


def test_an_unreadable_page_in_a_helper_costs_that_page_only(
    long_plan: Path, rules, any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The PDF library failing on a page's content costs that page, in a helper as here."""
    from pdfminer.psparser import PSSyntaxError

    monkeypatch.setattr(pdf_parallel, "read_page", _failing_pages({4: PSSyntaxError("broken content stream")}))
    sequential = extract_json(long_plan, rules, 1, monkeypatch)
    assert "Page 4 could not be read" in sequential
    assert extract_json(long_plan, rules, 3, monkeypatch) == sequential


def test_a_bug_of_ours_on_a_page_is_an_internal_error_not_a_damaged_page(
    long_plan: Path, rules, any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A defect in our page code (a TypeError, raised in our frame) stops the document as ours,
    whether the page is read here or in a helper: never "Page 4 could not be read"."""
    monkeypatch.setattr(pdf_parallel, "read_page", _failing_pages({4: TypeError("unsupported operand")}))
    for jobs in (1, 3):
        with pytest.raises(InternalError, match="internal error in the pipeline") as err:
            extract_json(long_plan, rules, jobs, monkeypatch)
        assert "TypeError: unsupported operand" in err.value.detail


# ----------------------------------------------------------------------------- when to split


def test_short_documents_are_read_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(processes.ENV, raising=False)
    monkeypatch.setattr(processes, "_granted", None)
    monkeypatch.setattr(processes, "usable_cores", lambda: 8)
    assert page_jobs(pdf_parallel.PAGE_THRESHOLD - 1) == 1
    assert page_jobs(pdf_parallel.PAGE_THRESHOLD) == pdf_parallel.PAGE_THRESHOLD // pdf_parallel.MIN_PAGES_PER_JOB
    assert page_jobs(1000) == 8


def test_the_environment_and_the_caller_decide(monkeypatch: pytest.MonkeyPatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(processes, "usable_cores", lambda: 4)
    monkeypatch.setattr(processes, "_granted", None)
    monkeypatch.delenv(processes.ENV, raising=False)
    assert page_jobs(400) == 4
    processes.allow(1)  # a build whose workers use every core
    assert page_jobs(400) == 1
    processes.allow(2)
    assert page_jobs(400) == 2
    monkeypatch.setenv(processes.ENV, "3")  # the person running it has the last word
    assert page_jobs(400) == 3
    monkeypatch.setenv(processes.ENV, "1")
    assert page_jobs(400) == 1
    monkeypatch.setenv(processes.ENV, "lots")
    with caplog.at_level(logging.WARNING):
        assert page_jobs(400) == 2
    assert "not a number" in caplog.text
    processes.allow(None)
    assert page_jobs(400) == 4


def _jobs_in_daemon(queue) -> None:  # type: ignore[no-untyped-def]
    queue.put(page_jobs(1000))


def test_a_daemonic_process_reads_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """multiprocessing forbids a daemonic process children: it must not try."""
    monkeypatch.setenv(processes.ENV, "4")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_jobs_in_daemon, args=(queue,), daemon=True)
    child.start()
    assert queue.get(timeout=30) == 1
    child.join(timeout=30)
    assert page_jobs(1000) == 4  # but this process may


@pytest.mark.parametrize("count,jobs", [(1, 4), (7, 2), (320, 2), (10, 3), (5, 5), (40, 1)])
def test_runs_are_contiguous_in_order_and_cover_every_page(count: int, jobs: int) -> None:
    runs = chunks(count, jobs)
    assert [i for run in runs for i in run] == list(range(count))
    assert all(len(r) for r in runs)
    assert max(map(len, runs)) <= pdf_parallel.CHUNK_PAGES
    assert len(runs) >= min(count, 2 * jobs)  # enough runs for every process to take some
    assert all(len(b) <= len(a) for a, b in itertools.pairwise(runs))  # shorter towards the end
    assert len(runs[-1]) == 1  # the last run is one page: no process waits long for another's


def test_a_slow_helper_takes_fewer_runs(
    long_plan: Path, rules, any_size: None, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Runs go to whichever process is free: a helper slowed down reads less, and the result is the same."""
    import time

    sequential = extract_json(long_plan, rules, 1, monkeypatch)
    real = pdf_parallel.read_page
    parent = os.getpid()

    def slow_in_helpers(source, rules):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            time.sleep(0.3)
        return real(source, rules)

    monkeypatch.setattr(pdf_parallel, "read_page", slow_in_helpers)
    monkeypatch.setattr(pdf_parallel, "CHUNK_PAGES", 1)
    taken: list[int] = []
    read_range = pdf_parallel.read_range

    def counting(pdf, indexes, rules, name):  # type: ignore[no-untyped-def]
        if os.getpid() == parent:
            taken.extend(indexes)
        return read_range(pdf, indexes, rules, name)

    monkeypatch.setattr(pdf_parallel, "read_range", counting)
    assert extract_json(long_plan, rules, 2, monkeypatch) == sequential
    assert len(taken) > page_count(long_plan, rules) // 2


def test_a_page_sent_between_processes_comes_back_whole(long_plan: Path, rules) -> None:  # type: ignore[no-untyped-def]
    """Pages are pickled compactly; what comes back equals what was sent, lines sharing the page's words."""
    import pickle

    from pipeline.read.geometry.types import Line

    pdf = open_pdf(long_plan.read_bytes(), rules)
    try:
        pages, _ = read_pages(Pages(pdf), rules, long_plan.name, 1)
    finally:
        pdf.close()
    back = pickle.loads(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == pages
    for page in back:
        words = {id(w) for w in page.words}
        lines = [item for item in page.items if isinstance(item, Line)]
        assert all(id(w) in words for line in lines for w in line.words)
    assert any(isinstance(item, Line) for page in back for item in page.items)


def test_a_line_with_a_drawn_bullet_comes_back_with_it_and_shares_the_rest() -> None:
    """A drawn bullet is a word of its line, not of the page: it crosses with the line, and the
    line's other words are still the page's own (placing them places the page's words)."""
    import pickle

    from pipeline.read.geometry.types import Line, PageContent, Word

    text = Word("Ask", 20.0, 35.0, 10.0, 20.0, 10.0, False, 1)
    bullet = Word("•", 10.0, 14.0, 10.0, 20.0, 10.0, False, 1)
    page = PageContent(number=1, width=600.0, height=800.0)
    page.words = [text]
    page.items = [Line([bullet, text], 1)]
    back = pickle.loads(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
    line = back.items[0]
    assert isinstance(line, Line) and [w.text for w in line.words] == ["•", "Ask"]
    assert line.words[1] is back.words[0] and len(back.words) == 1
