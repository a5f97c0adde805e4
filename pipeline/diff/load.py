"""A revision to compare: an input document (read through the whole pipeline) or its JSON.

Reviewers diff what they have: the PDF they were sent, or the `outputs/<name>.json` committed
last quarter. Either way the result is the same `Document`; anything that is not an action
plan, or not a JSON the pipeline wrote, is a one-line error naming the file.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.core.errors import PipelineError, UsageError
from pipeline.core.kinds import KINDS
from pipeline.core.model import SCHEMA_VERSION, Document, from_dict
from pipeline.emit.json_out import validate
from pipeline.rules import Rules


class NotAPlan(PipelineError):
    category = "not-a-plan"
    remedy = "diff compares two revisions of an action plan; give two plans (documents or their .json)"


def load_document(path: Path, rules: Rules) -> Document:
    """The plan in `path`: JSON written by the pipeline, or any input document."""
    if not path.exists():
        raise UsageError("file not found", "check the name and the folder")
    if path.is_dir():
        raise UsageError("is a folder", "give a document or its .json")
    if path.suffix.lower() == ".json":
        doc = _from_json(path)
    else:
        from pipeline.process import process

        doc = process(path, rules)
    kind = KINDS[doc.kind]
    if not kind.revisions:
        raise NotAPlan(f"is {kind.phrase}, not an action plan")
    return doc


def _from_json(path: Path) -> Document:
    """The document in a pipeline JSON, checked against the shipped schema before it is used:
    a crafted or damaged file (a dict where a status should be, nesting a thousand deep) is one
    line naming what is wrong, never a traceback halfway through the comparison."""
    remedy = "give the .json the pipeline wrote (outputs/<name>.json) or the original document"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PipelineError(f"cannot be read ({exc.strerror or exc})", "check the file is there and readable") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PipelineError(f"is not valid JSON ({exc})", remedy) from None
    except RecursionError:
        raise PipelineError("is JSON nested too deeply to be a document the pipeline wrote", remedy) from None
    if not isinstance(data, dict) or "kind" not in data or "source" not in data:
        raise PipelineError("is JSON, but not a document the pipeline wrote", remedy)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise PipelineError(
            f"was written for contract version {_brief(data.get('schema_version'))}, "
            f"this pipeline reads version {SCHEMA_VERSION}",
            "extract the original document again",
        )
    try:
        problems = validate(data)
    except RecursionError:
        problems = ["(root): nested too deeply"]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise PipelineError(f"is not a document the pipeline wrote: {_brief(problems[0], 160)}{more}", remedy)
    try:
        return from_dict(data)
    except (TypeError, KeyError, AttributeError, ValueError, RecursionError) as exc:
        raise PipelineError(f"is a damaged pipeline JSON ({type(exc).__name__}: {_brief(exc)})", remedy) from None


def _brief(value: object, limit: int = 80) -> str:
    """A value or message short enough for one line: '{"a": {"a": ...' rather than a page of it."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
