"""Spreadsheet safety and reproducibility, shared by every workbook the pipeline writes.

- `write_cell`: text from a document never becomes a formula. openpyxl stores any string that
  starts with "=" as a formula, and Excel treats "+", "-", "@", tab and carriage return (and
  their full-width forms) as the start of one when a cell is edited or a sheet is saved as CSV.
  Every string is stored as a string cell (never `<f>`), and formula-like text also gets Excel's
  "quote prefix" (what typing an apostrophe first does), so the officer sees the document's
  own characters and editing the cell does not run anything.
- `cell_text`: values Excel cannot hold are made safe: XML-illegal characters and lone
  surrogates dropped, text cut at Excel's 32,767-character limit, NaN/infinity left blank.
- `save_reproducible`: the same workbook gives the same bytes whatever the clock or time zone.
  openpyxl stamps the current time into docProps/core.xml and every zip entry; both are fixed.
  Each sheet also tells Excel that number-like text (ids such as "1.1") is text on purpose.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.core.text import strip_controls
from pipeline.emit.atomic import write_bytes_atomic

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
FIXED_TIME = "2000-01-01T00:00:00Z"
FIXED_DATETIME = datetime.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
MAX_CELL = 32767
_WORKSHEET = re.compile(r"xl/worksheets/sheet\d+\.xml")
# Elements a worksheet may hold after <ignoredErrors>, in schema order (ECMA-376 CT_Worksheet).
_AFTER_IGNORED = (
    "<smartTags",
    "<drawing",
    "<legacyDrawing",
    "<legacyDrawingHF",
    "<drawingHF",
    "<picture",
    "<oleObjects",
    "<controls",
    "<webPublishItems",
    "<tableParts",
    "<extLst",
    "</worksheet>",
)
_IGNORED_ERRORS = b'<ignoredErrors><ignoredError sqref="A1:XFD1048576" numberStoredAsText="1"/></ignoredErrors>'
_PLAIN_TYPES = (bool, int, float, Decimal, datetime.date, datetime.datetime, datetime.time, datetime.timedelta)


def cell_text(value: Any) -> Any:
    """A value safe to put in a cell: no control characters, within Excel's limit.

    "a\\x00b" -> "ab"; float("nan") -> None; ["1.1", "1.2"] -> "1.1, 1.2"
    """
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None  # Excel reports a file holding NaN or infinity as damaged
    if isinstance(value, _PLAIN_TYPES):
        return value
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    value = _ILLEGAL_XML.sub("", strip_controls(str(value)))
    if _utf16_length(value) > MAX_CELL:
        value = _cut(value, MAX_CELL - 1) + "…"
    return value


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _cut(text: str, units: int) -> str:
    """The longest prefix of `text` that fits in `units` UTF-16 code units (Excel counts those)."""
    out, used = [], 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            break
        out.append(ch)
    return "".join(out)


def is_formula_like(value: Any) -> bool:
    """True when Excel could take the text for a formula: "=1+1", "+44 ...", " @SUM(A1)", "\\t=x"."""
    return isinstance(value, str) and value.lstrip(" \u00a0\u3000").startswith(FORMULA_START)


def write_cell(ws: Any, row: int, column: int, value: Any) -> Any:
    """Put a value in a cell as data, never as a formula. Returns the cell."""
    cell = ws.cell(row=row, column=column)
    value = cell_text(value)
    if isinstance(value, str):
        # Excel reads "_x0041_" in a string as "A"; "_x005F_" keeps the underscore literal.
        stored = _EXCEL_ESCAPE.sub(r"_x005F_\1", value)
        cell.value = stored
        cell.data_type = "s"  # a string, even when it starts with "="
        if is_formula_like(value):
            cell.quotePrefix = True  # shown and edited as typed text, as if typed after an apostrophe
    else:
        cell.value = value
    return cell


AUTHOR = "plan-pipeline"  # the creator of every workbook and the author of its cell notes


def reproducible_bytes(workbook: Any) -> bytes:
    """A workbook's file content with fixed document times and zip entry times."""
    workbook.properties.creator = AUTHOR
    workbook.properties.lastModifiedBy = AUTHOR
    workbook.properties.created = FIXED_DATETIME
    workbook.properties.lastPrinted = None
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except Exception:
        # openpyxl writes each sheet through a temporary file; when the disk or the file size limit
        # stops it, the failure is reported from here, and the sheet writer left open raises the same
        # error again when it is collected: that echo is not printed as a second, raw traceback
        _quiet_failed_sheet_writers()
        raise
    return normalise_zip(buffer.getvalue())


def _quiet_failed_sheet_writers() -> None:
    previous = sys.unraisablehook
    if getattr(previous, "quiet_sheet_writers", False):
        return

    def hook(unraisable: Any) -> None:
        name = getattr(unraisable.object, "__qualname__", "")
        if name.endswith("get_stream") and type(unraisable.exc_value).__name__ == "SerialisationError":
            return
        previous(unraisable)

    hook.quiet_sheet_writers = True  # type: ignore[attr-defined]
    sys.unraisablehook = hook


def save_reproducible(workbook: Any, path: Path) -> None:
    """Save with fixed document times and zip entry times, atomically."""
    write_bytes_atomic(path, reproducible_bytes(workbook))


def ignore_numbers_as_text(sheet_xml: bytes) -> bytes:
    """Tell Excel that ids such as "1.1" are text on purpose (no green "number stored as text" marks).

    openpyxl cannot write <ignoredErrors>, so it is placed here, where the schema wants it.
    """
    if b"<ignoredErrors" in sheet_xml:
        return sheet_xml
    positions = [sheet_xml.find(tag.encode()) for tag in _AFTER_IGNORED]
    found = [p for p in positions if p >= 0]
    if not found:
        return sheet_xml
    at = min(found)
    return sheet_xml[:at] + _IGNORED_ERRORS + sheet_xml[at:]


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps (entries and docProps/core.xml), same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if _WORKSHEET.fullmatch(info.filename):
                payload = ignore_numbers_as_text(payload)
            if info.filename == "docProps/core.xml":
                text = payload.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{FIXED_TIME}\g<2>", text
                )
                payload = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # the same bytes whichever system wrote the file
            entry.external_attr = 0o644 << 16
            target.writestr(entry, payload, compresslevel=6)
    return out.getvalue()
