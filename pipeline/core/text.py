"""Small pure `str -> str` cleaners that undo layout and nothing else.

The document's own words stay: typos, capitals and punctuation are kept. Only what layout did
to the words is undone: line wraps, hyphens that a wrap left at a line end, runs of spaces,
invisible characters and control bytes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Bullet glyphs as documents print them. Word's bullets come out of a PDF conversion as the
# private-use characters of the Symbol and Wingdings fonts (U+F0B7, U+F0A7, ...).
BULLETS = "•●◦▪▫■□‣⁃∙·○☐❑➢►▶❖\uf0b7\uf0a7\uf076\uf0d8\uf0fc"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WRAP_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")
_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c)[ \t]*")


def strip_controls(text: str) -> str:
    """Drop NUL, C0/C1 controls, ANSI escapes and soft hyphens; keep newlines and tabs.

    "a\\x00b\\x1b[31mc" -> "abc"
    """
    text = _ANSI.sub("", text)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _INVISIBLE.sub("", text)


def join_wrapped(text: str) -> str:
    """Join lines a layout wrapped; a hyphen left at a line end stays and joins its word.

    "self-\\nharm" -> "self-harm";  "parents \\nand carers" -> "parents and carers"
    """
    text = _WRAP_HYPHEN.sub("-", text)
    return _BREAKS.sub(" ", text)


def collapse_spaces(text: str) -> str:
    """One space between words, none at the ends.  "Clarify  the\\tpath " -> "Clarify the path" """
    return _SPACES.sub(" ", text).strip()


def clean(text: str | None) -> str:
    """Everything layout did undone: controls, wraps, hyphen breaks, spaces, NFC form.

    " Deliver self-\\nharm  training \\n" -> "Deliver self-harm training"
    """
    if not text:
        return ""
    if text.isascii() and text.isprintable() and "  " not in text:
        return text.strip(" ")  # no control, break, tab, run of spaces or non-ASCII: nothing to undo
    return _clean(text)


@lru_cache(maxsize=16384)
def _clean(text: str) -> str:
    """`clean` of text with something to undo; a table's cells are cleaned by several readers."""
    text = unicodedata.normalize("NFC", strip_controls(text)).translate(_SYMBOL_BULLETS)
    return collapse_spaces(join_wrapped(text))


# Word's list bullets set in the Symbol or Wingdings font come out of a PDF as private-use
# characters; they are the bullets a reader sees.
_SYMBOL_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0a8": "•", "\uf076": "❖", "\uf0d8": "➢"})


def clean_or_none(text: str | None) -> str | None:
    """`clean`, with an empty result as None (an empty cell is not an empty string)."""
    out = clean(text)
    return out or None


def safe_text(text: str) -> str:
    """Text fit for JSON and spreadsheets: no control characters, NFC; layout left as it is."""
    return unicodedata.normalize("NFC", strip_controls(text))


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Compare form of a vocabulary word: lower case, single spaces, no trailing `.:`.

    "  Initial   Meeting. " -> "initial meeting"  (kept: a plan's header cells are folded once per row)
    """
    text = _WHITESPACE.sub(" ", text.replace("\u00a0", " ")).strip().lower()
    return text.rstrip(" .:;,").strip()


_WHITESPACE = re.compile(r"\s+")
