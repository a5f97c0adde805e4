"""`extract --debug`: the intermediate stages of one document, written next to its outputs.

A wrong field should be traceable back one stage at a time: the layout blocks the reader made
(with pages and positions), then the raw cells the extractor cut them into, then the record and
where each record was read (its provenance: page, line, box). The stages are written for a file
that fails too, up to the stage that stopped it.
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
    """{"layout": blocks, "kind": ..., "raw": raw records} for one file, as far as it gets.

    A file that fails is when the stages are needed most: every stage that ran is kept, and
    `stopped` says why the next did not (the same one-line reason the officer is given).
    """
    from pipeline.core.errors import PipelineError
    from pipeline.extract.kind import detect_kind
    from pipeline.process import document_from_layout, read_layout

    out: dict[str, Any] = {"file": path.name}
    try:
        layout = read_layout(path, rules, path.read_bytes(), password)
        out["layout"] = _plain(layout)
        kind = detect_kind(layout, rules, path.name)
        out["kind"] = kind
        if kind == "action_plan":
            from pipeline.extract.plan import extract_plan

            raw: Any = extract_plan(layout, rules)
        else:
            from pipeline.extract.guidance import extract

            raw = extract(layout, rules)
        out["raw"] = _plain(raw)
        document_from_layout(layout, path.name, "", rules)  # what would stop the record being written
    except PipelineError as exc:
        out["stopped"] = exc.reason
    except Exception as exc:  # a defect of ours, or an unreadable file: the stages so far still help
        out["stopped"] = f"{type(exc).__name__}: {exc}"
    return out


def write_debug(path: Path, rules: Rules, target: Path, password: str | None = None) -> None:
    data = debug_record(path, rules, password)
    write_bytes_atomic(target, (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def write_provenance(doc: Document, target: Path) -> None:
    """Each record's page, line and box: the coordinates the committed JSON leaves out, so that
    a revision adding a row changes one record there, not every record below it."""
    write_bytes_atomic(target, json_bytes(doc.provenance()))
