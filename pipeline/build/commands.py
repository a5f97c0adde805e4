"""`extract` and `diff` under the same limits as `build`: each file read in a worker process.

A CPU-bomb PDF or a decompression bomb given to `extract` must cost one line, as it does in a
build, not a hung terminal. So every file these commands read is read by a worker of the
build's pool (`pool.Pool`): per file a deadline (`seconds_per_document` in rules/limits.yaml)
and an address-space cap (`memory_mb`), and the failure line names the file and the limit.
This side only decides names, hands out the tasks and prints; the workers write the outputs.

The jobs (`extract_file`, and `pipeline.diff.command`'s `load_revision` and `write_report`)
are plain functions a test can run in its own process too.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.build.pool import Limits, Pool, Result
from pipeline.build.schedule import output_stems
from pipeline.core.errors import PipelineError, TimedOut
from pipeline.core.names import not_a_document, readable_name
from pipeline.emit.atomic import TEMP_PREFIX
from pipeline.emit.log import DetailLog
from pipeline.rules import Rules

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXTRACT_LOG = ".extract.log"  # in the output folder: the details of internal errors, for the maintainers
DIFF_LOG = ".diff.log"
EXTRACT_JOB = "pipeline.build.commands:extract_file"
LOAD_JOB = "pipeline.diff.command:load_revision"
REPORT_JOB = "pipeline.diff.command:write_report"
PREPARE = "pipeline.build.task:prepare"

Say = Callable[[str], None]


def limits_of(rules: Rules) -> Limits:
    """The per-document limits every command runs under (rules/limits.yaml)."""
    return Limits(float(rules.limits.seconds_per_document), int(rules.limits.memory_mb))


def writable_folder(folder: Path) -> None:
    """Make `folder` and check a file can be written in it, or raise one line saying why not.

    Checked before any document is read, so a read-only or full folder is one line, not a
    traceback after minutes of work."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise PipelineError(
            f"{folder}: the folder cannot be written ({exc.strerror or exc})",
            "give a folder you can write to, or make room on the disk",
        ) from None


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True)
class Extracted:
    """What a worker says of a file it extracted: the summary after its name."""

    summary: str


def extract_file(source: str, stem: str, output: str, rules_dir: str, password: str | None, debug: bool) -> Extracted:
    """Read `source` and write `<stem>.json` and `<stem>.xlsx` into `output` (a worker's job);
    a PipelineError says why not. `debug`: every stage reached, above all when the file failed."""
    from pipeline.core.kinds import KINDS
    from pipeline.core.model import json_bytes
    from pipeline.emit.atomic import write_bytes_atomic
    from pipeline.emit.json_out import write_json
    from pipeline.emit.xlsx.document import write_workbook
    from pipeline.process import trace
    from pipeline.rules import load_rules

    rules = load_rules(rules_dir)
    out = Path(output)
    run = trace(Path(source), rules, password=password)
    try:
        if debug:
            write_bytes_atomic(out / f"{stem}.layout.json", json_bytes(run))
        if run.error is not None:
            raise run.error
        assert run.document is not None
        doc = run.document
        write_json(doc, out / f"{stem}.json")
        write_workbook(doc, out / f"{stem}.xlsx", rules)
        if debug:
            write_bytes_atomic(out / f"{stem}.provenance.json", json_bytes(doc.provenance()))
    except OSError as exc:
        raise PipelineError(
            f"its outputs could not be written ({exc.strerror or exc})",
            f"check there is free space and {output} can be written",
        ) from None
    kind = KINDS[doc.kind]
    return Extracted(f"{kind.phrase}, {len(kind.records_of(doc))} {kind.records}, {len(doc.findings)} findings")


def extract_names(paths: list[Path]) -> dict[Path, tuple[str, str]]:
    """(name shown, output stem) of each file given; each file once, however often it is given.

    Files of one name from different folders (`d1/plan.docx d2/plan.docx`) would overwrite each
    other's outputs: they are shown by the path as given, and their outputs are named after
    their folder, `plan (d1).json` and `plan (d2).json`, the same on every run.
    """
    unique = list(dict.fromkeys(paths))
    names = {path: readable_name(path.name) for path in unique}
    counts = Counter(names.values())
    labels: dict[Path, str] = {}
    for path in unique:
        name = names[path]
        if counts[name] > 1:
            folder = readable_name(path.resolve().parent.name) or "top"
            suffix = Path(name).suffix
            label = f"{name[: len(name) - len(suffix)]} ({folder}){suffix}"
            labels[path] = next(
                candidate
                for n in range(1, len(unique) + 2)
                if (candidate := label if n == 1 else f"{label[: len(label) - len(suffix)]} {n}{suffix}")
                not in labels.values()
            )
        else:
            labels[path] = name
    stems = output_stems(labels.values())
    return {
        path: (readable_name(str(path)) if counts[names[path]] > 1 else names[path], stems[labels[path]])
        for path in unique
    }


def run_extract(
    files: list[Path],
    output: Path,
    rules: Rules,
    password: str | None,
    debug: bool,
    say: Say,
    complain: Say,
    jobs: int | None = None,
) -> int:
    """Extract every file into `output`, each in a worker under the limits; 0 when all were written."""
    from pipeline.build.run import default_jobs, page_jobs

    writable_folder(output)
    failed = 0
    tasks: list[tuple[str, dict[str, Any]]] = []
    shown_as: dict[str, str] = {}
    order: list[tuple[str, str | None]] = []  # key, or None with the line of a file never handed out
    for path, (name, stem) in extract_names(files).items():
        problem = not_a_document(path)
        if problem is not None:  # named by the path as given: the name alone may not say where it was looked for
            order.append((f"{readable_name(str(path))}: {problem} — {_PATH_REMEDY.get(problem, _REMEDY)}", None))
            failed += 1
            continue
        key = str(len(tasks))
        shown_as[key] = name
        order.append((key, key))
        tasks.append(
            (
                key,
                {
                    "source": str(path),
                    "stem": stem,
                    "output": str(output),
                    "rules_dir": str(rules.directory),
                    "password": password,
                    "debug": debug,
                },
            )
        )
    log = DetailLog(output / EXTRACT_LOG)
    log.begin()  # this run's: the workers' own messages, and the tracebacks of internal errors
    workers = min(jobs or default_jobs(rules.limits.memory_mb), max(1, len(tasks)))
    results: dict[str, Result] = {}
    printed = 0

    def flush() -> None:  # lines in the order the files were given, each as soon as it can be
        nonlocal printed, failed
        while printed < len(order):
            text, key = order[printed]
            if key is None:
                complain(text)
            elif key in results:
                result = results[key]
                if result.failure is None:
                    say(f"{shown_as[key]}: {result.value.summary}")
                else:
                    failure = result.failure
                    if result.detail:
                        failure = failure.with_details(log.add(shown_as[key], result.detail))
                    complain(failure.line(shown_as[key]))
                    failed += 1
            else:
                return
            printed += 1

    pool = Pool(
        EXTRACT_JOB,
        workers,
        limits_of(rules),
        prepare=PREPARE,
        prepare_args={"rules_dir": str(rules.directory), "page_jobs": page_jobs(workers, rules.limits.memory_mb)},
        log_file=log.path,
    )
    with pool:
        flush()
        for result in pool.run(tasks):
            results[result.key] = result
            flush()
    flush()
    log.remove_if_empty()
    return EXIT_FAILED if failed else EXIT_OK


_REMEDY = "give the document itself"
_PATH_REMEDY = {
    "file not found": "check the name and the folder",
    "is a folder, not a document": "give the documents inside it",
}


# --------------------------------------------------------------------------- diff


def run_diff_limited(old: Path, new: Path, output: Path, rules: Rules, say: Say, complain: Say) -> int:
    """`diff OLD NEW -o DIR`: each revision read in a worker under the limits, then compared
    and written in another; exit status as `pipeline.diff.command.run_diff`."""
    status = EXIT_OK
    tasks = []
    for key, path in (("old", old), ("new", new)):
        problem = not_a_document(path)
        if problem is not None:
            complain(f"{readable_name(str(path))}: {problem} — give a document or its .json")
            status = EXIT_USAGE
            continue
        tasks.append((key, {"source": str(path), "rules_dir": str(rules.directory)}))
    if status != EXIT_OK:
        return status
    writable_folder(output)
    reads_documents = any(path.suffix.lower() != ".json" for path in (old, new))
    limits = limits_of(rules)
    prepare_args = {"rules_dir": str(rules.directory)}
    docs: dict[str, Any] = {}
    with Pool(LOAD_JOB, 2, limits, prepare=PREPARE if reads_documents else None, prepare_args=prepare_args) as pool:
        for result in pool.run(tasks):
            path = old if result.key == "old" else new
            if result.failure is not None:
                failure = result.failure
                if result.detail:  # a defect of ours: its traceback where the line says
                    failure = failure.with_details(DetailLog(output / DIFF_LOG).add(str(path), result.detail))
                complain(failure.line(readable_name(str(path))))
                usage = failure.category == "usage"
                status = max(status, EXIT_USAGE if usage else EXIT_FAILED)
            else:
                docs[result.key] = result.value
    if status != EXIT_OK:
        return status
    report_task = {
        "old": str(old),
        "new": str(new),
        "old_doc": docs["old"],
        "new_doc": docs["new"],
        "out_dir": str(output),
        "rules_dir": str(rules.directory),
    }
    with Pool(REPORT_JOB, 1, limits) as pool:
        (result,) = list(pool.run([("report", report_task)]))
    if result.failure is not None:
        failure = result.failure
        if failure.category == "timed-out":
            failure = TimedOut(f"still being compared after {limits.seconds:g} seconds, so it was stopped").failure()
        if result.detail:  # a defect of ours: its traceback where the line says
            failure = failure.with_details(DetailLog(output / DIFF_LOG).add("diff", result.detail))
        complain(failure.line(f"{readable_name(old.name)} → {readable_name(new.name)}"))
        return EXIT_FAILED
    for warning in result.value.warnings:
        complain(f"warning: {warning}")
    for line in result.value.lines:
        say(line)
    return EXIT_OK
