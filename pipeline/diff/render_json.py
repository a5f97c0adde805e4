"""The change set as JSON: for programs and for `git diff` of committed reports.

Deterministic: sorted keys, changes in plan order, file names (never paths), no times — the
same two revisions always give the same bytes.
"""

from __future__ import annotations

import json

from pipeline.diff.changes import ChangeSet


def render_json(changes: ChangeSet) -> str:
    return json.dumps(changes.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
