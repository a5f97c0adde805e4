"""Damaged copies of the fixture plans: does any lose actions without a word?

Each copy has one byte flipped at a seeded random place (any byte of the file: content streams,
fonts, the cross-reference table). A copy either fails with a one-line error, gives every action
of the undamaged plan, or carries an error finding saying what was lost; a copy that gives fewer
actions and says nothing is a silent loss. Copies whose actions all come out but some of their
text or status differs, with no error finding (a damaged font's widths run words together), are
counted apart: nothing is missing, but the damage shows only in warnings.

Run: `.venv/bin/python bench/mutants.py [--count N] [--seed S] [FILE.pdf ...]` (default: every
fixture plan PDF, 100 copies each). It prints one line per file and a summary line
"N mutants, M lost silently", and exits 1 when M is not 0. `tests/test_pdf_losses.py` runs a
dozen copies of one plan on every test run.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from pipeline.core.errors import PipelineError  # noqa: E402
from pipeline.core.model import Document  # noqa: E402
from pipeline.process import process  # noqa: E402
from pipeline.rules import Rules, load_rules  # noqa: E402

PLANS = ("plan-word.pdf", "plan-borderless.pdf", "plan-browser.pdf", "plan-word-unruled.pdf")
LOSS_FINDINGS = ("lost-text", "unreadable-page", "pages-missing")  # the error findings that say what was lost


@dataclass
class Sweep:
    """What the damaged copies of one file came to."""

    count: int = 0
    failed: int = 0  # refused with a one-line reason
    whole: int = 0  # every action, as in the undamaged file
    reported: int = 0  # actions missing or changed, and an error finding says what was lost
    changed: list[str] = field(default_factory=list)  # every action there, some text differs, no error finding
    silent: list[str] = field(default_factory=list)  # actions missing, no error finding

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.count} mutants: {self.failed} refused, {self.whole} whole, "
            f"{self.reported} with an error finding, {len(self.changed)} changed without one, "
            f"{len(self.silent)} lost silently"
        )


def mutants(data: bytes, seed: int, count: int) -> Iterator[tuple[int, bytes]]:
    """`count` copies of `data`, each with one byte flipped: (where, the copy)."""
    rng = random.Random(seed)
    for _ in range(count):
        copy = bytearray(data)
        at = rng.randrange(len(copy))
        copy[at] ^= rng.randrange(1, 256)
        yield at, bytes(copy)


def sweep(path: Path, rules: Rules, seed: int, count: int, whole: Document | None = None) -> Sweep:
    """Read `count` damaged copies of the plan at `path` and sort them by what they came to."""
    whole = whole or process(path, rules)
    wanted = {a.id for a in whole.actions}
    records = {(a.id, a.text, a.status) for a in whole.actions}
    out = Sweep()
    for at, copy in mutants(path.read_bytes(), seed, count):
        out.count += 1
        try:
            doc = process(Path(path.name), rules, copy)
        except PipelineError:
            out.failed += 1
            continue
        said = any(f.severity == "error" and f.code in LOSS_FINDINGS for f in doc.findings)
        missing = wanted - {a.id for a in doc.actions}
        if not missing and records <= {(a.id, a.text, a.status) for a in doc.actions}:
            out.whole += 1
        elif said:
            out.reported += 1
        elif missing:
            out.silent.append(f"byte {at}: {len(missing)} action(s) missing ({', '.join(sorted(missing)[:5])})")
        else:
            out.changed.append(f"byte {at}: text or status of some actions differs")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="plan PDFs (default: the fixture plans)")
    parser.add_argument("--count", type=int, default=100, help="damaged copies per file")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)  # the libraries' warnings are caught by the reader, not printed
    rules = load_rules()
    files = args.files or [ROOT / "tests" / "fixtures" / "files" / name for name in PLANS]
    total, silent, started = 0, 0, time.perf_counter()
    for path in files:
        result = sweep(path, rules, args.seed, args.count)
        print(result.line(path.name))
        for line in result.silent + result.changed:
            print(f"  {line}")
        total += result.count
        silent += len(result.silent)
    print(f"{total} mutants, {silent} lost silently ({time.perf_counter() - started:.0f} s)")
    return 1 if silent else 0


if __name__ == "__main__":
    sys.exit(main())
