"""Random bytes and random damage to real samples: only the pipeline's own errors ever come out.

Samples are the repository's inputs and committed fixtures (plans and guidance as PDF, Word, HTML
and text). Mutations: truncation, byte flips, deleted or repeated spans, splices of two files, and
for Word files damage to one XML part inside an otherwise valid zip (so the XML parser, not the
zip reader, meets it). The openers (`open_pdf`, `open_docx`, type detection) are fuzzed hard
because they are cheap; the whole chain (`pipeline.process.process`) and the readers with
fewer examples, because each example reads a whole document.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.errors import PipelineError
from pipeline.process import process
from pipeline.read import detect_format
from pipeline.read import read as read_layout
from pipeline.read.docx.opener import open_docx
from pipeline.read.pdf.opener import open_pdf
from pipeline.rules import Rules, load_rules
from tests.helpers import FIXTURES, ROOT

RULES = load_rules()
SAMPLES: dict[str, list[Path]] = {
    "pdf": sorted(FIXTURES.glob("*.pdf")),
    "docx": sorted(FIXTURES.glob("*.docx")),
    "html": sorted(FIXTURES.glob("*.html")),
    "txt": sorted((ROOT / "inputs").glob("*.txt")),
}
PREFIXES = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html><body>", b"\xff\xfe"]
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _data(path: Path) -> bytes:
    return path.read_bytes()


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> tuple[str, bytes]:
    """(file name, damaged bytes) for a sample of `kind`."""
    path = draw(st.sampled_from(SAMPLES[kind]))
    data = bytearray(_data(path))
    how = draw(st.sampled_from(["truncate", "flip", "delete", "repeat", "splice", "insert"]))
    at = draw(st.integers(0, max(0, len(data) - 1)))
    if how == "truncate":
        data = data[:at]
    elif how == "flip":
        for _ in range(draw(st.integers(1, 16))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif how == "delete":
        del data[at : at + draw(st.integers(1, 2000))]
    elif how == "repeat":
        data[at:at] = data[at : at + draw(st.integers(1, 2000))]
    elif how == "splice":
        other = _data(draw(st.sampled_from([p for paths in SAMPLES.values() for p in paths])))
        data = data[:at] + other[draw(st.integers(0, len(other) - 1)) :]
    else:
        data[at:at] = draw(st.binary(min_size=1, max_size=64))
    return path.name, bytes(data)


@st.composite
def damaged_word_part(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid zip whose one XML part is damaged."""
    path = draw(st.sampled_from(SAMPLES["docx"]))
    with zipfile.ZipFile(io.BytesIO(_data(path))) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = draw(st.sampled_from(sorted(n for n in parts if n.endswith((".xml", ".rels")))))
    xml = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(xml) - 1))
        xml[at : at + draw(st.integers(0, 40))] = draw(st.binary(max_size=12))
    parts[name] = bytes(xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for part, data in parts.items():
            new.writestr(part, data)
    return path.name, out.getvalue()


def _random_file() -> st.SearchStrategy[tuple[str, bytes]]:
    names = st.sampled_from(["plan.pdf", "plan.docx", "page.html", "notes.txt", "noname", "sheet.xlsx"])
    data = st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=3000)).map(lambda t: t[0] + t[1])
    return st.tuples(names, data)


def _open_fully(kind: str, data: bytes, rules: Rules) -> None:
    """Open with the format's opener and touch what a reader touches first."""
    if kind == "pdf":
        pdf = open_pdf(data, rules)
        try:
            for page in pdf.pages:
                page.close()
        finally:
            pdf.close()
    else:
        document = open_docx(data, rules)
        _ = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]


def _only_pipeline_errors(action: object) -> None:
    """Only a PipelineError comes out, one line, and it blames the file: never a defect of ours
    (`internal`: a bug met on bad input is still a bug) nor the machine."""
    try:
        action()  # type: ignore[operator]
    except PipelineError as exc:
        assert exc.reason and "\n" not in exc.reason
        assert exc.category not in ("internal", "missing-library"), (exc.line("fuzzed"), getattr(exc, "detail", ""))


@FAST
@given(_random_file())
def test_type_detection_on_random_bytes(file: tuple[str, bytes]) -> None:
    name, data = file
    _only_pipeline_errors(lambda: detect_format(Path(name), data))


@FAST
@given(st.sampled_from(["pdf", "docx"]), _random_file())
def test_openers_on_random_bytes(kind: str, file: tuple[str, bytes]) -> None:
    _only_pipeline_errors(lambda: _open_fully(kind, file[1], RULES))


@FAST
@given(mutated("pdf"))
def test_open_pdf_on_damaged_samples(file: tuple[str, bytes]) -> None:
    _only_pipeline_errors(lambda: _open_fully("pdf", file[1], RULES))


@FAST
@given(st.one_of(mutated("docx"), damaged_word_part()))
def test_open_docx_on_damaged_samples(file: tuple[str, bytes]) -> None:
    _only_pipeline_errors(lambda: _open_fully("docx", file[1], RULES))


@SLOW
@given(st.one_of(mutated("pdf"), mutated("docx"), damaged_word_part(), mutated("html"), mutated("txt"), _random_file()))
def test_whole_chain_on_damaged_samples(file: tuple[str, bytes]) -> None:
    name, data = file
    _only_pipeline_errors(lambda: process(Path(name), RULES, data=data))


@SLOW
@given(st.one_of(mutated("pdf"), mutated("docx"), damaged_word_part(), mutated("html"), mutated("txt")))
def test_readers_on_damaged_samples(file: tuple[str, bytes]) -> None:
    """The readers themselves turn every library failure into a PipelineError (or read around it)."""
    name, data = file
    _only_pipeline_errors(lambda: read_layout(Path(name), RULES, data))
