"""`extract --debug`: the intermediate stages of one document, written next to its outputs.

A wrong field should be traceable back one stage at a time: the layout blocks the reader made
(with pages and positions), then the raw cells the extractor cut them into, then the record and
where each record was read (its provenance: page, line, box).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from pipeline.core.model import Document, json_bytes
from pipeline.emit.atomic import write_bytes_atomic
from pipeline.rules import Rules


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def debug_record(path: Path, rules: Rules, password: str | None = None) -> dict[str, Any]:
    """{"layout": blocks, "kind": ..., "raw": raw records} for one file."""
    from pipeline.extract.kind import detect_kind
    from pipeline.process import read_layout

    layout = read_layout(path, rules, path.read_bytes(), password)
    kind = detect_kind(layout, rules, path.name)
    if kind == "action_plan":
        from pipeline.extract.plan import extract_plan

        raw: Any = extract_plan(layout, rules)
    else:
        from pipeline.extract.guidance import extract

        raw = extract(layout, rules)
    return {"file": path.name, "kind": kind, "layout": _plain(layout), "raw": _plain(raw)}


def write_debug(path: Path, rules: Rules, target: Path, password: str | None = None) -> None:
    data = debug_record(path, rules, password)
    write_bytes_atomic(target, (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def write_provenance(doc: Document, target: Path) -> None:
    """Each record's page, line and box: the coordinates the committed JSON leaves out, so that
    a revision adding a row changes one record there, not every record below it."""
    write_bytes_atomic(target, json_bytes(doc.provenance()))
