"""Spreadsheet safety and reproducibility, shared by every workbook the pipeline writes.

- `cell_text`: text from a document never becomes a formula. openpyxl stores any string that
  starts with "=" as a formula, and Excel treats "+", "-", "@", tab and carriage return the same
  way on edit or CSV export; such text gets a leading apostrophe-equivalent (the cell is set as
  a string with a quote prefix) so what the officer sees is what the document said.
- `save_reproducible`: the same workbook gives the same bytes. openpyxl stamps the current time
  into docProps/core.xml and every zip entry; both are fixed here.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from pipeline.emit.atomic import write_bytes_atomic
from pipeline.normalise.text import strip_controls

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
FIXED_TIME = "2000-01-01T00:00:00Z"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_CELL = 32767


def cell_text(value: Any) -> Any:
    """A value safe to put in a cell: no formula, no control characters, within Excel's limit.

    "=HYPERLINK(\\"x\\")" -> "'=HYPERLINK(\\"x\\")" is not what happens: the text is kept as is and
    `write_cell` marks the cell as text with a quote prefix, so the officer sees the document's
    own characters. Control characters are dropped because they make the file unreadable.
    """
    if not isinstance(value, str):
        return value
    value = _ILLEGAL_XML.sub("", strip_controls(value))
    if len(value) > MAX_CELL:
        value = value[: MAX_CELL - 1] + "…"
    return value


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def write_cell(ws: Any, row: int, column: int, value: Any) -> Any:
    """Put a value in a cell as data, never as a formula. Returns the cell."""
    cell = ws.cell(row=row, column=column)
    value = cell_text(value)
    if isinstance(value, str):
        if value[:1] in ("\t", "\r"):
            value = value.lstrip("\t\r")
        cell.value = value
        cell.data_type = "s"  # a string, even when it starts with "="
        if is_formula_like(value) or value[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True  # Excel shows it as typed text, not a formula, when edited
    else:
        cell.value = value
    return cell


def save_reproducible(workbook: Any, path: Path) -> None:
    """Save with fixed document times and zip entry times, atomically."""
    workbook.properties.creator = "plan-pipeline"
    workbook.properties.lastModifiedBy = "plan-pipeline"
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes_atomic(path, normalise_zip(buffer.getvalue()))


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps (entries and docProps/core.xml), same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = payload.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{FIXED_TIME}\g<2>", text
                )
                payload = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, payload)
    return out.getvalue()
