"""The command line: a thin layer that turns pipeline errors into one line each.

Library code never prints; this module owns what the user sees. Heavy modules are imported
inside the command that needs them, so `--help` answers at once.

Exit status: 0 all good; 1 some input failed (the others are still written); 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import NoReturn

from pipeline.core.names import shown

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
            return _diff(args)
        if args.command == "rules":
            from pipeline.rules import load_rules, summary

            print("\n".join(summary(load_rules(args.rules))))
            return EXIT_OK
    except PipelineError as exc:
        _complain(f"Error: {exc.reason} — {exc.remedy}")
        return EXIT_USAGE if exc.category in ("usage", "rules") else EXIT_FAILED
    except ImportError as exc:  # run with a Python that lacks the pinned libraries
        from pipeline.core.errors import MissingLibrary, blame

        missing = blame(exc, None, "run")
        if not isinstance(missing, MissingLibrary):
            raise
        print(f"Error: {missing.reason} — {missing.remedy}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # output piped into `head` and closed early: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt as stopped:
        from pipeline.core.lifetime import exit_status

        print("Stopped. Outputs already written are complete; nothing was left half-written.", file=sys.stderr)
        return exit_status(stopped)
    return EXIT_USAGE


def run() -> None:
    """The installed `plan-pipeline` command (see pyproject.toml)."""
    utf8_mode()
    exit_with(main())


def exit_with(code: int) -> NoReturn:
    """End the command with `code`, its objects kept out of the cycle collector's last walk
    (`gc.freeze`): they all go with the process, and looking through them for cycles first
    is most of the time the interpreter takes to stop. Files are closed as they are written."""
    import gc

    gc.freeze()
    sys.exit(code)


def _say(text: str) -> None:
    """Print one line for the officer; control characters in names shown, never obeyed."""
    print(shown(text))


def _complain(text: str) -> None:
    print(shown(text), file=sys.stderr)


def _extract(args: argparse.Namespace) -> int:
    from pipeline.build.commands import run_extract
    from pipeline.rules import load_rules

    rules = load_rules(args.rules)
    return run_extract(args.files, args.output, rules, args.password, args.debug, _say, _complain)


def _diff(args: argparse.Namespace) -> int:
    from pipeline.build.commands import run_diff_limited
    from pipeline.rules import load_rules

    rules = load_rules(args.rules)
    return run_diff_limited(args.old, args.new, args.output, rules, _say, _complain)


def utf8_mode() -> None:
    """Run again under Python's UTF-8 mode when the locale is not UTF-8 (`LC_ALL=C`).

    File names are UTF-8 bytes on every system officers use; read under an ASCII locale they
    would be stored as `\\udce2...` in the outputs, and an output named after one could not be
    written at all. In UTF-8 mode every name reads, is written and is shown the same whatever
    the locale. Replaces this process (same id, same arguments); once only.
    """
    if os.name != "posix" or sys.flags.utf8_mode or sys.getfilesystemencoding().lower() in ("utf-8", "utf8"):
        return
    if os.environ.get("PYTHONUTF8") == "1":  # asked for already, and still not: do not loop
        return
    env = {**os.environ, "PYTHONUTF8": "1"}
    with contextlib.suppress(OSError):  # cannot run again: carry on as we are
        os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]], env)
