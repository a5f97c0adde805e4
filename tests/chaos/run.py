"""`make chaos`: every fault scenario over a real multi-document build (not part of `make test`).

Builds a folder of plans and guidance in every format (text, Word, PDF, HTML, revisions of one
plan), makes a clean build of it as the reference, then runs each scenario of
`tests.chaos.scenarios` and checks that the next normal build ends byte-identical to it. Ends
with "N scenarios, M states lost" and exits 1 when a state was lost or a scenario had another
problem (a traceback, a process left running, a refused rerun). `--quick` runs a shorter list;
`--keep DIR` keeps the builds there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from tests.chaos.scenarios import ROOT, all_scenarios, prepare, run_scenario, summary

FIXTURES = ROOT / "tests" / "fixtures" / "files"
DOCUMENTS = [
    *sorted((ROOT / "inputs").glob("*.txt")),
    FIXTURES / "revision-2 2020-06.txt",
    FIXTURES / "plan-word.docx",
    FIXTURES / "plan-word.pdf",
    FIXTURES / "guidance-page.html",
    FIXTURES / "guidance-form.docx",
]
DROPPED = FIXTURES / "plan-excel-copy.txt"  # in the earlier version only: its outputs must go


def make_inputs(work: Path) -> tuple[Path, Path]:
    """The inputs, and an earlier version of them (one plan's statuses older, one more file)."""
    inputs, previous = work / "inputs", work / "inputs-previous"
    for folder in (inputs, previous):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for path in DOCUMENTS:
            shutil.copy(path, folder / path.name)
    plan = previous / "self-harm-action-plan.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Underway", "Complete", 3), encoding="utf-8")
    shutil.copy(DROPPED, previous / DROPPED.name)
    return inputs, previous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a shorter list of scenarios")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep it")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="chaos-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHAOS_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    try:
        inputs, previous = make_inputs(work)
        setup = prepare(inputs, work, env, args.jobs, previous_inputs=previous)
        scenarios = all_scenarios(setup.clean_seconds, quick=args.quick)
        took = f"a clean build takes {setup.clean_seconds:.1f} s"
        print(f"{len(DOCUMENTS)} documents, {took}; {len(scenarios)} scenarios", flush=True)
        outcomes = []
        for scenario in scenarios:
            started = time.monotonic()
            outcome = run_scenario(setup, scenario)
            outcomes.append(outcome)
            state = "ok" if outcome.ok else "LOST " + ", ".join(outcome.lost) if outcome.lost else "PROBLEM"
            print(f"{scenario.name}: {state} ({time.monotonic() - started:.1f} s)", flush=True)
            for problem in outcome.problems:
                print(f"    {problem}", flush=True)
        line = summary(outcomes)
        print(line)
        return 0 if all(o.ok for o in outcomes) else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
