"""The page loop of the PDF reader: every page read on its own, in this process or split across several.

Reading a page (`pdf_page.read_page`) is nearly all of a long PDF's cost and needs nothing from
any other page, so a long PDF's pages can be read by several processes at once: this process
reads the first share itself while each helper process reads a later, contiguous share and
sends its `PageContent`s back in one message (pickled whole, so the words a page's lines and
tables share stay shared). The shares are put back in page order and the cross-page assembly
(`pdf_assemble`) runs once, here, exactly as after sequential reading: the two give
byte-identical output.

When (`page_jobs`):
- only PDFs of `PAGE_THRESHOLD` pages or more: below that starting a process and sending the
  pages back costs more than it saves; each process gets at least `MIN_PAGES_PER_JOB` pages;
- `PIPELINE_PAGE_JOBS=N` in the environment sets the number of processes (1 = never split);
- otherwise a caller that shares the machine says what it may use (`allow`: the build grants
  its workers the cores it leaves idle, so that `--jobs` workers times page processes never
  exceeds the cores), and a program reading on its own (`extract`, `diff`) uses every core;
- never from a daemonic process (multiprocessing forbids it children) nor where processes
  cannot be started.

How: on Linux the helpers are forked, so they inherit the open document (nothing is re-read
or copied); elsewhere they are spawned and re-open the very bytes pdfminer is reading (a
repaired or decrypted copy included). A helper ignores Ctrl-C (this process handles it and
stops the helpers) and, on Linux, dies with this process. A helper inherits this process's
memory cap, so a build worker's per-document cap holds in each of them.

Failures are those of sequential reading, in page order: a page that the PDF library cannot
interpret costs that page only (a defect of ours on a page stops the document, as one); the
first PipelineError in page order is raised. A helper that dies or
cannot start has its pages read here instead, so the result never depends on the helpers.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from pipeline.core.errors import PipelineError, TooLarge, raised_by_library
from pipeline.core.lifetime import die_with_parent
from pipeline.read.geometry.types import PageContent
from pipeline.read.pdf.objects import restore, speed_up
from pipeline.read.pdf.page import read_page
from pipeline.rules import Rules

log = logging.getLogger(__name__)

ENV = "PIPELINE_PAGE_JOBS"
PAGE_THRESHOLD = 40
MIN_PAGES_PER_JOB = 20

_granted: int | None = None  # processes a document may use, as granted by the caller (None: decide alone)


def allow(jobs: int | None) -> None:
    """Set how many processes one document may read its pages with (None: every core)."""
    global _granted
    _granted = None if jobs is None else max(1, int(jobs))


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _from_env() -> int | None:
    value = os.environ.get(ENV, "").strip()
    if not value or value.lower() == "auto":
        return None
    try:
        return max(1, int(value))
    except ValueError:
        log.warning("%s=%r is not a number of processes; deciding automatically", ENV, value)
        return None


def can_start_processes() -> bool:
    """False in a daemonic process (it may not have children) and where processes cannot start."""
    try:
        return not multiprocessing.current_process().daemon
    except Exception:  # an embedded interpreter without multiprocessing
        return False


def page_jobs(pages: int) -> int:
    """How many processes should read a PDF of `pages` pages (1: read them here, in order)."""
    if pages < PAGE_THRESHOLD:
        return 1
    wanted = _from_env()
    if wanted is None:
        wanted = _granted if _granted is not None else usable_cores()
    if wanted <= 1 or not can_start_processes():
        return 1
    return max(1, min(wanted, pages // MIN_PAGES_PER_JOB))


# ----------------------------------------------------------------------------- the page loop


def read_range(pdf: Any, indexes: Sequence[int], rules: Rules, name: str) -> tuple[list[PageContent], list[int]]:
    """Read the pages at `indexes` (0-based) in order: their contents, and the numbers of those unreadable.

    Each page's characters are turned into pdfplumber's dicts on the fast path (`pdf_objects`);
    once read, the page is closed and its decoded content released, so memory does not grow
    with the page count beyond what the pages hold (`release_contents`, `share_coordinates`).
    A page whose content the PDF library cannot interpret is replaced by an empty page (its
    number is returned); a PipelineError, running out of memory, or an exception raised in our
    own code (`raised_by_library`: a bug, never "damaged") stops the document.
    """
    pages: list[PageContent] = []
    unreadable: list[int] = []
    all_pages = pdf.pages
    for index in indexes:
        page = all_pages[index]
        number = index + 1
        try:
            speed_up(page)
            content = read_page(page, rules)
            share_coordinates(content)
            pages.append(content)
        except PipelineError:
            raise
        except MemoryError:
            raise TooLarge(f"page {number} needs more memory than allowed to read") from None
        except Exception as exc:  # one damaged page costs that page, not the document; a bug of ours, the document
            if not raised_by_library(exc):
                raise
            log.info("page %d of %s could not be read: %r", number, name, exc)
            unreadable.append(number)
            pages.append(PageContent(number=number, width=0.0, height=0.0))
        finally:
            page.close()
            restore(page)
            release_contents(page)
    return pages, unreadable


def release_contents(page: Any) -> None:
    """Let go of a page's decoded content streams once it is read.

    pdfminer keeps every object it has parsed, and a page keeps its content streams decoded:
    kept for every page, they would grow memory with the page count. Fonts and other shared
    resources stay cached. The page cannot be read again afterwards (each page is read once).
    """
    cache = getattr(getattr(page.pdf, "doc", None), "_cached_objs", None)
    page_obj = page.page_obj
    for stream in getattr(page_obj, "contents", None) or []:
        objid = getattr(stream, "objid", None)
        if isinstance(cache, dict) and objid is not None:
            cache.pop(objid, None)
    page_obj.contents = []


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
    pdf: Any,
    rules: Rules,
    name: str,
    jobs: int = 1,
    password: str | None = None,
    start_method: str | None = None,
) -> tuple[list[PageContent], list[int]]:
    """Every page of an open `pdfplumber.PDF`, read by `jobs` processes, in page order.

    `password` is needed only where helpers are spawned rather than forked (they re-open the
    file); `start_method` chooses how helpers start (default: fork on Linux, spawn elsewhere).
    """
    count = len(pdf.pages)
    shares = split(count, jobs)
    if len(shares) <= 1:
        return read_range(pdf, range(count), rules, name)
    method = start_method or ("fork" if sys.platform.startswith("linux") else "spawn")
    helpers = [_Helper.start(pdf, share, rules, name, password, method) for share in shares[1:]]
    try:
        pages, unreadable = read_range(pdf, shares[0], rules, name)
        for helper in helpers:
            more, lost = helper.result(pdf, rules, name)
            pages += more
            unreadable += lost
        return pages, unreadable
    finally:
        for helper in helpers:
            helper.stop()


def split(count: int, jobs: int) -> list[range]:
    """Contiguous shares of `count` pages for `jobs` processes, in page order, none empty."""
    jobs = max(1, min(jobs, count))
    size, extra = divmod(count, jobs)
    shares = []
    start = 0
    for n in range(jobs):
        end = start + size + (1 if n < extra else 0)
        shares.append(range(start, end))
        start = end
    return [s for s in shares if len(s)]


# ----------------------------------------------------------------------------- helper processes


class _Helper:
    """One helper process reading one share of the pages; `result` falls back on reading them here."""

    def __init__(self, share: range, process: Any, conn: Any) -> None:
        self.share = share
        self.process = process
        self.conn = conn

    @classmethod
    def start(cls, pdf: Any, share: range, rules: Rules, name: str, password: str | None, method: str) -> _Helper:
        receive = send = None
        try:
            context: Any = multiprocessing.get_context(method)
            receive, send = context.Pipe(duplex=False)
            if method == "fork":
                source: Any = pdf  # inherited as it is: nothing is pickled or re-read
            else:
                source = (_bytes_read(pdf), password)
            process = context.Process(
                target=_helper_main,
                args=(send, source, (share.start, share.stop), rules, name, os.getpid()),
                daemon=True,
            )
            process.start()
            send.close()
        except Exception as exc:  # no processes here (limits, sandbox): this share is read in this process
            for end in (receive, send):
                if end is not None:
                    with contextlib.suppress(OSError):
                        end.close()
            log.info("could not start a page reader for %s (%r); reading its pages here", name, exc)
            return cls(share, None, None)
        return cls(share, process, receive)

    def result(self, pdf: Any, rules: Rules, name: str) -> tuple[list[PageContent], list[int]]:
        """The helper's pages, or its error raised here; its pages read here if it failed."""
        message: Any = None
        if self.conn is not None:
            try:
                message = self.conn.recv()
            except MemoryError:
                share = f"{self.share.start + 1}-{self.share.stop}"
                raise TooLarge(f"pages {share} need more memory than allowed to read") from None
            except Exception as exc:  # it died (EOF), or what it sent cannot be read: read its pages here
                message = ("failed", repr(exc)[:200])
        if message is not None and message[0] == "pages":
            return message[1], message[2]
        if message is not None and message[0] == "error":
            raise message[1]
        how = message[1] if message is not None else "it stopped without an answer"
        log.info("a page reader for %s failed (%s); reading its pages here", name, how)
        return read_range(pdf, self.share, rules, name)

    def stop(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.close()
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            with contextlib.suppress(ValueError):
                self.process.close()


def _bytes_read(pdf: Any) -> bytes:
    """The bytes pdfminer is reading (qpdf's repaired or decrypted copy, when that is what it got)."""
    stream = pdf.stream
    if isinstance(stream, io.BytesIO):
        return stream.getvalue()
    position = stream.tell()
    try:
        stream.seek(0)
        return bytes(stream.read())
    finally:
        stream.seek(position)


def _helper_main(
    conn: Any, source: Any, bounds: tuple[int, int], rules: Rules, name: str, parent: int
) -> None:  # pragma: no cover - runs in the helper process (covered by the tests through its results)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent(parent)
    try:
        pdf = source if not isinstance(source, tuple) else _reopen(*source)
        pages, unreadable = read_range(pdf, range(*bounds), rules, name)
        message: tuple[Any, ...] = ("pages", pages, unreadable)
    except PipelineError as exc:
        message = ("error", exc)
    except MemoryError:
        message = ("error", TooLarge(f"page {bounds[0] + 1} onwards need more memory than allowed to read"))
    except BaseException as exc:  # reported to the parent, which reads these pages itself
        message = ("failed", repr(exc)[:200])
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("failed", "out of memory sending the pages"))
    finally:
        conn.close()


def _reopen(data: bytes, password: str | None) -> Any:
    import pdfplumber

    return pdfplumber.open(io.BytesIO(data), password=password or "")
