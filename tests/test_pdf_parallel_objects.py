"""The fast path for characters gives pdfplumber's own objects, key for key, on every fixture PDF.

If a pdfplumber upgrade changes what `Page.process_object` returns, these fail (and the fast
path switches itself off for any version other than the one it was checked against).
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pdfminer.pdftypes import PDFObjRef, PDFStream

from pipeline.read.pdf import objects as pdf_objects
from tests.fixtures.plan_fixtures import Page, Text, draw_pdf
from tests.helpers import FIXTURES

PDFS = sorted(FIXTURES.glob("*.pdf"))


def plain(value: object) -> object:
    """A value comparable across two openings of a file: pdfminer's streams and references by object number."""
    if isinstance(value, PDFStream):
        return ("stream", value.objid, plain(value.attrs))
    if isinstance(value, PDFObjRef):
        return ("ref", value.objid)
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def both(data: bytes) -> list[tuple[object, object]]:
    """Each page's objects as (kind, [items of each object, in order]): pdfplumber's, then the fast path's."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as reference, pdfplumber.open(io.BytesIO(data)) as fast:
        for ours, theirs in zip(fast.pages, reference.pages, strict=True):
            pdf_objects.speed_up(ours)
            assert isinstance(ours.__dict__.get("process_object"), pdf_objects.FastProcess)
            got = [(kind, [plain(list(o.items())) for o in objs]) for kind, objs in ours.objects.items()]
            want = [(kind, [plain(list(o.items())) for o in objs]) for kind, objs in theirs.objects.items()]
            out.append((got, want))
    return out


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_fast_objects_equal_pdfplumbers_own(path: Path) -> None:
    for got, want in both(path.read_bytes()):
        assert got == want


def test_a_page_whose_mediabox_does_not_start_at_the_origin() -> None:
    """pdfplumber shifts coordinates by the MediaBox origin; so must the fast path."""
    data = draw_pdf([Page(texts=[Text(72, 100, "Shifted page, bold words", bold=True), Text(72, 130, "and plain")])])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.pages[0].MediaBox = pikepdf.Array([15, 25, 610, 867])
        buffer = io.BytesIO()
        pdf.save(buffer)
    pages = both(buffer.getvalue())
    assert pages[0][1], "the page has objects"
    for got, want in pages:
        assert got == want


def test_only_the_checked_pdfplumber_version_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pdfplumber.__version__ == pdf_objects.VERIFIED  # the pinned version is the checked one
    data = (FIXTURES / "plan-word.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        monkeypatch.setattr(pdf_objects, "VERIFIED", "0.0.0")
        pdf_objects.speed_up(page)
        assert "process_object" not in page.__dict__
    with pdfplumber.open(io.BytesIO(data), unicode_norm="NFC") as pdf:
        monkeypatch.setattr(pdf_objects, "VERIFIED", pdfplumber.__version__)
        assert not pdf_objects.applies(pdf.pages[0])  # text normalised by pdfplumber: its own path


def test_restore_gives_pdfplumbers_own_step_back() -> None:
    data = (FIXTURES / "plan-word.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        pdf_objects.speed_up(page)
        pdf_objects.restore(page)
        assert "process_object" not in page.__dict__
        assert page.chars
