"""Opening Word files: broken packages, XML attacks, zip bombs, Strict OOXML, passwords."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import struct
import zipfile

import docx
import pytest

from pipeline.core.errors import DamagedFile, EmptyFile, EncryptedFile, PipelineError, TooLarge, UnsupportedType
from pipeline.read.docx.opener import open_docx
from pipeline.read.guard import opening_notes, xml_as_utf8, xml_prolog
from pipeline.rules import Rules
from tests.helpers import SHARED

HOSTILE = SHARED / "corpus" / "hostile"
W_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Self-harm action plan", level=1)
    document.add_paragraph("Outcome 1.1 text")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "No.", "Specific Action"
    table.cell(1, 0).text, table.cell(1, 1).text = "1.1.1", "Train staff"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _without(data: bytes, *names: str) -> bytes:
    """The package with the named parts removed."""
    parts = _parts(data)
    for name in names:
        parts.pop(name)
    return _zip(parts)


def _text(document: object) -> str:
    paragraphs = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]  # type: ignore[attr-defined]
    return " | ".join(paragraphs + cells)


def _codes(document: object) -> list[str]:
    return [note.code for note in opening_notes(document)]


def _with_limits(rules: Rules, **limits: float) -> Rules:
    return dataclasses.replace(rules, limits=dataclasses.replace(rules.limits, **limits))


def test_good_file_opens_unchanged(rules: Rules) -> None:
    document = open_docx(_docx(), rules)
    assert "Train staff" in _text(document)
    assert _codes(document) == []


def test_not_a_zip(rules: Rules) -> None:
    with pytest.raises(DamagedFile, match="this is plain text"):
        open_docx(b"Just some text someone renamed to .docx\n", rules)


def test_empty(rules: Rules) -> None:
    with pytest.raises(EmptyFile):
        open_docx(b"", rules)


def test_truncated(rules: Rules) -> None:
    data = _docx()
    with pytest.raises(DamagedFile, match="truncated"):
        open_docx(data[: len(data) * 6 // 10], rules)


def test_missing_document_part(rules: Rules) -> None:
    with pytest.raises(DamagedFile, match=r"document part \(word/document.xml\) is missing"):
        open_docx(_without(_docx(), "word/document.xml"), rules)


def test_missing_part_list_is_rebuilt(rules: Rules) -> None:
    document = open_docx(_without(_docx(), "[Content_Types].xml"), rules)
    assert "Train staff" in _text(document)
    assert _codes(document) == ["repaired-file"]
    assert document.paragraphs[0].style.name == "Heading 1"  # styles part typed correctly


def test_missing_package_relationships_are_rebuilt(rules: Rules) -> None:
    document = open_docx(_without(_docx(), "_rels/.rels"), rules)
    assert "Train staff" in _text(document)
    assert "repaired-file" in _codes(document)


def test_relationship_to_a_missing_part_is_dropped(rules: Rules) -> None:
    document = open_docx(_without(_docx(), "word/styles.xml"), rules)
    assert "Train staff" in _text(document)
    notes = opening_notes(document)
    assert any("word/styles.xml" in n.message for n in notes)


def _strict(data: bytes) -> bytes:
    parts = _parts(data)
    for name, xml in parts.items():
        if name.endswith((".xml", ".rels")):
            xml = xml.replace(W_NS, b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            xml = xml.replace(
                b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                b"http://purl.oclc.org/ooxml/officeDocument/relationships",
            )
            parts[name] = xml
    return _zip(parts)


def test_strict_ooxml_is_read(rules: Rules) -> None:
    document = open_docx(_strict(_docx()), rules)
    assert "Train staff" in _text(document)
    assert (opening_notes(document)[0].severity, opening_notes(document)[0].code) == ("info", "repaired-file")


def test_macro_enabled_document_is_read_as_a_document(rules: Rules) -> None:
    parts = _parts(_docx())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    assert "Train staff" in _text(open_docx(_zip(parts), rules))


def _with_doctype(doctype: bytes, body_text: bytes) -> bytes:
    parts = _parts(_docx())
    xml = parts["word/document.xml"]
    declaration_end = xml.index(b"?>") + 2
    xml = xml[:declaration_end] + b"\n" + doctype + xml[declaration_end:]
    parts["word/document.xml"] = xml.replace(b"Train staff", body_text)
    return _zip(parts)


def test_billion_laughs_is_refused(rules: Rules) -> None:
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
    )
    with pytest.raises(DamagedFile, match="declares XML entities"):
        open_docx(_with_doctype(b"<!DOCTYPE d [" + entities + b"]>", b"&lol9;"), rules)


def test_parameter_entities_are_refused(rules: Rules) -> None:
    doctype = b'<!DOCTYPE d [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]>'
    with pytest.raises(DamagedFile, match="declares XML entities"):
        open_docx(_with_doctype(doctype, b"x"), rules)


def test_external_entity_is_never_resolved(rules: Rules) -> None:
    doctype = b'<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    document = open_docx(_with_doctype(doctype, b"secret follows: &xxe;"), rules)
    text = _text(document)
    assert "secret follows:" in text and "root:" not in text
    assert _codes(document) == ["ignored-content"]


XXE = b'<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    "before",
    [
        b"<!-- a comment holding <a tag -->",
        b"<?mso-application progid='Word.Document'?>\n",
        b"<!--" + b"<x>" * 30_000 + b"-->",  # longer than the part's first 64 KiB
        b"\n\t <!-- one --><?two?>\n<!-- three -->",
    ],
    ids=["comment", "instruction", "long-comment", "several"],
)
def test_a_doctype_behind_comments_and_instructions_is_found(rules: Rules, before: bytes) -> None:
    """Once, a comment holding "<a" before the DOCTYPE hid it: the text after &xxe; was dropped."""
    document = open_docx(_with_doctype(before + XXE, b"before &xxe; after"), rules)
    assert "before  after" in _text(document)
    assert _codes(document) == ["ignored-content"]
    assert "text they stood for is missing" in opening_notes(document)[0].message


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_a_doctype_in_any_encoding_the_parser_reads_is_found(rules: Rules, codec: str) -> None:
    parts = _parts(_with_doctype(b"<!-- <a> -->" + XXE, b"before &xxe; after"))
    xml = parts["word/document.xml"].replace(b'encoding="UTF-8"', b'encoding="UTF-16"' if "16" in codec else b"")
    parts["word/document.xml"] = xml.decode("utf-8").encode(codec)
    document = open_docx(_zip(parts), rules)
    assert "before  after" in _text(document)
    assert _codes(document) == ["ignored-content"]


def test_quoted_brackets_do_not_end_a_doctype(rules: Rules) -> None:
    doctype = b'<!DOCTYPE d SYSTEM "a>b" [<!-- ] > --><!ENTITY xxe SYSTEM "file:///x]>">]>'
    document = open_docx(_with_doctype(doctype, b"before &xxe; after"), rules)
    assert "before  after" in _text(document)


def test_internal_entities_behind_a_comment_in_another_part_are_refused(rules: Rules) -> None:
    parts = _parts(_docx())
    xml = parts["word/styles.xml"]
    end = xml.index(b"?>") + 2
    parts["word/styles.xml"] = xml[:end] + b'<!-- <x --><!DOCTYPE d [<!ENTITY a "boom">]>' + xml[end:]
    with pytest.raises(DamagedFile, match=r"unsafe Word file: word/styles.xml declares XML entities"):
        open_docx(_zip(parts), rules)


def test_a_doctype_in_a_part_the_guard_does_not_look_at_is_refused_once_parsed(rules: Rules) -> None:
    """The document part may have any name: what python-docx parsed is checked again."""
    parts = _parts(_with_doctype(XXE, b"before &xxe; after"))
    parts["word/main.dat"] = parts.pop("word/document.xml")
    parts["word/_rels/main.dat.rels"] = parts.pop("word/_rels/document.xml.rels")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"word/document.xml", b"word/main.dat")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"/word/document.xml", b"/word/main.dat")
    with pytest.raises(DamagedFile, match=r"unsafe Word file: word/main.dat"):
        open_docx(_zip(parts), rules)


def test_the_prolog_is_read_as_the_parser_reads_it() -> None:
    xml = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- <a> --><?pi x?>\n<root/>'
    assert xml_prolog(xml) == ("element", xml.index(b"<root"))
    assert xml_prolog(b"<!-- c --><!doctype r>")[0] == "doctype"
    assert xml_prolog(b"<!-- never closed <a>")[0] == "unknown"
    assert xml_prolog(b"garbage")[0] == "unknown"
    assert xml_as_utf8("<?xml version='1.0' encoding='UTF-16'?><r/>".encode("utf-16-le")) == (
        b"<?xml version='1.0' encoding='UTF-8'?><r/>"
    )


def test_zip_bomb_is_refused_before_parsing(rules: Rules) -> None:
    parts = _parts(_docx())
    parts["word/media/padding.bin"] = b"\0" * (3 * 1024 * 1024)
    data = _zip(parts)
    assert len(data) < 100_000
    with pytest.raises(TooLarge, match="unzips to"):
        open_docx(data, _with_limits(rules, max_unzipped_mb=2))


def test_lying_sizes_cannot_get_past_the_cap(rules: Rules) -> None:
    """The zip directory says a part is small; reading never returns more than it declares."""
    parts = _parts(_docx())
    real = parts["word/document.xml"]
    data = _zip(parts)
    size = struct.pack("<I", len(real))
    lie = struct.pack("<I", 100)
    assert data.count(size) >= 2
    with pytest.raises(DamagedFile):
        open_docx(data.replace(size, lie), rules)


@pytest.mark.parametrize(
    ("parts", "words"),
    [
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "OpenDocument text"),
        ({"xl/workbook.xml": b"<workbook/>"}, "Excel workbook"),
        ({"notes.txt": b"hello"}, "a zip archive, not a Word document"),
    ],
)
def test_other_zips_are_named(rules: Rules, parts: dict[str, bytes], words: str) -> None:
    with pytest.raises(UnsupportedType, match=words):
        open_docx(_zip(parts), rules)


def test_encrypted_docx(rules: Rules) -> None:
    data = (HOSTILE / "msoffcrypto-tool__example_password.docx").read_bytes()
    with pytest.raises(EncryptedFile, match="a password is needed"):
        open_docx(data, rules)
    with pytest.raises(EncryptedFile, match="does not open it"):
        open_docx(data, rules, password="wrong")
    assert "Lorem ipsum" in _text(open_docx(data, rules, password="Password1234_"))


def test_legacy_doc(rules: Rules) -> None:
    with pytest.raises(UnsupportedType, match="legacy Word 97-2003"):
        open_docx((HOSTILE / "msoffcrypto-tool__plain.doc").read_bytes(), rules)


@pytest.mark.parametrize(
    ("name", "outcome"),
    [
        ("generated__strict_ooxml.docx", "Saved as Strict Open XML; text is here."),
        ("generated__no_content_types.docx", "Content types part is missing."),
        ("generated__xxe_external_entity.docx", "secret follows:"),
        ("generated__billion_laughs.docx", DamagedFile),
        ("generated__missing_document_xml.docx", DamagedFile),
        ("generated__truncated_60pct.docx", DamagedFile),
        ("generated__not_a_zip.docx", DamagedFile),
        ("generated__zip_bomb_400MB_document_xml.docx", TooLarge),
    ],
)
def test_corpus_files(rules: Rules, name: str, outcome: str | type) -> None:
    data = (HOSTILE / name).read_bytes()
    if isinstance(outcome, str):
        assert outcome in _text(open_docx(data, rules))
    else:
        with pytest.raises(outcome):
            open_docx(data, rules)


def test_every_failure_is_a_pipeline_error(rules: Rules) -> None:
    data = _docx()
    for cut in range(0, len(data), max(1, len(data) // 60)):
        for sample in (data[:cut], data[:cut] + data[cut + 5 :], data[:cut] + b"\xff" + data[cut + 1 :]):
            with contextlib.suppress(PipelineError):
                _text(open_docx(sample, rules))
