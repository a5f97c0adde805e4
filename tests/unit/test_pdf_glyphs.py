"""The fast parser (playa) measures every page exactly as pdfminer does, and pdfminer takes over where it cannot.

The reader's geometry was tuned on pdfminer's measurements; the fast path must give the very same
words (text, box to the last bit, size, font), lines, rectangles and curves on every fixture PDF,
or a tie at a tolerance could fall the other way.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils.text import WordExtractor

from pipeline.core.model import to_json
from pipeline.process import process
from pipeline.read.pdf import glyphs, pages
from pipeline.read.pdf.pages import FALLBACK, Pages, frame_of, parse_with_pdfminer
from pipeline.read.pdf.reader import read
from pipeline.read.pdf.words import Char, words
from tests.fixtures.plan_fixtures import Page, Text, draw_pdf
from tests.helpers import FIXTURES, SHARED

PDFS = sorted(FIXTURES.glob("*.pdf"))


def _shapes(parsed: glyphs.Parsed) -> dict[str, list[tuple[object, ...]]]:
    keys = ("x0", "x1", "top", "bottom", "stroke", "fill", "stroking_color", "non_stroking_color")
    return {kind: [tuple(o[k] for k in keys) for o in objs] for kind, objs in parsed.objects.items()}


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_playa_gives_pdfminers_words_and_shapes(path: Path) -> None:
    pdf = pdfplumber.open(io.BytesIO(path.read_bytes()))
    parsed = Pages(pdf)
    try:
        assert parsed.fast is not None, parsed.refused
        for index, page in enumerate(pdf.pages):
            frame = frame_of(page)
            slow = parse_with_pdfminer(page)
            fast = glyphs.read(parsed.fast.pages[index], frame)
            assert words(fast.chars) == words(slow.chars)
            assert _shapes(fast) == _shapes(slow)
            assert fast.images == slow.images
            reference = WordExtractor(extra_attrs=["size", "fontname"]).extract_words(page.chars)
            keys = ("text", "x0", "x1", "top", "bottom", "size", "fontname")
            assert [tuple(w) for w in words(slow.chars)] == [tuple(r[k] for k in keys) for r in reference]
            page.close()
    finally:
        parsed.close()
        pdf.close()


@pytest.mark.parametrize("name", ["plan-word.pdf", "plan-borderless.pdf", "plan-browser.pdf", "guidance-page.pdf"])
def test_the_fixtures_are_read_by_the_fast_parser(name: str, rules) -> None:  # type: ignore[no-untyped-def]
    layout = read(FIXTURES / name, None, rules)
    assert not [n for n in layout.notes if n.code == "pdf-parser"]


def test_a_file_the_fast_parser_refuses_reads_the_same_through_pdfminer(rules, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / "plan-word.pdf"
    fast = to_json(process(path, rules))
    monkeypatch.setattr(pages, "open_fast", lambda pdf, password: (None, "it cannot open the file"))
    slow = to_json(process(path, rules))
    assert slow != fast  # the note is there
    layout = read(path, None, rules)
    notes = [n for n in layout.notes if n.code == "pdf-parser"]
    assert [(n.severity, n.code, n.message) for n in notes] == [
        (
            "info",
            "pdf-parser",
            "pdfminer read every page of this PDF, as the fast parser (playa) could not stand in for it: "
            "it cannot open the file.",
        )
    ]
    without = json.loads(slow)
    without["findings"] = [f for f in without["findings"] if f["code"] != "pdf-parser"]
    assert without == json.loads(fast)


def test_a_page_the_fast_parser_fails_on_is_read_by_pdfminer(rules, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = FIXTURES / "plan-word.pdf"
    before = read(path, None, rules)
    real = glyphs.read

    def failing(page, frame):  # type: ignore[no-untyped-def]
        if frame.number == 2:
            raise glyphs.Unsupported("vertical writing")
        return real(page, frame)

    monkeypatch.setattr(glyphs, "read", failing)
    after = read(path, None, rules)
    assert [b.text for b in after.blocks] == [b.text for b in before.blocks]
    assert [[c.text for r in b.rows for c in r.cells] for b in after.tables()] == [
        [c.text for r in b.rows for c in r.cells] for b in before.tables()
    ]
    assert [(n.severity, n.code, n.message) for n in after.notes if n.code == "pdf-parser"] == [
        (
            "info",
            "pdf-parser",
            "pdfminer read page(s) 2 of this PDF, as the fast parser (playa) could not read them as pdfminer does.",
        )
    ]


def test_vertical_writing_is_left_to_pdfminer() -> None:
    from types import SimpleNamespace

    obj = SimpleNamespace(gstate=SimpleNamespace(font=SimpleNamespace(vertical=True)), args=[b"x"])
    with pytest.raises(glyphs.Unsupported):
        glyphs._text(obj, glyphs.Frame(1, 100.0, 100.0, 0.0, 0.0, (1, 0, 0, 1, 0, 0)), [])


def test_a_shifted_mediabox_and_a_rotated_page_are_placed_as_pdfplumber_places_them() -> None:
    import pikepdf

    data = draw_pdf([Page(texts=[Text(72, 100, "Shifted page, bold words", bold=True), Text(72, 130, "and plain")])])
    for change in ("mediabox", "rotate"):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if change == "mediabox":
                pdf.pages[0].MediaBox = pikepdf.Array([15, 25, 610, 867])
            else:
                pdf.pages[0].Rotate = 90
            buffer = io.BytesIO()
            pdf.save(buffer)
        with pdfplumber.open(io.BytesIO(buffer.getvalue())) as plumber:
            parsed = Pages(plumber)
            page = plumber.pages[0]
            fast = glyphs.read(parsed.fast.pages[0], frame_of(page))
            assert fast.chars and words(fast.chars) == words(parse_with_pdfminer(page).chars)
            parsed.close()


def test_a_code_with_no_unicode_reads_as_pdfminer_writes_it() -> None:
    """An undecodable glyph must still read "(cid:N)", or garbled fonts would pass for text."""
    path = SHARED / "corpus" / "hostile" / "pdf.js__complex_ttf_font.pdf"
    with pdfplumber.open(path) as pdf:
        parsed = Pages(pdf)
        fast = glyphs.read(parsed.fast.pages[0], frame_of(pdf.pages[0]))
        slow = parse_with_pdfminer(pdf.pages[0])
        parsed.close()
    assert [c[0] for c in fast.chars] == [c[0] for c in slow.chars]
    assert fast.chars[0][0].startswith("(cid:")


# ----------------------------------------------------------------------------- words from characters


def _char(text: str, x0: float, top: float, *, size: float = 10.0, font: str = "F", upright: bool = True) -> Char:
    return (text, x0, x0 + 5, top, top + size, size, font, upright)


def _dict(c: Char) -> dict[str, object]:
    text, x0, x1, top, bottom, size, fontname, upright = c
    return {"text": text, "x0": x0, "x1": x1, "top": top, "doctop": top, "bottom": bottom,
            "size": size, "fontname": fontname, "upright": upright}  # fmt: skip


@pytest.mark.parametrize(
    "chars",
    [
        [_char("a", 10, 10), _char("b", 15, 10), _char(" ", 20, 10), _char("c", 25, 10)],
        [_char("a", 10, 10), _char("b", 18.0, 10), _char("c", 26.0001, 10)],  # a gap of exactly 3 joins
        [_char("a", 10, 10), _char("b", 15, 12.5), _char("c", 20, 16)],  # tops within 3 chain into a line
        [_char("b", 15, 10), _char("a", 10, 10)],  # drawn right to left
        [_char("a", 10, 10), _char("", 15, 10), _char("b", 20, 10)],  # an empty character is a word
        [_char("ﬁ", 10, 10), _char("x", 15, 10, font="G"), _char("y", 20, 10, size=11)],
        [_char("r", 10, 10, upright=False), _char("o", 10, 15, upright=False), _char("t", 11, 20, upright=False)],
    ],
)
def test_words_are_pdfplumbers(chars: list[Char]) -> None:
    reference = WordExtractor(extra_attrs=["size", "fontname"]).extract_words([_dict(c) for c in chars])
    keys = ("text", "x0", "x1", "top", "bottom", "size", "fontname")
    assert [tuple(w) for w in words(chars)] == [tuple(r[k] for k in keys) for r in reference]


def test_pages_read_by_the_fallback_are_marked(rules, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pages, "open_fast", lambda pdf, password: (None, "it finds other pages"))
    with pdfplumber.open(FIXTURES / "plan-word.pdf") as pdf:
        parsed = Pages(pdf)
        source = parsed.source(0, lambda glyphs, number: None, 10**9)
        assert source.parser == FALLBACK
        parsed.close()


HOSTILE = sorted((SHARED / "corpus" / "hostile").glob("*.pdf"))
HEAVY = ("5000_pages", "cpu_bomb", "1M_glyphs", "flate_bomb")  # the build's limits stop these first


@pytest.mark.slow
def test_playa_gives_pdfminers_words_on_the_hostile_corpus() -> None:
    """Damaged, odd and hostile PDFs: wherever both parsers read a page, they read the same words."""
    compared = 0
    for path in HOSTILE:
        if any(mark in path.name for mark in HEAVY):
            continue
        try:
            pdf = pdfplumber.open(path)
            parsed = Pages(pdf)
        except Exception:  # pdfminer cannot open it as it is (the opener repairs such files first)
            continue
        try:
            if parsed.fast is None:
                continue
            for index, page in enumerate(pdf.pages[:20]):
                try:
                    slow = parse_with_pdfminer(page)
                    fast = glyphs.read(parsed.fast.pages[index], frame_of(page))
                except Exception:  # a page one of them cannot read: the reader falls back or skips it
                    continue
                assert words(fast.chars) == words(slow.chars), f"{path.name} page {index + 1}"
                compared += 1
        finally:
            parsed.close()
            pdf.close()
    assert compared > 100
