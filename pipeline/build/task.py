"""One document's build, as run inside a worker: read it, write its outputs to a staging folder.

The outputs are written beside the real ones (same file system) but in a private staging
folder; the parent moves them into place only once both exist. So a document that fails half
way, times out or takes its worker down never leaves a new JSON next to an old workbook, and
its previous outputs stay exactly as they were.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.emit.summary import Summary

# Imported once per worker before its memory is capped (see `prepare`): the readers and the
# libraries behind them, so that import time never counts against a document's deadline.
WARM_MODULES = (
    "pipeline.process",
    "pipeline.emit.json_out",
    "pipeline.emit.xlsx.document",
    "pipeline.emit.summary",
    "pipeline.language.questions",
    "pipeline.normalise.plan",
    "pipeline.normalise.guidance",
    "pdfplumber",
    "docx",
    "bs4",
    "lxml.html",
    "openpyxl",
    "pipeline.language.nlp",  # spaCy
    "playa",
    "playa.miner",
    "pdfminer.fontmetrics",
)


def prepare(rules_dir: str, page_jobs: int | None = None) -> None:
    """Import what reading needs and load the rules, once per worker; `page_jobs`: see build.page_jobs."""
    from pipeline.core import collector, processes

    processes.allow(page_jobs)
    with collector.loading():
        from pipeline.read import READERS
        from pipeline.rules import load_rules

        for name in (*WARM_MODULES, *READERS.values()):
            with contextlib.suppress(ImportError):  # a reader not installed or not written yet fails its own files
                importlib.import_module(name)
        load_rules(rules_dir)


@dataclass(frozen=True)
class BuildResult:
    """What a worker hands back for a document it built: what the manifest and the summary need."""

    sha256: str  # of the input as actually read (it may have been saved again since the build hashed it)
    summary: Summary
    outputs: list[str]  # the names written into the staging folder
    json_sha256: str


def build_document(source: str, stem: str, staging: str, rules_dir: str, fingerprint: str) -> BuildResult:
    """Process `source` and write `<stem>.json` and `<stem>.xlsx` into `staging`; raises a
    PipelineError on bad input (any other exception is a bug, `pool.failure_of` says so)."""
    from pipeline.core.errors import PipelineError, machine_error
    from pipeline.core.model import json_bytes
    from pipeline.emit.atomic import write_bytes_atomic
    from pipeline.emit.summary import summarise
    from pipeline.emit.xlsx.document import write_workbook
    from pipeline.process import process
    from pipeline.read.guard import check_file_size
    from pipeline.rules import load_rules

    rules = load_rules(rules_dir)
    if rules.fingerprint != fingerprint:
        raise PipelineError("the rule files changed while the build was running", "run `make` again")
    path = Path(source)
    try:
        check_file_size(path.stat().st_size, rules.limits)
        data = path.read_bytes()
    except OSError as exc:
        raise machine_error(exc, "read") or PipelineError(
            f"cannot be read ({exc.strerror or exc})", "check the file is there and readable"
        ) from None
    doc = process(path, rules, data=data)
    out = Path(staging)
    out.mkdir(parents=True, exist_ok=True)
    record = doc.to_dict()
    body = json_bytes(record)
    write_bytes_atomic(out / f"{stem}.json", body)
    write_workbook(doc, out / f"{stem}.xlsx", rules)
    written = sorted(p.name for p in out.iterdir() if p.is_file() and not p.name.startswith("."))
    return BuildResult(doc.source.sha256, summarise(record), written, hashlib.sha256(body).hexdigest())
