"""Text-layer checks in the PDF reader: scanned pages, undecodable fonts, empty files; pages released."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.core.errors import GarbledText, NoTextLayer, NotRecognised
from pipeline.read.geometry.assemble import check_text_layer
from pipeline.read.geometry.types import PageContent
from pipeline.read.pdf.page import take_words
from pipeline.read.pdf.reader import read
from pipeline.read.pdf.words import RawWord
from tests.fixtures.plan_fixtures import Page, Text, draw_pdf


def test_scanned_pages_raise_no_text_layer(rules) -> None:
    with pytest.raises(NoTextLayer) as caught:
        read(Path("scan.pdf"), draw_pdf([Page(image=True), Page(image=True)]), rules)
    assert "no text layer" in caught.value.line("scan.pdf")
    assert "OCR" in caught.value.line("scan.pdf")


def test_one_scanned_page_among_text_pages_is_a_warning(rules) -> None:
    pages = [
        Page(texts=[Text(50, 100, "Page one text.")]),
        Page(image=True),
        Page(texts=[Text(50, 100, "Page three.")]),
    ]
    layout = read(Path("mixed.pdf"), draw_pdf(pages), rules)
    assert [(n.severity, n.code, str(n.where)) for n in layout.notes] == [("warning", "no-text-layer", "document")]
    assert "Page 2" in layout.notes[0].message


def test_pages_with_nothing_on_them_are_not_recognised(rules) -> None:
    with pytest.raises(NotRecognised):
        read(Path("blank.pdf"), draw_pdf([Page(), Page()]), rules)


def _page(number: int, words: list[str], images: int = 0) -> PageContent:
    content = PageContent(number=number, width=595, height=842, images=images)
    raw = [RawWord(w, 10.0 * i, 10.0 * i + 8, 100.0, 110.0, 10, "F") for i, w in enumerate(words)]
    content.words = take_words(raw, number, content)
    return content


def test_undecodable_glyphs_are_dropped_and_counted() -> None:
    page = _page(1, ["Good", "(cid:12)(cid:13)", "wo(cid:7)rd", "\ufffd"])
    assert [w.text for w in page.words] == ["Good", "word"]
    assert page.garbled == 4 and page.glyphs == 4 + 4 + 4


def test_a_few_undecodable_glyphs_are_a_warning(rules) -> None:
    notes = check_text_layer([_page(1, ["Plenty", "of", "good", "text", "here", "(cid:3)"])], rules)
    assert [(n.severity, n.code) for n in notes] == [("warning", "undecodable-characters")]


def test_mostly_undecodable_text_is_garbled(rules) -> None:
    with pytest.raises(GarbledText):
        check_text_layer([_page(1, ["ok", "(cid:1)(cid:2)(cid:3)(cid:4)"])], rules)


def test_only_undecodable_text_is_garbled(rules) -> None:
    with pytest.raises(GarbledText):
        check_text_layer([_page(1, ["(cid:1)(cid:2)"])], rules)


def test_every_page_is_closed_before_the_next_is_read(rules, monkeypatch) -> None:
    from pipeline.read.pdf.pages import Pages

    events: list[tuple[str, int]] = []
    source, release = Pages.source, Pages.release

    def parsing(self, index, *args):  # type: ignore[no-untyped-def]
        events.append(("read", index + 1))
        return source(self, index, *args)

    def releasing(self, index) -> None:  # type: ignore[no-untyped-def]
        events.append(("close", index + 1))
        release(self, index)

    monkeypatch.setattr(Pages, "source", parsing)
    monkeypatch.setattr(Pages, "release", releasing)
    read(Path("three.pdf"), draw_pdf([Page(texts=[Text(50, 100, f"Page {n} text.")]) for n in (1, 2, 3)]), rules)
    assert events[:6] == [("read", 1), ("close", 1), ("read", 2), ("close", 2), ("read", 3), ("close", 3)]


def test_a_page_with_more_characters_than_memory_allows_is_refused_before_it_is_parsed(rules, monkeypatch) -> None:
    from pipeline.core.errors import TooLarge
    from pipeline.read.pdf import page as pdf_page

    dense = draw_pdf([Page(texts=[Text(20, 20 + 12 * n, "x" * 60) for n in range(10)])])
    assert read(Path("dense.pdf"), dense, rules).blocks  # within the normal limit
    budget_mb = max(rules.limits.memory_mb - pdf_page.BASE_MB, 64)
    monkeypatch.setattr(pdf_page, "BYTES_PER_GLYPH", budget_mb * 1024 * 1024 // 500)  # room for 500 a page
    with pytest.raises(TooLarge) as caught:
        read(Path("dense.pdf"), dense, rules)
    assert "page 1 holds about 600 characters" in caught.value.reason
