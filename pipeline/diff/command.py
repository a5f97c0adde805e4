"""`python -m pipeline diff OLD NEW -o DIR`: compare two revisions, print the summary, write the report.

Exit status as everywhere: 0 written; 1 a revision could not be read (nothing is written);
2 usage error (a file that is not there, a bad rules folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.core.errors import PipelineError

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
    changes = compare(docs[0], docs[1], rules)
    print(f"{old.name} → {new.name}")
    for line in summary_lines(changes):
        print(f"  {line}")
    written = write_diff(changes, out_dir, old.stem, new.stem, rules)
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK
