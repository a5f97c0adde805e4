"""Rebuild every rendering of the guidance corpus (tests/corpus/guidance/<case>/) from the text held here.

Each case function below holds its document's words and writes that case's renderings: saved HTML
pages in four site styles (GOV.UK-like `govuk-*`, gov.scot-like `ds_*`, a council CMS, a plain hand-written
page), Word documents (python-docx), PDFs (headless Chromium for the HTML prints, LibreOffice for the Word
ones) and plain text copied from a page. The `expected.yaml` and `SOURCE.md` of each case are written by
hand, by reading the renderings; this script never writes them and never uses the pipeline.

Usage:
    .venv/bin/python tests/corpus/build_guidance.py              # every case
    .venv/bin/python tests/corpus/build_guidance.py CASE [CASE]  # some cases
    .venv/bin/python tests/corpus/build_guidance.py --no-pdf     # skip Chromium / LibreOffice

Determinism: .docx files get fixed core properties and fixed zip timestamps; the dates and document ids
that Chromium and LibreOffice write into a PDF's metadata are overwritten with fixed values (same length,
so the cross-reference table stays valid). The one thing left that changes between builds is the date
Chromium prints in the page header of `council-long-headings-print/page.pdf` (a browser print keeps it on
purpose); its records do not depend on it.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "guidance"
PRINT_DIR = Path("/tmp/guidance-corpus-print")  # fixed path: it is printed in the browser footer

CASES: dict[str, Callable[[Path, bool], None]] = {}


def case(name: str):
    def register(fn):
        CASES[name] = fn
        return fn

    return register


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


# ---------------------------------------------------------------------------------------------------
# PDF helpers


def _fix_pdf_metadata(path: Path) -> None:
    """Overwrite creation/modification dates, XMP dates and /ID with fixed values of the same length."""
    data = path.read_bytes()

    def date_sub(m: re.Match) -> bytes:
        digits = m.group(2)
        fixed = b"20240101000000"[: len(digits)].ljust(len(digits), b"0")
        return m.group(1) + fixed

    data = re.sub(rb"(\(D:)(\d{8,14})", date_sub, data)
    data = re.sub(rb"(<D:)(\d{8,14})", date_sub, data)

    def xmp_sub(m: re.Match) -> bytes:
        return m.group(1) + b"2024-01-01T00:00:00"

    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", xmp_sub, data)

    def id_sub(m: re.Match) -> bytes:
        return re.sub(rb"<[0-9A-Fa-f]+>", lambda h: b"<" + b"0" * (len(h.group(0)) - 2) + b">", m.group(0))

    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", id_sub, data)
    data = re.sub(rb"(/DocChecksum /)([0-9A-F]+)", lambda m: m.group(1) + b"0" * len(m.group(2)), data)
    data = re.sub(
        rb"(<xmpMM:DocumentID>uuid:)[0-9a-f-]+", lambda m: m.group(1) + b"00000000-0000-0000-0000-000000000000", data
    )
    data = re.sub(
        rb"(<xmpMM:InstanceID>uuid:)[0-9a-f-]+", lambda m: m.group(1) + b"00000000-0000-0000-0000-000000000000", data
    )
    path.write_bytes(data)


def chromium_pdf(html_path: Path, pdf_path: Path, *, header_footer: bool, case_name: str) -> None:
    """Print an HTML file with headless Chromium from a fixed temporary path."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        raise SystemExit("chromium not found (use --no-pdf to skip the PDFs)")
    src_dir = PRINT_DIR / case_name
    if src_dir.exists():
        shutil.rmtree(src_dir)
    src_dir.mkdir(parents=True)
    src = src_dir / html_path.name
    shutil.copyfile(html_path, src)
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out_dir:
        out = Path(out_dir) / "out.pdf"
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={out}",
        ]
        if not header_footer:
            cmd.append("--no-pdf-header-footer")
        cmd.append(src.as_uri())
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        shutil.copyfile(out, pdf_path)
    _fix_pdf_metadata(pdf_path)


def libreoffice_pdf(docx_path: Path, pdf_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found (use --no-pdf to skip the PDFs)")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out_dir:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            out_dir,
            str(docx_path),
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        shutil.copyfile(Path(out_dir) / (docx_path.stem + ".pdf"), pdf_path)
    _fix_pdf_metadata(pdf_path)


# ---------------------------------------------------------------------------------------------------
# Word helpers


def new_docx(title: str, author: str = ""):
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    props = doc.core_properties
    fixed = _dt.datetime(2024, 1, 1, 0, 0, 0)
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = fixed
    props.modified = fixed
    props.last_printed = fixed
    doc.styles["Normal"].font.name = "Liberation Sans"
    doc.styles["Normal"].font.size = Pt(11)
    return doc


def save_docx(doc, path: Path) -> None:
    """Save with fixed zip timestamps so the bytes do not depend on the build time."""
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def _field_run(paragraph, instr: str) -> None:
    """Append a complex field (PAGE, NUMPAGES) to a paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld(kind: str):
        r = OxmlElement("w:r")
        f = OxmlElement("w:fldChar")
        f.set(qn("w:fldCharType"), kind)
        r.append(f)
        return r

    paragraph._p.append(fld("begin"))
    r = OxmlElement("w:r")
    t = OxmlElement("w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {instr} "
    r.append(t)
    paragraph._p.append(r)
    paragraph._p.append(fld("separate"))
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    paragraph._p.append(r)
    paragraph._p.append(fld("end"))


def header_footer(doc, header: str | None, footer_prefix: str | None, page_of: bool = True) -> None:
    section = doc.sections[0]
    if header is not None:
        p = section.header.paragraphs[0]
        p.text = header
    if footer_prefix is not None:
        p = section.footer.paragraphs[0]
        p.text = footer_prefix
        if page_of:
            p.add_run("Page ")
            _field_run(p, "PAGE")
            p.add_run(" of ")
            _field_run(p, "NUMPAGES")


def restart_numbering(doc, paragraphs, style_name: str = "List Number") -> None:
    """Give a run of List Number paragraphs their own numbering that starts at 1."""
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    style = doc.styles[style_name]
    base_num_id = style.element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(base_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    for p in paragraphs:
        numPr = p._p.get_or_add_pPr().get_or_add_numPr()
        numPr.get_or_add_ilvl().val = 0
        numPr.get_or_add_numId().val = num.numId


def shade(cell, hex_fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_fill)
    tc_pr.append(shd)


def repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def set_widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths (grid and every cell), so Word and LibreOffice lay the form out alike."""
    from docx.shared import Cm

    table.autofit = False
    for col, w in zip(table.columns, widths_cm, strict=False):
        col.width = Cm(w)
    for row in table.rows:
        tcs = row._tr.tc_lst
        for tc, w in zip(tcs, widths_cm if len(tcs) == len(widths_cm) else [sum(widths_cm)], strict=False):
            tc.get_or_add_tcPr().get_or_add_tcW().type = "dxa"
            tc.get_or_add_tcPr().get_or_add_tcW().w = Cm(w)


def bold_cell(cell, text: str) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = True


# ===================================================================================================
# Case 1 (real, modelled): a safeguarding adults board's reflective practice checklist, council CMS page


SAB_TITLE = "Reflective Practice Checklist"
SAB_INTRO = [
    "Working with adults at risk is often complicated and pressured, and the risks involved can be high. "
    "Stepping back to think about the approach you are taking can help.",
    "This checklist is for individual practitioners and for partners working across agencies. It can be used "
    "on your own, with a colleague or in supervision to look again at how a case is being handled.",
    "The points below are not a complete list. They may suggest other ways of working with people whose needs "
    "and risks are complex, and the checklist is not only for cases of abuse, neglect or self-neglect.",
    "Organisations are welcome to adapt the checklist to suit their own roles and services.",
]
SAB_SECTIONS = [
    (
        "1.",
        "The person at risk",
        [
            "Do you know what the person wants to happen and how they see their situation? Is your plan shaped by "
            "their wishes?",
            "Would the person benefit from an advocate, friend or relative to help them take part? Independent "
            "advocacy can be requested through the Adult Social Care front door.",
            "Have you made arrangements for the person's communication needs so that they can take part in "
            "decisions about their support?",
            "Have you taken account of the person's culture, faith and life history? Does your approach reflect them?",
            "Could earlier trauma or adverse childhood experiences be affecting how the person keeps themselves safe? "
            "Is your practice trauma informed?",
        ],
    ),
    (
        "2.",
        "Are you building on the person's strengths?",
        [
            "Are you working with the person's own strengths and the people and groups around them? Are you "
            "focusing on what they can do rather than what they cannot?",
        ],
    ),
    (
        "3.",
        "Are you being professionally curious?",
        [
            "Are you checking what you are told against what you see, rather than taking explanations at face value?",
            "Have you thought about other explanations for the injuries, incidents or changes you have noticed?",
            "Have you spoken to the person on their own, away from family members or carers?",
        ],
    ),
    (
        "4.",
        "Working with other agencies",
        [
            "Who else is involved with the person, and have you shared information with them where it is lawful "
            "and proportionate to do so?",
            "Is a multi-agency meeting needed? Has one person been agreed to coordinate the plan?",
            "If you disagree with another agency's decision, do you know how to escalate your concern? The Board's "
            "escalation protocol sets out the steps.",
        ],
    ),
    (
        "5.",
        "Do you understand the legal options available?",
        [
            "Have you considered whether the person has capacity to make the specific decision in question?",
            "Have you sought legal advice where the risks are high? (including powers of entry and the inherent "
            "jurisdiction of the High Court)",
        ],
    ),
    (
        "6.",
        "Looking after yourself",
        [
            "Are you getting regular reflective supervision? Do you feel able to raise concerns about this case "
            "with your manager?",
            "How is this work affecting you, and who can you talk to about it?",
        ],
    ),
]
SAB_RELATED = ["Professional curiosity", "Escalation protocol for practitioners", "Self-neglect practice guidance"]


@case("sab-reflective-practice-checklist")
def build_sab(folder: Path, pdf: bool) -> None:
    sections = []
    for num, title, items in SAB_SECTIONS:
        lis = "\n".join(f"          <li>{esc(t)}</li>" for t in items)
        sections.append(
            f'        <h2 class="cms-heading">{num}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; {esc(title)}</h2>\n'
            f'        <ul class="cms-list">\n{lis}\n        </ul>'
        )
    intro = "\n".join(f"        <p>{esc(p)}</p>" for p in SAB_INTRO)
    related = "\n".join(
        f'            <li><a href="/learning-and-development/{i}">{esc(t)}</a></li>' for i, t in enumerate(SAB_RELATED)
    )
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Reflective Practice Checklist | Westmoor Safeguarding Adults Board</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/themes/custom/westmoor/css/style.css">
  <style>
    body {{ font-family: Arial, sans-serif; margin: 0; color: #222; }}
    .site-header {{ background: #4b2a6b; color: #fff; padding: 12px 24px; }}
    .site-header a {{ color: #fff; }}
    .report-banner {{ background: #ffd23f; padding: 8px 24px; font-weight: bold; }}
    .main-nav ul {{ list-style: none; display: flex; gap: 18px; padding: 0; margin: 8px 0 0; }}
    .layout {{ display: flex; gap: 32px; padding: 16px 24px; }}
    .cms-content {{ flex: 3; }} .sidebar {{ flex: 1; }}
    .cookie-bar {{ background: #222; color: #fff; padding: 10px 24px; }}
    .site-footer {{ background: #eee; padding: 16px 24px; font-size: 14px; }}
  </style>
</head>
<body class="path-node page-node-type-page">
  <a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
  <div class="cookie-bar" id="sliding-popup" role="alertdialog">
    <div class="eu-cookie-compliance-message">
      <h2>Cookies on this site</h2>
      <p>We use cookies to make this website work and to understand how it is used.</p>
    </div>
    <div class="eu-cookie-compliance-buttons">
      <button type="button" class="agree-button">Accept all cookies</button>
      <button type="button" class="decline-button">Reject non-essential cookies</button>
    </div>
  </div>
  <header class="site-header" role="banner">
    <div class="site-header__logo"><a href="/" rel="home">Westmoor Safeguarding Adults Board</a></div>
    <nav class="main-nav" aria-label="Main navigation">
      <ul class="menu">
        <li class="menu-item"><a href="/">Home</a></li>
        <li class="menu-item"><a href="/about">About the Board</a></li>
        <li class="menu-item"><a href="/i-work-with-adults">I work with adults</a></li>
        <li class="menu-item menu-item--active-trail"><a href="/learning-and-development">Learning and development</a></li>
        <li class="menu-item"><a href="/contact">Contact us</a></li>
      </ul>
    </nav>
  </header>
  <div class="report-banner">Worried about an adult? Call 0300 000 0000</div>
  <nav class="breadcrumb" aria-labelledby="system-breadcrumb">
    <h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2>
    <ol>
      <li><a href="/">Home</a> &rsaquo;</li>
      <li><a href="/learning-and-development">Learning and development</a> &rsaquo;</li>
      <li>Reflective Practice Checklist</li>
    </ol>
  </nav>
  <div class="layout">
    <main id="main-content" class="cms-content" role="main">
      <article class="node node--type-page">
        <h1 class="page-title"><span class="field field--name-title">{esc(SAB_TITLE)}</span></h1>
        <div class="clearfix text-formatted field field--name-body">
{intro}

{chr(10).join(sections)}
        </div>
        <div class="print-link"><a href="javascript:window.print()">Print this page</a></div>
      </article>
    </main>
    <aside class="sidebar" role="complementary">
      <div class="block block-related">
        <h2>Related pages</h2>
        <ul>
{related}
        </ul>
      </div>
    </aside>
  </div>
  <section class="page-feedback">
    <form class="feedback-form">
      <h2>Was this page helpful?</h2>
      <button type="submit" name="helpful" value="yes">Yes</button>
      <button type="submit" name="helpful" value="no">No</button>
    </form>
    <p class="last-updated">Last updated: 14 March 2024</p>
  </section>
  <footer class="site-footer" role="contentinfo">
    <p>Westmoor Safeguarding Adults Board, Civic Hall, Westmoor WM1 1AA</p>
    <p>Email: <a href="mailto:wsab@westmoor.gov.uk">wsab@westmoor.gov.uk</a></p>
    <ul class="footer-links"><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/cookies">Cookies</a></li></ul>
  </footer>
</body>
</html>
"""
    write_text(folder / "page.html", page)

    lines = [
        "Skip to main content",
        "",
        "Cookies on this site",
        "",
        "We use cookies to make this website work and to understand how it is used.",
        "",
        "Accept all cookies  Reject non-essential cookies",
        "",
        "Westmoor Safeguarding Adults Board",
        "",
        "Home",
        "About the Board",
        "I work with adults",
        "Learning and development",
        "Contact us",
        "",
        "Worried about an adult? Call 0300 000 0000",
        "",
        "Home › Learning and development › Reflective Practice Checklist",
        "",
        SAB_TITLE,
        "",
    ]
    for p in SAB_INTRO:
        lines += [p, ""]
    for num, title, items in SAB_SECTIONS:
        lines += [f"{num}        {title}", ""]
        lines += [f"  • {t}" for t in items]
        lines.append("")
    lines += [
        "Print this page",
        "",
        "Related pages",
        "",
        *SAB_RELATED,
        "",
        "Was this page helpful?",
        "",
        "Yes  No",
        "",
        "Last updated: 14 March 2024",
        "",
        "Westmoor Safeguarding Adults Board, Civic Hall, Westmoor WM1 1AA",
        "",
        "Email: wsab@westmoor.gov.uk",
        "",
        "Accessibility  Privacy  Cookies",
        "",
    ]
    write_text(folder / "page.txt", "\n".join(lines))


# ===================================================================================================
# Case 2 (real, modelled): a children's partnership's self-reflection questions, Word + plain HTML


SCP_TITLE = "Professional curiosity: questions for self-reflection"
SCP_LEAD = (
    "Practitioners from across the partnership helped us put together these questions for "
    "self-reflection. You might use them:"
)
SCP_USES = [
    "as a quick checklist on your phone before a home visit, to plan what you want to find out",
    "after a visit, to think about what you did and whether anything needs to happen differently next time",
    "as a prompt for discussion in supervision",
]
SCP_AFTER = (
    "Have a look at the questions and think about how they could fit into your work. Let us know if "
    "there are other questions you would add."
)
SCP_SECTIONS = [
    (
        "Reflecting on risk",
        [
            "Did anything make me feel uneasy or worried during the visit?",
            "Do I need to act straight away to keep a child safe?",
            "If nothing needs to happen immediately, have I learned anything that others need to know?",
        ],
    ),
    (
        "Reflecting on my assessment",
        [
            "Did I observe how family members behave with each other, as well as listening to what they said?",
            "Have I used all of the assessment tools available to me? If I am not sure which tools exist, who can "
            "I ask?",
            "Did what I saw match what I was told.",
            "If something concerned me, did I do something about it?",
        ],
    ),
    (
        "Reflecting on the child's voice",
        [
            "Did I get to speak with the child on their own? Am I sure that another practitioner has?",
            "Do I have a clear picture of a typical day for the child?",
            "Who could help me understand what daily life is like for this child",
            "Is there information held by another agency that would help me understand the child's experience?",
        ],
    ),
    (
        "Reflecting on working together",
        [
            "Have I checked which other practitioners know this family? Have I spoken to them?",
            "Have I recorded my concerns clearly so that someone reading the file later would understand them?",
        ],
    ),
]
SCP_FEEDBACK = ("Feedback", "Send your suggestions for new questions to learning@eastfieldscp.org.uk.")


@case("scp-curiosity-self-reflection")
def build_scp(folder: Path, pdf: bool) -> None:
    doc = new_docx(SCP_TITLE, "Eastfield Safeguarding Children Partnership")
    header_footer(doc, "Eastfield Safeguarding Children Partnership", "Version 2 – reviewed January 2024    ")
    doc.add_paragraph(SCP_TITLE, style="Title")
    doc.add_paragraph(SCP_LEAD)
    for u in SCP_USES:
        doc.add_paragraph(u, style="List Bullet")
    doc.add_paragraph(SCP_AFTER)
    for heading, items in SCP_SECTIONS:
        doc.add_paragraph(heading, style="Heading 2")
        for t in items:
            doc.add_paragraph(t, style="List Bullet")
    doc.add_paragraph(SCP_FEEDBACK[0], style="Heading 2")
    doc.add_paragraph(SCP_FEEDBACK[1])
    save_docx(doc, folder / "tool.docx")

    uses = "\n".join(f"      <li>{esc(u)}</li>" for u in SCP_USES)
    body = []
    for heading, items in SCP_SECTIONS:
        lis = "\n".join(f"      <li>{esc(t)}</li>" for t in items)
        body.append(f"    <h2>{esc(heading)}</h2>\n    <ul>\n{lis}\n    </ul>")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Self reflection questions - Eastfield Safeguarding Children Partnership</title>
<style>
body {{ font-family: Georgia, serif; max-width: 46em; margin: 0 auto; padding: 0 1em; }}
#top-bar {{ border-bottom: 3px solid #0a6e5a; padding: .5em 0; }}
#top-bar a {{ margin-right: 1em; }}
#footer {{ border-top: 1px solid #999; margin-top: 2em; font-size: 90%; }}
</style>
</head>
<body>
<div id="top-bar">
  <strong>Eastfield Safeguarding Children Partnership</strong><br>
  <a href="/">Home</a> <a href="/practitioners">Practitioners</a> <a href="/training">Training</a> <a href="/contact">Contact</a>
</div>
<div id="content">
    <h1>{esc(SCP_TITLE)}</h1>
    <p>{esc(SCP_LEAD)}</p>
    <ul>
{uses}
    </ul>
    <p>{esc(SCP_AFTER)}</p>
{chr(10).join(body)}
    <h2>{esc(SCP_FEEDBACK[0])}</h2>
    <p>Send your suggestions for new questions to <a href="mailto:learning@eastfieldscp.org.uk">learning@eastfieldscp.org.uk</a>.</p>
    <p><a href="#top-bar">Back to top</a></p>
</div>
<div id="footer">
  <p>&copy; Eastfield Safeguarding Children Partnership 2024 | <a href="/privacy">Privacy notice</a> | <a href="/accessibility">Accessibility statement</a></p>
</div>
</body>
</html>
"""
    write_text(folder / "tool.html", page)


# ===================================================================================================
# Case 3 (real text, OGL v3.0): gov.scot trauma-informed practice toolkit, Appendix 1 (excerpt)


TIP_TITLE = "Trauma-informed practice: toolkit"
TIP_NOTICE = (
    "This trauma-informed practice toolkit (2021) has now been replaced by the Roadmap for Creating "
    "Trauma-Informed and Responsive Change: Guidance for Organisations, Systems and Workforces in "
    "Scotland (2023), supported by the National Trauma Transformation Program"
)
TIP_PARAS = [
    "To assist in guiding implementation, a full list of the sample questions included in this toolkit is "
    "provided below. The questions are adapted from SAMHSA's \"Concept of Trauma and Guidance for a "
    'Trauma-Informed Approach" document (2014), with supplementary items added as a result of the findings '
    "from our qualitative fieldwork conducted in Scotland.",
    "Organisations across systems and sectors are encouraged to adapt the sample questions to fit the specific "
    "needs of their organisation, staff and service users. Once an organisation has decided on relevant "
    "questions and areas of focus, relevant outcome measures should be identified (Appendix 7) and an "
    "appropriate evaluation framework should be adopted.",
]
TIP_PRINCIPLES = ["Safety", "Trust", "Choice", "Collaboration", "Empowerment"]
TIP_DOMAIN = "Governance, management and leadership"
TIP_QUESTIONS = [
    "How does organisation leadership show and communicate its support for implementing a trauma-informed approach?",
    "How do the organisation's mission statement and/or written policies and procedures include a commitment "
    "to providing trauma-informed services and supports?",
    "How do leadership and governance structures demonstrate support for including survivors with experience "
    "of using their service in this process (from start to finish)?",
    "How will a Service Walkthrough be completed, and how will the findings from this be built into the plan to "
    "help the service become trauma responsive?",
    "What is the plan for training provision in TIP to be provided to senior management? This should include "
    "examples on how to be a trauma-informed leader – including role modelling.",
]
TIP_TOOLBOX = (
    "Toolbox 1: Background materials for explaining effects of trauma",
    [
        "Understanding the impact of stress on the brain, Blue Knot Foundation - Link to Appendix 3",
        "Understanding the stress response, Blue Knot Foundation - Link to Appendix 3",
        "The window of tolerance Blue Knot Foundation and locally developed tool - Link to Appendix 3",
        "A useful film on neuropsychology and trauma ( NHS Lanarkshire) - https://vimeo.com/325875547",
    ],
)
TIP_CONTENTS = [
    "Foreword",
    "Executive Summary",
    "Key Principle 1: Safety",
    "Key principle 4: Collaboration",
    "Key Principle 5: Empowerment",
    "Appendices",
]


def govscot_page(
    *,
    title: str,
    label: str,
    metadata: list[tuple[str, str]],
    contents: list[tuple[str, str]],
    content: str,
    breadcrumb_last: str,
    email: str | None,
    notice: str | None = None,
    current: str | None = None,
) -> str:
    meta = "\n".join(
        f'            <div class="ds_metadata__item"><dt class="ds_metadata__key">{esc(k)}</dt>'
        f'<dd class="ds_metadata__value">{esc(v)}</dd></div>'
        for k, v in metadata
    )
    nav = []
    for href, text in contents:
        if text == current:
            nav.append(
                f'              <li class="ds_contents-nav__item"><span class="ds_contents-nav__link ds_current">{esc(text)}</span></li>'
            )
        else:
            nav.append(
                f'              <li class="ds_contents-nav__item"><a class="ds_contents-nav__link" href="{href}">{esc(text)}</a></li>'
            )
    notice_html = (
        f'\n          <div class="ds_inset-text"><div class="ds_inset-text__text"><p>{esc(notice)}</p></div></div>'
        if notice
        else ""
    )
    contact = ""
    if email:
        contact = f"""
          <h2 id="contact">Contact</h2>
          <p>Email: <a href="mailto:{email}">{email}</a></p>"""
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
  <meta charset="utf-8">
  <title>{esc(title)} - gov.scot</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/assets/css/main.css">
  <style>
    body {{ font-family: Roboto, Helvetica, Arial, sans-serif; margin: 0; color: #333; }}
    .ds_wrapper {{ max-width: 1200px; margin: 0 auto; padding: 0 16px; }}
    .ds_site-header {{ border-bottom: 4px solid #0065bd; padding: 8px 0; }}
    .ds_site-navigation__list, .ds_breadcrumbs, .ds_contents-nav__list {{ list-style: none; padding: 0; }}
    .ds_site-navigation__list li, .ds_breadcrumbs li {{ display: inline; margin-right: 12px; }}
    .ds_layout {{ display: grid; grid-template-columns: 1fr 3fr; gap: 24px; }}
    .ds_layout__header, .ds_layout__feedback {{ grid-column: 1 / 3; }}
    .ds_notification {{ background: #002d54; color: #fff; padding: 12px 16px; }}
    .ds_inset-text {{ border-left: 4px solid #0065bd; padding-left: 12px; }}
    .ds_table {{ border-collapse: collapse; }} .ds_table td, .ds_table th {{ border: 1px solid #ccc; padding: 6px; vertical-align: top; }}
    .ds_site-footer {{ background: #ebebeb; padding: 16px 0; margin-top: 32px; font-size: 14px; }}
  </style>
</head>
<body class="ds_page" id="page-top">
  <div class="ds_skip-links"><ul class="ds_skip-links__list"><li class="ds_skip-links__item"><a class="ds_skip-links__link" href="#main-content">Skip to main content</a></li></ul></div>
  <div id="cookie-notice" class="ds_notification ds_notification--large ds_reversed">
    <div class="ds_wrapper"><div class="ds_notification__content">
      <h2 class="ds_notification__title">Tell us whether you accept cookies</h2>
      <p class="ds_notification__text">We use <a href="/cookies/">essential cookies</a> to help you use our website. We also use some additional cookies to understand how you use our website and to improve it.</p>
      <div class="ds_button-group"><button class="ds_button ds_button--small">Use essential cookies only</button><button class="ds_button ds_button--small ds_button--secondary">Accept all cookies</button></div>
    </div></div>
  </div>
  <div class="ds_page__top">
    <header class="ds_site-header" role="banner"><div class="ds_wrapper">
      <div class="ds_site-header__content">
        <div class="ds_site-branding"><a class="ds_site-branding__logo ds_site-branding__link" href="/"><img class="ds_site-branding__logo-image" src="/assets/images/logos/scotgovlogo.svg" alt="The Scottish Government"></a>
          <div class="ds_site-branding__title">gov.scot</div></div>
        <div class="ds_site-search"><form role="search" action="/search/"><label class="ds_label visually-hidden" for="site-search">Search</label><input class="ds_input ds_site-search__input" id="site-search" name="q" placeholder="Search site" type="search"><button class="ds_button js-site-search-button" type="submit">Search</button></form></div>
      </div>
      <nav class="ds_site-navigation" aria-label="Main navigation"><ul class="ds_site-navigation__list">
        <li class="ds_site-navigation__item"><a class="ds_site-navigation__link" href="/about/">About</a></li>
        <li class="ds_site-navigation__item"><a class="ds_site-navigation__link" href="/topics/">Topics</a></li>
        <li class="ds_site-navigation__item"><a class="ds_site-navigation__link" href="/news/">News</a></li>
        <li class="ds_site-navigation__item"><a class="ds_site-navigation__link" href="/publications/">Publications</a></li>
        <li class="ds_site-navigation__item"><a class="ds_site-navigation__link" href="/statistics-and-research/">Statistics and research</a></li>
        <li class="ds_site-navigation__item"><a class="ds_site-navigation__link" href="/consultations/">Consultations</a></li>
      </ul></nav>
    </div></header>
  </div>
  <div class="ds_wrapper">
    <nav aria-label="Breadcrumb"><ol class="ds_breadcrumbs">
      <li class="ds_breadcrumbs__item"><a class="ds_breadcrumbs__link" href="/">Home</a></li>
      <li class="ds_breadcrumbs__item"><a class="ds_breadcrumbs__link" href="/publications/">Publications</a></li>
      <li class="ds_breadcrumbs__item">{esc(breadcrumb_last)}</li>
    </ol></nav>
    <main id="main-content" class="ds_layout ds_layout--article">
      <div class="ds_layout__header">
        <header class="ds_page-header">
          <span class="ds_page-header__label ds_content-label">{esc(label)}</span>
          <h1 class="ds_page-header__title">{esc(title)}</h1>{notice_html}
          <dl class="ds_page-header__metadata ds_metadata">
{meta}
          </dl>
        </header>
      </div>
      <div class="ds_layout__sidebar">
        <aside class="ds_contents-nav" aria-label="Sections">
          <h2 class="ds_contents-nav__title">Contents</h2>
          <ul class="ds_contents-nav__list">
{chr(10).join(nav)}
          </ul>
        </aside>
      </div>
      <div class="ds_layout__content">
        <div class="ds_rich-text">
{content}{contact}
        </div>
      </div>
      <div class="ds_layout__feedback">
        <section class="ds_feedback" id="feedback">
          <h2 class="ds_feedback__title">Was this helpful?</h2>
          <div class="ds_button-group"><button class="ds_button ds_button--cancel">Yes</button><button class="ds_button ds_button--cancel">No</button><button class="ds_button ds_button--cancel">Yes, but</button></div>
        </section>
      </div>
    </main>
  </div>
  <div class="ds_back-to-top"><a class="ds_back-to-top__button" href="#page-top">Back to top</a></div>
  <footer class="ds_site-footer"><div class="ds_wrapper">
    <ul class="ds_site-footer__site-items">
      <li class="ds_site-items__item"><a href="/accessibility/">Accessibility</a></li>
      <li class="ds_site-items__item"><a href="/cookies/">Cookies</a></li>
      <li class="ds_site-items__item"><a href="/contact/">Contact</a></li>
      <li class="ds_site-items__item"><a href="/privacy/">Privacy</a></li>
    </ul>
    <div class="ds_site-footer__copyright"><p>All content is available under the <a href="http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>, except for graphic assets and where otherwise stated</p><p>&copy; Crown Copyright</p></div>
  </div></footer>
</body>
</html>
"""


@case("govscot-trauma-toolkit-appendix")
def build_tip(folder: Path, pdf: bool) -> None:
    qs = "\n".join(f"                    <li>{esc(q)}</li>" for q in TIP_QUESTIONS)
    heads = "".join(f'<th scope="col">{p}</th>' for p in TIP_PRINCIPLES)
    tools = "\n".join(f"            <li>{esc(t)}</li>" for t in TIP_TOOLBOX[1])
    paras = "\n".join(f"          <p>{esc(p)}</p>" for p in TIP_PARAS)
    content = f"""          <h2>Appendices</h2>
          <h3>Appendix 1</h3>
          <h4>How to use the toolkit for Scotland</h4>
{paras}
          <div class="ds_table-wrapper">
            <table class="ds_table">
              <thead><tr>{heads}</tr></thead>
              <tbody>
                <tr><td><strong>10 Implementation Domains</strong></td><td></td><td></td><td></td><td></td></tr>
                <tr>
                  <td><strong>{esc(TIP_DOMAIN)}</strong></td>
                  <td>
                  <ul>
{qs}
                  </ul>
                  </td>
                  <td></td><td></td><td></td>
                </tr>
              </tbody>
            </table>
          </div>
          <h3>Appendix 2: The tools</h3>
          <h4>{esc(TIP_TOOLBOX[0])}</h4>
          <ul>
{tools}
          </ul>
          <nav class="ds_sequential-nav" aria-label="Article navigation">
            <div class="ds_sequential-nav__item ds_sequential-nav__item--prev"><a class="ds_sequential-nav__button ds_sequential-nav__button--left" href="../11/"><span class="ds_sequential-nav__text" data-label="previous">Previous page</span></a></div>
          </nav>"""
    contents = [(f"../{n}/", t) for n, t in zip([2, 3, 6, 9, 10, 12], TIP_CONTENTS, strict=False)]
    page = govscot_page(
        title=TIP_TITLE,
        label="Publication - Advice and guidance",
        metadata=[],
        contents=contents,
        content=content,
        breadcrumb_last=TIP_TITLE,
        email=None,
        notice=TIP_NOTICE,
        current="Appendices",
    )
    write_text(folder / "appendix.html", page)

    lines = [
        "Skip to main content",
        "",
        "Tell us whether you accept cookies",
        "",
        "We use essential cookies to help you use our website. We also use some additional cookies to "
        "understand how you use our website and to improve it.",
        "",
        "Use essential cookies only",
        "Accept all cookies",
        "",
        "gov.scot",
        "",
        "Search",
        "",
        "About",
        "Topics",
        "News",
        "Publications",
        "Statistics and research",
        "Consultations",
        "",
        "Home",
        "Publications",
        TIP_TITLE,
        "",
        "Publication - Advice and guidance",
        "",
        TIP_TITLE,
        "",
        TIP_NOTICE,
        "",
        "Contents",
        "",
        *TIP_CONTENTS,
        "",
        "Appendices",
        "",
        "Appendix 1",
        "",
        "How to use the toolkit for Scotland",
        "",
        TIP_PARAS[0],
        "",
        TIP_PARAS[1],
        "",
        " ".join(TIP_PRINCIPLES),
        "10 Implementation Domains",
        TIP_DOMAIN,
        *[f"  • {q}" for q in TIP_QUESTIONS],
        "",
        "Appendix 2: The tools",
        "",
        TIP_TOOLBOX[0],
        "",
        *[f"  • {t}" for t in TIP_TOOLBOX[1]],
        "",
        "Previous page",
        "",
        "Was this helpful?",
        "",
        "Yes",
        "No",
        "Yes, but",
        "",
        "Back to top",
        "",
        "Accessibility",
        "Cookies",
        "Contact",
        "Privacy",
        "",
        "All content is available under the Open Government Licence v3.0, except for graphic assets and "
        "where otherwise stated",
        "",
        "© Crown Copyright",
        "",
    ]
    write_text(folder / "appendix.txt", "\n".join(lines))


# ===================================================================================================
# Case 4 (real, modelled): a troubleshooting guide of numbered reflective questions, Word + LibreOffice PDF


CTB_TITLE = "When the partnership gets stuck: a troubleshooting guide"
CTB_INTRO = (
    "Every local partnership hits problems. Each section below describes a common problem, asks some "
    "questions to help your group think about its situation and points to resources that may help."
)
CTB_LEAD = (
    "The questions below can help you think about where your group is now. Related resources are listed after them."
)
CTB_SECTIONS = [
    (
        "1. We are not sure where to start.",
        [
            "Have we agreed who needs to be involved from the start?",
            "Have we set aside time to get to know each other's organisations?",
            "Do we know what each partner hopes to get out of working together?",
            "Have we agreed how decisions will be made and recorded?",
        ],
        ["Toolkit 1: Forming a partnership", "Toolkit 4: Running effective meetings"],
    ),
    (
        "2. We have not agreed on the problem we are tackling.",
        [
            "Have we named the problem in words that local people would recognise?",
            "Have we collected information about how big the problem is and who it affects?",
            "Have we asked residents and other stakeholders how much the problem matters to them?",
            "Have we looked at the conditions that put people at risk, or protect them, as well as individual "
            "behaviour?",
            "Have we agreed which root causes we are most able to change?",
        ],
        ["Toolkit 2: Assessing community needs and resources", "Toolkit 7: Analysing problems and goals"],
    ),
    (
        "3. We are not seeing the changes we hoped for.",
        [
            "Are our activities reaching the people who are most affected?",
            "Do we collect information that tells us whether things are changing? How often do we look at it together?",
            "Have we asked participants what difference the work has made to them?",
            "What would we stop doing if we had to halve our effort?",
        ],
        ["Toolkit 12: Evaluating the initiative"],
    ),
]


@case("partnership-troubleshooting-guide")
def build_ctb(folder: Path, pdf: bool) -> None:
    doc = new_docx(CTB_TITLE, "Examplevale Wellbeing Partnership")
    header_footer(doc, "Examplevale Wellbeing Partnership", "Troubleshooting guide – ")
    doc.add_paragraph(CTB_TITLE, style="Title")
    doc.add_paragraph(CTB_INTRO)
    for heading, questions, resources in CTB_SECTIONS:
        doc.add_paragraph(heading, style="Heading 1")
        doc.add_paragraph(CTB_LEAD)
        paras = [doc.add_paragraph(q, style="List Number") for q in questions]
        restart_numbering(doc, paras)
        doc.add_paragraph("Related resources", style="Heading 3")
        for r in resources:
            doc.add_paragraph(r, style="List Bullet")
    doc.add_paragraph("Contact", style="Heading 1")
    doc.add_paragraph("Comments on this guide can be sent to partnership@examplevale.org.uk.")
    path = folder / "guide.docx"
    save_docx(doc, path)
    if pdf:
        libreoffice_pdf(path, folder / "guide.pdf")


# ===================================================================================================
# Case 5 (real text, OGL v3.0): Education Scotland challenge questions laid out as a Word form


ES_TITLE = "Self-evaluation: challenge questions"
ES_INTRO = (
    "The challenge questions below are taken from Education Scotland's quality indicators. For each "
    "question, record your current position and give a RAG rating (Red, Amber or Green)."
)
ES_SECTIONS = [
    (
        "Wellbeing, inclusion and equality",
        "Quality indicator 3.1 – the following challenge questions can support your self-evaluation:",
        [
            "To what extent do our approaches ensure equity, inclusion and positively impact on children’s wellbeing?",
            "How well do we meet the needs of individual children? How effectively do we share information with "
            "families and partners?",
            "How well do we use Getting it right for every child (GIRFEC) and the wellbeing indicators to improve "
            "outcomes for children?",
            "How well is the United Nations Convention on the Rights of the Child understood and embedded within "
            "our staff practice?",
            "What impact is regular, high-quality professional learning about wellbeing and legislative duties "
            "having on outcomes for children?",
        ],
    ),
    (
        "Transitions",
        "Quality indicator 2.6 – challenge questions:",
        [
            "To what extent are all children and young people supported so that both their learning and social and "
            "emotional needs are addressed?",
            "How effective are our transition arrangements in raising the attainment of children and young people?",
        ],
    ),
]


@case("education-scotland-challenge-form")
def build_es(folder: Path, pdf: bool) -> None:
    doc = new_docx(ES_TITLE)
    header_footer(doc, "OFFICIAL", "Self-evaluation form – ")
    doc.add_paragraph(ES_TITLE, style="Title")
    doc.add_paragraph(ES_INTRO)
    details = doc.add_table(rows=3, cols=2, style="Table Grid")
    for row, label in zip(details.rows, ["Setting", "Completed by", "Date"], strict=False):
        bold_cell(row.cells[0], label)
    set_widths(details, [5, 12])
    for heading, lead, questions in ES_SECTIONS:
        doc.add_paragraph(heading, style="Heading 1")
        doc.add_paragraph(lead)
        table = doc.add_table(rows=1 + len(questions), cols=3, style="Table Grid")
        for cell, text in zip(table.rows[0].cells, ["Question", "Current position", "RAG"], strict=False):
            bold_cell(cell, text)
            shade(cell, "D9D9D9")
        repeat_header(table.rows[0])
        for row, q in zip(table.rows[1:], questions, strict=False):
            row.cells[0].text = q
        set_widths(table, [9, 6, 2])
        doc.add_paragraph("")
    path = folder / "form.docx"
    save_docx(doc, path)
    if pdf:
        libreoffice_pdf(path, folder / "form.pdf")


# ===================================================================================================
# Case 6 (generated): GOV.UK-style page with "Theme N –" headings, nested examples, a contents list


GOVUK_TITLE = "Support after a suspected suicide: questions for local systems"
GOVUK_LEAD = (
    "Questions to help local partners check how well people bereaved or affected by suicide are "
    "identified and supported."
)
GOVUK_WHO = [
    "This guidance is for suicide prevention leads, bereavement services and their partners. It may also help "
    "commissioners.",
    "Use the questions in a workshop with partners. There are no right or wrong answers.",
]
# (heading, intro paragraph or None, [(item text, [examples])])
GOVUK_THEMES = [
    (
        "Theme 1 – Knowing who has been affected",
        "People affected by a suicide include family members, friends, colleagues, neighbours and those who "
        "witnessed the death.",
        [
            ("How are you told about a suspected suicide in your area, and how quickly?", []),
            (
                "Do you have an agreed way of identifying everyone who may be affected, not only the next of kin? Who "
                "keeps this list?",
                [],
            ),
            (
                "Which groups are you most likely to miss?",
                [
                    "colleagues in small workplaces",
                    "pupils and staff at the person's school or college",
                    "members of online communities",
                ],
            ),
            ("Are children in the family offered support in their own right? (not only through their parents)", []),
        ],
    ),
    (
        "Theme 2 – Offering support quickly",
        None,
        [
            ("Is support offered within 72 hours of the death? If not, what gets in the way?", []),
            ("Can people refer themselves, or do they need a professional to refer them?", []),
            (
                "Is the offer of support repeated if it is declined at first? For example, a second contact after the "
                "funeral.",
                [],
            ),
            ("Do families receive written information about local and national support services.", []),
        ],
    ),
    (
        "Theme 3 – Working with coroners and the police",
        None,
        [
            (
                "Is there an agreement for sharing information about suspected suicides with the coroner's office and "
                "the police?",
                [],
            ),
            ("Do police officers attending a death carry information about local support to leave with families?", []),
            ("How are families helped to understand the inquest process? Who goes with them on the day?", []),
        ],
    ),
    (
        "Theme 4 – Learning from each death",
        None,
        [
            ("Are suspected suicides reviewed across agencies to find lessons for prevention?", []),
            (
                "How do you check for possible links between deaths? (including deaths of people who lived outside "
                "the area)",
                [],
            ),
            ("What has changed locally as a result of what you have learned?", []),
        ],
    ),
]
GOVUK_FURTHER = ["National suicide prevention strategy", "Bereavement support resources for families"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@case("govuk-bereavement-themes")
def build_govuk(folder: Path, pdf: bool) -> None:
    contents = ["Who this guidance is for"] + [h for h, _, _ in GOVUK_THEMES] + ["Further information"]
    toc = "\n".join(
        f'            <li class="gem-c-contents-list__list-item gem-c-contents-list__list-item--dashed">'
        f'<a class="gem-c-contents-list__link govuk-link" href="#{_slug(c)}">{esc(c)}</a></li>'
        for c in contents
    )
    body = [f'          <h2 id="{_slug(contents[0])}">{esc(contents[0])}</h2>']
    body += [f"          <p>{esc(p)}</p>" for p in GOVUK_WHO]
    for heading, intro, items in GOVUK_THEMES:
        body.append(f'          <h2 id="{_slug(heading)}">{esc(heading)}</h2>')
        if intro:
            body.append(f"          <p>{esc(intro)}</p>")
        body.append("          <ul>")
        for text, examples in items:
            if examples:
                ex = "\n".join(f"                <li>{esc(e)}</li>" for e in examples)
                body.append(
                    f"            <li>{esc(text)}\n              <ul>\n{ex}\n              </ul>\n            </li>"
                )
            else:
                body.append(f"            <li>{esc(text)}</li>")
        body.append("          </ul>")
    body.append('          <h2 id="further-information">Further information</h2>')
    body.append("          <ul>")
    body += [
        f'            <li><a href="/government/publications/{_slug(f)}" class="govuk-link">{esc(f)}</a></li>'
        for f in GOVUK_FURTHER
    ]
    body.append("          </ul>")
    page = f"""<!DOCTYPE html>
<html lang="en" class="govuk-template govuk-template--rebranded">
<head>
  <meta charset="utf-8">
  <title>{esc(GOVUK_TITLE)} - GOV.UK</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="govuk:format" content="detailed_guide">
  <link rel="stylesheet" href="/assets/static/application.css">
  <style>
    body {{ font-family: Arial, sans-serif; margin: 0; }}
    .govuk-width-container {{ max-width: 960px; margin: 0 auto; padding: 0 15px; }}
    .govuk-header {{ background: #1d70b8; color: #fff; padding: 10px 0; }}
    .govuk-header a {{ color: #fff; font-weight: bold; }}
    .govuk-breadcrumbs__list {{ list-style: none; padding: 0; }} .govuk-breadcrumbs__list-item {{ display: inline; margin-right: 8px; }}
    .gem-c-cookie-banner {{ background: #f3f2f1; padding: 15px 0; }}
    .govuk-footer {{ background: #f3f2f1; padding: 25px 0; margin-top: 30px; font-size: 14px; }}
  </style>
</head>
<body class="govuk-template__body">
  <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
  <div id="global-cookie-message" class="gem-c-cookie-banner govuk-clearfix" data-module="cookie-banner" role="region" aria-label="Cookies on GOV.UK">
    <div class="govuk-cookie-banner js-banner-wrapper" role="region" aria-label="Cookies on GOV.UK">
      <div class="gem-c-cookie-banner__message govuk-cookie-banner__message govuk-width-container">
        <h2 class="govuk-cookie-banner__heading govuk-heading-m">Cookies on GOV.UK</h2>
        <div class="govuk-cookie-banner__content">
          <p class="govuk-body">We use some essential cookies to make this website work.</p>
          <p class="govuk-body">We’d like to set additional cookies to understand how you use GOV.UK, remember your settings and improve government services.</p>
          <p class="govuk-body">We also use cookies set by other sites to help us deliver content from their services.</p>
        </div>
        <div class="govuk-button-group">
          <button class="govuk-button" type="submit" data-accept-cookies="true">Accept additional cookies</button>
          <button class="govuk-button" type="submit" data-reject-cookies="true">Reject additional cookies</button>
          <a class="govuk-link" href="/help/cookies">View cookies</a>
        </div>
      </div>
    </div>
  </div>
  <header role="banner" class="gem-c-layout-super-navigation-header govuk-header">
    <div class="govuk-width-container">
      <a href="/" class="govuk-header__link govuk-header__link--homepage"><span class="govuk-header__logotype">GOV.UK</span></a>
      <nav aria-labelledby="super-navigation-menu-heading" class="gem-c-layout-super-navigation-header__content">
        <h2 id="super-navigation-menu-heading" class="govuk-visually-hidden">Navigation menu</h2>
        <button class="gem-c-layout-super-navigation-header__navigation-top-toggle-button">Menu</button>
        <button class="gem-c-layout-super-navigation-header__search-toggle-button">Search GOV.UK</button>
      </nav>
    </div>
  </header>
  <div class="govuk-width-container">
    <div class="gem-c-contextual-breadcrumbs">
      <nav class="gem-c-breadcrumbs govuk-breadcrumbs" aria-label="Breadcrumb">
        <ol class="govuk-breadcrumbs__list">
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/">Home</a></li>
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/health-and-social-care">Health and social care</a></li>
          <li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/health-and-social-care/public-health">Public health</a></li>
        </ol>
      </nav>
    </div>
    <main role="main" id="main-content" class="govuk-main-wrapper" lang="en">
      <div class="gem-c-heading govuk-!-margin-bottom-8">
        <span class="govuk-caption-xl gem-c-heading__context">Guidance</span>
        <h1 class="gem-c-heading__text govuk-heading-l">{esc(GOVUK_TITLE)}</h1>
      </div>
      <p class="gem-c-lead-paragraph">{esc(GOVUK_LEAD)}</p>
      <div class="gem-c-metadata" data-module="metadata">
        <dl class="gem-c-metadata__list">
          <dt class="gem-c-metadata__term">From:</dt>
          <dd class="gem-c-metadata__definition"><a class="govuk-link" href="/government/organisations/department-for-community-wellbeing">Department for Community Wellbeing</a></dd>
          <dt class="gem-c-metadata__term">Published</dt>
          <dd class="gem-c-metadata__definition">6 February 2024</dd>
        </dl>
      </div>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <nav class="gem-c-contents-list" aria-label="Contents" role="navigation" data-module="gem-track-click">
            <h2 class="gem-c-contents-list__title">Contents</h2>
            <ol class="gem-c-contents-list__list">
{toc}
            </ol>
          </nav>
        </div>
        <div class="govuk-grid-column-two-thirds">
        <div class="gem-c-govspeak govuk-govspeak" data-module="govspeak">
{chr(10).join(body)}
        </div>
        <div class="gem-c-print-link govuk-!-display-none-print"><button class="govuk-link govuk-body-s gem-c-print-link__button" data-module="print-link">Print this page</button></div>
        <div class="app-c-back-to-top" data-module="sticky-element-container"><a class="govuk-link app-c-back-to-top__link" href="#contents">Back to top</a></div>
        </div>
      </div>
    </main>
    <div class="gem-c-feedback govuk-!-display-none-print" data-module="feedback">
      <div class="gem-c-feedback__prompt gem-c-feedback__js-show js-prompt" tabindex="-1">
        <div class="gem-c-feedback__prompt-content">
          <div class="gem-c-feedback__prompt-questions js-prompt-questions">
            <h2 class="gem-c-feedback__prompt-question">Is this page useful?</h2>
            <ul class="gem-c-feedback__option-list">
              <li class="gem-c-feedback__option-list-item"><button class="govuk-button gem-c-feedback__prompt-link">Yes <span class="govuk-visually-hidden">this page is useful</span></button></li>
              <li class="gem-c-feedback__option-list-item"><button class="govuk-button gem-c-feedback__prompt-link">No <span class="govuk-visually-hidden">this page is not useful</span></button></li>
            </ul>
          </div>
        </div>
        <button class="govuk-button govuk-button--secondary gem-c-feedback__prompt-link">Report a problem with this page</button>
      </div>
      <form class="gem-c-feedback__form js-feedback-form" hidden>
        <h3 class="govuk-heading-m">Help us improve GOV.UK</h3>
        <p class="govuk-body">Don’t include personal or financial information like your National Insurance number or credit card details.</p>
      </form>
    </div>
  </div>
  <footer class="gem-c-layout-footer govuk-footer" role="contentinfo">
    <div class="govuk-width-container">
      <h2 class="govuk-visually-hidden">Support links</h2>
      <ul class="govuk-footer__inline-list">
        <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/help">Help</a></li>
        <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/help/privacy-notice">Privacy</a></li>
        <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/help/cookies">Cookies</a></li>
        <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/help/accessibility-statement">Accessibility statement</a></li>
        <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/contact">Contact</a></li>
      </ul>
      <span class="govuk-footer__licence-description">All content is available under the <a class="govuk-footer__link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">Open Government Licence v3.0</a>, except where otherwise stated</span>
      <div class="govuk-footer__meta-item"><a class="govuk-footer__link govuk-footer__copyright-logo" href="https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/">© Crown copyright</a></div>
    </div>
  </footer>
</body>
</html>
"""
    write_text(folder / "page.html", page)

    # The page's text as a browser copies it: list markers are not copied and the nested list is flattened.
    lines = [
        "Skip to main content",
        "",
        "Cookies on GOV.UK",
        "",
        "We use some essential cookies to make this website work.",
        "",
        "We’d like to set additional cookies to understand how you use GOV.UK, remember your settings and "
        "improve government services.",
        "",
        "We also use cookies set by other sites to help us deliver content from their services.",
        "",
        "Accept additional cookies",
        "Reject additional cookies",
        "View cookies",
        "",
        "GOV.UK",
        "Menu",
        "Search GOV.UK",
        "",
        "Home",
        "Health and social care",
        "Public health",
        "",
        "Guidance",
        "",
        GOVUK_TITLE,
        "",
        GOVUK_LEAD,
        "",
        "From:",
        "Department for Community Wellbeing",
        "Published",
        "6 February 2024",
        "",
        "Contents",
        "",
        *[f"— {c}" for c in contents],
        "",
        contents[0],
        "",
    ]
    for p in GOVUK_WHO:
        lines += [p, ""]
    for heading, intro, items in GOVUK_THEMES:
        lines += [heading, ""]
        if intro:
            lines += [intro, ""]
        for text, examples in items:
            lines.append(text)
            lines += examples
        lines.append("")
    lines += [
        "Further information",
        "",
        *GOVUK_FURTHER,
        "",
        "Print this page",
        "",
        "Back to top",
        "",
        "Is this page useful?",
        "",
        "Yes this page is useful",
        "No this page is not useful",
        "",
        "Report a problem with this page",
        "",
        "Help",
        "Privacy",
        "Cookies",
        "Accessibility statement",
        "Contact",
        "",
        "All content is available under the Open Government Licence v3.0, except where otherwise stated",
        "",
        "© Crown copyright",
        "",
    ]
    write_text(folder / "page.txt", "\n".join(lines))


# ===================================================================================================
# Case 7 (generated): council page with long priority headings, printed by Chromium with its header/footer


NB_TITLE = "Self-harm in young people: a reflection tool for schools and colleges"
NB_INTRO = [
    "Schools and colleges are often the first to notice that a young person is hurting themselves. This tool "
    "helps senior leaders, pastoral teams and governors look at how well their setting recognises and responds "
    "to self-harm.",
    "Work through the questions as a team. Note what is already in place, what needs to change and who will "
    "take it forward.",
]
NB_SECTIONS = [
    (
        "Helping every member of staff to recognise self-harm and respond calmly, kindly and without judgement",
        [
            "Have all staff, including lunchtime and reception staff, had basic training on self-harm?",
            "Do staff know what to say, and what not to say, when a young person tells them they have hurt themselves?",
            "Is there a named member of staff who leads on self-harm? Do students know who this is?",
            "How do you support staff after they have responded to a serious incident?",
        ],
    ),
    (
        "Making sure that young people, parents and carers know where to find help in and out of school hours",
        [
            "Is information about help available in places young people use, such as toilets, the library and the "
            "school app?",
            "Do parents and carers know who to contact if they are worried? Is this information available in "
            "community languages?",
            "Are young people told about services that are open in the evenings and at weekends.",
        ],
    ),
    (
        "Working with health services and the council so that referrals are quick, clear and followed up",
        [
            "Is there an agreed pathway for referring a young person to mental health services?",
            "How do you find out what happened after a referral? (including when the young person was not offered "
            "an appointment)",
            "Are school nurses and pastoral staff involved in planning support when a young person returns after a "
            "hospital attendance?",
        ],
    ),
    (
        "Learning from incidents and listening to young people when reviewing the school's approach to self-harm",
        [
            "After an incident, do you review what happened and what could have been done differently?",
            "How are young people involved in reviewing the school's approach? For example, through a student "
            "wellbeing group.",
            "When was the school's self-harm policy last updated?",
        ],
    ),
]


@case("council-long-headings-print")
def build_nb(folder: Path, pdf: bool) -> None:
    otp = "\n".join(
        f'          <li><a href="#section-{i}">{esc(h)}</a></li>' for i, (h, _) in enumerate(NB_SECTIONS, 1)
    )
    sections = []
    for i, (heading, items) in enumerate(NB_SECTIONS, 1):
        lis = "\n".join(f"        <li>{esc(t)}</li>" for t in items)
        sections.append(
            f'    <section class="content-section">\n      <h2 id="section-{i}">{esc(heading)}</h2>\n'
            f'      <ul class="bullets">\n{lis}\n      </ul>\n'
            f'      <p class="back-to-top"><a href="#top">Back to top</a></p>\n    </section>'
        )
    intro = "\n".join(f"        <p>{esc(p)}</p>" for p in NB_INTRO)
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{esc(NB_TITLE)} - Northbrook Borough Council</title>
<style>
  @page {{ size: A4; margin: 18mm 16mm; }}
  body {{ font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; color: #1b1b1b; margin: 0; }}
  .council-header {{ background: #00594f; color: #fff; padding: 10px 20px; }}
  .council-header .logo {{ font-size: 16pt; font-weight: bold; }}
  .council-header nav a {{ color: #fff; margin-right: 14px; font-size: 10pt; }}
  .breadcrumb {{ font-size: 9pt; padding: 6px 20px; }}
  .breadcrumb ol {{ list-style: none; margin: 0; padding: 0; }} .breadcrumb li {{ display: inline; }}
  main {{ padding: 0 20px; }}
  h1 {{ font-size: 22pt; margin: 12px 0; }}
  .intro-row {{ display: grid; grid-template-columns: 62% 34%; column-gap: 4%; align-items: start; }}
  .on-this-page {{ border-left: 4px solid #00594f; background: #eef5f3; padding: 8px 12px; font-size: 9.5pt; }}
  .on-this-page h2 {{ font-size: 11pt; margin: 0 0 6px; }}
  .on-this-page ul {{ list-style: none; margin: 0; padding: 0; }}
  .on-this-page li {{ margin-bottom: 6px; }}
  .content-section h2 {{ font-size: 17pt; line-height: 1.25; width: 92%; margin: 22px 0 10px; color: #00594f; }}
  ul.bullets {{ list-style: none; margin: 0; padding-left: 24px; }}
  ul.bullets li {{ position: relative; margin-bottom: 8px; line-height: 1.4; }}
  ul.bullets li::before {{ content: ""; position: absolute; left: -18px; top: 0.45em; width: 7px; height: 7px;
                           background: #00594f; border-radius: 50%; }}
  .back-to-top {{ font-size: 9pt; }}
  .contact, .feedback {{ margin: 18px 20px; }}
  footer {{ background: #e8e8e8; padding: 10px 20px; font-size: 9pt; }}
</style>
</head>
<body id="top">
  <header class="council-header">
    <div class="logo">Northbrook Borough Council</div>
    <nav aria-label="Main"><a href="/">Home</a><a href="/bins">Bins and recycling</a><a href="/council-tax">Council tax</a><a href="/schools">Schools and learning</a><a href="/social-care">Social care</a><a href="/search">Search</a></nav>
  </header>
  <nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a> &gt; </li><li><a href="/schools">Schools and learning</a> &gt; </li><li><a href="/schools/health-and-wellbeing">Health and wellbeing in schools</a></li></ol></nav>
  <main>
    <h1>{esc(NB_TITLE)}</h1>
    <div class="intro-row">
      <div class="intro">
{intro}
      </div>
      <aside class="on-this-page" aria-label="On this page">
        <h2>On this page</h2>
        <ul>
{otp}
          <li><a href="#contact">Contact us</a></li>
        </ul>
      </aside>
    </div>
{chr(10).join(sections)}
  </main>
  <section class="contact" id="contact">
    <h2>Contact us</h2>
    <p>Health and Wellbeing in Schools Team<br>Email: wellbeing.schools@northbrook.gov.uk<br>Telephone: 01234 000000</p>
  </section>
  <section class="feedback">
    <form><p><strong>Was this page useful?</strong> <button>Yes</button> <button>No</button></p></form>
  </section>
  <footer>
    <p>Northbrook Borough Council, Town Hall, Northbrook NB1 2AB | <a href="/accessibility">Accessibility</a> | <a href="/privacy">Privacy</a> | <a href="/cookies">Cookies</a></p>
  </footer>
</body>
</html>
"""
    path = folder / "page.html"
    write_text(path, page)
    if pdf:
        chromium_pdf(path, folder / "page.pdf", header_footer=True, case_name="council-long-headings-print")


# ===================================================================================================
# Case 8 (generated): gov.scot-style page, numbered headings (one ending "?"), lettered questions, PDF print


GS_TITLE = "Loneliness and social isolation: reflective questions for community planning partners"
GS_INTRO = [
    "Loneliness affects people of all ages and backgrounds. These questions are for community planning "
    "partners who want to understand and reduce loneliness and social isolation in their area.",
    "They can be used in partnership meetings, in locality planning or as part of a wider self-evaluation.",
]
GS_SECTIONS = [
    (
        "1. Understanding who is lonely in your area",
        [
            ("What local data do you hold on loneliness and social isolation, and how recent is it?", []),
            ("Have you asked people with lived experience what makes it harder for them to connect with others?", []),
            (
                "Which groups are at higher risk of isolation locally?",
                [
                    "unpaid carers",
                    "people who have recently moved to the area",
                    "older people living alone",
                    "young people leaving care",
                ],
            ),
            (
                "Do partners share what they know about people who may be isolated? Is there a protocol for doing so?",
                [],
            ),
        ],
    ),
    (
        "2. Connecting people with their communities",
        [
            ("Is there a single, up-to-date directory of local groups and activities? Who maintains it?", []),
            ("Can people get to activities easily by public transport, or with help from community transport?", []),
            ("How are social prescribing link workers connected with community groups?", []),
            (
                "Are digital options offered alongside face-to-face ones, with support for people who are not online? "
                "(including help with devices and data)",
                [],
            ),
        ],
    ),
    (
        "3. Is your approach making a difference?",
        [
            ("How do you measure whether people feel less lonely after taking part?", []),
            ("What have you stopped, started or changed as a result of feedback.", []),
            ("Are the findings shared with the community planning partnership board?", []),
        ],
    ),
]
GS_EMAIL = "connectedcommunities@gov.scot"


@case("govscot-loneliness-numbered")
def build_gs(folder: Path, pdf: bool) -> None:
    parts = [f"          <p>{esc(p)}</p>" for p in GS_INTRO]
    for i, (heading, items) in enumerate(GS_SECTIONS, 1):
        parts.append(f'          <h2 id="section-{i}">{esc(heading)}</h2>')
        parts.append('          <ol type="a" class="ds_lettered-list">')
        for text, examples in items:
            if examples:
                ex = "\n".join(f"                <li>{esc(e)}</li>" for e in examples)
                parts.append(
                    f"            <li>{esc(text)}\n              <ul>\n{ex}\n              </ul>\n            </li>"
                )
            else:
                parts.append(f"            <li>{esc(text)}</li>")
        parts.append("          </ol>")
    contents = [(f"#section-{i}", h) for i, (h, _) in enumerate(GS_SECTIONS, 1)] + [("#contact", "Contact")]
    page = govscot_page(
        title=GS_TITLE,
        label="Publication - Advice and guidance",
        metadata=[
            ("Published", "20 November 2023"),
            ("Directorate", "Equality, Inclusion and Human Rights Directorate"),
        ],
        contents=contents,
        content="\n".join(parts),
        breadcrumb_last=GS_TITLE,
        email=GS_EMAIL,
        notice=None,
    )
    page = page.replace(
        '<div class="ds_page__top">',
        '<div class="ds_notification ds_notification--information"><div class="ds_wrapper"><p><strong>Information</strong> '
        'This page is also available in Gaelic.</p></div></div>\n  <div class="ds_page__top">',
        1,
    )
    path = folder / "page.html"
    write_text(path, page)
    if pdf:
        chromium_pdf(path, folder / "page.pdf", header_footer=False, case_name="govscot-loneliness-numbered")


# ===================================================================================================
# Case 9 (generated): Word document, Heading 1 containers, Heading 2 numbered priorities, List Number items


WP_TITLE = "Workplace suicide prevention: a self-assessment for employers"
WP_INTRO = [
    "Why does this matter? Most people of working age who die by suicide were in work, and colleagues and "
    "managers are often well placed to notice when someone is struggling.",
    "This self-assessment helps employers of any size check what they already do and plan what to do next. It "
    "takes about an hour to complete with a small group of staff.",
]
WP_SECTIONS = [
    (
        "1. Leadership and policy",
        [
            ("Has a senior leader been named as responsible for mental health and suicide prevention?", []),
            (
                "Does your wellbeing policy say what managers should do if they are worried that a colleague may be "
                "suicidal?",
                [],
            ),
            ("Is the policy reviewed with staff representatives? When was it last reviewed?", []),
        ],
    ),
    (
        "2. Skills and confidence",
        [
            ("What proportion of line managers have completed suicide awareness training?", []),
            ("Do staff know how to ask a colleague directly about suicide, and where to direct them for help?", []),
            (
                "Which sources of help do you promote to staff?",
                [
                    "the employee assistance programme",
                    "trained mental health first aiders",
                    "national helplines that are open 24 hours a day",
                ],
            ),
        ],
    ),
    (
        "3. After a death by suicide",
        [
            (
                "Do you have a plan for responding if an employee dies by suicide? For example, who informs colleagues "
                "and how.",
                [],
            ),
            ("How will you support colleagues who were close to the person? (including those working remotely)", []),
            ("How will the workplace mark the anniversary of a death, if the family wishes?", []),
        ],
    ),
]
WP_FURTHER = (
    "Employers can find free training, template policies and guidance for managers on the websites of "
    "national suicide prevention charities."
)


@case("docx-workplace-self-assessment")
def build_wp(folder: Path, pdf: bool) -> None:
    doc = new_docx(WP_TITLE)
    header_footer(doc, "Draft for consultation", "Workplace suicide prevention self-assessment – ")
    doc.add_paragraph(WP_TITLE, style="Title")
    doc.add_paragraph("Introduction", style="Heading 1")
    for p in WP_INTRO:
        doc.add_paragraph(p)
    doc.add_paragraph("Self-assessment questions", style="Heading 1")
    doc.add_paragraph("Answer each question as honestly as you can. You do not need to answer them all at once.")
    for heading, items in WP_SECTIONS:
        doc.add_paragraph(heading, style="Heading 2")
        numbered = []
        for text, examples in items:
            numbered.append(doc.add_paragraph(text, style="List Number"))
            for e in examples:
                doc.add_paragraph(e, style="List Bullet 2")
        restart_numbering(doc, numbered)
    doc.add_paragraph("Further information", style="Heading 1")
    doc.add_paragraph(WP_FURTHER)
    path = folder / "self-assessment.docx"
    save_docx(doc, path)
    if pdf:
        libreoffice_pdf(path, folder / "self-assessment.pdf")


# ===================================================================================================
# Case 10 (generated): text copied from a printed page: inline " • " bullets, headings on the header line


MEN_TITLE = "Men's mental health and suicide: a reflection tool for community partners"
MEN_HEADER = "Men's mental health and suicide: a reflection tool | Southvale Partnership"
MEN_URL = "https://www.southvale.org.uk/mens-reflection-tool"


@case("txt-inline-bullets-running-header")
def build_men(folder: Path, pdf: bool) -> None:
    text = f"""12/03/2024, 14:05                 {MEN_HEADER}
Skip to main content
Southvale Partnership
Home   About us   Our work   News   Contact
{MEN_TITLE}
Three in four suicides in Southvale are by men. Many of these men had no contact with mental health services
in the year before they died. This tool asks partners to reflect on how well local services reach men, and
what could make it easier for men to ask for and accept help.
Use the questions in a team meeting or a partnership workshop. You do not need to answer them in order.
Priority 1: Reaching men where they are
Consider: • Do you work in the places where men already spend time, such as sports clubs, barbers and
workplaces? • Have men with lived experience helped to shape your messages and materials? • Are services
open at times that suit men who work shifts or long hours?
{MEN_URL}                                              1 of 3
12/03/2024, 14:05                 {MEN_HEADER}   Priority 2: Making help easier to ask for
Think about: • Can men get help without being referred by their GP? • Do front-line staff understand that
men may describe distress in different ways? Have they been trained to recognise this? • Are peer support
groups available for men across the area, including rural areas.
{MEN_URL}                                              2 of 3
12/03/2024, 14:05                 {MEN_HEADER}   Priority 3: Supporting men through difficult life events
Ask yourselves: • Do debt, housing and employment advisers know how to respond if a man talks about suicide?
For example, by using a short script agreed with local services. • Is support offered to fathers after a
separation? (including access to legal advice) • How do you reach men who have recently left prison or the
armed forces?
Contact: menswellbeing@southvale.org.uk
Back to top
© Southvale Partnership 2024   Privacy   Accessibility
{MEN_URL}                                              3 of 3
"""
    write_text(folder / "page.txt", text)


# ===================================================================================================
# Case 11 (generated): plain-text checklist with "-", "*", "▪" and "–" bullets, nested examples, "?" heading


SP_TEXT = """Public Health Intranet > Suicide prevention > Safer places checklist
Last reviewed: January 2024                                                  Page 1 of 2

SAFER PLACES: A CHECKLIST FOR REDUCING SUICIDES AT PUBLIC LOCATIONS

This checklist is for the suicide prevention partnership and the owners and managers of public places
where people may go to end their lives. Work through each section with the relevant partners.

1. Knowing your locations

- Do you have an up-to-date list of public places where suicides or attempts have happened?
- Who is told when an incident happens at one of these places, and how?
- Are owners and managers of each location aware of the risk? Have they been offered advice?

2. Making locations safer

* Have physical measures been considered, such as barriers, fencing or better lighting?
* Are signs with helpline numbers placed where people at risk are likely to see them?
* Which staff work at or near these locations and could be trained to spot and approach someone in
  distress?
      – security and car park staff
      – rail and bridge maintenance teams
      – lifeguards and park rangers

3. Are we learning from every incident?

▪ Is there a process for reviewing each incident with the site owner?
▪ Are local media reminded of guidance on reporting suicide? (especially after an incident at a well-known
  location)
▪ What changes have been made to sites in the last year as a result of reviews?

Public Health Intranet > Suicide prevention > Safer places checklist                 Page 2 of 2

4. Working with partners

– Does the partnership include transport operators, the police and the local planning authority?
– Are new developments, such as tall car parks and bridges, checked for suicide risk at the planning
  stage? For example, through a design review panel.

Questions about this checklist? Contact the public health team on extension 4410.
Back to top
"""


@case("txt-mixed-bullets-checklist")
def build_sp(folder: Path, pdf: bool) -> None:
    write_text(folder / "checklist.txt", SP_TEXT)


# ===================================================================================================
# Case 12 (generated): plain hand-written HTML, typed "a)" items and "(i)" examples, a section of plain lines


PS_TITLE = "Peer support groups: reflective questions for facilitators"
PS_INTRO = (
    "These questions are for volunteers and staff who run peer support groups for people affected by "
    "suicide or self-harm. Use them when you set up a new group and at least once a year after that."
)
# (heading, [(marker, text, [(marker, example)])]); marker "" = a plain line
PS_SECTIONS = [
    (
        "Setting up the group",
        [
            ("a)", "Is the purpose of the group clear to people before they join?", []),
            ("b)", "Have ground rules been agreed with members? Are they revisited when new people join?", []),
            (
                "c)",
                "What information do members need before their first session?",
                [
                    ("(i)", "where and when the group meets"),
                    ("(ii)", "what happens in a session"),
                    ("(iii)", "how their information will be kept"),
                ],
            ),
        ],
    ),
    (
        "Keeping the group safe",
        [
            ("a)", "Do facilitators know what to do if a member says they are thinking about suicide?", []),
            ("b)", "Is there a named person facilitators can call for advice during and after a session?", []),
            ("c)", "How are members supported if another member dies? (including members who no longer attend)", []),
        ],
    ),
    (
        "Looking after facilitators",
        [
            ("", "How often do facilitators meet for supervision or debriefing?", []),
            (
                "",
                "Are facilitators able to take a break from the role without feeling they are letting the group down?",
                [],
            ),
            ("", "Who checks in with a facilitator after a difficult session.", []),
        ],
    ),
    (
        "Hearing from members",
        [
            (
                "a)",
                "How do members tell you what is and is not working? For example, a short anonymous form every "
                "three months.",
                [],
            ),
            ("b)", "Have members been involved in recruiting new facilitators?", []),
        ],
    ),
]


@case("plain-html-lettered-questions")
def build_ps(folder: Path, pdf: bool) -> None:
    toc = "\n".join(f'  <li><a href="#s{i}">{esc(h)}</a></li>' for i, (h, _) in enumerate(PS_SECTIONS, 1))
    body = []
    for i, (heading, items) in enumerate(PS_SECTIONS, 1):
        body.append(f'<h3 id="s{i}">{esc(heading)}</h3>')
        for marker, text, examples in items:
            body.append(f"<p>{esc((marker + ' ' + text).strip())}</p>")
            for m, e in examples:
                body.append(f'<p style="margin-left:2.5em">{esc(m)} {esc(e)}</p>')
        body.append('<p class="top"><a href="#top">Back to top</a></p>')
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Reflective questions for facilitators - Riverside Peer Support Network</title>
</head>
<body bgcolor="#ffffff">
<a name="top"></a>
<div id="cookie-notice" style="background:#ffe;border:1px solid #cc9;padding:4px">This site uses cookies. <a href="/cookies.html">Find out more</a> <button>OK</button></div>
<table width="100%"><tr><td><font size="5"><b>Riverside Peer Support Network</b></font></td></tr>
<tr><td><a href="/index.html">Home</a> | <a href="/groups.html">Groups</a> | <a href="/resources.html">Resources</a> | <a href="/contact.html">Contact</a></td></tr></table>
<hr>
<h1>{esc(PS_TITLE)}</h1>
<p>{esc(PS_INTRO)}</p>
<p><b>On this page</b></p>
<ul>
{toc}
</ul>
{chr(10).join(body)}
<hr>
<p><small>Riverside Peer Support Network is a registered charity (no. 1000000). Contact: <a href="mailto:hello@riversidepeers.org.uk">hello@riversidepeers.org.uk</a></small></p>
</body>
</html>
"""
    write_text(folder / "page.html", page)

    lines = [
        "This site uses cookies. Find out more OK",
        "",
        "Riverside Peer Support Network",
        "Home | Groups | Resources | Contact",
        "",
        PS_TITLE,
        "",
        PS_INTRO,
        "",
        "On this page",
        "",
    ]
    lines += [f"    {h}" for h, _ in PS_SECTIONS]
    lines.append("")
    for heading, items in PS_SECTIONS:
        lines += [heading, ""]
        for marker, text, examples in items:
            lines.append((marker + " " + text).strip())
            for m, e in examples:
                lines.append(f"{m} {e}")
        lines += ["", "Back to top", ""]
    lines += [
        "Riverside Peer Support Network is a registered charity (no. 1000000). Contact: hello@riversidepeers.org.uk",
        "",
    ]
    write_text(folder / "page.txt", "\n".join(lines))


# ===================================================================================================
# Case 13 (generated): Word form, one table with spanning theme rows, filled-in answers and RAG colours


FT_TITLE = "Suicide prevention partnership: annual self-assessment"
FT_INSTRUCTIONS = (
    "Complete the Current position column for each question and give a RAG rating (Red, Amber or "
    "Green). Return the form to the partnership coordinator by 31 May."
)
RAG_FILL = {"Red": "FF7F7F", "Amber": "FFC000", "Green": "92D050"}
# (theme, [(question text, [examples], current position, RAG)])
FT_THEMES = [
    (
        "Theme 1 – Data and intelligence",
        [
            (
                "Do you receive timely information about suspected suicides in your area? How is it shared with "
                "partners?",
                [],
                "Monthly report from the police; shared at the steering group.",
                "Green",
            ),
            ("Is the local suicide audit up to date?", [], "Last audit covered 2019 to 2021.", "Amber"),
            (
                "Which data sources do you use to understand self-harm locally?",
                ["hospital attendance data", "school and college reports", "primary care records"],
                "",
                "",
            ),
        ],
    ),
    (
        "Theme 2 – Partnership and leadership",
        [
            ("Does the partnership have a written action plan with named leads?", [], "Yes, agreed in March.", "Green"),
            (
                "Are people with lived experience members of the partnership? (not only consulted on specific pieces "
                "of work)",
                [],
                "Two members joined this year.",
                "Amber",
            ),
            ("Is progress reported to the health and wellbeing board at least once a year.", [], "", "Red"),
        ],
    ),
    (
        "Theme 3 – Training and awareness",
        [
            (
                "Have frontline staff in partner organisations been offered suicide awareness training? For example, "
                "housing officers and job centre staff.",
                [],
                "",
                "",
            ),
            ("How do you check whether training has changed practice?", [], "", ""),
        ],
    ),
]


@case("docx-form-spanning-themes")
def build_ft(folder: Path, pdf: bool) -> None:
    doc = new_docx(FT_TITLE)
    header_footer(doc, "OFFICIAL – SENSITIVE when completed", "Annual self-assessment – ")
    doc.add_paragraph(FT_TITLE, style="Title")
    details = doc.add_table(rows=3, cols=2, style="Table Grid")
    for row, (label, value) in zip(
        details.rows,
        [
            ("Partnership", "Eastvale Suicide Prevention Partnership"),
            ("Completed by", "Partnership coordinator"),
            ("Date", "April 2024"),
        ],
        strict=False,
    ):
        bold_cell(row.cells[0], label)
        row.cells[1].text = value
    set_widths(details, [5, 12])
    doc.add_paragraph("")
    doc.add_paragraph(FT_INSTRUCTIONS)
    n_rows = 1 + sum(1 + len(items) for _, items in FT_THEMES)
    table = doc.add_table(rows=n_rows, cols=3, style="Table Grid")
    for cell, text in zip(table.rows[0].cells, ["Question", "Current position", "RAG"], strict=False):
        bold_cell(cell, text)
        shade(cell, "BFBFBF")
    repeat_header(table.rows[0])
    r = 1
    for theme, items in FT_THEMES:
        row = table.rows[r]
        merged = row.cells[0].merge(row.cells[2])
        bold_cell(merged, theme)
        shade(merged, "DDEBF7")
        r += 1
        for text, examples, current, rag in items:
            row = table.rows[r]
            row.cells[0].text = text
            for e in examples:
                row.cells[0].add_paragraph(e, style="List Bullet")
            row.cells[1].text = current
            row.cells[2].text = rag
            if rag:
                shade(row.cells[2], RAG_FILL[rag])
            r += 1
    set_widths(table, [9, 6, 2])
    path = folder / "form.docx"
    save_docx(doc, path)
    if pdf:
        libreoffice_pdf(path, folder / "form.pdf")


# ---------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    pdf = "--no-pdf" not in argv
    names = [a for a in argv if not a.startswith("--")] or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print("unknown case(s): " + ", ".join(unknown), file=sys.stderr)
        print("cases: " + ", ".join(CASES), file=sys.stderr)
        return 2
    for name in names:
        folder = OUT / name
        folder.mkdir(parents=True, exist_ok=True)
        CASES[name](folder, pdf)
        print(f"built {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
