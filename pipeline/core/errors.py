"""The pipeline's own error types: each carries a one-line message for people.

A reader or stage that meets bad input raises one of these; the CLI prints
`<file>: <reason> — <what to do>` and carries on with the next file. An exception that is not
one of these is sorted by `blame` where a stage is called: a library that failed on the file
(the input's fault: "damaged"), the machine the build runs on (`MachineError`: a full disk, a
file size limit, memory the system would not give, a process stopped from outside; and
"missing-library"), or a defect in the pipeline's own code ("internal": ours, with the
traceback kept for the maintainers). A bug of ours is never reported as a damaged file, and a
full disk never as a bug or a bad file.

Only the input's failures are remembered (until the file, the rules or the code change); the
machine's and ours are tried again on the next build, because they say nothing about the file.
"""

from __future__ import annotations

import errno
import re
import sys
import sysconfig
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

# Failures of the machine or of the pipeline, not of the file: tried again on the next build
# rather than remembered until the file changes.
MACHINE = "machine"
RETRIED = frozenset({"internal", "missing-library", MACHINE})


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

    def with_details(self, log: Path | None) -> Failure:
        """The failure pointing the officer to the file that holds its details (an internal
        error's traceback); unchanged when the details could not be written there (None)."""
        return replace(self, remedy=f"{self.remedy} (details in {log})") if log is not None else self

    @property
    def remembered(self) -> bool:
        """True for a failure of the file itself: not retried until the file, rules or code change."""
        return self.category not in RETRIED

    @property
    def machine(self) -> bool:
        """True for a failure of the machine (disk, memory, a stop from outside), not of the file."""
        return self.category == MACHINE


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


class MachineError(PipelineError):
    """The machine the pipeline runs on failed it, not the file: a full disk, a file size limit,
    memory the system would not give, a process stopped from outside. Never remembered: the
    file is tried again on the next build, once the officer has done what `remedy` says."""

    category = MACHINE
    remedy = "run `make` again"


# What each system error that is the machine's says, and what to do about it.
_MACHINE_ERRNOS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "free some space on the disk and run `make` again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space (or ask for a larger quota) and run `make` again"),
    errno.EFBIG: (
        "a file grew past the size this system allows (ulimit -f)",
        "raise the file size limit or free some space, then run `make` again",
    ),
    errno.ENOMEM: ("the machine ran out of memory", "close other programs and run `make` again"),
    errno.EMFILE: ("too many files are open on the machine", "close other programs and run `make` again"),
    errno.ENFILE: ("too many files are open on the machine", "close other programs and run `make` again"),
    errno.EIO: ("the disk reported an input/output error", "check the disk, then run `make` again"),
    errno.EROFS: ("the disk is read-only", "check the disk can be written, then run `make` again"),
}


def machine_error(exc: BaseException, doing: str = "processed") -> MachineError | None:
    """The `MachineError` an exception stands for when the machine caused it (an OSError whose
    errno is the disk's, the memory's or the system's, anywhere in its chain of causes), else None.

    A library that met a full disk often raises its own error from the OSError (zipfile, a
    writer's close): the cause decides, not the type on top.
    """
    trouble = machine_trouble(exc)
    if trouble is None:
        return None
    what, remedy = trouble
    return MachineError(f"could not be {doing}: {what} (not a fault of the document)", remedy)


def machine_trouble(exc: BaseException) -> tuple[str, str] | None:
    """(what is wrong with the machine, what to do) when `exc` or one of its causes is the
    machine's ("the disk is full", "free some space ..."), else None."""
    for current in causes(exc):
        if isinstance(current, OSError) and current.errno in _MACHINE_ERRNOS:
            return _MACHINE_ERRNOS[current.errno]
        named = _LIBXML_IO.fullmatch(str(current)) if not isinstance(current, OSError) else None
        if named and getattr(errno, named.group(1), None) in _MACHINE_ERRNOS:  # lxml writing a workbook
            return _MACHINE_ERRNOS[getattr(errno, named.group(1))]
    return None


def causes(exc: BaseException) -> Iterator[BaseException]:
    """`exc`, then what it was raised from or during, and so on (each once)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


# libxml2 (lxml, which writes the workbooks' XML) names a failed write by its errno: "IO_ENOSPC".
_LIBXML_IO = re.compile(r"IO_(E[A-Z]+)")


def stopped_from_outside(how: str) -> MachineError:
    """A process killed by a signal it did not send itself (`how`: "SIGKILL", "SIGTERM")."""
    if how == "SIGKILL":
        return MachineError(
            "could not be processed: its reader was killed from outside (SIGKILL), most likely by the system "
            "when the machine ran short of memory (not a fault of the document)",
            "close other programs and run `make` again",
        )
    return MachineError(
        f"could not be processed: its reader was stopped from outside ({how}) (not a fault of the document)",
        "run `make` again",
    )


def internal_error(exc: BaseException, doing: str) -> InternalError:
    """One line for a bug of ours met while `doing` ("read", "extracted"), the traceback kept."""
    return InternalError(
        f"could not be {doing} because of an internal error in the pipeline", detail=traceback_text(exc)
    )


def traceback_text(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def blame(exc: Exception, damaged: PipelineError | None, doing: str) -> PipelineError:
    """The PipelineError an exception that escaped a stage stands for.

    A PipelineError stands for itself; the machine's trouble (a full disk, `machine_error`) is
    a `MachineError`; a library that is not installed is `MissingLibrary`; an exception a
    library raised on the file (`raised_by_library`) is `damaged`, the stage's own word for a
    file its libraries could not read (None where no library reads the file); anything else is
    a bug of ours, met while the file was being `doing` ("read").
    """
    if isinstance(exc, PipelineError):
        return exc
    machine = machine_error(exc, doing)
    if machine is not None:
        return machine
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
