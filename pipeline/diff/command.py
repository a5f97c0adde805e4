"""`python -m pipeline diff OLD NEW -o DIR`: compare two revisions, print the summary, write the report.

Exit status as everywhere: 0 written; 1 a revision could not be read (nothing is written);
2 usage error (a file that is not there, a bad rules folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.core.errors import PipelineError
from pipeline.core.model import Document
from pipeline.rules import Rules

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run_diff(old: Path, new: Path, out_dir: Path, rules_dir: Path | None = None) -> int:
    from pipeline.diff.changes import summary_lines
    from pipeline.diff.compare import compare
    from pipeline.diff.load import load_document
    from pipeline.diff.write import write_diff
    from pipeline.rules import load_rules

    rules = load_rules(rules_dir)
    docs = []
    status = EXIT_OK
    for path in (old, new):
        try:
            docs.append(load_document(path, rules))
        except PipelineError as exc:
            print(exc.line(str(path)), file=sys.stderr)
            status = max(status, EXIT_USAGE if exc.category == "usage" else EXIT_FAILED)
    if status != EXIT_OK:
        return status
    for warning in revision_warnings(old, new, docs[0], docs[1], rules):
        print(f"warning: {warning}", file=sys.stderr)
    changes = compare(docs[0], docs[1], rules)
    print(f"{old.name} → {new.name}")
    for line in summary_lines(changes):
        print(f"  {line}")
    written = write_diff(changes, out_dir, old.stem, new.stem, rules)
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def revision_warnings(old: Path, new: Path, old_doc: Document, new_doc: Document, rules: Rules) -> list[str]:
    """What looks wrong about comparing these two: not revisions of one plan, or given newest first.

    The report is written all the same (an officer may mean it); the warnings say what to check."""
    from pipeline.diff.revisions import Plan, order_plans, same_plan

    if old_doc.kind != "action_plan" or new_doc.kind != "action_plan":
        return []
    if not same_plan(old_doc, new_doc):
        return [
            f"{old.name} and {new.name} do not look like revisions of one plan (few of their actions are the "
            "same) — check these are the files you meant; the report compares them anyway"
        ]
    older = Plan(old.name, old.stem, old_doc)
    newer = Plan(new.name + " ", new.stem, new_doc)  # never the same name, even for one file given twice
    ordered = order_plans([older, newer], rules)
    if ordered.names[0] == newer.name and ordered.why[0] != "a duplicate of the one before":
        return [
            f"{new.name} looks older than {old.name} ({ordered.why[0]}) — give the older revision first "
            "if they are the wrong way round; the report compares them as given"
        ]
    return []
