"""Benchmark workloads, generated with their answers: a long Word-style plan (W1) and a mixed corpus (W2).

W1 is what a large council publishes: a Word action plan (title, numbered Heading 1 sections, one
six-column table per section with the outcome cell merged down over its actions, header row
repeated on every page, running header and "Page N of M" footer) converted to PDF by
LibreOffice. Its cells are generated from a seeded random source out of varied, realistic
phrases (statuses in several spellings, links that cite this plan's actions and outcomes,
outside programmes, actions that do not exist, NICE quality statements, hyphenated words,
rows with no age group), and the expected records are written down by the generator as it
writes each cell, from what the cell means (never from the pipeline's output).

Files are cached under bench/work/ keyed by a hash of this generator, the fixture code that
renders the Word document and the parameters, so reruns are fast and a change to any of them
builds afresh. Without LibreOffice, W1 falls back on a reportlab rendering of the same cells
(borderless landscape table, `plan_fixtures.build_borderless_pdf`), and says so.

W2 is 50 distinct documents in every supported format: generated plans as DOCX, LibreOffice
PDF and HTML, the committed guidance fixtures and seed texts with varied wording.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.core.model import CONTRACT_ACTION_FIELDS  # noqa: E402
from tests.fixtures import plan_fixtures  # noqa: E402
from tests.fixtures.plan_fixtures import ActionRow, OutcomeGroup, SectionGroup  # noqa: E402

WORK = ROOT / "bench" / "work"
FIXTURES = ROOT / "tests" / "fixtures" / "files"

# ----------------------------------------------------------------------------- vocabulary
# What plans say, and what each spelling means: the ground truth the benchmark checks against.

SECTION_THEMES = [
    "Primary prevention and early intervention - a more robust and consistent approach",
    "Improve access to care within the community and in primary and secondary care",
    "Improve the quality of treatment and care in emergency and acute settings",
    "Helping people to recover and stay well, without further self-harm",
    "Developing knowledge, understanding and skills within the workforce and wider community",
    "Reducing access to the means of suicide and self-harm",
    "Supporting people bereaved or affected by suicide",
    "Tailored approaches for groups at higher risk",
    "Better use of data, intelligence and research",
    "Working with the media and online platforms to promote safe messaging",
    "Partnership, governance and accountability",
    "Children, young people and families",
]
AUDIENCES = [
    "parents and carers",
    "young people aged 11-18",
    "school nurses",
    "GP practice staff",
    "emergency department clinicians",
    "frontline police officers",
    "care leavers",
    "university students",
    "people in contact with the criminal justice system",
    "older adults living alone",
    "men in construction and agriculture",
    "LGBTQ+ young people",
    "carers of people with dementia",
    "staff in pharmacies and community settings",
    "voluntary and community sector partners",
    "people who frequently attend A&E",
]
VERBS = [
    "Deliver",
    "Develop",
    "Commission",
    "Roll out",
    "Review",
    "Co-produce",
    "Pilot",
    "Evaluate",
    "Map",
    "Promote",
    "Establish",
    "Embed",
    "Strengthen",
    "Agree",
    "Publish",
    "Extend",
]
OBJECTS = [
    "self-harm awareness training",
    "a multi-agency self-harm pathway",
    "an online counselling platform",
    "safety planning guidance",
    "a directory of local support services",
    "peer support groups",
    "a crisis café offer",
    "the e-learning package on emotional wellbeing",
    "a follow-up call within 72 hours of discharge",
    "bereavement support",
    "a real-time surveillance system for suspected suicides",
    "trauma-informed practice standards",
    "psychosocial assessments",
    "a single point of access for mental health advice",
    "the 'Stay Alive' app and other digital tools",
    "a schools wellbeing charter",
    "information sharing agreements",
    "training for non-mental health practitioners",
]
SETTINGS = [
    "across all secondary schools",
    "in primary care",
    "within the acute trust",
    "in each locality",
    "through the children's centres",
    "with the district councils",
    "in partnership with the voluntary sector",
    "across the county",
    "for out-of-hours services",
    "within youth justice settings",
]
PURPOSES = [
    "so that people know where to turn before a crisis",
    "to reduce repeat attendances",
    "which enables students to disclose their worries/concerns safely and confidentially",
    "and report uptake to the partnership board every quarter",
    "ensuring that learning is shared across organisations",
    "so that nobody is discharged without a safety plan",
    "to close the gaps identified in the 2019 audit",
    "building on the exisiting offer rather than duplicating it",
    "with clear roles & responsibilities for each partner",
    "making sure that the voice of people with lived experience shapes the design",
]
EXTRAS = [
    "(including out-of-area placements)",
    "e.g. via the Healthy Lifestyles Service",
    "- phase 2 to follow",
    "(DSL)",
    "by March 2025",
    "(see the 2023/24 business plan)",
]
OUTCOME_SUBJECTS = [
    "Parents and carers of children who are self-harming",
    "People working in school and youth settings",
    "Young people",
    "Professionals across the system",
    "Non-mental health practitioners",
    "People who present to the Emergency Department having self-harmed",
    "People bereaved by suicide",
    "Staff in primary care",
    "Commissioners and providers",
    "Communities at higher risk",
    "People leaving hospital after a crisis",
    "The wider community",
]
OUTCOME_PREDICATES = [
    "are better informed and equipped to support them",
    "are more able to manage and respond to emotional distress, which may be displayed as self-harm",
    "can more easily access emotional support before they self-harm or before their self-harm escalates",
    "have a common understanding of a coherent all-age self-harm pathway and are confident to use it",
    "are confident in talking to an individual about their self-harm and can make appropriate decisions about risk",
    "receive good quality treatment and care",
    "are offered timely, compassionate support",
    "work together to a shared plan with clear governance",
    "are supported by a strong network around them post assessment, treatment and discharge",
]
# (cell as printed, the NICE quality statements it cites)
QS_CITATIONS = [
    ("(NICE QS34 6 &7)", [6, 7]),
    ("(NICE QS34 2-5)", [2, 3, 4, 5]),
    ("(QS34 4&5)", [4, 5]),
    ("(QS34 1)", [1]),
    ("(NICE QS34 2&3)", [2, 3]),
]
# (status cell, the canonical status it means); "{on}" is another action's id that it waits on
STATUSES = [
    ("Underway", "Underway"),
    ("Underway", "Underway"),
    ("In progress", "Underway"),
    ("On track", "Underway"),
    ("Initial meeting", "Initial meeting"),
    ("Initial meeting held", "Initial meeting"),
    ("Scoping", "Initial meeting"),
    ("Complete", "Complete"),
    ("Completed", "Complete"),
    ("Idea", "Idea"),
    ("Not started", "Idea"),
    ("Amber", "At risk"),
    ("Behind schedule", "At risk"),
    ("On hold", "Awaiting"),
    ("Awaiting publication of the national pathway", "Awaiting"),
    ("Awaiting result of {on}", "Awaiting"),
]
# (age cell, canonical age group)
AGES = [
    ("CYP", "CYP"),
    ("CYP", "CYP"),
    ("Adults", "Adults"),
    ("Adults", "Adults"),
    ("Both", "Both"),
    ("All ages", "Both"),
    ("Children and young people", "CYP"),
    ("", None),
]
PROGRAMME_CITATIONS = [
    "Future in Mind Action 1.09",
    "Future in Mind Actions 1.08, 1.11 and 1.15",
    "Future in Mind Action 3.1.22",
    "NHS Long Term Plan",
    "Crisis Care Concordat",
    "Time to Change",
]


# ----------------------------------------------------------------------------- the plan and its answers


@dataclass
class Plan:
    """A generated plan: what the renderer draws and the records the pipeline must give back."""

    title: str
    sections: list[SectionGroup]
    expected: dict[str, Any]  # sections, outcomes, actions (contract fields)

    @property
    def action_count(self) -> int:
        return len(self.expected["actions"])


def _action_text(rng: random.Random) -> tuple[str, list[int]]:
    parts = [rng.choice(VERBS), rng.choice(OBJECTS)]
    if rng.random() < 0.7:
        parts.append(f"for {rng.choice(AUDIENCES)}")
    parts.append(rng.choice(SETTINGS))
    if rng.random() < 0.6:
        parts.append(rng.choice(PURPOSES))
    if rng.random() < 0.25:
        parts.append(rng.choice(EXTRAS))
    statements: list[int] = []
    if rng.random() < 0.12:
        cited, statements = rng.choice(QS_CITATIONS)
        parts.append(cited)
    return " ".join(parts), statements


def make_plan(seed: int, sections: int, outcomes: tuple[int, int], actions: tuple[int, int]) -> Plan:
    """A plan of `sections` sections, each with a random number of outcomes and actions in the ranges."""
    rng = random.Random(seed)
    title = f"{rng.choice(['Preventing', 'Reducing', 'Responding to'])} Self-Harm Action Plan {2020 + seed % 7}"
    # numbering first, so that links can cite actions anywhere in the plan (and some that do not exist)
    layout: list[list[int]] = [[rng.randint(*actions) for _ in range(rng.randint(*outcomes))] for _ in range(sections)]
    action_ids = [
        f"{s}.{o}.{a}" for s, outs in enumerate(layout, 1) for o, n in enumerate(outs, 1) for a in range(1, n + 1)
    ]
    outcome_ids = [f"{s}.{o}" for s, outs in enumerate(layout, 1) for o in range(1, len(outs) + 1)]
    known = set(action_ids)

    groups: list[SectionGroup] = []
    exp_sections, exp_outcomes, exp_actions = [], [], []
    themes = rng.sample(SECTION_THEMES, k=min(sections, len(SECTION_THEMES)))
    for s, outs in enumerate(layout, 1):
        theme = themes[(s - 1) % len(themes)] if s <= len(themes) else f"{rng.choice(SECTION_THEMES)} ({s})"
        group = SectionGroup(str(s), theme)
        exp_sections.append({"number": str(s), "title": theme})
        for o, count in enumerate(outs, 1):
            oid = f"{s}.{o}"
            text = f"{rng.choice(OUTCOME_SUBJECTS)} {rng.choice(OUTCOME_PREDICATES)}"
            o_statements: list[int] = []
            if rng.random() < 0.3:
                cited, o_statements = rng.choice(QS_CITATIONS)
                text += " " + cited
            printed = oid + "." if rng.random() < 0.1 else oid
            outcome = OutcomeGroup(oid, printed, text)
            exp_outcomes.append({"id": oid, "section": str(s), "text": text, "quality_statements": o_statements})
            for a in range(1, count + 1):
                aid = f"{s}.{o}.{a}"
                row, record = _action(rng, aid, oid, str(s), action_ids, outcome_ids, known)
                outcome.actions.append(row)
                exp_actions.append(record)
            group.outcomes.append(outcome)
        groups.append(group)
    cells = {
        a.id: {"text": a.text, "status": a.status, "links": a.links, "age_group": a.age}
        for g in groups
        for o in g.outcomes
        for a in o.actions
    }
    expected = {
        "title": title,
        "sections": exp_sections,
        "outcomes": exp_outcomes,
        "actions": exp_actions,
        "cells": cells,  # each action's cells as printed: what a table finder should read
    }
    return Plan(title, groups, expected)


def _action(
    rng: random.Random,
    aid: str,
    oid: str,
    section: str,
    action_ids: list[str],
    outcome_ids: list[str],
    known: set[str],
) -> tuple[ActionRow, dict[str, Any]]:
    """One action row and the record it must become."""
    text, statements = _action_text(rng)
    others = [i for i in action_ids if i != aid]

    status_raw, status = rng.choice(STATUSES)
    depends: list[str] = []
    if "{on}" in status_raw:
        on = rng.choice(others)
        status_raw = status_raw.format(on=on)
        depends.append(on)

    linked_actions: list[str] = []
    linked_outcomes: list[str] = []
    external: list[str] = []
    roll = rng.random()
    if roll < 0.25:
        links = ""
    elif roll < 0.45:
        links = rng.choice(PROGRAMME_CITATIONS)
        external.append(links)
    elif roll < 0.65:
        cited = rng.sample(others, k=rng.randint(1, 3))
        outcome = rng.choice(outcome_ids) if rng.random() < 0.3 else None
        items = [*cited, outcome] if outcome else cited
        separator = " , " if rng.random() < 0.2 else ", "  # the seed writes "2.3.2 ,  5.1"
        links = "Link with actions " + separator.join(items)
        linked_actions += cited
        linked_outcomes += [outcome] if outcome else []
    elif roll < 0.78:
        on = rng.choice(others)
        links = f"Reliant on delivery of Action {on}"
        linked_actions.append(on)
        if on not in depends:
            depends.append(on)
    elif roll < 0.86:
        # a link to an action that does not exist: kept in links_raw, linked to nothing
        s, o, _ = (int(p) for p in aid.split("."))
        missing = f"{s}.{o}.{97 + rng.randint(0, 2)}"
        assert missing not in known
        links = f"Links to {missing}"
    else:
        cited = rng.choice(others)
        programme = rng.choice(PROGRAMME_CITATIONS[:3])
        links = f"Link with action {cited}; {programme}"
        linked_actions.append(cited)
        external.append(programme)

    age_raw, age = rng.choice(AGES)
    row = ActionRow(aid, text, status_raw, links, age_raw)
    record = {
        "id": aid,
        "outcome": oid,
        "section": section,
        "text": text,
        "status": status,
        "status_raw": status_raw,
        "links_raw": links or None,
        "linked_actions": linked_actions,
        "linked_outcomes": linked_outcomes,
        "external_refs": external,
        "depends_on": depends,
        "age_group": age,
        "quality_statements": statements,
    }
    return row, record


ACTION_FIELDS = tuple(f for f in CONTRACT_ACTION_FIELDS if f != "source")


def action_differences(doc: dict[str, Any], expected: dict[str, Any]) -> tuple[int, list[str]]:
    """(actions exactly right, the first differences) of a document's JSON against a plan's answers."""
    got = {a["id"]: a for a in doc.get("actions", [])}
    right = 0
    diffs: list[str] = []
    for want in expected["actions"]:
        have = got.get(want["id"])
        if have is None:
            diffs.append(f"action {want['id']} missing")
            continue
        wrong = [f for f in ACTION_FIELDS if have.get(f) != want[f]]
        if not wrong:
            right += 1
        for f in wrong:
            diffs.append(f"action {want['id']} {f}: {have.get(f)!r} != {want[f]!r}")
    extra = sorted(set(got) - {a["id"] for a in expected["actions"]})
    diffs += [f"action {i} not in the plan" for i in extra]
    if [a["id"] for a in doc.get("actions", [])] != [a["id"] for a in expected["actions"]] and not extra:
        diffs.append("actions out of order")
    want_outcomes = {o["id"]: o for o in expected["outcomes"]}
    for o in doc.get("outcomes", []):
        w = want_outcomes.get(o["id"])
        if w is None:
            diffs.append(f"outcome {o['id']} not in the plan")
            continue
        for f in ("section", "text", "quality_statements"):
            if o.get(f) != w[f]:
                diffs.append(f"outcome {o['id']} {f}: {o.get(f)!r} != {w[f]!r}")
    if len(doc.get("outcomes", [])) != len(expected["outcomes"]):
        diffs.append(f"{len(doc.get('outcomes', []))} outcomes, expected {len(expected['outcomes'])}")
    if doc.get("sections") != expected["sections"]:
        diffs.append("sections differ")
    if doc.get("title") != expected["title"]:
        diffs.append(f"title {doc.get('title')!r} != {expected['title']!r}")
    return right, diffs


# ----------------------------------------------------------------------------- rendering and the cache


def _generator_key(*parts: object) -> str:
    """A hash of this generator, the Word renderer and the parameters: a cache key that changes with any."""
    digest = hashlib.sha256()
    for source in (Path(__file__), Path(plan_fixtures.__file__)):
        digest.update(source.read_bytes())
    digest.update(json.dumps(parts, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_files: list[Path], out_dir: Path, timeout: float = 1800) -> None:
    """Convert Word files to PDF with LibreOffice in one run, in a private profile."""
    office = soffice()
    if office is None:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, docx_files),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )


@dataclass
class W1:
    pdf: Path
    expected: dict[str, Any]
    pages: int
    renderer: str  # "LibreOffice" or "reportlab (LibreOffice not installed)"


W1_SIZE = {"sections": 12, "outcomes": (20, 30), "actions": (7, 13)}
QUICK_SIZE = {"sections": 3, "outcomes": (2, 3), "actions": (2, 4)}


def build_w1(work: Path = WORK, quick: bool = False, libreoffice: bool = True, log: Any = print) -> W1:
    """The long plan (cached): about 3,000 actions on about 300 pages; `quick` a few pages.

    Rendered by LibreOffice from a Word document; with `libreoffice` False, or when LibreOffice
    is missing or cannot convert, by reportlab (and the reason is logged).
    """
    size = QUICK_SIZE if quick else W1_SIZE
    seed = 7 if quick else 2024
    office = soffice() if libreoffice else None
    key = _generator_key("w1", seed, size, office is not None)
    folder = work / f"w1-{key}"
    pdf = folder / "long-plan.pdf"
    answers = folder / "expected.json"
    if pdf.is_file() and answers.is_file():
        meta = json.loads(answers.read_text(encoding="utf-8"))
        return W1(pdf, meta["expected"], meta["pages"], meta["renderer"])
    plan = make_plan(seed, size["sections"], size["outcomes"], size["actions"])  # type: ignore[arg-type]
    work.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="w1-", dir=work))
    try:
        renderer = ""
        if office is not None:
            log(f"W1: {plan.action_count} actions as a Word document, converted to PDF by LibreOffice ...")
            docx = word_plan(tmp / "long-plan.docx", plan)
            try:
                convert_to_pdf([docx], tmp)
                renderer = "LibreOffice"
            except (subprocess.SubprocessError, OSError) as exc:
                log(f"W1: LibreOffice could not convert it ({exc}); rendering with reportlab instead")
            docx.unlink(missing_ok=True)
        if not (tmp / "long-plan.pdf").is_file():
            why = "LibreOffice not used" if office is None else "LibreOffice failed"
            log(f"W1: {plan.action_count} actions rendered by reportlab ({why}) ...")
            plan_fixtures.build_borderless_pdf(tmp / "long-plan.pdf", plan.title, plan.sections)
            renderer = f"reportlab ({why})"
        pages = _page_count(tmp / "long-plan.pdf")
        meta = {"expected": plan.expected, "pages": pages, "renderer": renderer}
        (tmp / "expected.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return W1(pdf, plan.expected, pages, renderer)


# The seed fixture's column widths (mm) with a wider "No." column: ids such as 12.24.10 are printed
# on one line, as a council with that many actions would lay out its table.
WIDE_ID_COLUMNS = (30, 18, 56, 22, 31, 17)


def word_plan(path: Path, plan: Plan) -> Path:
    """The plan as the seed fixture's Word document, its id column widened for long ids."""
    import docx
    from docx.shared import Mm

    plan_fixtures.build_word_docx(path, plan.title, plan.sections)
    document = docx.Document(str(path))
    for table in document.tables:
        for column, width in zip(table.columns, WIDE_ID_COLUMNS, strict=True):
            column.width = Mm(width)
            for cell in column.cells:
                cell.width = Mm(width)
    document.save(str(path))
    return path


def _page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def first_pages(pdf: Path, count: int, out: Path) -> Path:
    """A copy of the first `count` pages of a PDF (cached beside it)."""
    import pikepdf

    if out.is_file():
        return out
    with pikepdf.open(pdf) as doc:
        del doc.pages[count:]
        doc.save(out, deterministic_id=True)
    return out


# ----------------------------------------------------------------------------- W2: the corpus


def build_w2(work: Path = WORK, quick: bool = False, libreoffice: bool = True, log: Any = print) -> Path:
    """A folder of distinct documents in every format (cached): 50, or 5 with `quick`."""
    office = soffice() if libreoffice else None
    key = _generator_key("w2", quick, office is not None, _fixture_digest())
    folder = work / f"w2-{key}"
    if folder.is_dir() and (folder / ".complete").is_file():
        return folder / "inputs"
    shutil.rmtree(folder, ignore_errors=True)
    inputs = folder / "inputs"
    inputs.mkdir(parents=True)
    counts = {"pdf": 1, "docx": 2, "html": 1, "txt": 1} if quick else {"pdf": 14, "docx": 13, "html": 12, "txt": 11}
    log(f"W2: {sum(counts.values())} documents ({', '.join(f'{n} {k}' for k, n in counts.items())}) ...")
    rng = random.Random(50)
    n_pdf, n_docx, n_html = counts["pdf"], counts["docx"], counts["html"]
    n_plans = n_pdf + (n_docx - 1) + max(0, n_html - 4)
    plans = [
        make_plan(100 + n, rng.randint(2, 6), (2, 4), (2, 6)) if not quick else make_plan(100 + n, 2, (1, 2), (2, 3))
        for n in range(n_plans)
    ]
    pdf_plans, docx_plans, html_plans = plans[:n_pdf], plans[n_pdf : n_pdf + n_docx - 1], plans[n_pdf + n_docx - 1 :]

    # PDF: generated Word plans converted by LibreOffice (reportlab renderings without it)
    converted = False
    if office is not None:
        with tempfile.TemporaryDirectory() as tmp:
            docs = [word_plan(Path(tmp) / f"plan {n:02d} (council {n}).docx", p) for n, p in enumerate(pdf_plans)]
            try:
                convert_to_pdf(docs, inputs)
                converted = all((inputs / f"{d.stem}.pdf").is_file() for d in docs)
            except (subprocess.SubprocessError, OSError) as exc:
                log(f"W2: LibreOffice could not convert ({exc}); rendering the PDFs with reportlab instead")
    if not converted:
        for n, p in enumerate(pdf_plans):
            plan_fixtures.build_borderless_pdf(inputs / f"plan {n:02d} (council {n}).pdf", p.title, p.sections)
    # DOCX: generated Word plans, plus the filled guidance form
    for n, p in enumerate(docx_plans):
        word_plan(inputs / f"Plan-{n:02d}-draft.docx", p)
    shutil.copy(FIXTURES / "guidance-form-filled.docx", inputs / "reflection form (filled).docx")
    # HTML: generated plans as web-page tables, and the guidance pages with a varied word
    for n, p in enumerate(html_plans):
        (inputs / f"plan-web-{n:02d}.html").write_text(plan_fixtures.plan_html(p.title, p.sections), encoding="utf-8")
    guidance = ["guidance-page.html", "guidance-themes.html"]
    for n in range(min(4, n_html)):
        text = (FIXTURES / guidance[n % 2]).read_text(encoding="latin-1")  # byte for byte, whatever the encoding
        (inputs / f"guidance-{n:02d}.html").write_text(_vary(text, n), encoding="latin-1")
    # text: the seed plan and guidance, and revisions, with varied wording
    texts = sorted(ROOT.joinpath("inputs").glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    for n in range(counts["txt"]):
        source = texts[n % len(texts)]
        (inputs / f"text-{n:02d} {source.stem}.txt").write_text(
            _vary(source.read_text(encoding="latin-1"), n), encoding="latin-1"
        )
    (folder / ".complete").write_text("", encoding="utf-8")
    return inputs


def _vary(text: str, n: int) -> str:
    """The same document with the n-th occurrence of a common status word changed (a distinct file)."""
    swaps = [("Underway", "Complete"), ("Initial meeting", "Underway"), ("support", "help")]
    old, new = swaps[n % len(swaps)]
    parts = text.split(old)
    if len(parts) <= 1:
        return text + "\n"
    k = 1 + n % (len(parts) - 1)
    return old.join(parts[:k]) + new + old.join(parts[k:])


def _fixture_digest() -> str:
    digest = hashlib.sha256()
    for path in [
        *sorted(FIXTURES.glob("guidance-*.html")),
        FIXTURES / "guidance-form-filled.docx",
        *sorted(ROOT.joinpath("inputs").glob("*.txt")),
        *sorted(FIXTURES.glob("*.txt")),
    ]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


# ----------------------------------------------------------------------------- W3: a spreadsheet tracker

TRACKER_ROWS = 10_000
_RAG_FILLS = {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050"}


@dataclass
class W3:
    """A tracker kept in a spreadsheet: the same rows as .xlsx, .csv and (with LibreOffice) .ods."""

    rows: int
    xlsx: Path
    csv: Path
    ods: Path | None


def tracker_rows(count: int) -> list[list[Any]]:
    """Ref | Action | Lead | RAG | Due | Update rows; every third RAG cell is a colour with no word."""
    import datetime

    rng = random.Random(count)
    rows = []
    for n in range(count):
        rag = rng.choice(("Red", "Amber", "Green"))
        due = datetime.date(2025, 1 + n % 12, 1 + n % 28)
        text = _action_text(rng)[0]
        rows.append(
            [
                f"{n // 100 + 1}.{n % 100 + 1}",
                text,
                rng.choice(("Public Health", "ICB", "Mind")),
                rag,
                due,
                "Noted at the board",
            ]
        )
    return rows


def build_w3(work: Path = WORK, quick: bool = False, libreoffice: bool = True, log: Any = print) -> W3:
    """The tracker workload, generated once per size and cached in `work`."""
    import csv as csv_module

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import PatternFill

    count = 500 if quick else TRACKER_ROWS
    folder = work / f"w3-{count}-{_generator_key('w3', count)}"
    xlsx, csv_path, ods = folder / "tracker.xlsx", folder / "tracker.csv", folder / "tracker.ods"
    if not xlsx.is_file() or not csv_path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        log(f"  generating the {count}-row tracker (W3) ...")
        rows = tracker_rows(count)
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Tracker")
        ws.append(["Suicide prevention tracker"])
        ws.append(["Ref", "Action", "Lead", "RAG", "Due", "Update"])
        fills = {word: PatternFill("solid", fgColor=colour) for word, colour in _RAG_FILLS.items()}
        for n, row in enumerate(rows):
            rag = WriteOnlyCell(ws, value=None if n % 3 == 0 else row[3])
            rag.fill = fills[row[3]]
            due = WriteOnlyCell(ws, value=row[4])
            due.number_format = "dd/mm/yyyy"
            ws.append([row[0], row[1], row[2], rag, due, row[5]])
        wb.save(xlsx)
        with csv_path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv_module.writer(handle)
            writer.writerow(["Ref", "Action", "Lead", "RAG", "Due", "Update"])
            for row in rows:
                writer.writerow([row[0], row[1], row[2], row[3], row[4].strftime("%d/%m/%Y"), row[5]])
    if libreoffice and not ods.is_file() and soffice() is not None:
        import subprocess
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [
                    str(soffice()),
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "ods",
                    "--outdir",
                    str(folder),
                    str(xlsx),
                ],
                capture_output=True,
                timeout=600,
                check=False,
            )
    return W3(count, xlsx, csv_path, ods if ods.is_file() else None)
