"""The real type of a file comes from its first bytes, never from its name."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.core.errors import DamagedFile, EmptyFile, EncryptedFile, NotAPdf, UnsupportedType
from pipeline.read import detect_format
from pipeline.read.sniff import describe, sniff
from tests.helpers import SHARED

HOSTILE = SHARED / "corpus" / "hostile"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _zip(**parts: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.pdf", b"%PDF-1.7\n1 0 obj", "pdf"),
        ("a.docx", b"%PDF-1.4\n", "pdf"),  # the name does not matter
        ("mail.pdf", b"Content-Type: application/pdf\r\n" + b"j" * 990 + b"%PDF-1.4\n", "pdf"),
        ("a.pdf", b"%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type/Catalog>>", "pdf"),  # header line lost
        ("a.bin", b"   \n0009 0 obj<</Type/XRef>>stream", "pdf"),
        ("a.pdf", b"0000000000000\n1 0 obj\n<</Type/ObjStm>>\nstream\n", "pdf"),  # start overwritten
        ("a.txt", b"0000000000000\n1 0 obj\n<</Type/ObjStm>>\nstream\n", "text"),
        ("a.pdf", PNG, "PNG image"),
        ("a.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        ("a.docx", b"PK\x03\x04rest", "zip"),
        ("a.docx", OLE2, "ole2"),
        ("a.html", b"", "empty"),
        ("a.txt", b"  \r\n\t \n", "empty"),
        ("a.txt", b"\x00" * 64, "empty"),
        ("page", b"<!DOCTYPE html><html><body>hi</body></html>", "html"),
        ("a.txt", b"<p>a paragraph copied from a web page</p>", "text"),  # .txt wins for text
        ("a.htm", b"just words", "html"),
        ("notes", b"Action plan\n1.1 Do things\n", "text"),
        ("a.html", b"\xff\xfe" + "<html>é</html>".encode("utf-16-le"), "html"),
        ("a", "<html><body>no mark</body></html>".encode("utf-16-le"), "html"),
        ("a", "<html><body>big endian</body></html>".encode("utf-16-be"), "html"),
        ("report.txt", b"BMJ report on self-harm\n", "text"),  # starts like a BMP, but is text
        ("a.pdf", b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00" + bytes(range(256)) * 4, "BMP image"),
        ("a.pdf", bytes(range(256)) * 8, "binary file of an unknown kind"),
    ],
)
def test_sniff(name: str, head: bytes, kind: str) -> None:
    assert sniff(Path(name), head) == kind


def test_describe_reads_naturally() -> None:
    assert describe("PNG image") == "a PNG image"
    assert describe("html") == "a web page"
    assert describe("empty") == "an empty"


@pytest.mark.parametrize(
    ("name", "data", "error", "words"),
    [
        ("plan.pdf", PNG, NotAPdf, "looks like a PNG image"),
        ("plan.pdf", b"oops\n", NotAPdf, "no %PDF header"),
        ("plan.pdf", b"", EmptyFile, "0 bytes"),
        ("plan.txt", b"\n\n  \n", EmptyFile, "blank"),
        ("plan.docx", b"not a zip at all", DamagedFile, "not a valid Word file"),
        ("plan.docx", PNG, DamagedFile, "PNG image"),
        ("plan.xlsx", b"a,b\n=1+1,2\n", UnsupportedType, ".xlsx"),
        ("image.png", PNG, UnsupportedType, "PNG image"),
    ],
)
def test_wrong_type_is_named(name: str, data: bytes, error: type, words: str) -> None:
    with pytest.raises(error) as caught:
        detect_format(Path(name), data)
    assert words in caught.value.reason


def test_legacy_doc_is_not_taken_for_a_zip() -> None:
    """A Word 97-2003 file embeds a zipped theme, so zipfile.is_zipfile says yes; the magic says OLE2."""
    data = (HOSTILE / "msoffcrypto-tool__plain.doc").read_bytes()
    assert zipfile.is_zipfile(io.BytesIO(data))
    with pytest.raises(UnsupportedType, match="legacy Word 97-2003"):
        detect_format(Path("plan.docx"), data)


def test_protected_docx_goes_to_the_word_opener() -> None:
    """A password-protected .docx is OLE2; the Word opener decrypts it when it has the password."""
    data = (HOSTILE / "msoffcrypto-tool__example_password.docx").read_bytes()
    assert detect_format(Path("plan.docx"), data) == "docx"


def test_damaged_ole2_is_reported_damaged() -> None:
    from pipeline.read.ole import describe_ole2

    assert isinstance(describe_ole2(OLE2), DamagedFile)
    assert not isinstance(describe_ole2(OLE2), EncryptedFile)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.pdf", "pdf"),
        ("a.docx", "docx"),
        ("a.html", "html"),
        ("a.txt", "txt"),
    ],
)
def test_good_files_go_to_their_reader(name: str, fmt: str) -> None:
    data = {
        "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "docx": _zip(**{"[Content_Types].xml": b"<Types/>"}),
        "html": b"<html><body><p>x</p></body></html>",
        "txt": "Plan – “quoted”\n".encode("cp1252"),
    }[fmt]
    assert detect_format(Path(name), data) == fmt
