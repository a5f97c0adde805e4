"""The pipeline's own error types: each carries a one-line message for people.

A reader or stage that meets bad input raises one of these; the CLI prints
`<file>: <reason> — <what to do>` and carries on with the next file. An exception that is not
one of these is sorted by `blame` where a stage is called: a library that failed on the file
(the input's fault: "damaged"), a library that is not installed ("missing-library": the
machine's fault), or a defect in the pipeline's own code ("internal": ours, with the traceback
kept for the maintainers). A bug of ours is never reported as a damaged file.
"""

from __future__ import annotations

import sys
import sysconfig
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

# Failures of the machine or of the pipeline, not of the file: tried again on the next build
# rather than remembered until the file changes.
RETRIED = frozenset({"internal", "missing-library"})


def failure_line(name: str, reason: str, remedy: str) -> str:
    """The one line a person sees for a file that failed: the file, the reason, what to do."""
    return f"{name}: {reason} — {remedy}"


@dataclass(frozen=True)
class Failure:
    """Why a file failed, as the build keeps it (manifest, index) and shows it."""

    category: str
    reason: str
    remedy: str

    def line(self, name: str) -> str:
        return failure_line(name, self.reason, self.remedy)

    def with_details(self, log: Path) -> Failure:
        """The failure pointing the officer to the file that holds its details (an internal error's traceback)."""
        return replace(self, remedy=f"{self.remedy} (details in {log})")

    @property
    def remembered(self) -> bool:
        """True for a failure of the file itself: not retried until the file, rules or code change."""
        return self.category not in RETRIED


class PipelineError(Exception):
    """Base class. `reason` says what is wrong, `remedy` what the officer can do about it."""

    category = "failed"
    remedy = "check the file opens in its usual program, then try again"

    def __init__(self, reason: str, remedy: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if remedy is not None:
            self.remedy = remedy

    def line(self, name: str) -> str:
        """The one line the user sees for this failure."""
        return failure_line(name, self.reason, self.remedy)

    def failure(self) -> Failure:
        return Failure(self.category, self.reason, self.remedy)


class UsageError(PipelineError):
    category = "usage"
    remedy = "see `python -m pipeline --help`"


class RulesError(PipelineError):
    """A rule file is wrong; names the file, the line and the problem."""

    category = "rules"
    remedy = "fix the rule file (see rules/README.md) and run again"


class EmptyFile(PipelineError):
    category = "empty"
    remedy = "the file has no content; ask the sender for the document again"


class UnsupportedType(PipelineError):
    category = "unsupported"
    remedy = "save it as PDF, Word (.docx), HTML or plain text and put that in inputs/"


class NotAPdf(PipelineError):
    category = "not-a-pdf"
    remedy = "the file is not really a PDF; ask for the original document"


class DamagedFile(PipelineError):
    category = "damaged"
    remedy = "open it in its usual program and save a new copy, or ask the sender for it again"


class EncryptedFile(PipelineError):
    category = "encrypted"
    remedy = "remove the password (or add it under passwords: in rules/documents.yaml) and run again"


class NoTextLayer(PipelineError):
    category = "no-text"
    remedy = "run OCR on it (or ask for the original Word or PDF) and try again"


class GarbledText(PipelineError):
    category = "garbled"
    remedy = "run OCR on it, or ask for the original Word document or a PDF saved from it"


class TooLarge(PipelineError):
    category = "too-large"
    remedy = "split the document, or raise the limit in rules/limits.yaml if it is genuine"


class TimedOut(PipelineError):
    category = "timed-out"
    remedy = "the file is too slow to read; split it, or raise the limit in rules/limits.yaml"


class NotRecognised(PipelineError):
    category = "not-recognised"
    remedy = "if it is a plan or guidance, name its kind under kinds: in rules/documents.yaml"


class InternalError(PipelineError):
    """A defect in the pipeline's own code. `detail` (the traceback) is for the maintainers:
    it goes to a log file, and the line the officer sees says where."""

    category = "internal"
    remedy = "please report this file to the pipeline's maintainers"

    def __init__(self, reason: str, detail: str = "", remedy: str | None = None) -> None:
        super().__init__(reason, remedy)
        self.detail = detail


class MissingLibrary(PipelineError):
    """A library the pipeline needs is not installed (or not the pinned version): the machine's fault."""

    category = "missing-library"
    remedy = "run `make` to install the pinned libraries, then run the pipeline with .venv/bin/python"


def internal_error(exc: BaseException, doing: str) -> InternalError:
    """One line for a bug of ours met while `doing` ("read", "extracted"), the traceback kept."""
    return InternalError(
        f"could not be {doing} because of an internal error in the pipeline", detail=traceback_text(exc)
    )


def traceback_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def blame(exc: Exception, damaged: PipelineError | None, doing: str) -> PipelineError:
    """The PipelineError an exception that escaped a stage stands for.

    A PipelineError stands for itself; a library that is not installed is `MissingLibrary`;
    an exception a library raised on the file (`raised_by_library`) is `damaged`, the stage's
    own word for a file its libraries could not read (None where no library reads the file);
    anything else is a bug of ours, met while the file was being `doing` ("read").
    """
    if isinstance(exc, PipelineError):
        return exc
    if isinstance(exc, ImportError) and (exc.name or "").partition(".")[0] != _PACKAGE.name:
        what = exc.name or str(exc)
        return MissingLibrary(f"a required library is missing or is not the pinned version ({what})")
    if damaged is not None and raised_by_library(exc):
        return damaged
    return internal_error(exc, doing)


_PACKAGE = Path(__file__).resolve().parent.parent  # the pipeline package
_SITE = tuple(
    {Path(path).resolve() for name in ("purelib", "platlib") if (path := sysconfig.get_path(name))}
    | {Path(p).resolve() for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
)
_STDLIB = tuple({Path(path).resolve() for name in ("stdlib", "platstdlib") if (path := sysconfig.get_path(name))})
# In the standard library these mean that it was called wrongly, by us, not that the file is bad.
_MISUSE = (TypeError, AttributeError, NameError)


def raised_by_library(exc: BaseException) -> bool:
    """True when a library raised `exc` on the file: its own exception type (a pdfminer syntax
    error, a zip or XML error), or an exception raised inside an installed library's code
    (pdfminer meeting a damaged object raises a plain KeyError or TypeError), or inside the
    standard library unless it says it was called wrongly. False when the innermost frame is
    ours (or a test's): a TypeError in our code is our bug, whatever file it was reading."""
    module = type(exc).__module__.split(".")[0]
    if module not in ("builtins", "__main__", _PACKAGE.name):
        return True
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return False
    where = frames[-1].filename
    if where.startswith("<frozen "):  # the import machinery
        return not isinstance(exc, _MISUSE)
    path = Path(where).resolve()
    if path.is_relative_to(_PACKAGE):
        return False
    if any(path.is_relative_to(folder) for folder in _SITE):
        return True
    return any(path.is_relative_to(folder) for folder in _STDLIB) and not isinstance(exc, _MISUSE)
