"""One document through every stage: read -> extract -> normalise -> check. No file writing.

`trace` runs the stages and keeps what each one made (the layout, the raw records, the
document) as far as it got, with the failure that stopped it: `extract --debug` writes it,
failed or not, so a wrong field or a refusal can be followed back one stage at a time.
`process` is the same for callers that want the document alone: it returns it or raises the
PipelineError. No raw exception escapes either: one that a stage raises is blamed
(`core.errors.blame`) on the file (a library could not read it), on the machine (a library
is missing) or on our own code (an internal error, its traceback kept for the log).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pipeline.check import check
from pipeline.core import collector
from pipeline.core.errors import DamagedFile, NotRecognised, PipelineError, TooLarge, blame, machine_error
from pipeline.core.kinds import KINDS
from pipeline.core.layout import Layout
from pipeline.core.model import ColumnReading, Compact, Document, Kind, Source, TableColumns
from pipeline.core.names import readable_name
from pipeline.core.text import clean
from pipeline.extract.guidance import extract as extract_guidance
from pipeline.extract.kind import detect_kind
from pipeline.extract.plan import extract_plan
from pipeline.extract.records import RawGuidance, RawPlan
from pipeline.language.revision_marks import front_matter_revision
from pipeline.normalise.guidance import normalise_guidance
from pipeline.normalise.plan import normalise_plan
from pipeline.read import read
from pipeline.read.guard import check_file_size
from pipeline.rules import Rules
from pipeline.rules.patterns import start_document

T = TypeVar("T")


@dataclass
class Trace(Compact):
    """What each stage made of one file, as far as it got; `error` is why it stopped, if it did."""

    file: str
    layout: Layout | None = None
    kind: Kind | None = None
    raw: RawPlan | RawGuidance | None = None
    document: Document | None = None
    error: PipelineError | None = None

    def to_plain(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "layout": self.layout,
            "kind": self.kind,
            "raw": self.raw,
            "document": self.document,
            "failure": self.error.failure() if self.error else None,
        }


def _plan_records(raw: RawPlan, rules: Rules) -> dict[str, Any]:
    sections, outcomes, actions = normalise_plan(raw, rules)
    tables = [  # how each table's columns were read, for the workbook's Extraction sheet
        TableColumns(
            page=t.page,
            columns=[ColumnReading(d.column, d.header, d.field, d.confidence, d.evidence) for d in t.decisions],
        )
        for t in raw.tables
    ]
    return {"sections": sections, "outcomes": outcomes, "actions": actions, "tables": tables}


def _guidance_records(raw: RawGuidance, rules: Rules) -> dict[str, Any]:
    priorities, questions = normalise_guidance(raw, rules)
    return {"priorities": priorities, "questions": questions}


@dataclass(frozen=True)
class Stages:
    """How a kind of document is extracted and normalised, and why it is refused when that
    yields none of its records (`refusal`: reason, and remedy or None for the usual one)."""

    extract: Callable[[Layout, Rules, str], Any]  # layout, rules, the file's name
    normalise: Callable[[Any, Rules], dict[str, Any]]
    refusal: tuple[str, str | None]


STAGES: dict[str, Stages] = {
    "action_plan": Stages(
        extract_plan,
        _plan_records,
        (
            "reads like an action plan, but no numbered actions were found in it",
            "check it is the plan itself; if its actions are numbered differently, see rules/README.md",
        ),
    ),
    "guidance": Stages(
        lambda layout, rules, _name: extract_guidance(layout, rules),
        _guidance_records,
        ("reads like guidance, but no questions were found in it", None),
    ),
}


def process(path: Path, rules: Rules, data: bytes | None = None, password: str | None = None) -> Document:
    """The finished record of one input file, or the PipelineError that says why there is none."""
    run = trace(path, rules, data, password)
    if run.error is not None:
        raise run.error
    assert run.document is not None
    return run.document


def trace(path: Path, rules: Rules, data: bytes | None = None, password: str | None = None) -> Trace:
    """Every stage of one input file, as far as it got; never raises a PipelineError (it is in `error`)."""
    run = Trace(readable_name(path.name))  # the same name under any locale
    try:
        with collector.document_lifetime():
            if data is None:
                data = _read_bytes(path, rules)
            run.layout = read_layout(path, rules, data, password)
            collector.settle()  # the layout lives until the document is done
            _extract_stage(run, run.layout, hashlib.sha256(data).hexdigest(), rules)
    except PipelineError as exc:
        run.error = exc
    return run


def read_layout(path: Path, rules: Rules, data: bytes, password: str | None = None) -> Layout:
    """The read stage: the file's layout, or a PipelineError (a library failing on it: damaged)."""
    return _stage(
        lambda: read(path, rules, data, password=password or rules.password_for(path.name)),
        doing="read",
        damaged=DamagedFile("damaged or unreadable file"),
        too_deep="damaged or maliciously nested structure (too deep to read)",
        too_large="needs more memory than allowed to read",
    )


def document_from_layout(layout: Layout, name: str, sha256: str, rules: Rules) -> Document:
    """The stages after reading, for a layout already made."""
    run = Trace(name, layout=layout)
    _extract_stage(run, layout, sha256, rules)
    assert run.document is not None
    return run.document


def _extract_stage(run: Trace, layout: Layout, sha256: str, rules: Rules) -> None:
    _stage(
        lambda: _extract(run, layout, sha256, rules),
        doing="extracted",
        too_deep="its structure is nested too deeply to extract",
        too_large="needs more memory than allowed to extract",
    )


def _read_bytes(path: Path, rules: Rules) -> bytes:
    try:
        check_file_size(path.stat().st_size, rules.limits)
        return path.read_bytes()
    except OSError as exc:
        raise machine_error(exc, "read") or PipelineError(
            f"cannot be read ({exc.strerror or exc})", "check the file is there and readable"
        ) from None


def _stage(work: Callable[[], T], doing: str, too_deep: str, too_large: str, damaged: PipelineError | None = None) -> T:
    """`work()`, any exception but a PipelineError turned into one: the reasons for running out
    of stack (`too_deep`) or memory (`too_large`) at this stage, and `damaged`, what a library
    failing on the file means here (None: no library is expected to fail here: a bug of ours)."""
    try:
        return work()
    except PipelineError:
        raise
    except RecursionError:
        raise DamagedFile(too_deep) from None
    except MemoryError:
        raise TooLarge(too_large) from None
    except Exception as exc:
        raise blame(exc, damaged, doing) from None


def _extract(run: Trace, layout: Layout, sha256: str, rules: Rules) -> None:
    """Kind, raw records, records and findings, each kept in `run` as soon as it is made."""
    start_document()  # a rule pattern that ran out of time on another document is tried again here
    run.kind = kind = detect_kind(layout, rules, run.file)
    stages = STAGES[kind]
    run.raw = raw = stages.extract(layout, rules, run.file)
    records = stages.normalise(raw, rules)
    doc = Document(
        source=Source(
            file=run.file, sha256=sha256, format=layout.format, pages=layout.pages, revision_of=layout.revision_of
        ),
        kind=kind,
        title=clean(raw.title) or Path(run.file).stem,
        extraction=list(layout.word_report),
        **records,
    )
    run.document = doc
    if not KINDS[kind].records_of(doc):
        raise NotRecognised(*stages.refusal)
    doc.revision = front_matter_revision(layout, rules)
    doc.findings = check(doc, rules, layout.notes + raw.notes)
