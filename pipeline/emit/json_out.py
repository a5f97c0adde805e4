"""Write a document's JSON: the contract serialiser, then an atomic write."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.core.model import Document, json_bytes
from pipeline.emit.atomic import write_bytes_atomic

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "document.schema.json"


def write_json(doc: Document, path: Path) -> None:
    write_bytes_atomic(path, json_bytes(doc))


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the contract's JSON Schema, as readable lines (empty if valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(data)]
