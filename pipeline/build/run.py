"""The build driver behind `make`: bring outputs/ up to date with inputs/, redoing only what changed.

Steps, each safe to stop at any moment:
1. decide (`build_plan`): hash the inputs, compare with the manifest; nothing is opened;
2. build the stale documents in worker processes (`worker`, `build_task`), each under a time
   and memory cap; a finished document's outputs are moved from a staging folder into place
   and the manifest is rewritten (atomically) to say so, one document at a time;
3. remove the outputs of inputs that are gone (only files the manifest says we wrote);
4. rewrite `index.json` and `all-plans.xlsx` from the JSON outputs, and the revision histories
   (`pipeline.diff.revisions`), only when a document's JSON or a failure changed.

A crash, a Ctrl-C or a killed worker at any point leaves every output either as it was or
completely new, never half-written, and the manifest never claims a document built that was
not. A failed document keeps its previous outputs, is named in the summary as out of date, and
the build exits with status 1 after all the others are written. A failure that is a defect of
ours (or a missing library) is not remembered: the file is tried again on the next build, and
its line points to `outputs/.build.log`, where that build wrote the traceback.
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
    is_plain_name,
    key_of,
    plan,
    scan,
    skipped_inputs,
)
from pipeline.build.task import BuildResult
from pipeline.core.errors import Failure, PipelineError, UsageError, traceback_text
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
    with _exclusive(outputs):
        _remove_staging(outputs)
        build = _Build(inputs, outputs, rules, quiet)
        try:
            with _terminate_as_interrupt():
                return build.run(jobs, force, started)
        except OSError as exc:  # disk full, folder made read-only: one line; what was written is whole
            raise PipelineError(
                f"{outputs}: could not be written ({exc.strerror or exc})",
                "check there is free space and the folder can be written, then run `make` again",
            ) from None


class _Build:
    """One run of the build; holds the manifest and the reporter while documents finish."""

    def __init__(self, inputs: Path, outputs: Path, rules: Rules, quiet: bool) -> None:
        self.inputs, self.outputs, self.rules, self.quiet = inputs, outputs, rules, quiet
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
        finish_index = self._index(items, background=cores > 1)  # beside the revisions, on a second core
        try:
            self._revisions(items)
        finally:
            finish_index()
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
        index_names = [str(self.outputs / n) for n in self.manifest.index.files]
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
                    if result.failure is None:
                        self._commit(item, staging / result.key, result.value)
                        self.report.built(item.name, result.value.summary, result.seconds)
                        built += 1
                    else:
                        failure = result.failure
                        if result.detail:  # a defect of ours: the traceback, where the line says
                            failure = failure.with_details(self.log.add(item.name, result.detail))
                        self._record_failure(item, failure)
                        self.report.failed_one(failure.line(item.name), item.name)
                    shutil.rmtree(staging / result.key, ignore_errors=True)
                    self._save()
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return built, pool.started_tasks

    def _commit(self, item: Input, staged: Path, value: BuildResult) -> None:
        """Move a document's new outputs into place, then record them (in that order)."""
        names = [n for n in value.outputs if is_plain_name(n)]
        _replace_all(staged, self.outputs, names)
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

    def _index(self, items: list[Input], background: bool = False) -> Callable[[], None]:
        """Write index.json and the combined workbook when they are out of date; returns the call
        that waits for them. `background`: in a forked process, while this one goes on."""
        names = [INDEX_JSON, INDEX_XLSX, *CSV_NAMES]
        key = key_of([self.code, self.rules.fingerprint, self._document_keys(items)])
        if self.manifest.index.key == key and all((self.outputs / n).is_file() for n in names):
            return lambda: None
        from pipeline.emit.index import write_index

        entries = self._entries(items)

        def write() -> None:
            write_index(self.outputs, entries, self.rules, INDEX_JSON, INDEX_XLSX)

        def finished(error: str | None) -> None:
            if error is not None:  # one line for the officer; the documents are written
                self._internal_error(f"{INDEX_JSON}, {INDEX_XLSX}", error)
            else:
                self.manifest.index = Product(key, names)

        if background and "fork" in multiprocessing.get_all_start_methods():
            return _forked(write, finished)
        finished(_run(write))
        return lambda: None

    def _document_keys(self, items: list[Input]) -> list[list[Any]]:
        keys = []
        for item in items:
            entry = self.manifest.entry(item.name)
            reason = entry.failed.failure.reason if entry.failed else None
            keys.append([item.name, entry.json_sha256, entry.outputs or [], reason])
        return keys

    def _revisions(self, items: list[Input]) -> None:
        """Per-plan histories and diffs (`pipeline.diff.revisions`)."""
        key = key_of([self.code, self.rules.fingerprint, self._document_keys(items)])
        previous = [n for n in self.manifest.revisions.files if is_plain_name(n)]
        if self.manifest.revisions.key == key and all((self.outputs / n).is_file() for n in previous):
            return
        documents = {}
        for item in items:
            json_name = self._output(item, ".json")
            if json_name:
                documents[item.name] = self.outputs / json_name
        from pipeline.diff.revisions import build_revisions

        told: list[tuple[str, str]] = []
        try:
            written = list(build_revisions(self.outputs, documents, self.rules, told))
            for kind, line in told:  # each plan's revisions in order and why; duplicates, gaps
                if kind == "warning":
                    self.report.line(f"warning: {line}", error=True)
                else:
                    self.report.note(line)
        except PipelineError as exc:
            self.problems += 1
            self.report.failed_one(exc.line("revision history"))
            return
        except Exception as exc:  # one line; the documents themselves are written
            self._internal_error("revision history", exc)
            return
        owned = self.manifest.owned()
        names = []
        for path in written:
            path = Path(path) if Path(path).is_absolute() else Path.cwd() / path
            if path.resolve().parent != self.outputs.resolve() or not is_plain_name(path.name):
                continue  # never manage a file outside outputs/
            if path.name in owned:  # it has overwritten a document's output: that document is built again
                self.problems += 1
                for entry in self.manifest.files.values():
                    if path.name in (entry.outputs or []):
                        entry.sha256 = None
                self.report.failed_one(
                    f"revision history: {path.name} has the name of a document's output — "
                    "rename that document in inputs/ and run `make` again"
                )
                continue
            names.append(path.name)
        for name in previous:
            if name not in names and name not in owned:
                (self.outputs / name).unlink(missing_ok=True)
        self.manifest.revisions = Product(key, sorted(set(names)))

    def _internal_error(self, what: str, error: Exception | str) -> None:
        """A bug of ours after the documents were written: one line here, the traceback in the log."""
        self.problems += 1
        log = self.log.add(what, error if isinstance(error, str) else traceback_text(error))
        failure = Failure(
            "internal",
            "could not be written because of an internal error in the pipeline",
            "please report this to the pipeline's maintainers",
        )
        self.report.failed_one(failure.with_details(log).line(what))

    # ------------------------------------------------------------------- manifest
    def _save(self) -> None:
        """Rewrite the manifest (atomically) if anything in it changed."""
        data = self.manifest.to_bytes()
        if data != self.saved:
            self.manifest.save(self.outputs, data)
            self.saved = data


def _run(write: Callable[[], None]) -> str | None:
    """Call `write`; None when it worked, else the traceback of what went wrong."""
    try:
        write()
    except Exception as exc:
        return traceback_text(exc)
    return None


def _forked(write: Callable[[], None], finished: Callable[[str | None], None]) -> Callable[[], None]:
    """Run `write` in a forked process; the returned call waits for it and passes `finished`
    None, or the traceback (or exit status) of what went wrong."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        send.send(_run(write))

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()

    def wait() -> None:
        try:
            error = receive.recv()
        except EOFError:  # it ended without a word: its exit status tells
            error = None
        process.join()
        receive.close()
        if error is None and process.exitcode != 0:
            error = f"the process writing it ended with status {process.exitcode}"
        finished(error)

    return wait


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


def _remove_staging(outputs: Path) -> None:
    """What a crashed or killed build left half-written (temp files and staging folders)."""
    for path in outputs.iterdir():
        if path.name.startswith(STAGING_PREFIX):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


@contextlib.contextmanager
def _exclusive(outputs: Path) -> Iterator[None]:
    """One build at a time per outputs folder (a lock on the folder itself; no lock file)."""
    try:
        import fcntl
    except ImportError:  # not a Unix: no lock
        yield
        return
    fd = os.open(outputs, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise PipelineError(
                f"another build is already writing to {outputs}", "wait for it to finish, then run `make` again"
            ) from None
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """A `kill` (SIGTERM) stops the build as cleanly as Ctrl-C: workers killed, nothing half-written."""

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
