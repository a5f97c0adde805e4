"""Open a Word (.docx) file for reading, or fail with a one-line reason.

Every .docx is opened here, so that a file that is not a zip, is truncated, has no document
part, is too big when unzipped, carries XML attacks, or is password-protected is recognised in
one place and the reader never sees a library exception. The caller copies
`opening_notes(document)` (pipeline.read.guard) into `layout.notes`.

- A password-protected .docx is not a zip but an OLE2 container holding the encrypted package;
  with the password (rules/documents.yaml `passwords:` or `--password`) it is decrypted in
  memory, otherwise EncryptedFile says a password is needed. A legacy Word 97-2003 .doc (also
  OLE2, and it contains a zip, which fools `zipfile.is_zipfile`) is named as such.
- The package is checked and, where needed, repaired before python-docx parses it
  (guard_docx: size caps, DOCTYPE/entity attacks, Strict OOXML, missing part list), and what
  it parsed is checked again for a DOCTYPE (`check_parsed`).
- python-docx parses XML with entity resolution off and no network access.
"""

from __future__ import annotations

import io
from typing import Any

from pipeline.core.errors import DamagedFile, EmptyFile, PipelineError, TooLarge, UnsupportedType
from pipeline.read.guard import attach_notes, check_file_size
from pipeline.read.sniff import OLE2, SNIFF_BYTES, ZIP, describe, sniff
from pipeline.rules import Rules


def open_docx(data: bytes, rules: Rules, password: str | None = None) -> Any:
    """A python-docx `Document` over `data`."""
    from pathlib import Path

    from pipeline.read.docx.guard import check_parsed, make_safe

    limits = rules.limits
    if not data:
        raise EmptyFile("empty file (no bytes)")
    check_file_size(len(data), limits)
    if data.startswith(OLE2):
        from pipeline.read.ole import decrypt_ooxml

        data = decrypt_ooxml(data, password)
        if not data.startswith(ZIP):
            raise DamagedFile("damaged password-protected Word document (it decrypts to something else)")
    elif not data.startswith(ZIP):
        kind = sniff(Path("document.docx"), data[:SNIFF_BYTES])
        what = "plain text" if kind == "text" else describe(kind)
        raise DamagedFile(
            f"not a valid Word file (a .docx is a zip package; this is {what})",
            "save it again from Word as .docx, or ask the sender for the Word document",
        )
    package, notes = make_safe(data, int(limits.max_unzipped_mb * 1024 * 1024))
    import docx

    try:
        document = docx.Document(io.BytesIO(package))
    except PipelineError:
        raise
    except RecursionError:
        raise DamagedFile("damaged Word file: its parts refer to each other too deeply") from None
    except MemoryError:
        raise TooLarge("the Word file needs more memory than allowed to read") from None
    except ValueError as exc:
        if "content type" in str(exc):
            raise UnsupportedType("an Office file that is not a Word document") from None
        raise DamagedFile(f"damaged Word file ({_reason(exc)})") from None
    except Exception as exc:
        raise DamagedFile(f"damaged Word file ({_reason(exc)})") from None
    check_parsed(document)
    attach_notes(document, notes)
    return document


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0].strip("'\"") if str(exc).strip() else ""
    return f"{text[:80]}" if text else "its structure is broken"
