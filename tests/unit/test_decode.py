"""Bytes to text: marks, UTF-8, declared charsets that may lie, and the Windows-1252 default."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.read.decode import declared_charset, decode, decode_counted, sniff_bom
from tests.helpers import SHARED

HOSTILE = SHARED / "corpus" / "hostile"
WESTERN = "naïve “quoted” – en — em … €42 Œuvre šž café"


def test_utf8_is_taken_as_is() -> None:
    assert decode(WESTERN.encode()) == (WESTERN, "utf-8")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_mark_decides(codec: str) -> None:
    data = WESTERN.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    text, _ = decode(data)
    assert text == WESTERN


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark(codec: str) -> None:
    text, used = decode("<html><body>Plan</body></html>".encode(codec))
    assert (text, used) == ("<html><body>Plan</body></html>", codec)


def test_unlabelled_western_bytes_are_windows_1252_not_1250() -> None:
    """Baseline: the bare HTML stack read this page as windows-1250 (naïve -> naďve, Œuvre -> Śuvre)."""
    text, used = decode(WESTERN.encode("cp1252"))
    assert (text, used) == (WESTERN, "cp1252")


def test_charset_that_lies_is_not_believed() -> None:
    data = b'<meta charset="utf-8"><p>' + "“quoted” café €5".encode("cp1252") + b"</p>"
    text, _ = decode(data)
    assert "“quoted” café €5" in text
    assert "\ufffd" not in text


def test_declared_charset_is_used_when_the_bytes_fit() -> None:
    data = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">' + "Привет".encode("cp1251")
    text, used = decode(data)
    assert text.endswith("Привет") and used == "cp1251"


def test_latin1_label_means_windows_1252() -> None:
    """The web standard reads iso-8859-1 as windows-1252, so smart quotes survive."""
    data = b'<meta charset="iso-8859-1">' + "“quoted”".encode("cp1252")
    assert decode(data)[0].endswith("“quoted”")


def test_xml_declaration_names_the_encoding() -> None:
    data = b'<?xml version="1.0" encoding="ISO-8859-7"?><p>' + "Καλημέρα".encode("iso-8859-7") + b"</p>"
    assert declared_charset(data) == "iso8859-7"
    assert "Καλημέρα" in decode(data)[0]


@pytest.mark.parametrize("label", ["utf-7", "rot13", "no-such-codec", "base64", "utf-16"])
def test_unusable_declared_charsets_are_ignored(label: str) -> None:
    data = f'<meta charset="{label}">'.encode() + "café".encode("cp1252")
    text, _ = decode(data)
    assert text.endswith("café")


def test_mixed_utf8_and_windows_1252_both_survive() -> None:
    data = "“smart” ".encode("cp1252") + "and ünïcødé".encode()
    text, used = decode(data)
    assert text == "“smart” and ünïcødé"
    assert used == "utf-8+cp1252"


def test_undefined_windows_1252_bytes_are_dropped_not_replaced() -> None:
    text, _ = decode(b"a\x81b\x8dc\x8fd\x90e\x9df\xff")
    assert text == "abcdefÿ"


def test_bom_marks() -> None:
    assert sniff_bom(b"\xef\xbb\xbfx") == ("utf-8", 3)
    assert sniff_bom(b"\xff\xfe\x00\x00x") == ("utf-32-le", 4)
    assert sniff_bom(b"plain") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("generated__cp1252_no_charset.html", "“Smart quotes” – en dash — em dash … ellipsis"),
        ("generated__charset_lie_utf8_declared_cp1252_bytes.html", "“quoted” café €5"),
        ("generated__utf16le_bom.html", "UTF-16 LE text é中文"),
    ],
)
def test_hostile_pages(name: str, expected: str) -> None:
    text, _ = decode((HOSTILE / name).read_bytes())
    assert expected in text
    assert "\ufffd" not in text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.one_of(st.none(), st.sampled_from(["utf-8", "cp1251", "latin-1", "bogus"])))
def test_never_raises_and_never_emits_replacement_characters(data: bytes, declared: str | None) -> None:
    text, used = decode(data, declared)
    assert isinstance(text, str) and used
    assert "\ufffd" not in text


def test_replacement_characters_already_in_the_text_are_removed() -> None:
    assert decode("a\ufffdb".encode())[0] == "ab"


@pytest.mark.parametrize(
    ("data", "text", "dropped"),
    [
        (WESTERN.encode(), WESTERN, 0),
        (b"a\x81b\x8dc\x8fd\x90e\x9df\xff", "abcdefÿ", 5),  # Windows-1252 leaves five bytes undefined
        ("plan".encode("utf-16") + b"\x00", "plan", 1),  # an odd byte at the end of UTF-16
        ("a\ufffdb".encode(), "ab", 1),  # damaged before it reached us
    ],
)
def test_what_cannot_be_decoded_is_counted(data: bytes, text: str, dropped: int) -> None:
    assert decode_counted(data)[::2] == (text, dropped)


def test_a_stray_windows_1252_byte_after_a_utf8_mark_is_read_not_dropped() -> None:
    assert decode_counted(b"\xef\xbb\xbfCaf\xe9 \xe2\x80\x9cplan\xe2\x80\x9d") == ("Café “plan”", "utf-8", 0)


@pytest.mark.parametrize("suffix", [".html", ".txt", ".csv"])
def test_readers_say_when_characters_were_left_out(rules, suffix: str) -> None:
    from pathlib import Path

    from pipeline.read import read

    body = "<p>1.1.1 Train staff</p>" if suffix == ".html" else "Id,Action\n1.1.1,Train staff\n"
    clean = read(Path("plan" + suffix), rules, body.encode("utf-16"))
    assert [n.code for n in clean.notes] == []
    layout = read(Path("plan" + suffix), rules, body.encode("utf-16") + b"\x00")
    notes = [(n.severity, n.code) for n in layout.notes]
    assert notes == [("warning", "undecodable-characters")], notes
    assert layout.notes[0].message.startswith("1 character(s) that are not valid text in the file's encoding")
