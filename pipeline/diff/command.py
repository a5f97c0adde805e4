"""`python -m pipeline diff OLD NEW -o DIR`: compare two revisions, print the summary, write the report.

Exit status as everywhere: 0 written; 1 a revision could not be read (nothing is written);
2 usage error (a file that is not there, a bad rules folder).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.errors import PipelineError
from pipeline.core.model import Document
from pipeline.core.names import readable_name, shown
from pipeline.rules import Rules

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class DiffReport:
    """What a diff tells the officer: `warnings` (stderr) and `lines` (the summary, the files written)."""

    warnings: list[str]
    lines: list[str]


def run_diff(old: Path, new: Path, out_dir: Path, rules_dir: Path | None = None) -> int:
    """The diff in this process, without the limits `plan-pipeline diff` runs it under
    (`pipeline.build.commands`): for callers that hold both revisions already."""
    from pipeline.rules import load_rules

    rules = load_rules(rules_dir)
    docs = []
    status = EXIT_OK
    for path in (old, new):
        try:
            docs.append(load_revision(str(path), str(rules.directory)))
        except PipelineError as exc:
            print(shown(exc.line(str(path))), file=sys.stderr)
            status = max(status, EXIT_USAGE if exc.category == "usage" else EXIT_FAILED)
    if status != EXIT_OK:
        return status
    try:
        report = write_report(str(old), str(new), docs[0], docs[1], str(out_dir), str(rules.directory))
    except PipelineError as exc:
        print(shown(exc.line(str(out_dir))), file=sys.stderr)
        return EXIT_FAILED
    for warning in report.warnings:
        print(shown(f"warning: {warning}"), file=sys.stderr)
    for line in report.lines:
        print(shown(line))
    return EXIT_OK


def load_revision(source: str, rules_dir: str) -> Document:
    """One revision, read (a worker's job: `pipeline.build.commands`); a PipelineError says why not."""
    from pipeline.diff.load import load_document
    from pipeline.rules import load_rules

    return load_document(Path(source), load_rules(rules_dir))


def write_report(old: str, new: str, old_doc: Document, new_doc: Document, out_dir: str, rules_dir: str) -> DiffReport:
    """Compare two revisions and write the report into `out_dir` (a worker's job too)."""
    from pipeline.diff.changes import summary_lines
    from pipeline.diff.compare import compare
    from pipeline.diff.write import write_diff
    from pipeline.rules import load_rules

    rules = load_rules(rules_dir)
    old_path, new_path = Path(old), Path(new)
    old_name, new_name = readable_name(old_path.name), readable_name(new_path.name)
    warnings = revision_warnings(old_path, new_path, old_doc, new_doc, rules)
    changes = compare(old_doc, new_doc, rules)
    lines = [f"{old_name} → {new_name}", *(f"  {line}" for line in summary_lines(changes))]
    try:
        written = write_diff(changes, Path(out_dir), Path(old_name).stem, Path(new_name).stem, rules)
    except OSError as exc:
        raise PipelineError(
            f"the report could not be written ({exc.strerror or exc})",
            "check there is free space and the folder can be written",
        ) from None
    return DiffReport(warnings, [*lines, *(f"wrote {path}" for path in written)])


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
    old_name, new_name = readable_name(old.name), readable_name(new.name)
    older = Plan(old_name, Path(old_name).stem, old_doc)
    newer = Plan(new_name + " ", Path(new_name).stem, new_doc)  # never the same name, even for one file given twice
    ordered = order_plans([older, newer], rules)
    if ordered.names[0] == newer.name and ordered.why[0] != "a duplicate of the one before":
        return [
            f"{new.name} looks older than {old.name} ({ordered.why[0]}) — give the older revision first "
            "if they are the wrong way round; the report compares them as given"
        ]
    return []
