"""The page loop of the PDF reader: every page read on its own, in this process or split across several.

Reading a page (`pdf_page.read_page`) is most of a long PDF's cost and needs nothing from any
other page, so a long PDF's pages can be read by several processes at once. The pages are cut
into runs of a few pages (`chunks`); this process and each helper process take the next run
not yet taken (a counter they share) until none is left, so a process slowed by other work on
the machine simply takes fewer. A helper sends each run's `PageContent`s back as soon as it is
read (`PageContent` pickles compactly), and a thread here receives them at once, so a helper
never waits to send; this process unpacks them between its own runs. The runs are put back in
page order and the cross-page assembly (`pdf_assemble`) runs once, here, exactly as after
sequential reading: the two give byte-identical output.

When (`page_jobs`): only PDFs of `PAGE_THRESHOLD` pages or more (below that starting a
process and sending the pages back costs more than it saves), each process with at least
`MIN_PAGES_PER_JOB` pages, and as many processes as the document may use
(`core.processes.document_jobs`: `PIPELINE_PAGE_JOBS`, what the build grants, the cores).

How: on Linux the helpers are forked, so they inherit the open document (nothing is re-read
or copied); elsewhere they are spawned and re-open the very bytes the parsers are reading (a
repaired or decrypted copy included). A helper ignores Ctrl-C (this process handles it and
stops the helpers) and, on Linux, dies with this process. A helper inherits this process's
memory cap, so a build worker's per-document cap holds in each of them.

Failures are those of sequential reading, in page order: a page that the PDF library cannot
interpret costs that page only (a defect of ours on a page stops the document, as one); the
first PipelineError in page order is raised (once every run before it is read). A helper that
dies or cannot start has its runs read here instead, so the result never depends on the helpers.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Sequence
from typing import Any

from pipeline.core import collector, processes
from pipeline.core.errors import PipelineError, TooLarge, raised_by_library
from pipeline.core.lifetime import die_with_parent
from pipeline.read.geometry.types import PageContent
from pipeline.read.pdf.losses import LibraryWarnings
from pipeline.read.pdf.page import check_density, glyph_budget, read_page
from pipeline.read.pdf.pages import Pages, bytes_read
from pipeline.rules import Rules

log = logging.getLogger(__name__)

PAGE_THRESHOLD = 40
MIN_PAGES_PER_JOB = 20
CHUNK_PAGES = 8  # pages taken at a time: small enough that the processes finish together


def page_jobs(pages: int) -> int:
    """How many processes should read a PDF of `pages` pages (1: read them here, in order)."""
    if pages < PAGE_THRESHOLD:
        return 1
    return max(1, min(processes.document_jobs(), pages // MIN_PAGES_PER_JOB))


# ----------------------------------------------------------------------------- the page loop


def read_range(pdf: Pages, indexes: Sequence[int], rules: Rules, name: str) -> tuple[list[PageContent], list[int]]:
    """Read the pages at `indexes` (0-based) in order: their contents, and the numbers of those unreadable.

    Each page is parsed (`pdf_pages`: playa, or pdfminer where playa cannot), read into words,
    lines and tables, and released, so memory does not grow with the page count beyond what the
    pages hold (`share_coordinates`); what the PDF libraries said while reading it is kept on
    the page (`losses.LibraryWarnings`), in this process or the helper reading it. A page whose
    content the PDF library cannot interpret is replaced by an empty page (its number is
    returned); a PipelineError, running out of memory, or an exception raised in our own code
    (`raised_by_library`: a bug, never "damaged") stops the document.
    """
    pages: list[PageContent] = []
    unreadable: list[int] = []

    def density(glyphs: int, number: int) -> None:
        check_density(glyphs, number, rules)

    budget = glyph_budget(rules)
    with LibraryWarnings() as heard:
        for index in indexes:
            number = index + 1
            try:
                content = read_page(pdf.source(index, density, budget), rules)
                share_coordinates(content)
            except PipelineError:
                raise
            except MemoryError:
                raise TooLarge(f"page {number} needs more memory than allowed to read") from None
            except Exception as exc:  # one damaged page costs that page, not the document; a bug of ours, the document
                if not raised_by_library(exc):
                    raise
                log.info("page %d of %s could not be read: %r", number, name, exc)
                unreadable.append(number)
                content = PageContent(number=number, width=0.0, height=0.0)
            finally:
                pdf.release(index)
                collector.page_done()
            content.library_warnings[:0] = heard.take()
            pages.append(content)
    return pages, unreadable


def share_coordinates(content: PageContent) -> None:
    """One float object per distinct coordinate or size on a page, instead of one per word.

    Every word on a line has the same top and bottom, and a page uses a few font sizes: for a
    long document the duplicates are a good part of the memory its words take. Values are
    unchanged (zeros, whose sign matters, are left as they are).
    """
    seen: dict[float, float] = {}
    for word in content.words:
        if word.top:
            word.top = seen.setdefault(word.top, word.top)
        if word.bottom:
            word.bottom = seen.setdefault(word.bottom, word.bottom)
        if word.size:
            word.size = seen.setdefault(word.size, word.size)
        if word.x0:
            word.x0 = seen.setdefault(word.x0, word.x0)
        if word.x1:
            word.x1 = seen.setdefault(word.x1, word.x1)


def read_pages(
    pdf: Pages,
    rules: Rules,
    name: str,
    jobs: int = 1,
    password: str | None = None,
    start_method: str | None = None,
) -> tuple[list[PageContent], list[int]]:
    """Every page of an open PDF, read by `jobs` processes, in page order.

    `password` is needed only where helpers are spawned rather than forked (they re-open the
    file); `start_method` chooses how helpers start (default: fork on Linux, spawn elsewhere).
    """
    with collector.pages_being_read():
        return _read_pages(pdf, rules, name, jobs, password, start_method)


def _read_pages(
    pdf: Pages, rules: Rules, name: str, jobs: int, password: str | None, start_method: str | None
) -> tuple[list[PageContent], list[int]]:
    count = pdf.count
    jobs = max(1, min(jobs, count))
    if jobs <= 1:
        return read_range(pdf, range(count), rules, name)
    runs = chunks(count, jobs)
    method = start_method or ("fork" if sys.platform.startswith("linux") else "spawn")
    try:
        context = multiprocessing.get_context(method)
        counter = context.Value("i", 0)
    except Exception as exc:  # no shared memory here: read in order
        log.info("cannot share a counter for %s (%r); reading its pages here", name, exc)
        return read_range(pdf, range(count), rules, name)
    helpers = [_Helper.start(context, pdf, counter, runs, rules, name, password) for _ in range(jobs - 1)]
    done: dict[int, tuple[list[PageContent], list[int]]] = {}
    errors: dict[int, PipelineError] = {}
    try:
        while (n := _claim(counter, len(runs))) is not None:
            for helper in helpers:
                helper.collect(done, errors)
            try:
                done[n] = read_range(pdf, runs[n], rules, name)
            except PipelineError as exc:
                errors[n] = exc
                _close(counter, len(runs))
        for helper in helpers:
            helper.finish(done, errors)
        first_error = min(errors, default=len(runs))
        for n in range(first_error):  # runs a helper took but never sent back: read here, in order
            if n not in done:
                try:
                    done[n] = read_range(pdf, runs[n], rules, name)
                except PipelineError as exc:
                    errors[n] = exc
                    break
        if errors:
            raise errors[min(errors)]
        pages = [page for n in range(len(runs)) for page in done[n][0]]
        unreadable = [number for n in range(len(runs)) for number in done[n][1]]
        return pages, unreadable
    finally:
        for helper in helpers:
            helper.stop()


def chunks(count: int, jobs: int) -> list[range]:
    """The runs of pages the processes take one at a time, in page order, none empty.

    Runs shorten towards the end (never longer than an even share of the pages left), so the
    last run taken is short and no process waits long for another to finish its last one.
    """
    size = max(1, min(CHUNK_PAGES, count // (2 * jobs)))
    runs: list[range] = []
    start = 0
    while start < count:
        step = max(1, min(size, (count - start) // (2 * jobs)))
        runs.append(range(start, start + step))
        start += step
    return runs


def _claim(counter: Any, total: int) -> int | None:
    """The next run no process has taken yet, or None when all are taken."""
    with counter.get_lock():
        n = counter.value
        if n >= total:
            return None
        counter.value = n + 1
        return int(n)


def _close(counter: Any, total: int) -> None:
    """No more runs are to be taken (an error stops the document)."""
    with counter.get_lock():
        counter.value = total


# ----------------------------------------------------------------------------- helper processes


class _Helper:
    """One helper process taking runs of pages; what it sends is received here by a thread."""

    def __init__(self, process: Any, conn: Any, name: str) -> None:
        self.process = process
        self.conn = conn
        self.name = name
        self.inbox: deque[bytes] = deque()
        self.ended = threading.Event()
        self.reason = ""  # why it stopped without saying it was done
        self.finished = False
        self.thread: threading.Thread | None = None
        if conn is not None:
            self.thread = threading.Thread(target=self._receive, name=f"pages from {process.pid}", daemon=True)
            self.thread.start()

    @classmethod
    def start(
        cls, context: Any, pdf: Pages, counter: Any, runs: list[range], rules: Rules, name: str, password: str | None
    ) -> _Helper:
        try:
            if context.get_start_method() == "fork":
                source: Any = pdf  # inherited as it is: nothing is pickled or re-read
            else:
                source = (bytes_read(pdf.pdf), password)
            bounds = [(r.start, r.stop) for r in runs]
            # the pipe has room for a run of pages: a run is written without waiting for us
            process, receive = processes.start_child(
                context, _helper_main, source, counter, bounds, rules, name, os.getpid()
            )
        except Exception as exc:  # no processes here (limits, sandbox): the runs are read in this process
            log.info("could not start a page reader for %s (%r); reading its pages here", name, exc)
            return cls(None, None, name)
        return cls(process, receive, name)

    def _receive(self) -> None:
        """The receiving thread: messages as bytes, as fast as they come (unpacked by `collect`)."""
        try:
            while True:
                self.inbox.append(self.conn.recv_bytes())
        except Exception as exc:  # EOF when the helper ends, or the pipe closed by `stop`
            self.reason = repr(exc)[:200]
        finally:
            self.ended.set()

    def collect(self, done: dict[int, Any], errors: dict[int, PipelineError]) -> None:
        """Unpack what has arrived: runs read, an error, or the word that the helper is done."""
        while self.inbox:
            data = self.inbox.popleft()
            try:
                message = pickle.loads(data)
            except MemoryError:
                raise TooLarge("pages read in another process need more memory than allowed") from None
            except Exception as exc:  # what it sent cannot be read: its runs are read here
                self.reason = repr(exc)[:200]
                continue
            kind = message[0]
            if kind == "pages":
                done[message[1]] = (message[2], message[3])
            elif kind == "error":
                errors[message[1]] = message[2]
            elif kind == "done":
                self.finished = True
            else:  # "failed": it stopped; the run it had is read here
                self.reason = message[1]

    def finish(self, done: dict[int, Any], errors: dict[int, PipelineError]) -> None:
        """Wait for the helper to send all it took, and unpack it."""
        if self.conn is None:
            return
        self.ended.wait()
        self.collect(done, errors)
        if not self.finished:
            how = self.reason or "it stopped without an answer"
            log.info("a page reader for %s failed (%s); reading its pages here", self.name, how)

    def stop(self) -> None:
        processes.end_child(self.process, self.conn)
        if self.thread is not None:
            self.thread.join(timeout=5)


def _helper_main(
    conn: Any, source: Any, counter: Any, bounds: list[tuple[int, int]], rules: Rules, name: str, parent: int
) -> None:  # pragma: no cover - runs in the helper process (covered by the tests through its results)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent(parent)
    n: int | None = None
    try:
        pdf = source if not isinstance(source, tuple) else _reopen(*source)
        while (n := _claim(counter, len(bounds))) is not None:
            try:
                pages, unreadable = read_range(pdf, range(*bounds[n]), rules, name)
            except PipelineError as exc:
                _close(counter, len(bounds))
                _send(conn, ("error", n, exc))
                break
            except MemoryError:
                _close(counter, len(bounds))
                _send(conn, ("error", n, TooLarge(f"page {bounds[n][0] + 1} onwards need more memory than allowed")))
                break
            _send(conn, ("pages", n, pages, unreadable))
        if isinstance(source, tuple):
            pdf.close()
        _send(conn, ("done",))
    except BaseException as exc:  # reported to the parent, which reads what this one took
        with contextlib.suppress(BaseException):
            _send(conn, ("failed", repr(exc)[:200]))
    finally:
        conn.close()


def _send(conn: Any, message: tuple[Any, ...]) -> None:
    try:
        conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        conn.send_bytes(pickle.dumps(("failed", "out of memory sending the pages")))
        raise


def _reopen(data: bytes, password: str | None) -> Pages:
    import pdfplumber

    return Pages(pdfplumber.open(io.BytesIO(data), password=password or ""), password)
