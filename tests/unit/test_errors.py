"""Whose fault a failure is: the file's (a library failed on it), the machine's, or ours."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import zipfile

import pytest

from pipeline.core.errors import (
    DamagedFile,
    Failure,
    InternalError,
    MachineError,
    MissingLibrary,
    blame,
    machine_trouble,
    raised_by_library,
)


def caught(action: object) -> Exception:
    try:
        action()  # type: ignore[operator]
    except Exception as exc:
        return exc
    raise AssertionError("nothing was raised")


def test_a_library_s_own_error_is_the_file_s_fault() -> None:
    assert raised_by_library(caught(lambda: zipfile.ZipFile(io.BytesIO(b"PK\x03\x04 not a zip"))))
    assert raised_by_library(caught(lambda: json.loads("{")))


def test_a_plain_error_raised_inside_a_library_is_the_file_s_fault() -> None:
    """pdfminer meeting a damaged object raises a plain ValueError or KeyError from its own code."""
    from pdfminer.utils import apply_matrix_pt

    exc = caught(lambda: apply_matrix_pt((1, 2, 3), (1, 2)))  # type: ignore[arg-type]
    assert type(exc) is ValueError and raised_by_library(exc)


def test_an_error_raised_in_our_code_is_ours() -> None:
    def ours() -> None:
        None + 1  # type: ignore[operator]  # noqa: B018

    assert not raised_by_library(caught(ours))
    assert not raised_by_library(caught(lambda: {}["missing"]))


def test_the_standard_library_called_wrongly_is_ours() -> None:
    assert not raised_by_library(caught(lambda: re.match(None, "text")))  # type: ignore[call-overload]


def test_blame_names_the_fault_and_keeps_the_traceback_of_a_bug() -> None:
    damaged = DamagedFile("damaged or unreadable file")
    assert blame(caught(lambda: json.loads("{")), damaged, "read") is damaged
    bug = blame(caught(lambda: {}["missing"]), damaged, "read")
    assert isinstance(bug, InternalError) and bug.reason.startswith("could not be read because of an internal")
    assert "KeyError: 'missing'" in bug.detail
    missing = ModuleNotFoundError("No module named 'pdfplumber'", name="pdfplumber")
    assert isinstance(blame(missing, damaged, "read"), MissingLibrary)
    ours = ModuleNotFoundError("No module named 'pipeline.read.nothing'", name="pipeline.read.nothing")
    assert isinstance(blame(ours, damaged, "read"), InternalError)


@pytest.mark.parametrize(
    ("category", "remembered"), [("damaged", True), ("internal", False), ("missing-library", False), ("machine", False)]
)
def test_only_the_file_s_own_failures_are_remembered(category: str, remembered: bool) -> None:
    failure = Failure(category, "r", "m")
    assert failure.remembered is remembered
    assert failure.with_details(__import__("pathlib").Path("out/.build.log")).line("a.pdf") == (
        "a.pdf: r — m (details in out/.build.log)"
    )


def _raise(exc: BaseException) -> None:
    raise exc


@pytest.mark.parametrize(
    ("number", "what"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EFBIG, "a file grew past the size this system allows (ulimit -f)"),
        (errno.ENOMEM, "the machine ran out of memory"),
    ],
)
def test_the_machine_s_trouble_is_the_machine_s_fault(number: int, what: str) -> None:
    """A full disk met while writing a document's outputs is neither the file's fault nor a bug of
    ours, wherever it was raised: it is said for what it is, and tried again next time."""
    damaged = DamagedFile("damaged or unreadable file")
    error = blame(OSError(number, os.strerror(number)), damaged, "processed")
    assert isinstance(error, MachineError) and not error.failure().remembered
    assert error.reason == f"could not be processed: {what} (not a fault of the document)"
    assert "run `make` again" in error.remedy


def test_a_library_s_error_caused_by_a_full_disk_is_the_machine_s() -> None:
    def writer_closing() -> None:
        try:
            _raise(OSError(errno.ENOSPC, "No space left on device"))
        except OSError:
            _raise(ValueError("I/O operation on closed file"))

    assert isinstance(blame(caught(writer_closing), None, "written"), MachineError)
    assert machine_trouble(__import__("lxml.etree").etree.SerialisationError("IO_EFBIG")) is not None
    assert machine_trouble(OSError(errno.EACCES, "Permission denied")) is None  # the file's, or the folder's
    assert machine_trouble(ValueError("IO_EXTRA")) is None
