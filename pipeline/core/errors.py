"""The pipeline's own error types: each carries a one-line message for people.

A reader or stage that meets bad input raises one of these; the CLI prints
`<file>: <reason> — <what to do>` and carries on with the next file. Raw library exceptions
are caught at the reader boundary and turned into one of these, so they never reach a user.
"""

from __future__ import annotations


def failure_line(name: str, reason: str, remedy: str) -> str:
    """The one line a person sees for a file that failed: the file, the reason, what to do."""
    return f"{name}: {reason} — {remedy}"


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
