"""Write a document's JSON: the contract serialiser, then an atomic write."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.core.model import Document, json_bytes
from pipeline.emit.atomic import write_bytes_atomic

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
SCHEMA_PATH = SCHEMA_DIR / "document.schema.json"
# The JSON every build writes, and the schema each is held to (shipped with the package).
SCHEMAS = {"document": "document.schema.json", "index": "index.schema.json", "diff": "diff.schema.json"}


def write_json(doc: Document, path: Path) -> None:
    write_bytes_atomic(path, json_bytes(doc))


@lru_cache(maxsize=4)
def schema(name: str = "document") -> dict[str, Any]:
    """A shipped JSON Schema: "document" (<name>.json), "index" (index.json) or "diff" (.diff.json)."""
    return json.loads((SCHEMA_DIR / SCHEMAS[name]).read_text(encoding="utf-8"))


def validate(data: dict[str, Any], name: str = "document") -> list[str]:
    """Every way `data` breaks that JSON Schema, as readable lines (empty if valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(name))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(data)]
