"""The change set as JSON: for programs and for `git diff` of committed reports.

Deterministic: sorted keys, changes in plan order, file names (never paths), no times — the
same two revisions always give the same bytes.
"""

from __future__ import annotations

from pipeline.core.model import to_json
from pipeline.diff.changes import ChangeSet


def render_json(changes: ChangeSet) -> str:
    return to_json(changes.to_dict())
