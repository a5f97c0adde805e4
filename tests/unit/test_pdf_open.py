"""Opening PDFs: repair before giving up, passwords, limits, bombs; never a library exception."""

from __future__ import annotations

import dataclasses
import io
import re
import zlib

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from pipeline.core.errors import DamagedFile, EmptyFile, EncryptedFile, PipelineError, TooLarge
from pipeline.read.guard import opening_notes
from pipeline.read.pdf.opener import open_pdf
from pipeline.rules import Rules
from tests.helpers import SHARED

HOSTILE = SHARED / "corpus" / "hostile"


def _text_pdf(*pages: str) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(595, 842), invariant=1)
    for text in pages:
        pdf.setFont("Helvetica", 12)
        pdf.drawString(72, 770, text)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _text_of(pdf: object) -> str:
    texts = []
    for page in pdf.pages:  # type: ignore[attr-defined]
        texts.append(page.extract_text() or "")
        page.close()
    pdf.close()  # type: ignore[attr-defined]
    return "\n".join(texts)


def _with_limits(rules: Rules, **limits: float) -> Rules:
    return dataclasses.replace(rules, limits=dataclasses.replace(rules.limits, **limits))


def _notes(pdf: object) -> list[str]:
    return [note.code for note in opening_notes(pdf)]


def test_a_good_pdf_opens_with_no_notes(rules: Rules) -> None:
    pdf = open_pdf(_text_pdf("Potato one", "Potato two"), rules)
    assert _notes(pdf) == []
    assert _text_of(pdf) == "Potato one\nPotato two"


def test_broken_xref_offset_is_repaired_and_said(rules: Rules) -> None:
    """pdfminer alone reads a file whose startxref is wrong as 1 page with no text (silent loss)."""
    data = _text_pdf("Potato")
    offset = int(re.search(rb"startxref\s+(\d+)", data).group(1))  # type: ignore[union-attr]
    damaged = data.replace(b"startxref\n%d" % offset, b"startxref\n%d" % (offset - 40))
    assert damaged != data
    pdf = open_pdf(damaged, rules)
    notes = opening_notes(pdf)
    assert "Potato" in _text_of(pdf)
    assert [n.code for n in notes] == ["repaired-file"]
    assert notes[0].severity == "warning" and "repaired copy" in notes[0].message


def test_missing_xref_and_trailer_are_rebuilt(rules: Rules) -> None:
    data = _text_pdf("Alpha", "Beta")
    cut = data[: data.rindex(b"xref")]
    pdf = open_pdf(cut, rules)
    assert _notes(pdf) == ["repaired-file"]
    assert _text_of(pdf) == "Alpha\nBeta"


def test_mail_header_in_front_is_tolerated(rules: Rules) -> None:
    data = b"Content-Type: application/pdf\r\nX-Junk: " + b"j" * 500 + b"\r\n\r\n" + _text_pdf("Potato")
    assert "Potato" in _text_of(open_pdf(data, rules))


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("qpdf__bad2.pdf", "Potato"),  # no startxref
        ("qpdf__bad3.pdf", "Potato"),  # startxref points at the wrong place: silent loss without repair
        ("qpdf__bad4.pdf", "Potato"),  # invalid xref table: 0 pages without repair
        ("qpdf__no-pages-types.pdf", "Potato"),  # page tree without /Type
        ("qpdf__append-xref-loop.pdf", "Potato 29"),  # /Prev loop: RecursionError without repair
        ("qpdf__issue-149.pdf", "bar"),
        ("qpdf__xref-compressed-in-compressed.pdf", "Potato"),
        ("qpdf__issue-202.pdf", "e"),  # trailer nested too deep
        ("generated__truncated_50pct.pdf", "1"),  # the pages that survive
    ],
)
def test_damaged_corpus_files_keep_their_text(rules: Rules, name: str, word: str) -> None:
    pdf = open_pdf((HOSTILE / name).read_bytes(), rules)
    assert "repaired-file" in _notes(pdf)
    assert word in _text_of(pdf)


def test_page_without_contents_or_size_does_not_sink_the_document(rules: Rules) -> None:
    """Bare pdfplumber raises TypeError for page 2 and loses pages 1 and 3."""
    pdf = open_pdf((HOSTILE / "qpdf__page-no-content.pdf").read_bytes(), rules)
    texts = []
    for page in pdf.pages:
        texts.append(page.extract_text())
        page.close()
    assert len(texts) == 3
    assert "Potato" in texts[0] and texts[1] == "" and "Potato" in texts[2]


@pytest.mark.parametrize("name", ["qpdf__pages-loop.pdf", "pdf.js__Pages-tree-refs.pdf", "qpdf__deep-pages.pdf"])
def test_files_qpdf_refuses_are_still_read_by_pdfminer(rules: Rules, name: str) -> None:
    pdf = open_pdf((HOSTILE / name).read_bytes(), rules)
    assert len(pdf.pages) == 1
    assert _notes(pdf) == ["repaired-file"]
    pdf.close()


@pytest.mark.parametrize(
    "name",
    ["qpdf__bad1.pdf", "pdf.js__bug1020226.pdf", "qpdf__issue-141a.pdf", "qpdf__issue-143.pdf", "qpdf__issue-146.pdf"],
)
def test_unrecoverable_files_are_damaged(rules: Rules, name: str) -> None:
    with pytest.raises(DamagedFile, match="damaged PDF"):
        open_pdf((HOSTILE / name).read_bytes(), rules)


def test_zero_pages_is_an_empty_document(rules: Rules) -> None:
    with pytest.raises(EmptyFile, match="no pages"):
        open_pdf((HOSTILE / "qpdf__empty.pdf").read_bytes(), rules)


def test_no_bytes_is_an_empty_file(rules: Rules) -> None:
    with pytest.raises(EmptyFile):
        open_pdf(b"", rules)


def _encrypted(user: str, owner: str, text: str = "Secret plan") -> bytes:
    src = pikepdf.open(io.BytesIO(_text_pdf(text)))
    out = io.BytesIO()
    src.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
    return out.getvalue()


def test_password_needed(rules: Rules) -> None:
    with pytest.raises(EncryptedFile, match="a password is needed") as caught:
        open_pdf(_encrypted("view", "master"), rules)
    assert "passwords:" in caught.value.remedy


def test_wrong_password(rules: Rules) -> None:
    with pytest.raises(EncryptedFile, match="password given does not open it"):
        open_pdf(_encrypted("view", "master"), rules, password="guess")


@pytest.mark.parametrize("password", ["view", "master"])
def test_right_password_opens_it(rules: Rules, password: str) -> None:
    assert _text_of(open_pdf(_encrypted("view", "master"), rules, password=password)) == "Secret plan"


def test_empty_user_password_opens_without_asking(rules: Rules) -> None:
    pdf = open_pdf(_encrypted("", "master"), rules)
    assert _notes(pdf) == []  # encryption alone is not damage
    assert _text_of(pdf) == "Secret plan"


@pytest.mark.parametrize(
    ("name", "password", "word"),
    [
        ("pdfminer.six__rc4-40.pdf", "baz", "Secret!"),
        ("pdfplumber__password-example.pdf", "test", "Backup4all"),
        ("qpdf__enc-XI-R6,V5,U=view,O=master.pdf", "view", "Potato"),
        ("qpdf__bad-encryption-length.pdf", None, "Potato"),  # pdfminer alone calls it a wrong password
    ],
)
def test_corpus_encrypted_files(rules: Rules, name: str, password: str | None, word: str) -> None:
    data = (HOSTILE / name).read_bytes()
    if password:
        with pytest.raises(EncryptedFile, match="password is needed"):
            open_pdf(data, rules)
    assert word in _text_of(open_pdf(data, rules, password=password))


def test_page_limit_counts_real_pages_not_the_count_entry(rules: Rules) -> None:
    with pytest.raises(TooLarge, match="3 pages, over the 2 page limit"):
        open_pdf(_text_pdf("a", "b", "c"), _with_limits(rules, max_pages=2))
    lie = (HOSTILE / "generated__page_count_lie.pdf").read_bytes()  # /Count 2147483647, one page
    pdf = open_pdf(lie, _with_limits(rules, max_pages=2))
    assert len(pdf.pages) == 1
    pdf.close()


def test_file_size_limit(rules: Rules) -> None:
    with pytest.raises(TooLarge, match=r"over the 0\.001 MB limit"):
        open_pdf(_text_pdf("x"), _with_limits(rules, max_file_mb=0.001))


def _flate_bomb(inflated_mb: int, layers: int = 2) -> bytes:
    """A one-page PDF whose content stream inflates to `inflated_mb` of spaces (made in pieces)."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    data = b"".join(compressor.compress(block) for _ in range(inflated_mb)) + compressor.flush()
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pikepdf.Stream(pdf, data)
    stream.Filter = pikepdf.Array([pikepdf.Name.FlateDecode] * layers)
    pdf.pages[0].obj.Contents = pdf.make_indirect(stream)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_flate_bomb_is_refused_before_pdfminer_inflates_it(rules: Rules) -> None:
    bomb = _flate_bomb(8)
    assert len(bomb) < 20_000
    with pytest.raises(TooLarge, match="unpacks to more than") as caught:
        open_pdf(bomb, _with_limits(rules, max_stream_mb=4))
    assert "max_stream_mb" in caught.value.remedy
    open_pdf(bomb, _with_limits(rules, max_stream_mb=16)).close()  # under the limit it opens


def test_bomb_hidden_in_a_form_xobject_is_found(rules: Rules) -> None:
    pdf = pikepdf.open(io.BytesIO(_text_pdf("Potato")))
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(b"0 0 m " * 200_000) for _ in range(8)) + compressor.flush()
    form = pikepdf.Stream(pdf, data)
    form.Type, form.Subtype, form.Filter = pikepdf.Name.XObject, pikepdf.Name.Form, pikepdf.Name.FlateDecode
    form.BBox = pikepdf.Array([0, 0, 10, 10])
    resources = pdf.pages[0].obj.Resources
    resources.XObject = pikepdf.Dictionary(Fx=pdf.make_indirect(form))
    out = io.BytesIO()
    pdf.save(out)
    with pytest.raises(TooLarge):
        open_pdf(out.getvalue(), _with_limits(rules, max_stream_mb=4))


def test_corpus_flate_bomb(rules: Rules) -> None:
    with pytest.raises(TooLarge):
        open_pdf((HOSTILE / "generated__flate_bomb_4GiB.pdf").read_bytes(), rules)


def test_guard_measures_every_text_filter() -> None:
    from pipeline.read.pdf.guard import _DECODERS

    payload = b"BT /F1 12 Tf (Potato) Tj ET " * 100
    assert b"".join(_DECODERS["flate"]([zlib.compress(payload)], 10**6)) == payload
    assert b"".join(_DECODERS["hex"]([payload.hex().encode() + b">"], 10**6)) == payload
    assert b"".join(_DECODERS["rl"]([bytes([257 - 100]) + b"x" + bytes([1]) + b"ab" + b"\x80"], 10**6)) == (
        b"x" * 100 + b"ab"
    )
    runaway = b"".join(_DECODERS["flate"]([zlib.compress(b"\0" * 5_000_000)], 100_000))
    assert 100_000 < len(runaway) < 300_000  # stops soon after the cap, never inflates it all


def test_every_failure_is_a_pipeline_error(rules: Rules) -> None:
    """Truncations and holes anywhere in a PDF: opening gives a PDF or a PipelineError, nothing else."""
    data = _text_pdf("Potato", "Potato")
    opened = 0
    for cut in range(0, len(data), max(1, len(data) // 40)):
        for sample in (data[:cut], data[:cut] + data[cut + 7 :]):
            try:
                pdf = open_pdf(sample, rules)
            except PipelineError:
                continue
            opened += 1
            assert len(pdf.pages) >= 1
            pdf.close()
    assert opened > 10  # most damage is repaired


def test_pages_that_cannot_be_made_are_a_damaged_file_not_a_crash(rules: Rules, monkeypatch) -> None:
    """pdfplumber makes every page to close a PDF, so a PDF whose pages cannot be made fails
    again when it is closed: the file is refused as damaged, in one line, all the same."""
    import pdfplumber

    def broken(self: object) -> list[object]:
        raise TypeError("'NoneType' object is not iterable")  # as a page with no usable MediaBox gives

    monkeypatch.setattr(pdfplumber.PDF, "pages", property(broken))
    with pytest.raises(DamagedFile) as err:
        open_pdf(_text_pdf("one page"), rules)
    assert err.value.reason.startswith("damaged PDF") and "\n" not in err.value.reason
