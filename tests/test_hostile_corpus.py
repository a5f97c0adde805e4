"""The whole hostile corpus as inputs/: records or one clear reason for every file, never a crash.

`../shared/corpus/hostile/` holds 88 damaged, encrypted, malicious and odd files from public test
suites and generated attacks; its MANIFEST.tsv says what is wrong with each and what a robust
pipeline should do. Here they go through the real build (`python -m pipeline build`, with its
worker processes, time and memory limits), and each file's outcome, read from
`outputs/index.json`, is held to an expectation written file by file from its MANIFEST row:

- "records": it became a plan or guidance document;
- "not-recognised": text was read, but it is not a plan or guidance (not a silent loss);
- "blank": no text at all, said clearly (a blank page, an empty web page);
- otherwise the error category: not-a-pdf, damaged, encrypted, needs-ocr (no text layer),
  garbled, too-large, timed-out, empty, unsupported.

A file that holds text must never come out "blank" (that would be silent loss). The slowest files
(resource bombs, 50-page and 65 000-object PDFs) are marked slow: `make test-fast` leaves them out,
`make test` (CI) runs them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import FIXTURES, ROOT, SHARED, guidance_differences, plan_differences

HOSTILE = SHARED / "corpus" / "hostile"
TEXT = {"records", "not-recognised"}  # the text was read
BLANK = {"blank", "empty"}  # there is no text, and the reason says so

EXPECTED: dict[str, set[str]] = {
    # not a PDF at all, or beyond repair
    "qpdf__bad1.pdf": {"not-a-pdf", "damaged"},
    "pdf.js__bug1020226.pdf": {"not-a-pdf", "damaged"},
    "generated__png_really.pdf": {"not-a-pdf"},
    "qpdf__issue-141a.pdf": {"damaged", "not-a-pdf"},
    "qpdf__issue-143.pdf": {"damaged", "not-a-pdf"},
    "qpdf__issue-146.pdf": {"damaged"},
    # damaged, but the text is recoverable: it must come out
    "pdf.js__bug1606566.pdf": TEXT,
    "qpdf__bad2.pdf": TEXT,
    "qpdf__bad3.pdf": TEXT,
    "qpdf__bad4.pdf": TEXT,
    "qpdf__append-xref-loop.pdf": TEXT,
    "qpdf__issue-149.pdf": TEXT,
    "pdf.js__xref_command_missing.pdf": TEXT,
    "pdf.js__bug1978317.pdf": TEXT,
    "pypdf__issue-297.pdf": TEXT,
    "qpdf__xref-compressed-in-compressed.pdf": TEXT,
    "qpdf__issue-202.pdf": TEXT,
    "pdfminer.six__issue-1113-evil-xobjects.pdf": TEXT,
    "pdf.js__ContentStreamCycleType3insideType3.pdf": TEXT,
    "qpdf__pages-loop.pdf": TEXT,
    "qpdf__no-pages-types.pdf": TEXT,
    "qpdf__page-no-content.pdf": TEXT,
    "pdf.js__Pages-tree-refs.pdf": TEXT,
    "generated__junk_prefix_1k.pdf": TEXT,
    "generated__page_count_lie.pdf": TEXT,
    "generated__truncated_50pct.pdf": TEXT | {"damaged"},
    "qpdf__damaged-stream.pdf": TEXT,
    "pdfminer.six__zen_of_python_corrupted.pdf": TEXT,
    "pdfplumber__malformed-from-issue-932.pdf": TEXT,
    # damaged and blank (or unrecoverable): "no text" or "damaged", never a crash
    "pdf.js__GHOSTSCRIPT-698804-1-fuzzed.pdf": BLANK | {"damaged"},
    "pdf.js__PDFBOX-4352-0.pdf": BLANK | {"damaged"},
    "qpdf__fuzz-16214.pdf": BLANK | {"damaged"},
    "pdf.js__operator_list_cycle.pdf": BLANK,
    "qpdf__deep-pages.pdf": BLANK | {"damaged"},
    "qpdf__empty.pdf": BLANK,
    "pdf.js__poppler-85140-0.pdf": BLANK,
    "pdf.js__poppler-395-0-fuzzed.pdf": BLANK | {"damaged"},
    "pdf.js__issue21436.pdf": BLANK,
    "pdfplumber__issue-297-example.pdf": BLANK,
    "qpdf__broken-lzw.pdf": BLANK | {"damaged"},
    # ordinary text, odd fonts, rotation, many pages
    "pdf.js__pdkids.pdf": TEXT,
    "pdfminer.six__i1040nr.pdf": TEXT,
    "pdfminer.six__issue-791-non-unicode-cmap.pdf": TEXT,
    "pdfminer.six__matplotlib.pdf": TEXT,
    "qpdf__rotated.pdf": TEXT,
    "pypdf__Seige_of_Vicksburg_Sample_OCR.pdf": TEXT,
    "generated__5000_pages.pdf": TEXT | {"too-large"},
    # encryption: a password is needed, or the empty password opens it
    "qpdf__enc-XI-R6,V5,U=view,O=master.pdf": {"encrypted"},
    "pdfminer.six__rc4-40.pdf": {"encrypted"},
    "pdfplumber__password-example.pdf": {"encrypted"},
    "pdf.js__bug1782186.pdf": {"encrypted"},
    "qpdf__enc-XI-R6,V5,O=master.pdf": TEXT,
    "qpdf__bad-encryption-length.pdf": TEXT | {"encrypted"},
    "pypdf__r6-user-password.pdf": TEXT | {"encrypted"},
    "pdf.js__pr6531_2.pdf": BLANK | {"encrypted"},
    "pdf.js__empty_protected.pdf": BLANK,
    "msoffcrypto-tool__example_password.docx": {"encrypted"},
    # scans and undecodable fonts
    "pypdf__imagemagick-CCITTFaxDecode.pdf": {"needs-ocr"},
    "pdfminer.six__pdf-with-jbig2.pdf": {"needs-ocr"},
    "pdf.js__images_1bit_grayscale.pdf": {"needs-ocr"},
    "pdf.js__complex_ttf_font.pdf": {"garbled"},
    "pdf.js__arial_unicode_ab_cidfont.pdf": {"garbled"},
    # resource bombs: a limit, never the batch
    "generated__flate_bomb_4GiB.pdf": {"too-large"},
    "generated__cpu_bomb_16M_qQ_ops.pdf": {"timed-out", "too-large"},
    "generated__1M_glyphs_one_page.pdf": TEXT | {"timed-out", "too-large"},
    "generated__zip_bomb_400MB_document_xml.docx": {"too-large"},
    "generated__billion_laughs.docx": {"damaged", "too-large"},
    # Word packages
    "msoffcrypto-tool__plain.doc": {"unsupported"},
    "generated__not_a_zip.docx": {"damaged", "unsupported"},
    "generated__truncated_60pct.docx": {"damaged"},
    "generated__missing_document_xml.docx": {"damaged"},
    "generated__no_content_types.docx": TEXT,
    "generated__strict_ooxml.docx": TEXT,
    "generated__xxe_external_entity.docx": TEXT,
    "generated__plan_formula_injection.docx": TEXT,
    "Plan \"Q3\" – Ünïcødé 计划 'draft' ё.docx": TEXT,
    # empty files and other types
    "generated__zero_byte.pdf": {"empty"},
    "generated__zero_byte.docx": {"empty"},
    "generated__zero_byte.html": {"empty"},
    "generated__zero_byte.xlsx": {"empty", "unsupported"},
    "generated__csv_text_as.xlsx": {"unsupported"},
    # web pages
    "generated__deep_nesting_100k_divs.html": TEXT,
    "generated__cp1252_no_charset.html": TEXT,
    "generated__charset_lie_utf8_declared_cp1252_bytes.html": TEXT,
    "generated__utf16le_bom.html": TEXT,
    "generated__nul_and_control_bytes.html": TEXT,
    "generated__no_visible_text.html": BLANK,
    "generated__unclosed_tags_garbage.html": TEXT,
}
# Legitimately slow to read (seconds each), built with the normal time limit.
SLOW = {"pdf.js__bug1978317.pdf", "pdf.js__pdkids.pdf", "pdfminer.six__i1040nr.pdf"}
# Built to hit a limit: a short time limit keeps the test quick.
BOMBS = {"generated__cpu_bomb_16M_qQ_ops.pdf", "generated__1M_glyphs_one_page.pdf"}
BOMB_SECONDS = 10
# Control characters, NUL and U+FFFD/U+FFFE/U+FFFF must never reach the JSON.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff]")


def manifest() -> dict[str, dict[str, str]]:
    with (HOSTILE / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def holds_text(name: str) -> bool:
    value = manifest()[name]["holds_text"]
    return value.startswith(("yes", "partial")) and "password" not in value and "undecodable" not in value


def outcome(record: dict[str, Any]) -> str:
    """One word for what became of a file (see the module docstring)."""
    if record.get("state") == "ok" and record.get("kind") in ("action_plan", "guidance"):
        return "records"
    problem = record.get("problem") or {}
    category, reason = problem.get("category", "?"), problem.get("reason", "").lower()
    if category == "no-text":
        return "needs-ocr"
    if category == "not-recognised":
        return "blank" if "no text" in reason else "not-recognised"
    return str(category)


class Build:
    """One run of `python -m pipeline build` over copies of some corpus files."""

    def __init__(
        self,
        base: Path,
        names: list[str],
        rules_changes: dict[str, dict[str, Any]],
        extra: dict[str, bytes] | None = None,
    ) -> None:
        self.inputs, self.outputs, rules = base / "inputs", base / "outputs", base / "rules"
        self.inputs.mkdir()
        for name in names:
            shutil.copyfile(HOSTILE / name, self.inputs / name)
        for name, data in (extra or {}).items():
            (self.inputs / name).write_bytes(data)
        shutil.copytree(ROOT / "rules", rules)
        for file_name, changes in rules_changes.items():
            path = rules / file_name
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for key, value in changes.items():
                data[key] = {**data[key], **value} if isinstance(value, dict) else value
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        self.before = sorted(p.relative_to(base) for p in base.rglob("*"))
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
        command = [
            sys.executable,
            "-m",
            "pipeline",
            "--rules",
            str(rules),
            "build",
            str(self.inputs),
            str(self.outputs),
            "--jobs",
            "2",
        ]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            cwd=base,
            env=env,
            timeout=900,
            check=False,
        )
        self.returncode, self.stdout, self.stderr = done.returncode, done.stdout, done.stderr
        index = self.outputs / "index.json"
        assert index.is_file(), f"the build wrote no index.json:\n{self.stdout}\n{self.stderr}"
        self.records = {r["file"]: r for r in json.loads(index.read_text(encoding="utf-8"))["documents"]}
        self.base = base

    def outcome(self, name: str) -> str:
        assert name in self.records, f"{name} is missing from index.json"
        return outcome(self.records[name])

    def describe(self, name: str) -> str:
        record = self.records.get(name, {})
        problem = record.get("problem") or {}
        return f"{name}: {self.outcome(name)} ({problem.get('reason') or record.get('kind')})"


def _build(tmp_path_factory: pytest.TempPathFactory, label: str, names: list[str], **limits: Any) -> Build:
    changes: dict[str, dict[str, Any]] = {"limits.yaml": limits} if limits else {}
    return Build(tmp_path_factory.mktemp(label), names, changes)


FAST = sorted(set(EXPECTED) - SLOW - BOMBS)

# --- the seed documents, damaged and disguised: they must still come out exactly -----------------

PROTECTED, PASSWORD = "plan 'protected'.docx", "council-2020"
PROTECTED_SHEET, SHEET_PASSWORD = "tracker (protected).xlsx", "tracker-2025"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _plan_docx() -> bytes:
    return (FIXTURES / "plan-word.docx").read_bytes()


def _damaged_xref_pdf() -> bytes:
    """The Word-made plan PDF with its startxref pointing into the middle of the file."""
    data = (FIXTURES / "plan-word.pdf").read_bytes()
    tail = data[-200:]
    offset = int(re.search(rb"startxref\s+(\d+)", tail).group(1))  # type: ignore[union-attr]
    damaged = data[:-200] + re.sub(rb"startxref(\s+)%d" % offset, rb"startxref\g<1>%d" % (offset // 2), tail)
    assert damaged != data
    return damaged


def _protected_docx() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(_plan_docx())).encrypt(PASSWORD, out)
    return out.getvalue()


def _docx_without_part_list() -> bytes:
    parts = _parts(_plan_docx())
    del parts["[Content_Types].xml"]
    return _zipped(parts)


def _strict_docx() -> bytes:
    pattern = rb"http://schemas\.openxmlformats\.org/(wordprocessingml|drawingml|officeDocument)/2006/([A-Za-z]+)"
    parts = _parts(_plan_docx())
    for name, xml in parts.items():
        if name.endswith((".xml", ".rels")):
            parts[name] = re.sub(pattern, rb"http://purl.oclc.org/ooxml/\1/\2", xml)
    return _zipped(parts)


def _with_controls(text: str) -> str:
    """NUL, BEL, ESC and vertical tabs between words, as pasted from a terminal or a broken export."""
    return text.replace(" to ", " to\x00 ").replace(" and ", " and\x07\x1b ").replace("\n", "\x0b\n", 5)


def _utf16_plan_text() -> bytes:
    seed = (ROOT / "inputs" / "self-harm-action-plan.txt").read_text(encoding="utf-8")
    return b"\xff\xfe" + _with_controls(seed).encode("utf-16-le")


def _lying_guidance_page() -> bytes:
    """The guidance page in Windows-1252 bytes under a <meta charset="utf-8">."""
    page = (FIXTURES / "guidance-page.html").read_text(encoding="utf-8")
    page = re.sub(r"<meta[^>]*charset[^>]*>", "", page, flags=re.IGNORECASE)
    page = page.replace("<head>", '<head><meta charset="utf-8">', 1)
    return _with_controls(page).encode("cp1252", errors="xmlcharrefreplace")


# name -> (make the file, its differences from the golden records, findings it must carry)
SEED_VARIANTS: dict[str, tuple[Callable[[], bytes], Callable[[dict[str, Any]], list[str]], set[str]]] = {
    "Plan – damaged xref (v2).pdf": (_damaged_xref_pdf, plan_differences, {"repaired-file"}),
    PROTECTED: (_protected_docx, plan_differences, set()),
    "plan without part list.docx": (_docx_without_part_list, plan_differences, {"repaired-file"}),
    "Plan “Strict”.docx": (_strict_docx, plan_differences, {"repaired-file"}),
    "plan utf-16 with controls.txt": (_utf16_plan_text, plan_differences, set()),
    "guidance cp1252 – lying charset.html": (_lying_guidance_page, guidance_differences, set()),
}


# Hostile spreadsheets of our own (tests/fixtures/sheet_fixtures.py builds them; committed): each
# gets a clear reason, never a crash. A protected workbook opens with its password from the rules.
SHEETS_HOSTILE = FIXTURES / "hostile-sheets"
SHEET_EXPECTED: dict[str, set[str]] = {
    "generated__zip_bomb_sheet.xlsx": {"too-large"},
    "generated__billion_laughs.xlsx": {"damaged"},
    "generated__xxe_external_entity.xlsx": {"damaged"},
    "generated__million_rows.ods": {"too-large"},
    "generated__password_protected.xlsx": {"encrypted"},
    "generated__truncated.xlsx": {"damaged"},
    "generated__legacy.xls": {"unsupported"},
    PROTECTED_SHEET: TEXT,
}


@pytest.fixture(scope="module")
def fast_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    extra = {name: make() for name, (make, _check, _findings) in SEED_VARIANTS.items()}
    extra.update({p.name: p.read_bytes() for p in SHEETS_HOSTILE.iterdir()})
    extra[PROTECTED_SHEET] = (SHEETS_HOSTILE / "generated__password_protected.xlsx").read_bytes()
    passwords = {"documents.yaml": {"passwords": {PROTECTED: PASSWORD, PROTECTED_SHEET: SHEET_PASSWORD}}}
    return Build(tmp_path_factory.mktemp("hostile-fast"), FAST, passwords, extra)


@pytest.fixture(scope="module")
def slow_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return _build(tmp_path_factory, "hostile-slow", sorted(SLOW))


@pytest.fixture(scope="module")
def bomb_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return _build(tmp_path_factory, "hostile-bombs", sorted(BOMBS), seconds_per_document=BOMB_SECONDS)


def test_every_manifest_file_has_an_expectation() -> None:
    files = set(manifest())
    assert files == set(EXPECTED), (sorted(files - set(EXPECTED)), sorted(set(EXPECTED) - files))
    assert {p.name for p in HOSTILE.iterdir()} >= files


def test_expectations_never_allow_silent_loss() -> None:
    """A file that holds text may not be expected to come out blank."""
    for name, allowed in EXPECTED.items():
        if holds_text(name):
            assert not allowed & BLANK, name


@pytest.mark.parametrize("name", FAST)
def test_fast_file(fast_build: Build, name: str) -> None:
    assert fast_build.outcome(name) in EXPECTED[name], fast_build.describe(name)


@pytest.mark.parametrize("name", sorted(SHEET_EXPECTED))
def test_hostile_spreadsheet(fast_build: Build, name: str) -> None:
    assert fast_build.outcome(name) in SHEET_EXPECTED[name], fast_build.describe(name)


def test_hostile_spreadsheet_cases_are_all_expected() -> None:
    assert {p.name for p in SHEETS_HOSTILE.iterdir()} | {PROTECTED_SHEET} == set(SHEET_EXPECTED)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SLOW))
def test_slow_file(slow_build: Build, name: str) -> None:
    assert slow_build.outcome(name) in EXPECTED[name], slow_build.describe(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BOMBS))
def test_resource_bomb(bomb_build: Build, name: str) -> None:
    assert bomb_build.outcome(name) in EXPECTED[name], bomb_build.describe(name)


BUILDS = [
    "fast_build",
    pytest.param("slow_build", marks=pytest.mark.slow),
    pytest.param("bomb_build", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("which", BUILDS)
def test_batch_finishes_without_tracebacks(request: pytest.FixtureRequest, which: str) -> None:
    build: Build = request.getfixturevalue(which)
    assert build.returncode == 1, build.stdout + build.stderr  # some files failed, the batch finished
    for text in (build.stdout, build.stderr):
        assert "Traceback" not in text and 'File "' not in text, text
    for path in build.outputs.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".md", ".txt", ".log"):
            assert "Traceback (most recent call last)" not in path.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("which", BUILDS)
def test_each_failure_is_one_line_naming_the_file(request: pytest.FixtureRequest, which: str) -> None:
    build: Build = request.getfixturevalue(which)
    said = build.stdout + build.stderr
    for name, record in build.records.items():
        problem = record.get("problem")
        if not problem:
            continue
        line = problem["line"]
        assert "\n" not in line and line.startswith(f"{name}: "), line
        assert " — " in line and problem["remedy"], line
        assert problem["reason"] in said, f"{name}: the reason was not shown to the user"


@pytest.mark.parametrize("which", BUILDS)
def test_no_file_ends_in_a_defect_of_ours(request: pytest.FixtureRequest, which: str) -> None:
    """Hostile input is the file's fault: an `internal` outcome is a bug of ours it found (and a
    missing library, the machine's)."""
    build: Build = request.getfixturevalue(which)
    ours = {
        name: build.describe(name) for name in build.records if build.outcome(name) in ("internal", "missing-library")
    }
    assert ours == {}, (ours, (build.outputs / ".build.log").read_text(errors="replace")[-3000:])


@pytest.mark.parametrize("which", BUILDS)
def test_reasons_name_no_library_internals(request: pytest.FixtureRequest, which: str) -> None:
    """Officers read these lines: no Python or library exception class names in them."""
    build: Build = request.getfixturevalue(which)
    internals = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b|[Pp]dfminer|lxml|zipfile")
    reasons = {name: record["problem"]["reason"] for name, record in build.records.items() if record.get("problem")}
    assert {name: reason for name, reason in reasons.items() if internals.search(reason)} == {}


def test_no_control_characters_reach_the_json(fast_build: Build) -> None:
    checked = 0
    for path in fast_build.outputs.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "schema_version" not in data:
            continue
        checked += 1
        for text in _strings(data):
            assert not FORBIDDEN.search(text), f"{path.name}: {text!r}"
    assert checked >= len(SEED_VARIANTS)


@pytest.mark.parametrize("name", sorted(SEED_VARIANTS))
def test_seed_documents_survive_damage_and_disguise(fast_build: Build, name: str) -> None:
    """Repaired, decrypted, re-encoded: the records are exactly the seed's, and the repair is said."""
    _make, differences, findings = SEED_VARIANTS[name]
    record = fast_build.records[name]
    assert fast_build.outcome(name) == "records", fast_build.describe(name)
    doc = json.loads((fast_build.outputs / record["json"]).read_text(encoding="utf-8"))
    assert differences(doc) == []
    assert findings <= {f["code"] for f in doc["findings"]}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def test_external_entity_is_not_read(fast_build: Build) -> None:
    for path in fast_build.outputs.rglob("*.json"):
        assert "root:x:0:0" not in path.read_text(encoding="utf-8"), path.name


def test_outputs_stay_inside_outputs(fast_build: Build) -> None:
    """Document content never decides where a file is written; odd names come through intact."""
    now = sorted(p.relative_to(fast_build.base) for p in fast_build.base.rglob("*"))
    created = [p for p in now if p not in fast_build.before]
    assert created and all(p.parts[0] == "outputs" for p in created), created
    record = fast_build.records["Plan \"Q3\" – Ünïcødé 计划 'draft' ё.docx"]
    if record.get("json"):
        assert (fast_build.outputs / record["json"]).is_file()


def test_passwords_from_the_rules_open_protected_files(tmp_path_factory: pytest.TempPathFactory) -> None:
    passwords = {
        "pdfminer.six__rc4-40.pdf": "baz",
        "qpdf__enc-XI-R6,V5,U=view,O=master.pdf": "view",
        "msoffcrypto-tool__example_password.docx": "Password1234_",
        "pdfplumber__password-example.pdf": "wrong",
    }
    build = Build(
        tmp_path_factory.mktemp("hostile-passwords"), sorted(passwords), {"documents.yaml": {"passwords": passwords}}
    )
    for name in (
        "pdfminer.six__rc4-40.pdf",
        "qpdf__enc-XI-R6,V5,U=view,O=master.pdf",
        "msoffcrypto-tool__example_password.docx",
    ):
        assert build.outcome(name) in TEXT, build.describe(name)
    assert build.outcome("pdfplumber__password-example.pdf") == "encrypted"
    assert "does not open it" in build.records["pdfplumber__password-example.pdf"]["problem"]["reason"]
