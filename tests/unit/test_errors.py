"""Whose fault a failure is: the file's (a library failed on it), the machine's, or ours."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from pipeline.core.errors import (
    DamagedFile,
    Failure,
    InternalError,
    MissingLibrary,
    blame,
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
    ("category", "remembered"), [("damaged", True), ("internal", False), ("missing-library", False)]
)
def test_only_the_file_s_own_failures_are_remembered(category: str, remembered: bool) -> None:
    failure = Failure(category, "r", "m")
    assert failure.remembered is remembered
    assert failure.with_details(__import__("pathlib").Path("out/.build.log")).line("a.pdf") == (
        "a.pdf: r — m (details in out/.build.log)"
    )
