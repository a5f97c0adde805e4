"""A damaged PDF page never loses its text silently: every shortfall is an error finding naming it.

The damage is made here, in tmp_path, from a committed fixture plan: one byte of a page's
compressed content stream flipped, so that zlib fails part way and the PDF libraries decode
what they can, warn, and carry on. Before these checks such a plan was built with a quarter of
its actions missing, exit 0, and the libraries' warnings on stderr only.
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
import warnings
from pathlib import Path

import pikepdf
import pytest

from pipeline.cli import main
from pipeline.core import processes
from pipeline.core.errors import DamagedFile
from pipeline.core.model import Document
from pipeline.process import process
from pipeline.read.geometry.assemble import check_text_layer
from pipeline.read.geometry.types import PageContent
from pipeline.read.pdf import losses, pages
from pipeline.read.pdf import parallel as pdf_parallel
from pipeline.read.pdf.losses import LibraryWarnings, lost_text_notes, text_operators
from pipeline.read.pdf.page import take_words
from pipeline.read.pdf.words import RawWord
from pipeline.rules import Rules
from tests.helpers import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "bench"))

import mutants

PLAN = FIXTURES / "plan-word.pdf"
DECODING = "is corrupted and could not be decoded"


def damaged(data: bytes, page: int, where: float = 0.3) -> bytes:
    """The PDF with one byte of page `page`'s compressed content stream flipped, `where` of the way in."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        contents = pdf.pages[page - 1].obj.Contents
        assert str(contents.get("/Filter")) == "/FlateDecode"
        number, generation = contents.objgen
        raw = contents.read_raw_bytes()
    start = data.index(raw, data.index(b"%d %d obj" % (number, generation)))
    out = bytearray(data)
    out[start + int(len(raw) * where)] ^= 0xFF
    return bytes(out)


def lost_text(doc: Document) -> list[str]:
    return [f.message for f in doc.findings if f.code == "lost-text" and f.severity == "error"]


@pytest.fixture(scope="module")
def whole(rules: Rules) -> Document:
    return process(PLAN, rules)


# ----------------------------------------------------------------------------- a damaged page, end to end


def test_a_damaged_content_stream_is_an_error_finding_naming_the_page(
    tmp_path: Path, whole: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(damaged(PLAN.read_bytes(), page=1))
    assert main(["extract", str(path), "-o", str(tmp_path / "out")]) == 0
    doc = json.loads((tmp_path / "out" / "plan.json").read_text(encoding="utf-8"))
    assert len(doc["actions"]) < len(whole.actions)  # the damage costs actions: this is the loss to report
    errors = [f for f in doc["findings"] if f["code"] == "lost-text"]
    assert [f["severity"] for f in errors] == ["error"]
    assert errors[0]["message"].startswith("Page 1 gave 0 words ")
    assert DECODING in errors[0]["message"] and "Re-export the PDF from the original" in errors[0]["message"]
    out, err = capsys.readouterr()
    assert "decompress" not in out + err  # said once, in the finding, not as library noise


def test_without_the_capture_the_decoding_loss_goes_unreported(
    rules: Rules, whole: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The finding comes from the libraries' warnings: with the capture removed it is not there."""
    data = damaged(PLAN.read_bytes(), page=1)
    assert any(DECODING in m for m in lost_text(process(Path("plan.pdf"), rules, data)))
    monkeypatch.setattr(LibraryWarnings, "take", lambda self: [])
    doc = process(Path("plan.pdf"), rules, data)
    assert not any(DECODING in m for m in lost_text(doc))
    assert len(doc.actions) < len(whole.actions)


def test_pdfminer_reading_a_damaged_page_reports_it_too(rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfminer (the fallback parser) decodes a stream zlib rejects as nothing, without a word."""
    monkeypatch.setattr(pages, "open_fast", lambda pdf, password: (None, "it is switched off here"))
    doc = process(Path("plan.pdf"), rules, damaged(PLAN.read_bytes(), page=2, where=0.02))
    found = lost_text(doc)
    assert len(found) == 1 and found[0].startswith("Page 2 gave 0 words") and DECODING in found[0], found


def test_pages_read_in_other_processes_carry_their_warnings(rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each helper process catches its pages' warnings and sends them back with the page."""
    if not processes.can_start_processes():
        pytest.skip("no processes can be started here")
    data = damaged(damaged(PLAN.read_bytes(), page=2), page=4)
    sequential = lost_text(process(Path("plan.pdf"), rules, data))
    original = pdf_parallel.read_range

    def read_range(*args, **kwargs):  # type: ignore[no-untyped-def]
        contents, unreadable = original(*args, **kwargs)
        for content in contents:
            content.library_warnings.append(f"read by process {os.getpid()}")
        return contents, unreadable

    monkeypatch.setattr(pdf_parallel, "read_range", read_range)
    monkeypatch.setattr(pdf_parallel, "PAGE_THRESHOLD", 1)
    monkeypatch.setattr(pdf_parallel, "MIN_PAGES_PER_JOB", 1)
    monkeypatch.setenv(processes.ENV, "5")
    from pipeline.process import read_layout

    layout = read_layout(Path("plan.pdf"), rules, data)
    notes = [n.message for n in layout.notes if n.code == "lost-text"]
    assert notes == sequential and [m[:7] for m in notes] == ["Page 2 ", "Page 4 "]
    # the pages came back from more than this process, with what was said reading them
    readers = {int(w.rsplit(" ", 1)[1]) for w in layout.library_warnings if "read by process" in w}
    assert len(readers) > 1, readers
    assert any(w.startswith("page 4: ") and "decompress" in w for w in layout.library_warnings)


# ----------------------------------------------------------------------------- a sweep of damaged copies


def test_byte_flips_over_a_plan_lose_nothing_silently(rules: Rules, whole: Document) -> None:
    """A dozen damaged copies (`make`-free: `bench/mutants.py` sweeps every fixture plan, 100 each)."""
    result = mutants.sweep(PLAN, rules, seed=19, count=12, whole=whole)
    print(f"{result.count} mutants, {len(result.silent)} lost silently")
    assert result.count == 12 and not result.silent, result.silent
    assert result.failed + result.reported > 0  # the copies are damaged enough to matter


# ----------------------------------------------------------------------------- the checks, one by one


def test_text_operators_are_counted_with_what_they_show() -> None:
    stream = b"BT /F1 12 Tf () Tj [] TJ (a) Tj [(b) -30 (c)] TJ <0041> ' 1 2 (y) \" (Tjeerd)Tj ET"
    assert text_operators([stream]) == 5  # the empty operands show nothing; "Tjeerd" is text
    assert text_operators([b"q 1 0 0 1 0 0 cm /Im1 Do Q"]) == 0  # a scanned page's image


def _page(
    number: int, words: int, *, images: int = 0, streams: int = 1, text_ops: int = 0, text_lost: int = 0
) -> PageContent:
    content = PageContent(number=number, width=595, height=842, images=images, streams=streams, text_ops=text_ops)
    content.text_lost = text_lost
    raw = [RawWord(f"w{i}", 10.0 * i, 10.0 * i + 8, 100.0, 110.0, 10, "F") for i in range(words)]
    content.words = take_words(raw, number, content)
    return content


def _lost(pages: list[PageContent]) -> list[str]:
    return [f"{n.severity}: {n.message}" for n in lost_text_notes(pages, [])]


def test_a_page_whose_text_operators_gave_nothing_is_damaged() -> None:
    found = _lost([_page(1, 200), _page(2, 0, text_ops=40, text_lost=40), _page(3, 200)])
    assert found == [
        "error: Page 2 gave 0 words although its content holds text: the page is damaged; actions on it "
        "may be missing. Re-export the PDF from the original."
    ]


def test_a_page_that_gave_part_of_its_text_is_damaged() -> None:
    found = _lost([_page(1, 120, text_ops=40, text_lost=9)])
    assert found == [
        "error: Page 1 gave 120 words, but 9 of the 40 pieces of text in its content could not be read: "
        "the page is damaged; actions on it may be missing. Re-export the PDF from the original."
    ]


def test_a_library_data_loss_warning_names_the_page() -> None:
    page = _page(2, 80, text_ops=30)
    page.library_warnings = ["Data-loss while decompressing corrupted data"]
    found = _lost([_page(1, 200), page])
    assert len(found) == 1 and found[0].startswith("error: Page 2 gave 80 words, but part of its content")
    page.library_warnings = ["Undefined ColorSpace: /b'CS9'"]  # said, but nothing lost by it
    assert _lost([_page(1, 200), page]) == []


@pytest.mark.parametrize(
    ("said", "reason"),
    [
        ("Error -3 while decompressing data: invalid distance too far back: <ContentStream(2)>", "corrupted"),
        ("Data loss in decompress_corrupted: Error -3 while decompressing data: bytes 0:3339", "corrupted"),
        ("No font is set, will not update text state or output text: [b'x'] TJ", "names no font"),
        ("Incorrect type of arguments([None]) for operator /b'TJ': List required: None", "broken instructions"),
        ("Undefined Font id: /b'F9'", "font that is missing"),
        ("Incorrect type of arguments([720.1]) for operator /b'j': Integer required: 720.1", None),
        ("Invalid StructParents: 3 (KeyError)", None),
    ],
)
def test_which_library_warnings_mean_lost_text(said: str, reason: str | None) -> None:
    found = losses.losses([said])
    assert (found == []) if reason is None else (len(found) == 1 and reason in found[0])


def test_a_blank_page_between_full_ones_is_named_but_an_empty_last_page_is_not() -> None:
    middle = _lost([_page(1, 300), _page(2, 0), _page(3, 280)])
    assert len(middle) == 1 and middle[0].startswith(
        "error: Page 2 gave 0 words although the pages beside it are full of text: unless it is meant to be blank"
    )
    assert _lost([_page(1, 300), _page(2, 280), _page(3, 0)]) == []  # Word's empty last page
    assert _lost([_page(1, 12), _page(2, 0), _page(3, 9)]) == []  # a sparse document: nothing to go on
    bare = _lost([_page(1, 300), _page(2, 280), _page(3, 0, streams=0)])  # cut off from its content
    assert len(bare) == 1 and bare[0].startswith(
        "error: Page 3 has no content at all, although the page before it is full of text"
    )


def test_a_scanned_page_keeps_its_own_finding(rules: Rules) -> None:
    """Images and no text operators: scanned, as before. Images and text operators: damaged."""
    scanned = [_page(1, 200), _page(2, 0, images=1), _page(3, 200)]
    assert [n.code for n in check_text_layer(scanned, rules)] == ["no-text-layer"]
    assert _lost(scanned) == []
    broken = [_page(1, 200), _page(2, 0, images=1, text_ops=12, text_lost=12), _page(3, 200)]
    assert check_text_layer(broken, rules) == []
    assert len(_lost(broken)) == 1


def test_a_last_page_cut_off_from_its_content_is_named(rules: Rules, whole: Document) -> None:
    """A flipped byte in the last page's /Contents key leaves it with nothing at all."""
    from pipeline.process import read_layout

    with pikepdf.open(PLAN) as pdf:
        number = pdf.pages[-1].obj.Contents.objgen[0]
    data = PLAN.read_bytes().replace(b"/Contents %d 0 R" % number, b"/Contentz %d 0 R" % number)
    assert data != PLAN.read_bytes()
    notes = [n.message for n in read_layout(Path("plan.pdf"), rules, data).notes if n.severity == "error"]
    assert len(notes) == 1 and notes[0].startswith(f"Page {len(whole.extraction)} has no content at all")


def test_a_page_left_out_of_a_repaired_page_tree_is_an_error(rules: Rules) -> None:
    """qpdf repairs a page tree whose second page object is broken by leaving the page out."""
    from reportlab.pdfgen import canvas

    from pipeline.process import read_layout

    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    for text in ("Alpha outcome", "Beta outcome", "Gamma outcome"):
        drawing.setFont("Helvetica", 12)
        drawing.drawString(72, 770, text)
        drawing.showPage()
    drawing.save()
    data = out.getvalue()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        start = data.index(b"%d 0 obj" % pdf.pages[1].obj.objgen[0])
    broken = data[:start] + data[start:].replace(b"<<", b"(<", 1)  # its dictionary no longer opens
    layout = read_layout(Path("plan.pdf"), rules, broken)
    assert [b.text for b in layout.blocks] == ["Alpha outcome", "Gamma outcome"]
    errors = [(n.code, n.message) for n in layout.notes if n.severity == "error"]
    assert errors == [
        (
            "pages-missing",
            "1 page(s) of the PDF are damaged beyond reading and were left out, with anything on them "
            "— re-export the PDF from the original",
        )
    ]


def test_a_pdf_whose_only_text_is_lost_is_refused_as_damaged(rules: Rules) -> None:
    from pipeline.read.pdf.reader import read

    with pikepdf.open(PLAN) as pdf:
        del pdf.pages[1:]
        out = io.BytesIO()
        pdf.save(out)
    with pytest.raises(DamagedFile, match="damaged PDF: the text of page"):
        read(Path("plan.pdf"), damaged(out.getvalue(), page=1), rules)


def test_pages_carry_what_was_said_across_processes() -> None:
    import pickle

    page = _page(3, 2, streams=2, text_ops=7, text_lost=2)
    page.library_warnings = ["Data-loss while decompressing corrupted data"]
    back = pickle.loads(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
    assert (back.streams, back.text_ops, back.text_lost, back.library_warnings) == (2, 7, 2, page.library_warnings)


def test_the_capture_hears_warnings_however_logging_is_set_and_puts_it_back() -> None:
    logger = logging.getLogger("playa.pdftypes")
    parent = logging.getLogger("playa")
    before = (parent.propagate, parent.level, logging.root.manager.disable)
    logging.disable(logging.CRITICAL)  # a program that silenced logging
    try:
        with LibraryWarnings() as heard:
            logger.warning("Data loss in decompress_corrupted: %s", "page one")
            first = heard.take()
            warnings.warn("a library's own warning", UserWarning, stacklevel=1)
            logger.info("not a warning")
            second = heard.take()
        assert first == ["Data loss in decompress_corrupted: page one"]
        assert second == ["a library's own warning"]
        assert logging.root.manager.disable == logging.CRITICAL
    finally:
        logging.disable(logging.NOTSET)
    assert (parent.propagate, parent.level, logging.root.manager.disable) == before
