"""Open a PDF for reading, or fail with a one-line reason.

Every PDF the pipeline reads is opened here, so that damaged, encrypted and oversized files
are recognised in one place and the table and text code never sees a library exception.
The caller closes the returned object (and each page it used: `page.close()`).
"""

from __future__ import annotations

import io
from typing import Any

from pipeline.errors import DamagedFile, EncryptedFile, TooLarge
from pipeline.rules import Rules


def open_pdf(data: bytes, rules: Rules, password: str | None = None) -> Any:
    """A `pdfplumber.PDF` over `data`."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    limit = rules.limits.max_file_mb * 1024 * 1024
    if len(data) > limit:
        raise TooLarge(f"file is {len(data) / 1024 / 1024:.0f} MB, over the {rules.limits.max_file_mb:g} MB limit")
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        pages = len(pdf.pages)
    except Exception as exc:  # pdfplumber wraps pdfminer errors; look at the cause
        cause = exc.__cause__ or exc
        if isinstance(cause, PDFPasswordIncorrect):
            if password:
                raise EncryptedFile("encrypted PDF: the password given does not open it") from None
            raise EncryptedFile("encrypted PDF: a password is required to open it") from None
        raise DamagedFile(f"damaged PDF ({type(cause).__name__})") from None
    if pages > rules.limits.max_pages:
        pdf.close()
        raise TooLarge(f"{pages} pages, over the {rules.limits.max_pages} page limit")
    return pdf
