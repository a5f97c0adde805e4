"""The command line: a thin layer that turns pipeline errors into one line each.

Library code never prints; this module owns what the user sees. Heavy modules are imported
inside the command that needs them, so `--help` answers at once.

Exit status: 0 all good; 1 some input failed (the others are still written); 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Turn public-health action plans (PDF, Word, text) and guidance pages (HTML, PDF, Word, text)
into clean JSON and Excel workbooks, and show what changed between two revisions of a plan."""

EPILOG = """\
commands:
  build      what `make` runs: (re)build outputs/ from every document in inputs/,
             redoing only what changed; one bad file never stops the others
  extract    read the given files and write DIR/<name>.json and DIR/<name>.xlsx for each
  diff       compare two revisions of a plan (input files or their JSON): a summary on the
             terminal and DIR/<old>__<new>.diff.md / .diff.json / .diff.xlsx
  rules      `rules check` validates every file in rules/ and summarises it

exit status: 0 all good, 1 some input failed (the others are still written), 2 usage error

examples:
  plan-pipeline build inputs outputs
  plan-pipeline extract "Plan v2 (final).pdf" -o out
  plan-pipeline diff outputs/plan-2019.json outputs/plan-2020.json -o reports
  plan-pipeline rules check

`plan-pipeline` is installed into .venv/bin by `make`; `python -m pipeline` is the same command.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plan-pipeline",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from pipeline import __version__

    parser.add_argument("--version", action="version", version=f"plan-pipeline {__version__}")
    parser.add_argument("--rules", type=Path, default=None, help="rules folder (default: the project's rules/)")
    sub = parser.add_subparsers(dest="command", metavar="{build,extract,diff,rules}")

    b = sub.add_parser(
        "build",
        help="(re)build outputs/ from inputs/, only what changed",
        description="Build OUTPUTS from every document in INPUTS, redoing only what changed, and "
        "write OUTPUTS/index.json and OUTPUTS/all-plans.xlsx (every document in one place).",
    )
    b.add_argument("inputs", nargs="?", type=Path, default=Path("inputs"), help="folder of documents (default: inputs)")
    b.add_argument(
        "outputs", nargs="?", type=Path, default=Path("outputs"), help="folder for results (default: outputs)"
    )
    b.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="documents read at once (default: one per core, fewer if memory is short)",
    )
    b.add_argument(
        "--force",
        action="store_true",
        help="rebuild everything, even what has not changed (and retry files that failed)",
    )
    b.add_argument("--quiet", "-q", action="store_true", help="print only failures and the summary")

    e = sub.add_parser(
        "extract",
        help="extract the given files into DIR",
        description="Read each FILE and write DIR/<name>.json and DIR/<name>.xlsx.",
    )
    e.add_argument("files", nargs="+", type=Path, metavar="FILE")
    e.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the results")
    e.add_argument("--password", default=None, help="password for protected files given here")
    e.add_argument(
        "--debug",
        action="store_true",
        help="also write DIR/<name>.layout.json: what each stage made (layout blocks, raw rows, records), "
        "for failed files too, and DIR/<name>.provenance.json (each record's page, line and box, which "
        "<name>.json leaves out)",
    )

    d = sub.add_parser(
        "diff",
        help="compare two revisions of a plan",
        description="Compare OLD and NEW (input documents or their JSON) and write the change report.",
    )
    d.add_argument("old", type=Path)
    d.add_argument("new", type=Path)
    d.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the report")

    r = sub.add_parser("rules", help="check the rule files", description="Validate and summarise rules/.")
    r.add_argument("action", choices=["check"], help="check: validate every rule file and summarise it")
    return parser


class _OneLine:
    """Log records as one plain line each (`warning: ...`); tracebacks stay out of the terminal."""

    def format(self, record: object) -> str:
        import logging

        assert isinstance(record, logging.LogRecord)
        return f"{record.levelname.lower()}: {record.getMessage()}"


def _setup_logging() -> None:
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine())  # type: ignore[arg-type]
    logging.basicConfig(level=logging.WARNING, handlers=[handler])


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging()
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    from pipeline.core.errors import PipelineError

    try:
        if args.command == "build":
            from pipeline.build.run import run_build

            return run_build(
                args.inputs, args.outputs, rules_dir=args.rules, jobs=args.jobs, force=args.force, quiet=args.quiet
            )
        if args.command == "extract":
            return _extract(args)
        if args.command == "diff":
            from pipeline.diff.command import run_diff

            return run_diff(args.old, args.new, args.output, rules_dir=args.rules)
        if args.command == "rules":
            from pipeline.rules import load_rules, summary

            print("\n".join(summary(load_rules(args.rules))))
            return EXIT_OK
    except PipelineError as exc:
        print(f"Error: {exc.reason} — {exc.remedy}", file=sys.stderr)
        return EXIT_USAGE if exc.category in ("usage", "rules") else EXIT_FAILED
    except ImportError as exc:  # run with a Python that lacks the pinned libraries
        from pipeline.core.errors import MissingLibrary, blame

        missing = blame(exc, None, "run")
        if not isinstance(missing, MissingLibrary):
            raise
        print(f"Error: {missing.reason} — {missing.remedy}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # output piped into `head` and closed early: not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("Stopped. Outputs already written are complete; nothing was left half-written.", file=sys.stderr)
        return 130
    return EXIT_USAGE


def run() -> None:
    """The installed `plan-pipeline` command (see pyproject.toml)."""
    sys.exit(main())


EXTRACT_LOG = ".extract.log"  # in the output folder: the details of internal errors, for the maintainers


def _extract(args: argparse.Namespace) -> int:
    from pipeline.build.schedule import output_stems
    from pipeline.core.errors import InternalError, PipelineError, internal_error
    from pipeline.core.kinds import KINDS
    from pipeline.core.model import json_bytes
    from pipeline.emit.atomic import write_bytes_atomic
    from pipeline.emit.json_out import write_json
    from pipeline.emit.log import DetailLog
    from pipeline.emit.xlsx.document import write_workbook
    from pipeline.process import trace
    from pipeline.rules import load_rules

    rules = load_rules(args.rules)
    # plan.pdf and plan.docx given together must not overwrite each other's outputs
    stems = output_stems(p.name for p in args.files)
    log = DetailLog(args.output / EXTRACT_LOG)
    failed = 0
    for path in args.files:
        if not path.exists():
            print(f"{path}: file not found — check the name and the folder", file=sys.stderr)
            failed += 1
            continue
        if path.is_dir():
            print(f"{path}: is a folder — give the documents inside it", file=sys.stderr)
            failed += 1
            continue
        stem = stems[path.name]
        run = trace(path, rules, password=args.password)
        try:
            if args.debug:  # every stage reached, above all when the file failed
                write_bytes_atomic(args.output / f"{stem}.layout.json", json_bytes(run))
            if run.error is not None:
                raise run.error
            assert run.document is not None
            doc = run.document
            write_json(doc, args.output / f"{stem}.json")
            write_workbook(doc, args.output / f"{stem}.xlsx", rules)
            if args.debug:
                write_bytes_atomic(args.output / f"{stem}.provenance.json", json_bytes(doc.provenance()))
        except OSError as exc:
            print(f"{path.name}: its outputs could not be written ({exc.strerror or exc}) — check there is free "
                  f"space and {args.output} can be written", file=sys.stderr)  # fmt: skip
            failed += 1
            continue
        except Exception as exc:  # a PipelineError, or a bug of ours in writing the outputs
            error = exc if isinstance(exc, PipelineError) else internal_error(exc, "written")
            failure = error.failure()
            if isinstance(error, InternalError):
                failure = failure.with_details(log.add(path.name, error.detail))
            print(failure.line(path.name), file=sys.stderr)
            failed += 1
            continue
        kind = KINDS[doc.kind]
        counts = f"{len(kind.records_of(doc))} {kind.records}"
        print(f"{path.name}: {kind.phrase}, {counts}, {len(doc.findings)} findings")
    return EXIT_FAILED if failed else EXIT_OK
