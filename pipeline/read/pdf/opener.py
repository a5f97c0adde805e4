"""Open a PDF for reading, or fail with a one-line reason.

Every PDF the pipeline reads is opened here, so that damaged, encrypted and oversized files are
recognised in one place and the table and text code never sees a library exception. The caller
closes the returned `pdfplumber.PDF` (and each page it used: `page.close()`), and copies
`opening_notes(pdf)` (pipeline.read.guard) into `layout.notes`.

Two libraries look at the file, because they fail differently:
1. qpdf (through pikepdf) opens it first. It is fast, reconstructs broken cross-reference
   tables, breaks reference loops, repairs page trees (missing /Type, /MediaBox, /Resources),
   decrypts every standard security handler, and counts pages by walking the page tree (a
   /Count entry is never trusted). Here the page limit and the decompression-bomb check
   (guard_pdf) are applied, before pdfminer decodes anything.
2. pdfplumber (pdfminer) then reads the text. If qpdf had to repair the file, or the file is
   encrypted, pdfminer reads qpdf's repaired, decrypted copy, and the reader is told (a
   "repaired-file" note) so the officer can check the result against the original. If qpdf found
   nothing wrong, pdfminer reads the original bytes; should pdfminer still fail, fall back on its
   own damaged-file path, or find fewer pages than qpdf, it gets the repaired copy instead. A
   file pdfminer reads as 0 pages or as pages without text when qpdf reads text is thereby never
   a silent loss.
If qpdf cannot open the file at all, pdfminer gets the original (it recovers some files qpdf
refuses, such as page trees nested beyond qpdf's limit); if that fails too, the file is damaged.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.core.errors import DamagedFile, EmptyFile, EncryptedFile, PipelineError, TooLarge
from pipeline.core.model import DOCUMENT, Note
from pipeline.read.guard import attach_notes, check_file_size
from pipeline.rules import Rules

# What qpdf says when it leaves a page out of the page tree it repairs (its pages are what we read).
_PAGE_DROPPED = re.compile(
    r"pages tree includes non-dictionary object|has too many errors; ignoring page|invalid kid at index",
    re.IGNORECASE,
)
_QPDF_PREFIX = re.compile(r"^stream <[^>]*>(?:, object \d+ \d+ at offset \d+| \([^)]*\))?:\s*")


@dataclass
class _Checked:
    """What qpdf made of the file."""

    pages: int | None = None  # None: qpdf could not open it
    encrypted: bool = False
    warnings: list[str] = field(default_factory=list)
    repaired: bytes | None = None  # qpdf's rewritten copy (decrypted, fresh cross-reference table)
    error: str = ""
    pdf: Any = None


def open_pdf(data: bytes, rules: Rules, password: str | None = None) -> Any:
    """A `pdfplumber.PDF` over `data` (or qpdf's repaired copy of it); PipelineError if none."""
    limits = rules.limits
    if not data.strip():
        raise EmptyFile("empty file (no bytes)" if not data else "empty file (only blank space)")
    check_file_size(len(data), limits)
    checked = _check_with_qpdf(data, rules, password)
    try:
        return _open_with_pdfminer(data, checked, password)
    finally:
        if checked.pdf is not None:
            checked.pdf.close()


def _check_with_qpdf(data: bytes, rules: Rules, password: str | None) -> _Checked:
    import pikepdf

    from pipeline.read.pdf.guard import check_stream_sizes

    try:
        pdf = pikepdf.open(io.BytesIO(data), password=password or "", suppress_warnings=True)
    except pikepdf.PasswordError:
        if password:
            raise EncryptedFile(
                "encrypted PDF: the password given does not open it",
                "check the password under passwords: in rules/documents.yaml (or --password)",
            ) from None
        raise EncryptedFile("encrypted PDF: a password is needed to open it") from None
    except Exception as exc:
        return _Checked(error=_first_line(str(exc)))
    checked = _Checked(pdf=pdf, encrypted=bool(pdf.is_encrypted))
    try:
        checked.pages = len(pdf.pages)
    except Exception as exc:
        pdf.close()
        return _Checked(error=_first_line(str(exc)))
    if checked.pages > rules.limits.max_pages:
        pdf.close()
        raise TooLarge(f"{checked.pages} pages, over the {rules.limits.max_pages} page limit")
    check_stream_sizes(pdf, int(rules.limits.max_stream_mb * 1024 * 1024))
    checked.warnings = [_first_line(w) for w in pdf.get_warnings()]
    if checked.warnings or checked.encrypted:
        checked.repaired = _rewrite(pdf)
    return checked


def _rewrite(pdf: Any) -> bytes | None:
    """qpdf's copy of the file: decrypted, fresh cross-reference table, streams byte for byte."""
    import pikepdf

    out = io.BytesIO()
    try:
        pdf.save(
            out,
            encryption=False,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            fix_metadata_version=False,
            preserve_pdfa=False,
            deterministic_id=True,
        )
    except Exception:
        return None
    return out.getvalue()


def _open_with_pdfminer(data: bytes, checked: _Checked, password: str | None) -> Any:
    notes: list[Note] = []
    if checked.repaired is not None:
        pdf, failure = _try_pdfminer(checked.repaired, "")
        if pdf is not None:
            if checked.warnings:
                notes.append(_repaired_note(checked.warnings))
            return _finish(pdf, checked, notes)
    pdf, failure = _try_pdfminer(data, password)
    if pdf is not None and checked.pages is not None and (_used_fallback(pdf) or len(pdf.pages) < checked.pages):
        # pdfminer got less out of the file than qpdf: read qpdf's rewritten copy instead
        repaired = checked.repaired if checked.repaired is not None else _rewrite(checked.pdf)
        second, _ = _try_pdfminer(repaired, "") if repaired else (None, None)
        if second is not None and len(second.pages) >= len(pdf.pages):
            pdf.close()
            notes.append(_repaired_note(checked.warnings))
            return _finish(second, checked, notes)
        if second is not None:
            second.close()
    if pdf is None and checked.pages and checked.repaired is None:
        repaired = _rewrite(checked.pdf)
        pdf, _ = _try_pdfminer(repaired, "") if repaired else (None, failure)
        if pdf is not None:
            notes.append(_repaired_note(checked.warnings))
    if pdf is None:
        if checked.error and isinstance(failure, DamagedFile):
            raise DamagedFile(f"damaged PDF that could not be repaired ({checked.error})")
        raise failure or DamagedFile("damaged PDF that could not be repaired")
    if checked.pages is None and checked.error:
        notes.append(
            Note(
                "warning",
                "repaired-file",
                DOCUMENT,
                f"the PDF is damaged ({checked.error}); its text was read as far as it could be — "
                "check the result against the original",
            )
        )
    return _finish(pdf, checked, notes)


def _finish(pdf: Any, checked: _Checked, notes: list[Note]) -> Any:
    pages = len(pdf.pages)
    if pages == 0:
        pdf.close()
        if checked.pages is None and checked.error:
            raise DamagedFile(f"damaged PDF: no pages could be found ({checked.error})")
        raise EmptyFile("the PDF has no pages")
    if checked.pages is not None and pages < checked.pages:
        notes.append(
            Note(
                "error",
                "pages-missing",
                DOCUMENT,
                f"only {pages} of the PDF's {checked.pages} pages could be read; the others are damaged",
            )
        )
    dropped = sum(1 for warning in checked.warnings if _PAGE_DROPPED.search(warning))
    if dropped:
        notes.append(
            Note(
                "error",
                "pages-missing",
                DOCUMENT,
                f"{dropped} page(s) of the PDF are damaged beyond reading and were left out, with "
                "anything on them — re-export the PDF from the original",
            )
        )
    attach_notes(pdf, notes)
    return pdf


def _try_pdfminer(data: bytes, password: str | None) -> tuple[Any, PipelineError | None]:
    """(pdfplumber.PDF with its pages listed, None) or (None, the reason it failed)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except Exception as exc:
        cause = exc.__cause__ or exc
        if isinstance(cause, PDFPasswordIncorrect):
            if password:
                return None, EncryptedFile("encrypted PDF: the password given does not open it")
            return None, EncryptedFile("encrypted PDF: a password is needed to open it")
        if isinstance(cause, PDFEncryptionError):
            return None, EncryptedFile(
                "encrypted PDF whose encryption is damaged or of an unsupported kind",
                "ask the sender for a copy without a password",
            )
        return None, DamagedFile(f"damaged PDF that could not be repaired ({_describe(cause)})")
    try:
        _ = len(pdf.pages)
    except Exception as exc:
        # pdfplumber's close() makes every page in order to close it, and making them is what
        # failed: release the file itself
        pdf.stream.close()
        return None, DamagedFile(f"damaged PDF that could not be repaired ({_describe(exc.__cause__ or exc)})")
    return pdf, None


def _used_fallback(pdf: Any) -> bool:
    """True if pdfminer could not use the file's cross-reference table and guessed its own."""
    from pdfminer.pdfdocument import PDFXRefFallback

    return any(isinstance(xref, PDFXRefFallback) for xref in getattr(pdf.doc, "xrefs", []))


def _repaired_note(warnings: list[str]) -> Note:
    generic = ("file is damaged", "attempting to reconstruct")
    specific = [w for w in warnings if not w.lower().startswith(generic)] or warnings
    detail = specific[0] if specific else "its structure could not be read as it is"
    more = f", and {len(warnings) - 1} more problem{'s' if len(warnings) > 2 else ''}" if len(warnings) > 1 else ""
    return Note(
        "warning",
        "repaired-file",
        DOCUMENT,
        f"the PDF is damaged ({detail}{more}); its text was read from a repaired copy — "
        "check the result against the original",
    )


def _first_line(text: str) -> str:
    """qpdf's message, its first line, without the stream name and offsets it starts with."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return _QPDF_PREFIX.sub("", line).strip()[:120]


def _describe(exc: BaseException) -> str:
    """pdfminer's reason in a few words (no library class names)."""
    if isinstance(exc, RecursionError):
        return "its structure loops back on itself"
    text = _first_line(str(exc))
    return text[:80] if text else "its structure is broken"
