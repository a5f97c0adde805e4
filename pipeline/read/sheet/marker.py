"""The mark inside a workbook this pipeline wrote, so that an officer's edited copy comes back as
the plan's next revision whatever the file is then called.

The per-document workbook carries a very hidden sheet (`MARKER_SHEET`; Excel shows it nowhere,
LibreOffice keeps it as a hidden sheet) of key/value rows:

    marker        plan-pipeline workbook
    version       1
    source file   self-harm-action-plan.pdf      the document the records were read from
    source sha256 3f5a...                         its content hash: the revision this one follows
    title         Self-Harm Action Plan
    sheet         Actions                         the sheet read back
    columns       {"Action": "id", ...}           what each column of that sheet holds
    sheets        {"Summary": "9c1e...", ...}     a fingerprint of every other sheet's values

Both the writer (`pipeline.emit.xlsx`) and the readers use this module, so the two sides
cannot drift apart. The column roles name contract fields (`id`, `text`, `status`, ...), plus
`outcome_text` (the outcome's words beside its number), `status_written` (the status as the
plan wrote it, beside the drop-down), `extra:<key>` (a plan's own column, kept under `extra`)
and `derived` (worked out from the other columns: never read back).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

MARKER_SHEET = "_plan_pipeline"
MARKER = "plan-pipeline workbook"
VERSION = 1
ROLES = (
    "section",
    "outcome",
    "outcome_text",
    "id",
    "title",
    "text",
    "status",
    "status_written",
    "lead",
    "timescale",
    "update",
    "links",
    "age_group",
    "derived",
)
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass
class Marker:
    source_file: str
    source_sha256: str
    title: str
    sheet: str
    columns: dict[str, str]  # header -> role
    sheets: dict[str, str] = field(default_factory=dict)  # other sheet -> fingerprint of its values

    def rows(self) -> list[tuple[str, str]]:
        """The key/value rows the writer puts in the marker sheet."""
        return [
            ("marker", MARKER),
            ("version", str(VERSION)),
            ("source file", self.source_file),
            ("source sha256", self.source_sha256),
            ("title", self.title),
            ("sheet", self.sheet),
            ("columns", json.dumps(self.columns, ensure_ascii=False, sort_keys=True)),
            ("sheets", json.dumps(self.sheets, ensure_ascii=False, sort_keys=True)),
        ]


def from_rows(rows: dict[str, str]) -> Marker | None:
    """The marker from its key/value rows, or None when they are not a whole marker of ours."""
    if rows.get("marker") != MARKER:
        return None
    try:
        columns = json.loads(rows.get("columns", ""))
        sheets = json.loads(rows.get("sheets") or "{}")
    except ValueError:
        return None
    sha = rows.get("source sha256", "")
    if not isinstance(columns, dict) or not isinstance(sheets, dict) or not re.fullmatch(r"[0-9a-f]{64}", sha):
        return None
    return Marker(
        source_file=rows.get("source file", "") or "(unknown)",
        source_sha256=sha,
        title=rows.get("title", ""),
        sheet=rows.get("sheet", "") or "Actions",
        columns={str(k): str(v) for k, v in columns.items()},
        sheets={str(k): str(v) for k, v in sheets.items()},
    )


def shown(value: Any, number_format: str | None = None) -> str:
    """A written cell value as the readers will read it back (the same text on both sides): a
    number as its cell's format shows it ("0.85" in a "0%" cell reads "85%")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return ""
        from pipeline.read.sheet.numfmt import general, render

        if number_format and number_format != "General":
            return render(float(value), number_format)
        return general(float(value))
    text = str(value)
    if "_x" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fingerprint(cells: Iterable[tuple[int, int, str]]) -> str:
    """A short hash of a sheet's values (row, column, text), blank cells left out: any edit changes it."""
    digest = hashlib.sha256()
    for row, column, text in sorted(cells):
        if text.strip():
            digest.update(f"{row}\x1f{column}\x1f{text.strip()}\x1e".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]
