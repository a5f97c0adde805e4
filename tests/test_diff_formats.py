"""The same revision in another format or layout is the same plan: the diff reports no change.

Revision 1 is compared with every committed rendering of the seed plan (`plan-*`: Word, and
PDFs from Word, reportlab and a browser); revision 2 with its Word, LibreOffice-PDF, borderless
and row-reordered renderings (`revision-2 *`), and the Word file with the PDF made from it. And
a change between revisions reads the same whichever format the new revision came in.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from pipeline.core.model import Document
from pipeline.diff.compare import compare
from pipeline.diff.render_json import render_json
from pipeline.process import process
from pipeline.rules import load_rules
from tests.helpers import FIXTURES, ROOT

REV1 = ROOT / "inputs" / "self-harm-action-plan.txt"
REV2 = ROOT / "inputs" / "self-harm-action-plan 2020-06 revision 2.txt"
SEED_RENDERINGS = sorted(p.name for p in FIXTURES.glob("plan-*") if p.suffix in (".pdf", ".docx"))
REV2_RENDERINGS = [
    "revision-2 2020-06.docx",
    "revision-2 2020-06 word.pdf",
    "revision-2 2020-06 borderless.pdf",
    "revision-2 reordered.pdf",
]


@cache
def read(path: Path) -> Document:
    return process(path, load_rules())


def _no_change(old: Path, new: Path, rules) -> None:  # type: ignore[no-untyped-def]
    changes = compare(read(old), read(new), rules)
    assert changes.is_empty(), render_json(changes)
    assert changes.unchanged == len(read(old).actions) == len(read(new).actions)


def test_the_seed_renderings_are_all_here() -> None:
    assert {"plan-word.docx", "plan-word.pdf", "plan-borderless.pdf", "plan-browser.pdf"} <= set(SEED_RENDERINGS)


@pytest.mark.parametrize("name", SEED_RENDERINGS)
def test_revision_1_in_another_format_is_no_change(name: str, rules) -> None:
    _no_change(REV1, FIXTURES / name, rules)


@pytest.mark.parametrize("name", REV2_RENDERINGS)
def test_revision_2_in_another_format_is_no_change(name: str, rules) -> None:
    _no_change(REV2, FIXTURES / name, rules)


def test_word_against_the_pdf_made_from_it_is_no_change(rules) -> None:
    _no_change(FIXTURES / "revision-2 2020-06.docx", FIXTURES / "revision-2 2020-06 word.pdf", rules)
    assert read(FIXTURES / "revision-2 2020-06.docx").source.format == "docx"
    assert read(FIXTURES / "revision-2 2020-06 word.pdf").source.format == "pdf"


def test_rows_in_another_order_are_no_change(rules) -> None:
    reordered = [a.id for a in read(FIXTURES / "revision-2 reordered.pdf").actions]
    assert reordered[:3] == ["1.1.2", "1.1.1", "1.2.3"]  # the table really is in another order
    _no_change(REV2, FIXTURES / "revision-2 reordered.pdf", rules)


@pytest.mark.parametrize("name", ["revision-2 2020-06.docx", "revision-2 2020-06 borderless.pdf"])
def test_the_changes_read_the_same_whatever_the_format(name: str, rules) -> None:
    def body(new: Path) -> dict[str, object]:
        data = json.loads(render_json(compare(read(REV1), read(new), rules)))
        data.pop("new")
        return data

    assert body(FIXTURES / name) == body(REV2)
