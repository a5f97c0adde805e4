"""File names as the outputs store them and as a terminal shows them, and what a path is.

A file name is whatever bytes the file system holds. Python hands undecodable bytes over as
lone surrogates (`\\udce2`), which no UTF-8 file can hold: the index would be written escaped
and the same name would read differently under another locale. `readable_name` gives the name
every output stores: the bytes decoded as UTF-8, and any byte that is not UTF-8 as `%E2`.

A name can also hold what a terminal obeys: an escape sequence that retitles or clears the
window, a newline that splits a one-line failure in two. `shown` is the one place where every
line the officer sees (terminal and `.build.log`) is made harmless: control characters, line
separators and bidirectional overrides become visible escapes, nothing else changes.

`not_a_document` says, without opening anything, why a path cannot be read as a document: a
folder named `x.pdf`, a named pipe (opening one would wait forever), a link to nothing.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

_UNDECODED = re.compile("[\udc80-\udcff]")
# C0 and C1 controls (newline, tab and escape among them), DEL, the Unicode line and paragraph
# separators, and the marks and overrides that reorder text on screen.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def readable_name(name: str) -> str:
    """The name as every output stores it, the same under any locale.

    "caf\\udcc3\\udca9.pdf" (UTF-8 bytes read under an ASCII locale) -> "café.pdf";
    "plan\\udce9.pdf" (a Latin-1 byte, not UTF-8) -> "plan%E9.pdf"; "plan.pdf" -> "plan.pdf".
    """
    if not _UNDECODED.search(name):
        return name
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:  # a name that did not come from the file system
        raw = name.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "surrogateescape")
    return _UNDECODED.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", text)


def shown(text: str) -> str:
    """`text` safe to print on one line: each control character as a visible escape.

    "plan\\x1b]0;owned\\x07.pdf" -> "plan\\\\x1b]0;owned\\\\x07.pdf"; "a\\nb" -> "a\\\\nb"; "café" -> "café".
    """
    text = readable_name(text)
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def not_a_document(path: Path) -> str | None:
    """Why `path` cannot be read as a document, or None for a regular file (or a link to one).

    Looks only at what the file system says of the path: a named pipe is never opened.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return "is a link to a file that is not there"
        return "file not found"
    except OSError as exc:
        if path.is_symlink():
            return f"is a link that cannot be followed ({exc.strerror or exc})"
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a document"
    if stat.S_ISFIFO(mode):
        return "is a named pipe, not a document"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a document"
    return "is a device, not a document"
