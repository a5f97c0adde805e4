"""The build driver behind `make`: bring outputs/ up to date with inputs/, redoing only what changed.

Steps, each safe to stop at any moment:
1. decide (`build_plan`): hash the inputs, compare with the manifest; nothing is opened;
2. build the stale documents in worker processes (`worker`, `build_task`), each under a time
   and memory cap; a finished document's outputs are moved from a staging folder into place
   and the manifest is rewritten (atomically) to say so, one document at a time;
3. remove the outputs of inputs that are gone (only files the manifest says we wrote);
4. rewrite `index.json` and `all-plans.xlsx` from the JSON outputs, and the revision histories
   (`pipeline.diff.revisions`), whenever what they were made from (the documents' JSON as it is
   on disk at the end of the build) or the files themselves differ from what the manifest
   recorded, and always with `--force`.

A crash, a Ctrl-C, a `kill` or a killed worker at any point leaves every output either as it
was or completely new, never half-written, and the manifest never claims a document built that
was not; the next build ends as a clean build would. Outputs removed while a build runs (a
`make clean` in another terminal, a sync tool) are found by the next build and written again.
A failed document keeps its previous outputs, is named in the summary as out of date, and the
build exits with status 1 after all the others are written. A failure of the machine (a full
disk, `core.errors.MachineError`), a defect of ours or a missing library is not remembered: the
file is tried again on the next build; a defect's line points to `outputs/.build.log`, where
that build wrote the traceback. On SIGINT or SIGTERM every process of the build stops, with one
line, and the lock on the outputs folder goes with the last of them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.build.report import Reporter, summary_lines
from pipeline.build.schedule import (
    INDEX_JSON,
    INDEX_XLSX,
    LOG,
    STAGING_PREFIX,
    Failed,
    Input,
    Manifest,
    ManifestEntry,
    Product,
    code_fingerprint,
    file_sha256,
    is_plain_name,
    key_of,
    plan,
    scan,
    skipped_inputs,
)
from pipeline.build.task import BuildResult
from pipeline.core.errors import (
    Failure,
    InternalError,
    MachineError,
    PipelineError,
    UsageError,
    blame,
    machine_trouble,
    traceback_text,
)
from pipeline.core.lifetime import Stopped, die_with_parent
from pipeline.emit.csv_out import CSV_NAMES
from pipeline.emit.log import DetailLog
from pipeline.rules import Rules, load_rules

JOB = "pipeline.build.task:build_document"
PREPARE = "pipeline.build.task:prepare"


@dataclass(frozen=True)
class BuildStats:
    """What one build did: the summary's counts, and `sent`, the documents handed to a worker
    (where every document is opened: 0 means nothing was read)."""

    sent: int
    built: int
    unchanged: int
    failed: int
    removed: int
    exit_status: int  # 0 when every document is current, 1 when some failed


def run_build(
    inputs: Path,
    outputs: Path,
    rules_dir: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    quiet: bool = False,
) -> int:
    """Build `outputs` from `inputs`; 0 when every document is current, 1 when some failed."""
    return build_outputs(inputs, outputs, rules_dir, jobs, force, quiet).exit_status


def build_outputs(
    inputs: Path,
    outputs: Path,
    rules_dir: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    quiet: bool = False,
) -> BuildStats:
    """`run_build`, telling what it did."""
    with _stop_on_signals():
        return _build_outputs(inputs, outputs, rules_dir, jobs, force, quiet)


def _build_outputs(
    inputs: Path, outputs: Path, rules_dir: Path | None, jobs: int | None, force: bool, quiet: bool
) -> BuildStats:
    started = time.monotonic()
    if not inputs.is_dir():
        raise UsageError(f"{inputs}: no such folder", "put the documents in a folder and give its name")
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs {jobs}: give 1 or more documents at once")
    rules = load_rules(rules_dir)
    try:
        outputs.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PipelineError(
            f"{outputs}: the folder cannot be made ({exc.strerror or exc})",
            "check the folder name and that it can be written",
        ) from None
    if inputs.resolve() == outputs.resolve():
        raise UsageError("the inputs and outputs folders are the same", "give a separate folder for the results")
    with _exclusive(outputs) as lock:
        try:
            _remove_staging(outputs)
            build = _Build(inputs, outputs, rules, quiet, lock)
            return build.run(jobs, force, started)
        except OSError as exc:  # disk full, folder made read-only: one line; what was written is whole
            trouble = machine_trouble(exc)
            if trouble is not None:
                raise MachineError(f"{outputs}: could not be written: {trouble[0]}", trouble[1]) from None
            raise PipelineError(
                f"{outputs}: could not be written ({exc.strerror or exc})",
                "check there is free space and the folder can be written, then run `make` again",
            ) from None


class _Build:
    """One run of the build; holds the manifest and the reporter while documents finish."""

    def __init__(self, inputs: Path, outputs: Path, rules: Rules, quiet: bool, lock: int | None = None) -> None:
        self.inputs, self.outputs, self.rules, self.quiet = inputs, outputs, rules, quiet
        self.lock = lock  # the descriptor holding the outputs folder's lock (closed in forked children)
        self.manifest = Manifest.load(outputs)
        self.saved = self.manifest.to_bytes()
        self.code = code_fingerprint()
        self.report = Reporter(quiet=quiet, log=outputs / LOG)
        self.log = DetailLog(outputs / LOG)
        self.problems = 0  # index or revision steps that failed
        # The log is written on every build: what the terminal showed (quiet or not), the
        # revisions' order and why, and the workers' own messages and tracebacks.
        from pipeline import __version__

        self.log.begin(f"plan-pipeline {__version__}: building {outputs.name}/ from {inputs.name}/\n")

    def run(self, jobs: int | None, force: bool, started: float) -> BuildStats:
        items = scan(self.inputs, self.outputs)
        for line in skipped_inputs(self.inputs):
            self.report.line(f"warning: {line}", error=True)
        todo = plan(items, self.manifest, self.outputs, self.rules.fingerprint, self.code, force)
        cores = jobs or default_jobs(self.rules.limits.memory_mb)
        workers = min(cores, max(1, len(todo.build)))
        self.report.begin(len(todo.build), len(todo.unchanged), workers)
        for item in todo.unchanged:  # put back as it was when it last built: an old failure no longer applies
            self.manifest.files[item.name].failed = None
        for item in todo.still_failing:
            failed = self.manifest.files[item.name].failed
            assert failed is not None
            self.report.failed_one(failed.failure.line(item.name))
        built = 0
        sent = 0
        try:
            if todo.build:
                built, sent = self._build_documents(todo.build, workers)
        finally:
            self.report.end()
            self._save()
        self._remove_gone(todo.removed)
        self._save()
        keys = self._document_keys(items)  # the documents' JSON as it is on disk now
        index = self._index(items, keys, force, background=cores > 1)  # beside the revisions, on a second core
        try:
            self._revisions(items, keys, force)
            index.wait()
        except BaseException:  # Ctrl-C, a kill: the index's process goes too, and says nothing
            index.cancel()
            raise
        self._save()
        current = {i.name for i in items}
        failed_names = sorted(n for n, e in self.manifest.files.items() if e.failed and n in current)
        stale = [n for n in failed_names if self.manifest.files[n].outputs]
        never = [n for n in failed_names if not self.manifest.files[n].outputs]
        findings: dict[str, int] = {}
        for item in items:
            summary = self.manifest.entry(item.name).summary
            for severity, n in summary.findings.items() if summary else ():
                findings[severity] = findings.get(severity, 0) + n
        written = self.manifest.index.key is not None  # not when the index could not be written
        index_names = [str(self.outputs / n) for n in self.manifest.index.files] if written else []
        for line in summary_lines(
            built,
            len(todo.unchanged),
            len(failed_names),
            findings,
            stale,
            never,
            [i.name for i in todo.still_failing],
            index_names if not self.quiet else [],
            time.monotonic() - started,
        ):
            self.report.line(line)
        return BuildStats(
            sent=sent,
            built=built,
            unchanged=len(todo.unchanged),
            failed=len(failed_names),
            removed=len(todo.removed),
            exit_status=1 if failed_names or self.problems else 0,
        )

    # ------------------------------------------------------------------- documents
    def _build_documents(self, items: list[Input], workers: int) -> tuple[int, int]:
        from pipeline.build.pool import Limits, Pool

        limits = self.rules.limits
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX + "build-", dir=self.outputs))
        by_key = {str(n): item for n, item in enumerate(items)}
        tasks = []
        for key, item in sorted(by_key.items(), key=lambda kv: (-kv[1].size, kv[1].name)):  # big ones first
            tasks.append(
                (
                    key,
                    {
                        "source": str(item.path),
                        "stem": item.stem,
                        "staging": str(staging / key),
                        "rules_dir": str(self.rules.directory),
                        "fingerprint": self.rules.fingerprint,
                    },
                )
            )
        built = 0
        pool = Pool(
            JOB,
            workers,
            Limits(float(limits.seconds_per_document), int(limits.memory_mb)),
            prepare=PREPARE,
            prepare_args={"rules_dir": str(self.rules.directory), "page_jobs": page_jobs(workers, limits.memory_mb)},
            log_file=self.log.path,
        )
        try:
            with pool:
                for result in pool.run(
                    tasks, on_start=lambda key: self.report.started(by_key[key].name), on_wait=self.report.tick
                ):
                    item = by_key[result.key]
                    failure = result.failure
                    if failure is None:
                        failure = self._commit(item, staging / result.key, result.value)
                    if failure is None:
                        self.report.built(item.name, result.value.summary, result.seconds)
                        built += 1
                    else:
                        if result.detail:  # a defect of ours: the traceback, where the line says
                            failure = self._with_details(failure, item.name, result.detail)
                        self._record_failure(item, failure)
                        self.report.failed_one(failure.line(item.name), item.name)
                    shutil.rmtree(staging / result.key, ignore_errors=True)
                    self._save()
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return built, pool.started_tasks

    def _with_details(self, failure: Failure, name: str, detail: str) -> Failure:
        """`failure` pointing to the log, when the log could be written (a full disk may refuse it)."""
        return failure.with_details(self.log.add(name, detail))

    def _commit(self, item: Input, staged: Path, value: BuildResult) -> Failure | None:
        """Move a document's new outputs into place, then record them (in that order). A staged
        file that is gone (the outputs folder emptied by another program while the build ran)
        is this document's failure, tried again next time: its previous outputs are kept."""
        names = [n for n in value.outputs if is_plain_name(n)]
        try:
            _replace_all(staged, self.outputs, names)
        except FileNotFoundError:
            return MachineError(
                "could not be written: its new outputs were removed while the build ran (by another program?)",
                "run `make` again",
            ).failure()
        old = self.manifest.entry(item.name)
        for other_name, other in self.manifest.files.items():  # a name we now own is no longer theirs
            if other_name != item.name and set(other.outputs or []) & set(names):
                other.outputs = [n for n in other.outputs or [] if n not in names]
                other.sha256 = None  # so it is built again next time
        self.manifest.files[item.name] = ManifestEntry(
            sha256=value.sha256,
            rules=self.rules.fingerprint,
            code=self.code,
            stem=item.stem,
            outputs=names,
            summary=value.summary,
            json_sha256=value.json_sha256,
        )
        owned = self.manifest.owned()
        for name in old.outputs or []:
            if name not in owned:
                (self.outputs / name).unlink(missing_ok=True)
        return None

    def _record_failure(self, item: Input, failure: Failure) -> None:
        entry = self.manifest.files.setdefault(item.name, ManifestEntry())
        entry.failed = Failed(item.sha256, self.rules.fingerprint, self.code, failure)

    def _remove_gone(self, removed: list[str]) -> None:
        """Outputs of inputs that were deleted or renamed go too (only files we wrote)."""
        for name in removed:
            entry = self.manifest.files.pop(name)
            owned = self.manifest.owned()
            gone = [o for o in entry.outputs or [] if o not in owned and (self.outputs / o).exists()]
            for output in gone:
                (self.outputs / output).unlink(missing_ok=True)
            if gone:
                self.report.note(f"removed {', '.join(gone)} ({name} is no longer in {self.inputs})")

    # ------------------------------------------------------------------- index and revisions
    def _entries(self, items: list[Input]) -> list[Any]:
        from pipeline.emit.index import Entry

        entries = []
        for item in items:
            failed = self.manifest.entry(item.name).failed
            failure = failed.failure if failed else None
            entries.append(Entry(item.name, self._output(item, ".json"), self._output(item, ".xlsx"), failure))
        return entries

    def _output(self, item: Input, suffix: str) -> str | None:
        """The name of the output of `item` with this suffix, as the manifest records it."""
        outputs = self.manifest.entry(item.name).outputs or []
        return next((o for o in outputs if o.endswith(suffix)), None)

    def _index(self, items: list[Input], keys: list[list[Any]], force: bool, background: bool = False) -> _Pending:
        """Write index.json, the combined workbook and the CSVs unless they were made from the
        documents' JSON exactly as it is on disk (`keys`) and are still as written; returns the
        call that waits for them. `background`: in a forked process, while this one goes on."""
        names = [INDEX_JSON, INDEX_XLSX, *CSV_NAMES]
        key = key_of([self.code, self.rules.fingerprint, keys])
        if not force and self.manifest.index.current(key, self.outputs):
            return _Pending()
        from pipeline.emit.index import write_index

        entries = self._entries(items)
        self.manifest.index = Product(None, names)  # not known to be whole until it is written

        def write() -> None:
            write_index(self.outputs, entries, self.rules, INDEX_JSON, INDEX_XLSX)

        def finished(error: Failure | None, detail: str) -> None:
            if error is not None:  # one line for the officer; the documents are written
                self._step_failed(f"{INDEX_JSON}, {INDEX_XLSX}", error, detail)
            else:
                self.manifest.index = self._product(key, names, items)

        if background and "fork" in multiprocessing.get_all_start_methods():
            return _forked(write, finished, self.lock)
        finished(*_run(write))
        return _Pending()

    def _product(self, key: str, names: list[str], items: list[Input]) -> Product:
        """The record of a file set just written from the documents' JSON of `key`: with the
        hash of each file; with no key (made again next time) if the JSON changed meanwhile."""
        if key_of([self.code, self.rules.fingerprint, self._document_keys(items)]) != key:
            return Product(None, names)
        hashes = {}
        for name in names:
            with contextlib.suppress(OSError):
                hashes[name] = file_sha256(self.outputs / name)
        return Product(key, names, hashes)

    def _document_keys(self, items: list[Input]) -> list[list[Any]]:
        """What the index and the histories are made from: each document's JSON as it is on
        disk now (its hash; None when it is missing), output names and failure."""
        keys = []
        for item in items:
            entry = self.manifest.entry(item.name)
            reason = entry.failed.failure.reason if entry.failed else None
            json_name = self._output(item, ".json")
            on_disk = None
            if json_name:
                with contextlib.suppress(OSError):
                    on_disk = file_sha256(self.outputs / json_name)
            keys.append([item.name, on_disk, entry.outputs or [], reason])
        return keys

    def _revisions(self, items: list[Input], keys: list[list[Any]], force: bool) -> None:
        """Per-plan histories and diffs (`pipeline.diff.revisions`), written to a staging folder
        and moved into place once their names are in the manifest: a build stopped half-way
        leaves no file that no build knows of."""
        key = key_of([self.code, self.rules.fingerprint, keys])
        previous = [n for n in self.manifest.revisions.files if is_plain_name(n)]
        if not force and self.manifest.revisions.current(key, self.outputs):
            return
        documents = {}
        for item in items:
            json_name = self._output(item, ".json")
            if json_name:
                documents[item.name] = self.outputs / json_name
        from pipeline.diff.revisions import build_revisions

        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX + "revisions-", dir=self.outputs))
        try:
            told: list[tuple[str, str]] = []
            try:
                written = list(build_revisions(staging, documents, self.rules, told))
            except Exception as exc:  # one line; the documents themselves are written
                self._step_failed("revision history", blame(exc, None, "written"), traceback_text(exc))
                return
            complete = self._tell(told)
            names = self._staged_names(staging, written)
            owned = self.manifest.owned()
            # first the names (with those of the last build, to be removed), then the files
            self.manifest.revisions = Product(None, sorted(set(previous) | set(names)))
            self._save()
            _replace_changed(staging, self.outputs, names)
            for name in previous:
                if name not in names and name not in owned:
                    (self.outputs / name).unlink(missing_ok=True)
            if force:
                self._remove_strays(names)
            done = self._product(key, sorted(set(names)), items)
            self.manifest.revisions = done if complete else Product(None, done.files)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _tell(self, told: list[tuple[str, str]]) -> bool:
        """Show what the revision step reported; False when a plan's history could not be written."""
        complete = True
        detail = ""
        for kind, line in told:  # each plan's revisions in order and why; duplicates, gaps
            if kind == "warning":
                self.report.line(f"warning: {line}", error=True)
            elif kind == "detail":  # the traceback of a defect of ours, for the line that follows
                detail = line
            elif kind == "error":  # one plan's history failed; the others are written
                complete = False
                self.problems += 1
                if detail:
                    log = self.log.add(line.partition(":")[0], detail)
                    line = f"{line} (details in {log})" if log is not None else line
                    detail = ""
                self.report.failed_one(line)
            else:
                self.report.note(line)
        return complete

    def _staged_names(self, staging: Path, written: list[Any]) -> list[str]:
        """The names of the files the revision step wrote into `staging`; a name that is a
        document's output is refused (one line), never moved over it."""
        owned = self.manifest.owned()
        names = []
        for path in written:
            path = Path(path) if Path(path).is_absolute() else Path.cwd() / path
            if path.resolve().parent != staging.resolve() or not is_plain_name(path.name):
                continue  # never manage a file outside outputs/
            if path.name in owned:
                self.problems += 1
                self.report.failed_one(
                    f"revision history: {path.name} has the name of a document's output — "
                    "rename that document in inputs/ and run `make` again"
                )
                continue
            names.append(path.name)
        return names

    def _remove_strays(self, names: list[str]) -> None:
        """With --force: histories and diffs in outputs/ that no build records (left by a
        build of an earlier version, stopped half-way) go, as a clean build would not have them."""
        from pipeline.diff.revisions import HISTORY_SUFFIX
        from pipeline.diff.write import SUFFIXES

        owned = self.manifest.owned() | set(names)
        removed = []
        for path in sorted(self.outputs.iterdir()):
            name = path.name
            shaped = name.endswith(HISTORY_SUFFIX) or ("__" in name and name.endswith(SUFFIXES))
            if shaped and is_plain_name(name) and name not in owned and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(name)
        if removed:  # said even with --quiet: one of them may be a diff someone wrote there by hand
            self.report.line(
                f"removed {', '.join(removed)}: histories and diffs that no build recorded (--force removes "
                f"them; keep diffs you make yourself outside {self.outputs.name}/)"
            )

    def _step_failed(self, what: str, error: Failure | PipelineError, detail: str = "") -> None:
        """The index or the histories could not be written, after the documents were: one line
        here; a defect's traceback in the log; the machine's trouble named as such."""
        self.problems += 1
        failure = error.failure() if isinstance(error, PipelineError) else error
        if failure.category == "internal":
            failure = Failure(
                "internal",
                "could not be written because of an internal error in the pipeline",
                "please report this to the pipeline's maintainers",
            )
            failure = self._with_details(failure, what, detail)
        self.report.failed_one(failure.line(what))

    # ------------------------------------------------------------------- manifest
    def _save(self) -> None:
        """Rewrite the manifest (atomically) if anything in it changed."""
        data = self.manifest.to_bytes()
        if data != self.saved:
            self.manifest.save(self.outputs, data)
            self.saved = data


def _run(write: Callable[[], None]) -> tuple[Failure | None, str]:
    """Call `write`; (None, "") when it worked, else the failure (the machine's, ours) and its traceback."""
    try:
        write()
    except Exception as exc:
        error = blame(exc, None, "written")
        detail = (error.detail or traceback_text(exc)) if isinstance(error, InternalError) else ""
        return error.failure(), detail
    return None, ""


class _Pending:
    """A step running in another process: `wait` for it and take its result; `cancel` on an interruption."""

    def wait(self) -> None:
        pass

    def cancel(self) -> None:
        pass


def _forked(
    write: Callable[[], None], finished: Callable[[Failure | None, str], None], lock: int | None = None
) -> _Pending:
    """Run `write` in a forked process; `wait()` waits for it and passes `finished` its result.

    The child dies with this process (a `kill -9` of the build leaves nothing writing), does
    not hold the outputs folder's lock (`lock`, closed in it), and ends without a word on
    Ctrl-C or SIGTERM: this process says what happened, in one line.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    parent = os.getpid()

    def child() -> None:
        die_with_parent(parent)
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)
        if lock is not None:
            with contextlib.suppress(OSError):
                os.close(lock)
        send.send(_run(write))

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    class Forked(_Pending):
        def wait(self) -> None:
            try:
                error, detail = receive.recv()
            except EOFError:  # it ended without a word: its exit status tells
                error, detail = None, ""
            process.join()
            receive.close()
            code = process.exitcode or 0
            if error is None and code != 0:
                how = _signal_name(-code) if code < 0 else None
                if how:
                    error = MachineError(f"could not be written: the process writing it was stopped ({how})").failure()
                else:
                    error = Failure("internal", f"the process writing it ended with status {code}", "run `make` again")
                    detail = error.reason
            finished(error, detail)

        def cancel(self) -> None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.kill()
            with contextlib.suppress(Exception):
                process.join()
                receive.close()

    return Forked()


def _signal_name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def default_jobs(memory_mb: float) -> int:
    """One worker per core this process may use, but no more than memory allows at the cap each."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    available = _available_mb()
    if available and memory_mb > 0:
        cores = min(cores, max(1, int(available // memory_mb)))
    return max(1, cores)


def page_jobs(workers: int, memory_mb: float) -> int:
    """Processes each worker may read a long PDF's pages with: the cores (and memory) the workers leave idle.

    With as many workers as cores a worker reads its pages itself; a build of one stale
    document (one worker) lends it the other cores (pipeline.read.pdf.parallel).
    """
    return max(1, default_jobs(memory_mb) // max(1, workers))


def _available_mb() -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _replace_all(staged: Path, outputs: Path, names: list[str]) -> None:
    """Move staged files over their outputs: all of them, or (on any exception) none of them.

    Each old output is first hard-linked to a backup name; if a later move fails (disk full,
    Ctrl-C) the moves already made are undone from the backups, so the document's previous
    outputs are back byte for byte. Only a hard kill between two moves can leave a mix, and
    then the manifest still holds the old keys, so the next build redoes the document.
    """
    backups: dict[str, Path | None] = {}
    try:
        for name in names:
            target = outputs / name
            backup = None
            if target.is_file():
                backup = outputs / f"{STAGING_PREFIX}backup-{os.getpid()}-{len(backups)}"
                backup.unlink(missing_ok=True)
                try:
                    os.link(target, backup)
                except OSError:  # a file system without hard links
                    shutil.copyfile(target, backup)
            backups[name] = backup
            os.replace(staged / name, target)
    except BaseException:
        for name, backup in backups.items():
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, outputs / name)
                else:
                    (outputs / name).unlink(missing_ok=True)
        raise
    finally:
        for backup in backups.values():
            if backup is not None:
                backup.unlink(missing_ok=True)


def _replace_changed(staged: Path, outputs: Path, names: list[str]) -> None:
    """Move staged files over their outputs, leaving alone each output that already holds the
    same bytes (an officer who has it open in Excel is not disturbed, its date stays)."""
    changed = []
    for name in names:
        try:
            same = (outputs / name).read_bytes() == (staged / name).read_bytes()
        except OSError:
            same = False
        if not same:
            changed.append(name)
    _replace_all(staged, outputs, changed)


def _remove_staging(outputs: Path) -> None:
    """What a crashed or killed build left half-written (temp files and staging folders)."""
    for path in outputs.iterdir():
        if path.name.startswith(STAGING_PREFIX):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


@contextlib.contextmanager
def _exclusive(outputs: Path) -> Iterator[int | None]:
    """One build at a time per outputs folder (a lock on the folder itself; no lock file).
    Yields the descriptor that holds it (None where there is no lock)."""
    try:
        import fcntl
    except ImportError:  # not a Unix: no lock
        yield None
        return
    fd = os.open(outputs, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise PipelineError(
                f"another build is already writing to {outputs}", "wait for it to finish, then run `make` again"
            ) from None
        yield fd
    finally:
        os.close(fd)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Ctrl-C (SIGINT) and `kill` (SIGTERM) stop the build the same way: a KeyboardInterrupt
    (workers killed, nothing half-written, one line from the command). Once stopping, a second
    signal is ignored, so the clean-up that keeps the outputs whole is not cut short."""

    def stop(signum: int, frame: Any) -> None:
        for each in (signal.SIGINT, signal.SIGTERM):
            signal.signal(each, signal.SIG_IGN)
        raise Stopped(signum)

    try:
        previous = {each: signal.signal(each, stop) for each in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)
