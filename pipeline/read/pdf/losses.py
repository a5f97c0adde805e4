"""Text a PDF page holds but did not give: every shortfall is an error finding naming the page.

A damaged PDF rarely fails outright. A flipped byte in a page's compressed content stream makes
the PDF libraries decompress what they can, log "Data-loss while decompressing" and carry on:
the page gives a few words, or none, and without a check here the document would be built as if
it were whole (a plan with a quarter of its actions missing). Three checks, each cheap:

1. what the libraries say while a page is read: their log records (pdfminer, playa, pdfplumber)
   and Python warnings are caught page by page, in the page's own process (`LibraryWarnings`),
   kept on the page (`PageContent.library_warnings`; `extract --debug` shows them in the
   layout), and those that mean text was lost (`_LOSSES`: a stream that could not be
   decompressed cleanly, text drawn with no font or with broken operands) become a finding.
   They no longer go to the terminal: the finding says it once, in words;
2. the "lost words" invariant: the text-showing operators in the page's content streams
   (`Tj`, `TJ`, `'`, `"`, counted in the decoded bytes by `text_operators`) against those the
   parser turned into characters; a page whose operators gave nothing, or only part of what
   they hold, is damaged (`PageContent.text_lost`);
3. a page that gave nothing at all (no words, no images) between pages full of text, or a last
   page with no content stream after a full one, which is what a page whose content was cut
   off from it looks like.

A scanned page (images, no text operators) is none of these: it keeps its own finding
(`assemble.check_text_layer`). A page that could not be read at all is reported by the reader.
"""

from __future__ import annotations

import logging
import re
import statistics
import warnings
from types import TracebackType

from pipeline.core.model import DOCUMENT, Note
from pipeline.read.geometry.types import PageContent

# The libraries whose remarks on a page are caught while it is read.
LIBRARIES = ("pdfminer", "playa", "pdfplumber")
KEEP = 20  # distinct remarks kept per page (a broken stream can repeat one thousands of times)
KEEP_CHARS = 300

# The remarks that mean text on the page was lost or may be wrong, and what that is in words.
_LOSSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"decompress|data.loss", re.IGNORECASE), "part of its content is corrupted and could not be decoded"),
    (re.compile(r"no font is set", re.IGNORECASE), "some of its text names no font and was skipped"),
    (
        re.compile(r"(?i:incorrect type of arguments|insufficient arguments).*operator:? /b['\"](?:Tj|TJ|'|\")['\"]"),
        "some of its text is written with broken instructions and was skipped",
    ),
    (
        re.compile(r"undefined font|invalid font dictionary|font mapping not a dict", re.IGNORECASE),
        "some of its text uses a font that is missing from the file, so it may read wrong",
    ),
    (re.compile(r"non-stream in contents", re.IGNORECASE), "part of its content is missing from the file"),
)

# A text-showing operator after its string or array operand: `(..) Tj`, `[..] TJ`, `<..> '`,
# `(..) "`. An empty operand (`() Tj`, `[] TJ`) shows nothing and is not counted.
_TEXT_OPERATOR = re.compile(rb"[)>\]]\s*(?:T[jJ]|['\"])")
_EMPTY_OPERAND = re.compile(rb"(?:\(\)|<>|\[\])\s*(?:T[jJ]|['\"])")

# A page next to which the others are "full": at least this many words, and at least this share
# of the document's usual page.
FULL_WORDS = 40
FULL_SHARE = 0.5

ADVICE = "the page is damaged; actions on it may be missing. Re-export the PDF from the original."
GAP = "gave 0 words although the pages beside it are full of text"
BARE_END = "has no content at all, although the page before it is full of text"


def text_operators(streams: list[bytes]) -> int:
    """How many text-showing operators with something to show the decoded content streams hold.

    A regular expression over the bytes, a few milliseconds for a long plan: the operators are
    not parsed, so a text string holding ")Tj" would be counted too (no real plan has shown one).
    """
    total = 0
    for data in streams:
        total += len(_TEXT_OPERATOR.findall(data))
        if b"()" in data or b"<>" in data or b"[]" in data:
            total -= len(_EMPTY_OPERAND.findall(data))
    return total


# ----------------------------------------------------------------------------- what the libraries say


class _Catcher(logging.Handler):
    """Keeps the messages of the records it is handed (the distinct first `KEEP` of them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) >= KEEP:
            return
        try:
            text = record.getMessage()
        except Exception:  # a library's record that cannot be formatted is still a remark
            text = str(record.msg)
        text = " ".join(text.split())[:KEEP_CHARS]
        if text not in self.messages:
            self.messages.append(text)


class LibraryWarnings:
    """While open, the PDF libraries' warnings are caught (not printed); `take()` hands over those
    heard since the last call, for the page just read.

        with LibraryWarnings() as heard:
            for page in pages:
                read(page)
                page.library_warnings = heard.take()

    Their loggers are set to pass warnings at least, whatever the program configured (levels,
    `logging.disable`), so that a quiet logging set-up cannot hide a damaged page; all is
    restored on leaving.
    """

    def __init__(self) -> None:
        self._catcher = _Catcher()
        self._saved: list[tuple[logging.Logger, bool, int]] = []
        self._warnings: warnings.catch_warnings[list[warnings.WarningMessage]] | None = None
        self._caught: list[warnings.WarningMessage] = []
        self._seen = 0
        self._disabled = logging.NOTSET

    def __enter__(self) -> LibraryWarnings:
        self._disabled = logging.root.manager.disable
        if self._disabled >= logging.WARNING:  # `logging.disable()`: lifted for warnings while reading
            logging.disable(logging.INFO)
        for name in LIBRARIES:
            logger = logging.getLogger(name)
            self._saved.append((logger, logger.propagate, logger.level))
            logger.addHandler(self._catcher)
            logger.propagate = False
            if logger.getEffectiveLevel() > logging.WARNING:
                logger.setLevel(logging.WARNING)
        self._warnings = warnings.catch_warnings(record=True)
        self._caught = self._warnings.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._warnings is not None:
            self._warnings.__exit__(kind, value, traceback)
        for logger, propagate, level in self._saved:
            logger.removeHandler(self._catcher)
            logger.propagate = propagate
            logger.setLevel(level)
        self._saved = []
        logging.disable(self._disabled)

    def take(self) -> list[str]:
        """The remarks heard since the last call (the page just read), oldest first."""
        heard = self._catcher.messages
        self._catcher.messages = []
        for caught in self._caught[self._seen :]:
            text = " ".join(str(caught.message).split())[:KEEP_CHARS]
            if text not in heard and len(heard) < KEEP:
                heard.append(text)
        self._seen = len(self._caught)
        return heard


def losses(remarks: list[str]) -> list[str]:
    """What the libraries' remarks on a page say was lost, in words (each reason once, in order)."""
    out: list[str] = []
    for remark in remarks:
        for pattern, reason in _LOSSES:
            if pattern.search(remark) and reason not in out:
                out.append(reason)
    return out


# ----------------------------------------------------------------------------- the findings


def lost_text_notes(pages: list[PageContent], unreadable: list[int]) -> list[Note]:
    """An error finding for each page that gave less text than it holds (`unreadable` pages have theirs)."""
    notes: list[Note] = []
    usual = _usual_words(pages)
    for index, page in enumerate(pages):
        if page.number in unreadable:
            continue
        what = _shortfall(page)
        if what:
            notes.append(Note("error", "lost-text", DOCUMENT, f"Page {page.number} {what}: {ADVICE}"))
        elif gap := _gap(pages, index, usual):
            message = f"Page {page.number} {gap}: unless it is meant to be blank, {ADVICE}"
            notes.append(Note("error", "lost-text", DOCUMENT, message))
    return notes


def damaged_pages(pages: list[PageContent]) -> list[int]:
    """The pages that lost text by the page's own evidence (its content or what the libraries said)."""
    return [page.number for page in pages if _shortfall(page)]


def _shortfall(page: PageContent) -> str:
    """What page `page` lost, by its own evidence, in words ("" when nothing)."""
    words = len(page.words)
    said = losses(page.library_warnings)
    if page.text_lost and not words:
        return "gave 0 words although its content holds text" + (f" ({said[0]})" if said else "")
    if said:
        return f"gave {_count(words, 'word')}{' because' if not words else ', but'} {'; '.join(said)}"
    if page.text_lost:
        return (
            f"gave {_count(words, 'word')}, but {page.text_lost} of the {page.text_ops} pieces of text "
            "in its content could not be read"
        )
    return ""


def _gap(pages: list[PageContent], index: int, usual: float) -> str:
    """What is odd about a page with nothing on it among pages full of text ("" when nothing).

    A last page is named only when it has no content stream at all: Word often ends a document
    with an empty page (the paragraph it keeps after a final table), but writes its content
    stream, empty; a page cut off from its content has none.
    """
    page = pages[index]
    if page.words or page.images or page.garbled or len(pages) < 2:
        return ""
    if index == len(pages) - 1:
        return BARE_END if not page.streams and _full(pages[index - 1], usual) else ""
    beside = [pages[i] for i in (index - 1, index + 1) if 0 <= i < len(pages)]
    return GAP if all(_full(other, usual) for other in beside) else ""


def _full(page: PageContent, usual: float) -> bool:
    return len(page.words) >= max(FULL_WORDS, FULL_SHARE * usual)


def _usual_words(pages: list[PageContent]) -> float:
    """The median number of words on the pages that have any."""
    counts = [len(page.words) for page in pages if page.words]
    return float(statistics.median(counts)) if counts else 0.0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
