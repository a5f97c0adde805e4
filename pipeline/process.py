"""One document through every stage: read -> extract -> normalise -> check. No file writing.

This is what `extract` and `build` (and each build worker) call for one file. It returns the
finished Document or raises a PipelineError with a one-line reason; raw library exceptions do
not escape it.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from pipeline.check import check
from pipeline.core.errors import DamagedFile, NotRecognised, PipelineError, TooLarge
from pipeline.core.layout import Layout
from pipeline.core.model import ColumnReading, Document, Finding, Source, TableColumns
from pipeline.core.text import clean
from pipeline.extract.kind import detect_kind
from pipeline.language.revision_marks import front_matter_revision
from pipeline.read import read
from pipeline.read.guard import check_file_size
from pipeline.rules import Rules

log = logging.getLogger(__name__)


def process(path: Path, rules: Rules, data: bytes | None = None, password: str | None = None) -> Document:
    """The finished record of one input file."""
    if data is None:
        try:
            check_file_size(path.stat().st_size, rules.limits)
            data = path.read_bytes()
        except OSError as exc:
            raise PipelineError(
                f"cannot be read ({exc.strerror or exc})", "check the file is there and readable"
            ) from None
    layout = read_layout(path, rules, data, password)
    try:
        return document_from_layout(layout, path.name, hashlib.sha256(data).hexdigest(), rules)
    except PipelineError:
        raise
    except MemoryError:
        raise TooLarge("needs more memory than allowed to extract") from None
    except RecursionError:
        raise DamagedFile("its structure is nested too deeply to extract") from None
    except Exception:  # a bug of ours: still one line, and the batch goes on; the detail goes to the log
        log.exception("extraction failed for %s", path.name)
        raise PipelineError(
            "could not be extracted because of an internal error",
            "please report this file to the pipeline's maintainers",
        ) from None


def read_layout(path: Path, rules: Rules, data: bytes, password: str | None = None) -> Layout:
    """The file's layout; any failure of a reader library becomes a one-line PipelineError."""
    try:
        return read(path, rules, data, password=password or rules.password_for(path.name))
    except PipelineError:
        raise
    except RecursionError:
        raise DamagedFile("damaged or maliciously nested structure (too deep to read)") from None
    except MemoryError:
        raise TooLarge("needs more memory than allowed to read") from None
    except Exception as exc:  # the library's own words are for the log, not the officer
        log.info("reader failed for %s: %r", path.name, exc)
        raise DamagedFile("damaged or unreadable file") from None


def document_from_layout(layout: Layout, name: str, sha256: str, rules: Rules) -> Document:
    kind = detect_kind(layout, rules, name)
    source = Source(file=name, sha256=sha256, format=layout.format, pages=layout.pages, revision_of=layout.revision_of)
    notes = [Finding(sev, code, "document", message) for sev, code, message in layout.notes]  # type: ignore[arg-type]
    stem = Path(name).stem
    if kind == "action_plan":
        from pipeline.extract.plan import extract_plan
        from pipeline.normalise.plan import normalise_plan

        raw = extract_plan(layout, rules, name)
        sections, outcomes, actions = normalise_plan(raw, rules)
        notes += [Finding(sev, code, where, msg) for sev, code, where, msg in raw.notes]  # type: ignore[arg-type]
        doc = Document(
            source=source,
            kind=kind,
            title=clean(raw.title) or stem,
            sections=sections,
            outcomes=outcomes,
            actions=actions,
            tables=[
                TableColumns(
                    page=t.page,
                    columns=[ColumnReading(d.column, d.header, d.field, d.confidence, d.evidence) for d in t.decisions],
                )
                for t in raw.tables
            ],
        )
    else:
        from pipeline.extract.guidance import extract as extract_guidance
        from pipeline.normalise.guidance import normalise_guidance

        raw_g = extract_guidance(layout, rules)
        priorities, questions = normalise_guidance(raw_g, rules)
        notes += [Finding(sev, code, where, msg) for sev, code, where, msg in raw_g.notes]  # type: ignore[arg-type]
        doc = Document(
            source=source, kind=kind, title=clean(raw_g.title) or stem, priorities=priorities, questions=questions
        )
    if kind == "action_plan" and not doc.actions:
        raise NotRecognised(
            "reads like an action plan, but no numbered actions were found in it",
            "check it is the plan itself; if its actions are numbered differently, see rules/README.md",
        )
    if kind == "guidance" and not doc.questions:
        raise NotRecognised("reads like guidance, but no questions were found in it")
    doc.revision = front_matter_revision(layout, rules)
    doc.extraction = [{key: int(value) for key, value in page.items()} for page in layout.word_report]  # type: ignore[call-overload]
    doc.findings = check(doc, rules, notes)
    return doc
