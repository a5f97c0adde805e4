"""Rebuild the generated renderings of the real-plan corpus cases (tests/corpus/plans/real_*).

Every case below holds the table rows as a person reconstructed them by reading the
published page (real cases) or as rewritten for a case modelled on a real document whose
licence is unclear (see each case's SOURCE.md). From those rows this script writes:

  plan.html         the plan as a web page with a real <table> and some site chrome
  plan.docx         a Word rendering (python-docx), for the cases that have one
  plan.pdf          LibreOffice's PDF of plan.docx, or Chromium's print of plan.html
  plan-layout.txt   `pdftotext -layout plan.pdf`, for the cases that have one
  plan.txt          ONLY for the modelled cases: the page text in the form the document
                    host gives it (cells joined by " / ", one cell a paragraph, bullets, or
                    cells ending in " |").  For the real cases plan.txt is the stored page
                    text kept as found and is never rewritten here.
  plan.xlsx         a tracker workbook built from the rows (RAG cells filled), for the cases
                    marked `xlsx`; a stored plan.xlsx is kept as found
  plan.csv          the first sheet of a stored plan.xlsx, for the cases that have one

Files a case lists under `stored` (a real Word document or workbook, a stored page text) are
kept as found (cut as its SOURCE.md says) and never rewritten; renderings are made from them.

Usage:  python tests/corpus/build_real.py [CASE ...]     (default: every case)
Needs:  python-docx; `soffice` (LibreOffice), `chromium` and `pdftotext` (poppler-utils).
Nothing here reads or runs the pipeline.
"""

from __future__ import annotations

import datetime as _dt
import html
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLANS = HERE / "plans"

# --------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------


@dataclass
class Group:
    """A run of rows under one heading (a section, priority, pillar, month ...)."""

    heading: str | None  # the heading as printed ("1. Identification ...", "Pillar: Plan")
    rows: list[list[str]]  # each row: one string per column; "\n" = line break in a cell
    subheading: str | None = None  # a second-level heading (Torbay: "Domain: Weaning")
    note_before: list[str] = field(default_factory=list)  # paragraphs before the table
    lists_after: list[tuple[str, list]] = field(default_factory=list)  # (label, items)
    heading_side: str | None = None  # text in a second merged cell on the heading's row (Louth)


@dataclass
class Case:
    slug: str  # folder name under plans/
    headers: list[str]
    groups: list[Group]
    title: str
    pre_title: list[str] = field(default_factory=list)  # lines printed above the title
    intro: list = field(default_factory=list)  # paragraphs; a list item = bullet list
    site: str = "generic"  # chrome style for plan.html
    breadcrumbs: list[str] = field(default_factory=list)
    docx_style: str | None = None  # None = no docx
    pdf_from: str | None = None  # "docx" | "html" | None
    layout: bool = False
    landscape: bool = False
    modelled_txt: str | None = None  # "docsbay" for modelled cases with a page text
    rag_colours: dict = field(default_factory=dict)  # status word -> fill (docx shading)
    repeat_header_before: list[int] = field(default_factory=list)  # group indexes
    table_caption: str | None = None
    heading_level: int = 2
    col_widths_cm: list[float] = field(default_factory=list)  # docx column widths
    group_rows: bool = False  # plan.html: one table, each group's heading a spanning row in it
    stored: list[str] = field(default_factory=list)  # renderings kept as found, never rewritten here
    csv_from_xlsx: bool = False  # plan.csv: the stored plan.xlsx's first sheet, cell by cell
    merge_down: bool = False  # an empty first cell continues the one above (a cell merged down)
    xlsx: bool = False  # plan.xlsx: a tracker workbook built from the rows (RAG cells filled)
    html_body: object = None  # a function(case) -> the page's main HTML, for pages without a table
    txt_body: object = None  # a function(case) -> plan.txt, for modelled pages without a table


# --------------------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------------------

CASES: dict[str, Case] = {}


def _add(case: Case) -> None:
    CASES[case.slug] = case


# 1. Lincolnshire County Council, suicide prevention action plan (real, OGL v3.0).
_add(
    Case(
        slug="real_lincolnshire_suicide_prevention",
        title="Suicide prevention action plan",
        intro=[
            "Agreed shared objectives of the Suicide Prevention Strategy in Lincolnshire (2020 - 2023):",
            [
                "to develop a local suicide prevention core offer",
                "to target high risk groups",
                "to support children and young people (CYP) and their families",
                "to develop our knowledge and intelligence",
                "to raise awareness and improve training",
            ],
        ],
        headers=["Domain", "Actions", "Lead organisation", "Strategic Priority", "Planned completion"],
        groups=[
            Group(
                heading="1. Identification and response to suicides",
                rows=[
                    [
                        "Business As Usual",
                        "1.1 Maintain RTS (Real Time Surveillance) dashboard and process for routine data "
                        "review to identify anomalies in the data. Consider extending access to the RTS "
                        "dashboard to wider partners.",
                        "Public Health and Lincolnshire Police",
                        "Knowledge and Intelligence",
                        "Ongoing",
                    ],
                    [
                        "Project",
                        "1.2 Extend the RTS data to include more information to build a 'picture' of the "
                        "person. This work will be supported by an LGA Sector Led Improvement Programme and "
                        "learning through the East Midlands RTSS Community of Practice.",
                        "Public Health and Lincolnshire Police",
                        "Knowledge and Intelligence",
                        "December 2023",
                    ],
                    [
                        "Business As Usual",
                        "1.3 Continued development of response to suspected suicide clusters and "
                        "high-profile cases. This work will include proactive comms, linking with affected "
                        "communities and development of cross boarder information sharing as well as  "
                        "feeding information to national work groups e.g. online harm or emerging methods.",
                        "Public Health",
                        "Core Offer, High risk groups",
                        "Ongoing",
                    ],
                    [
                        "Project",
                        "1.4 Work with partners across the system to identify ways to capture attempted "
                        "suicide data for Lincolnshire. Some possibilities include 111 data, thematic "
                        "reports from LPFT and Mental Health Matters Helpline, Population Health Management "
                        "dataset.",
                        "Public Health",
                        "Knowledge and Intelligence",
                        "Ongoing",
                    ],
                ],
            )
        ],
        site="lincolnshire",
        breadcrumbs=["Home", "Council and councillors", "Suicide prevention action plan"],
        docx_style="headings",
        pdf_from="docx",
        layout=True,
        landscape=True,
        col_widths_cm=[3.3, 10.8, 4.5, 4.5, 3.0],
    )
)

_SCOT_TITLE = "Mental Health and Wellbeing Leadership Board: delivery progress report 3 - February 2025"
_SCOT_INTRO = (
    "The third progress report (LB(25)03-03) assessing the delivery of the strategic actions found "
    "within the mental health and wellbeing strategy and accompanying delivery plan and workforce "
    "action plan, including a summary of identified risks and issues."
)
_RAG = {"On Track": "C6EFCE", "At Risk": "FFD966"}

# 2. Scottish Government, MH&W delivery plan progress overview (real, OGL v3.0).
_SCOT_H = ["Strategic Action", "Overall RAG", "Sub-Action Delivery RAG"]
_add(
    Case(
        slug="real_scotland_mhwb_delivery_progress",
        title=_SCOT_TITLE,
        intro=[
            _SCOT_INTRO,
            ("h2", "Mental Health & Wellbeing Strategy Delivery Plan 2023-25 - Delivery Plan Progress Overview"),
            "The \u2018Progress Overview\u2019 is a high-level summary and should be considered alongside the "
            "full list of actions/wording - Mental Health & Wellbeing Strategy Delivery Plan 2023-2025.",
        ],
        headers=_SCOT_H,
        groups=[
            Group(
                heading="Priority 1 \u2013 Tackle mental health stigma & discrimination",
                rows=[["1.1 Stigma & discrimination.", "On Track", "40% Delivered, 40% On Track, 20% At Risk"]],
            ),
            Group(
                heading="Priority 2 \u2013 Improve population mental health & wellbeing",
                rows=[
                    ["2.1 Wellbeing advice, resources and support.", "On Track", "60% Delivered, 40% On Track"],
                    [
                        "2.2 Expand digital therapies and resource.",
                        "At Risk",
                        "33.3% On Track, 33.3.% Missed Delivery Date no Risk, 33.3% At Risk",
                    ],
                    ["2.3 Lived experience in workforce, & peer support.", "On Track", "100% On Track"],
                    [
                        "2.4 Trauma informed workforce.",
                        "On Track",
                        "75% Delivered, 25% Missed Delivery Date no Risk",
                    ],
                    ["2.5 Role of employability services in MHWB.", "On Track", "60% Delivered, 40% On Track"],
                    [
                        "2.6 Enhanced mental health support in educational settings.",
                        "At Risk",
                        "40% Delivered, 40% At Risk, 20% Off Track",
                    ],
                    ["2.7. Learning disability & autism leadership work.", "On Track", "100% Delivered"],
                ],
            ),
            Group(
                heading="Priority 3 - Increase mental health capacity within GPs, PCC.",
                rows=[
                    [
                        "3.1 Community based mental health support & services CYP.",
                        "On Track",
                        "67% Delivered, 33% On Track",
                    ],
                    [
                        "3.2 Build capacity in local services and third sector community groups.",
                        "On Track",
                        "75% Delivered, 25% On Track",
                    ],
                    ["3.3 Shift the balance of care to community.", "On Track", "100% Delivered"],
                ],
            ),
        ],
        site="govscot",
        breadcrumbs=["Home", "Publications", _SCOT_TITLE],
        docx_style="headings",
        pdf_from="docx",
        rag_colours=_RAG,
        heading_level=3,
        col_widths_cm=[7.4, 3.0, 7.0],
    )
)

# 3. Scottish Government, MH&W workforce action plan progress overview (real, OGL v3.0).
_add(
    Case(
        slug="real_scotland_mhwb_workforce_progress",
        title=_SCOT_TITLE,
        intro=[
            _SCOT_INTRO,
            ("h2", "Mental Health & Wellbeing Strategy Workforce Action Plan 2023-25"),
            ("h3", "Workforce Action Plan Progress Overview"),
            "The following \u2018Delivery Overview\u2019 is a high-level summary and should be considered "
            "alongside the full list of actions - Mental health and wellbeing : workforce action plan "
            "2023-2025. The \u2018Section\u2019 column refers to the key issue headlines/themes based on "
            "stakeholder feedback with a summary RAG for the actions which sit below, rather than an "
            "assessment of the issue as a whole.",
        ],
        headers=["Section", "Overall RAG", "Sub-Action Delivery RAG"],
        groups=[
            Group(
                heading="Pillar: Plan",
                rows=[
                    ["1.1 Workforce Data.", "At Risk", "25% On Track, 75% At Risk"],
                    ["1.2 Workforce Planning.", "On Track", "17% Delivered, 83% On Track"],
                    ["1.3 Flexibility & Co-Design.", "On Track", "100% Delivered"],
                    ["1.4 Remote & Rural.", "On Track", "50% On Track, 50% Delivery Date Missed no Risk"],
                ],
            ),
            Group(
                heading="Pillar: Attract",
                rows=[
                    [
                        "2.1 Recruitment campaigns to improve recruitment & retention.",
                        "At Risk",
                        "50% On Track, 50% At Risk",
                    ],
                    [
                        "2.2 Promote MH&W career pathways to young people in schools, including through "
                        "media campaigns.",
                        "At Risk",
                        "100% At Risk",
                    ],
                    [
                        "2.3 Address current challenges around high vacancies levels and retention issues "
                        "facing parts of the workforce.",
                        "At Risk",
                        "33.33% On Track, 33.33% Delivery Date Missed no Risk, 16.5% At Risk, 16.5% "
                        "Delivery Date Missed with Risk",
                    ],
                ],
            ),
            Group(
                heading="Pillar: Train",
                rows=[
                    [
                        "3.1 Improve and increase availability and uptake of mental health literacy and "
                        "wellbeing training for the wider workforce, carers, volunteers.",
                        "On Track",
                        "33% Delivered, 67% On Track",
                    ]
                ],
            ),
        ],
        site="govscot",
        breadcrumbs=["Home", "Publications", _SCOT_TITLE],
        pdf_from="html",
        layout=True,
        heading_level=4,
    )
)

# 4. Scottish Government, actions off track (key: value records on the page; real, OGL v3.0).
_add(
    Case(
        slug="real_scotland_mhwb_exceptions",
        title=_SCOT_TITLE,
        intro=[_SCOT_INTRO],
        headers=["Ref", "Action", "Lead", "Reason for RAG", "Mitigating Actions"],
        groups=[
            Group(
                heading="Actions Determined to be \u2018Off Track\u2019 or \u2018Delivery Date Missed with Risk\u2019",
                rows=[
                    [
                        "2.6.1",
                        "Throughout the life of this Delivery Plan, work with the Mental Health in Schools "
                        "Working Group to monitor the use and impact of the mental health and wellbeing "
                        "support we are providing in education settings.",
                        "SG & COSLA",
                        "Group has met once (where they discussed the terms of reference), therefore no "
                        "monitoring has been undertaken.",
                        "Group now established, and continued engagement with Group to support work.",
                    ],
                    [
                        "5.1.3",
                        "Public Health Scotland will lead a collaborative programme of work throughout the "
                        "life of this Delivery Plan to develop a whole systems approach to understanding and "
                        "taking action in relation to the key social determinants of mental health. This "
                        "will involve:\n"
                        "\u2022 Bringing together communities, practitioners and policy makers across the "
                        "system to build a collective understanding of the social determinants of mental "
                        "health.\n"
                        "\u2022 Having a focus on understanding and promoting primary prevention approaches.\n"
                        "\u2022 Identifying and testing specific actions for improving population mental "
                        "health and reducing mental health inequalities.",
                        "SG",
                        "Evidence gathering and stakeholder engagement to develop first high-level systems "
                        "map is complete, however the work on developing specific actions has not yet "
                        "commenced.",
                        "Phase 2 is about to get underway - this will use the evidence and feedback gathered "
                        "to prioritise specific area of focus and begin to develop specific actions.",
                    ],
                ],
            )
        ],
        site="govscot",
        breadcrumbs=["Home", "Publications", _SCOT_TITLE],
    )
)

# 5. HM Government (DHSC), suicide prevention strategy action plan (real, OGL v3.0).
_add(
    Case(
        slug="real_england_suicide_prevention_action_plan",
        title="Suicide prevention strategy: action plan",
        pre_title=["Policy paper"],
        intro=[
            ("meta", "Published 11 September 2023"),
            ("meta", "Applies to England"),
            "This action plan contains a summary of the actions within the suicide prevention strategy.",
        ],
        headers=["Action", "Lead", "Delivery date"],
        groups=[
            Group(
                heading="Improving data and evidence",
                rows=[
                    [
                        "Development of a new nationwide near real-time suspected suicide surveillance "
                        "system. This work aims to improve the early detection of, and timely action to "
                        "address, changes in suicide rates or trends.",
                        "Office for Health Improvement and Disparities (OHID)",
                        "2023",
                    ],
                    [
                        "Identify opportunities to improve the quality of intelligence and data that is used "
                        "to improve our knowledge. This could include, for example, information about the "
                        "link between suicide, and factors such as ethnicity and domestic abuse.",
                        "National Police Chiefs\u2019 Council (NPCC)",
                        "2024 and 2025",
                    ],
                    [
                        "Fund research looking at which interventions aimed at groups at high risk of "
                        "suicide and suicide attempts are effective.",
                        "National Institute for Health and Care Research (NIHR)",
                        "Commissioning process starts December 2023",
                    ],
                    [
                        "Work with coroners to share insights to address evidence gaps and inform practical "
                        "actions. Discussions with coroners will also continue to encourage data sharing at "
                        "local and national level to prevent further deaths.",
                        "Department of Health and Social Care (DHSC) and coroners",
                        "Ongoing",
                    ],
                    [
                        "Use findings from the Office for National Statistics (ONS) analysis of themes from "
                        "recently published analysis of prevention of future deaths reports to inform "
                        "national policy and actions, working with other government departments and "
                        "agencies.",
                        "DHSC",
                        "Ongoing",
                    ],
                    [
                        "Conduct and commission new research and data linkage projects, including projects "
                        "to better understand incidences of suicide following a bereavement, links between "
                        "the cost of living and suicide, and trends in suicide rates in different "
                        "occupational groups.",
                        "DHSC, ONS, other government departments",
                        "Ongoing",
                    ],
                ],
            )
        ],
        site="govuk",
        breadcrumbs=[
            "Home",
            "Health and social care",
            "Public health",
            "Suicide prevention strategy for England: 2023 to 2028",
        ],
        pdf_from="html",
    )
)

# 6. Torbay Council, Healthier Weight Framework action plan (real; a list on the page).
_TORBAY_H = ["Programme", "Lead", "Status"]
_add(
    Case(
        slug="real_torbay_healthier_weight",
        title="Healthier Weight Framework: Action plan",
        intro=["Action Plan to be updated every 6 months.", ("h2", "Cohort: Early Years")],
        headers=_TORBAY_H,
        groups=[
            Group(
                subheading="Domain: Breastfeeding",
                heading="Healthier weight programmes:",
                rows=[
                    ["UNICEF Baby Friendly", "Joey Needham", "On track"],
                    ["One Feed at a Time Campaign", "Joey Needham", "On track"],
                ],
            ),
            Group(
                heading="Healthier weight environment:",
                rows=[["Breastfeeding Friendly Spaces", "Joey Needham", "On track"]],
                lists_after=[
                    (
                        "Example outcomes:",
                        [
                            "Improved breastfeeding rates",
                            "Reduction in the number of children arriving at primary school underweight, "
                            "overweight or obese",
                        ],
                    ),
                    (
                        "National Indicators and targets (Local measures TBC)",
                        [
                            ("Breastfeeding Initiation", ["Maintain positive trend"]),
                            (
                                "Breastfeeding duration",
                                ["Maintain positive trend in Phase 1 and better than England value in Phase 2"],
                            ),
                        ],
                    ),
                ],
            ),
            Group(
                subheading="Domain: Weaning",
                heading="Healthier weight programmes:",
                rows=[["Infant Feeding Enhanced Peer Support", "Joey Needham", "On track"]],
                lists_after=[
                    (
                        "Example outcomes:",
                        ["Increased number of babies on solid foods at the recommended six months of age"],
                    ),
                    (
                        "National Indicators and targets (Local measures TBC)",
                        [
                            (
                                "NCMP at Reception: underweight, overweight and obese",
                                ["Reverse negative trend in Phase 1 and better than England value in Phase 2"],
                            )
                        ],
                    ),
                ],
            ),
            Group(
                subheading="Domain: Healthier child and family weight",
                heading="Healthier weight programmes:",
                rows=[
                    ["Healthy Start Vouchers", "Joey Needham/Vicky Glanville", "On track"],
                    ["Early Years Nutrition Toolkit roll-out.", "Vicky Glanville / Mark Richards", "On track"],
                    ["Torbay Council Child and Family Healthier Weight Support Programme", "Claire Tatton", "On track"],
                ],
            ),
            Group(
                heading="Physical activity programmes:",
                rows=[["Healthy Movers", "Kirsty Parker Calland", "Action required"]],
                lists_after=[
                    (
                        "Example outcomes:",
                        [
                            "Reduction in the number of children arriving at primary school underweight, "
                            "overweight or obese",
                            "Increased physical activity and reduced sedentary behaviour",
                        ],
                    )
                ],
            ),
        ],
        site="torbay",
        breadcrumbs=["Home", "Council", "Policies", "Health", "Torbay Healthier Weight Framework 2026 to 2036"],
        heading_level=4,
    )
)

# 7. Modelled on a Rochdale physical activity strategy action plan update (document host;
#    licence unclear): same columns, numbering and structure, every cell reworded.
_add(
    Case(
        slug="real_rochdale_physical_activity",
        title="Physical Activity Strategy Action Plan Update June 09",
        headers=[
            "Priority Actions",
            "Lead Organisation",
            "Time scale\n(if applicable)",
            "Costs",
            "Targets and Mile stones",
            "Evidence",
        ],
        groups=[
            Group(
                heading="Implementing the Action Plan",
                rows=[
                    [
                        "PA 1. Revisit the PA Action Plan so that it matches the current and planned work of "
                        "the Integrated Healthy Lifestyle Partnership group",
                        "Pennine Care Physical Activity Service\nLink4Life",
                        "(i) MAHLS March\u201913\n(ii) 23rd May 2013",
                        "",
                        "(i) Draft plan taken to the MAHLS meeting for discussion\n"
                        "(ii) Draft sent to the Health and Wellbeing Board.\n"
                        "(iii) Final plan sent to Integrated Healthy Lifestyle Partnership group members for "
                        "comment and consultation.",
                        "",
                    ],
                    [
                        "PA 2. Look again at who sits on the existing PA steering group so that it mirrors the "
                        "Integrated Healthy Lifestyle Partnership group, with members from the public, "
                        "voluntary, community and private sectors who promote physical activity, to oversee "
                        "and co-ordinate the actions of this Strategy.",
                        "Pennine Care Physical Activity Service\nLink4Life",
                        "June / July 2013",
                        "",
                        "(i) Agree terms of reference\n(ii) Agree how often the group meets\n"
                        "(iii) Review who is on the group",
                        "(i) \u2013 (iii) Completed by 31ST July 2013",
                    ],
                    [
                        "PA 3.Set up the Integrated Healthy Lifestyle Partnership group and joint working "
                        "between Link4 Life, HMR NHS (provider and commissioner) and other key local "
                        "providers so that PA is promoted within wider health work on health inequalities. "
                        "E.g. adult care services , healthy schools, voluntary sector, CVS, MIND etc.",
                        "Integrated Healthy Lifestyle Partnership group",
                        "",
                        "",
                        "(i) Made formal through SLA\u2019s agreed for key services.\n"
                        "(ii) Framework to monitor and evaluate the SLAs\n"
                        "(iii) Reporting through the Integrated Healthy Lifestyle Partnership group and MAHLS "
                        "Group.\n"
                        "(iv) Pathways into specialist physical activity before people join mainstream "
                        "services.\n"
                        "(v) Work streams linked to the Integrated Healthy Lifestyle Partnership group for "
                        "target populations.",
                        "",
                    ],
                ],
            )
        ],
        site="generic",
        breadcrumbs=["Home", "Health and wellbeing", "Physical activity"],
        docx_style="merged_rows",
        pdf_from="docx",
        landscape=True,
        modelled_txt="docsbay",
        col_widths_cm=[7.5, 4.0, 3.0, 2.0, 6.6, 3.0],
    )
)

# 8. Modelled on a Blackpool alcohol harm reduction local implementation plan (document host;
#    licence unclear): same eight columns, "1.1." numbering and repeated header row, reworded.
_BLACKPOOL_H = [
    "Action",
    "Lead Agency and Key Individual",
    "Additional Partners",
    "Why is this a priority",
    "Strategic Links to",
    "By When",
    "How will we measure success",
    "Resource Required",
]
_add(
    Case(
        slug="real_blackpool_alcohol_harm",
        title="Blackpool Alcohol Harm Reduction Strategy Local Implementation Plan 2006-2007",
        pre_title=["DRAFT 08/08/06"],
        headers=_BLACKPOOL_H,
        groups=[
            Group(
                heading=None,
                rows=[
                    [
                        "1.1. Run an awareness event on alcohol and substance misuse for young people",
                        "PYO / BYPC",
                        "Alcohol Strategy Lead",
                        "Young people\u2019s views on alcohol feed into Blackpool\u2019s Future",
                        "C+YP plan, Priority 2",
                        "Jan 2007",
                        "Event held with a representative audience / implementation plan written, YP actions",
                        "YP time / Staff Time / costs",
                    ],
                    [
                        "1.2. Make sure the Alcohol Strategy and Phase 2 Plan can be easily understood",
                        "Alcohol Strategy Lead",
                        "",
                        "Public Document \u2013 must avoid jargon",
                        "Masterplan",
                        "When plan written",
                        "Feedback on the draft confirms it is easy to understand",
                        "Staff time",
                    ],
                    [
                        "1.3. Widen access to diversionary activities through integrated youth services",
                        "Integrated Youth",
                        "Leisure / CDRP",
                        "Young people need alternatives to drinking \u2013 less boredom",
                        "C+YP plan",
                        "By March 2007",
                        "Management Information System",
                        "Staff Time",
                    ],
                    [
                        "1.4. Cut the number of licensed premises",
                        "Licensing",
                        "CDRP",
                        "Alcohol is too easy to obtain.",
                        "",
                        "Ongoing (Review March 2007)",
                        "Fewer licensed premises. Those left are easier to monitor",
                        "Staff Time",
                    ],
                ],
            ),
            Group(
                heading=None,
                rows=[
                    [
                        "2.1. Set up systems to collect substance misuse data from The Hub",
                        "Priority C+YP 2 Lead",
                        "MIT \u2013 C+YP dept, partnership analyst, connexions",
                        "Accurate baseline data is needed to plan future provision",
                        "Diversity Impact Assessment",
                        "Nov 2006",
                        "Informs the test purchasing process (alcohol and tobacco), baseline set",
                        "Staff Time",
                    ],
                    [
                        "2.2. Draw up a prevention strategy that includes cutting alcohol consumption",
                        "Community and inclusion assistant director",
                        "Children\u2019s Trust",
                        "To develop an improved youth service plan",
                        "LAA + PSA",
                        "April 2007",
                        "Strategy is written and signed up to",
                        "Staff Time",
                    ],
                ],
            ),
        ],
        site="generic",
        breadcrumbs=["Home", "Community safety", "Alcohol"],
        docx_style="repeat_header",
        pdf_from="docx",
        landscape=True,
        modelled_txt="docsbay",
        repeat_header_before=[1],
        col_widths_cm=[4.6, 3.0, 3.0, 3.4, 2.8, 2.6, 3.7, 3.0],
    )
)

# 9. Modelled on an NHS trust board action tracking list (document host; licence unclear):
#    same seven columns, month rows, "01.05" / "4.01" numbering and status words, reworded.
_add(
    Case(
        slug="real_hull_board_action_tracker",
        title="TRUST BOARD ACTION TRACKING LIST",
        pre_title=["HULL AND EAST YORKSHIRE HOSPITALS NHS TRUST"],
        intro=["Actions arising from Board meetings (compiled 4 July 2012)"],
        headers=["NO", "PAPER", "ACTION", "LEAD", "TARGET DATE", "NEW DATE", "STATUS/ COMMENT"],
        groups=[
            Group(
                heading="May 2012",
                rows=[
                    [
                        "01.05",
                        "Action tracker",
                        "Board safeguarding training to take place during a Board time out session",
                        "MW",
                        "June",
                        "14 Aug",
                        "Reorganised to Aug due to lack of available time",
                    ],
                    [
                        "02.05",
                        "Inpatient survey",
                        "Agree a date for settling how patients can keep their belongings safe on the ward",
                        "MW",
                        "30 Sept",
                        "",
                        "Not yet due",
                    ],
                    [
                        "05.05",
                        "Business delivery",
                        "Hold further talks with executive Directors to make clear how business delivery and "
                        "business development are organised",
                        "JB",
                        "17.7.12",
                        "",
                        "Verbal update to be given",
                    ],
                    [
                        "06.05",
                        "Corporate",
                        "Provide more information on the ratio of nurses to beds",
                        "MW",
                        "14.8.12",
                        "",
                        "Not yet due",
                    ],
                ],
            ),
            Group(
                heading="April 2012",
                rows=[
                    [
                        "4.01",
                        "Corp Perf",
                        "Develop a strategy on patient re-admissions",
                        "MW/YO",
                        "13 Nov",
                        "",
                        "Not yet due",
                    ]
                ],
            ),
            Group(
                heading="March 2012",
                rows=[
                    [
                        "3.01",
                        "Major trauma accreditation",
                        "The Board to receive a further update",
                        "AP",
                        "17 July",
                        "11 Sep",
                        "Not yet due",
                    ]
                ],
            ),
        ],
        site="trust",
        breadcrumbs=["Home", "About us", "Trust Board", "Action tracker"],
        docx_style="merged_rows",
        pdf_from="docx",
        layout=True,
        landscape=True,
        col_widths_cm=[1.6, 3.5, 9.0, 1.8, 2.6, 2.4, 5.2],
    )
)


# 10. Scottish Government, tobacco and vaping framework, Annex A: progress on the 2018 actions
#     (real, OGL v3.0). Reference ids "RA1", "RA10-11"; the progress cell carries the status word.
_add(
    Case(
        slug="real_scotland_tobacco_actions_progress",
        title="Tobacco and vaping framework: roadmap to 2034",
        intro=[
            "This focuses on both tobacco and vaping and sets our direction to 2034. It also includes the first "
            "implementation plan, which will run until November 2025.",
            ("h2", "Annex A \u2013 Progress on the 2018 actions"),
        ],
        headers=["Reference", "Action", "2023 - Progress"],
        groups=[
            Group(
                heading="Informing and Empowering through raising awareness",
                rows=[
                    ["RA1", '"Getting Through 72" campaign', "Completed"],
                    ["RA2", '"Green Curtain" campaign', "Completed"],
                    [
                        "RA3",
                        "Smoking in school grounds, near school gates and in play parks",
                        "Incomplete and forms part of work on Place",
                    ],
                    ["RA4", "Smoking in communal stairwells", "Incomplete and forms part of work on Place"],
                    ["RA5", "Pharmacy window poster campaign", "Ongoing and forms part of work on People"],
                    [
                        "RA6",
                        "No Smoking Day - Encourage smokers to make attempts to stop.",
                        "Ongoing and forms part of work on People",
                    ],
                    ["RA7", "World No Tobacco Day.", "Ongoing and forms part of work on People"],
                    [
                        "RA8",
                        "Proxy purchase - Help prevent young people taking up smoking.",
                        "Ongoing and forms part of work on Sustainability",
                    ],
                    [
                        "RA9",
                        "Illicit cigarettes - Help prevent young people taking up smoking.",
                        "Ongoing and forms part of work on Product",
                    ],
                    [
                        "RA10-11",
                        "We will continue to co-fund ASH Scotland to provide support.",
                        "Ongoing and forms part of work on Sustainability.",
                    ],
                    [
                        "RA12",
                        "Continue to work with NHS Health Scotland (now Public Health Scotland).",
                        "Ongoing and forms part of work on People.",
                    ],
                    [
                        "RA13",
                        "Development of I Quit in Pregnancy and Ready Steady Baby! publication",
                        "Ongoing and forms part of work on People.",
                    ],
                    ["RA14-15", "Oversight by Ministerial Working Group.", "Forms part of work on Accountability."],
                    [
                        "RA16",
                        "We will ensure that all guidance published for enforcement of or compliance with regulations "
                        "is developed with representatives of the non-tobacco industry groups affected.",
                        "Ongoing and forms part of work on Product and Transparency.",
                    ],
                ],
            )
        ],
        site="govscot",
        breadcrumbs=["Home", "Publications", "Tobacco and vaping framework: roadmap to 2034"],
        stored=["plan.txt"],
        heading_level=3,
    )
)

# 11. Scottish Government, Alcohol Framework 2018: summary of actions (real, OGL v3.0). One table
#     per theme, each with its own header row; an impact code column ("Contributes to").
_ALC_H = ["Number", "Action", "Responsibility", "Timing", "Contributes to"]
_add(
    Case(
        slug="real_scotland_alcohol_framework_actions",
        title="Alcohol Framework 2018",
        intro=[
            "Updated framework setting out our national prevention aims on alcohol.",
            ("h2", "Summary of Actions"),
            "Our actions are described according to their impacts as follows:",
            [
                "Protecting Young People PYP",
                "Tackling Health Inequalities THI",
                "Improving National Systems INS",
                "Whole Population Approach WPA",
            ],
        ],
        headers=_ALC_H,
        groups=[
            Group(
                heading="Overarching commitment",
                rows=[
                    [
                        "1",
                        "We will put the voices of children and young people at the heart of developing preventative "
                        "measures on alcohol. This will involve encouraging and seeking the views of children and "
                        "young people.",
                        "Scottish Government",
                        "Ongoing",
                        "PYP",
                    ]
                ],
            ),
            Group(
                heading="Reducing consumption: affordability and sales",
                rows=[
                    [
                        "2",
                        "We will evaluate the impacts of minimum unit pricing during its first five years of operation.",
                        "Scottish Government, with NHS Health Scotland",
                        "2018 to 2023",
                        "WPA",
                    ],
                    [
                        "3",
                        "We will review the minimum unit price following two full years of operation, after 1 May 2020.",
                        "Scottish Government",
                        "From 1 May 2020",
                        "WPA",
                    ],
                    [
                        "4",
                        "We will scope research into online and telephone alcohol sales to better understand these "
                        "growing markets and any issues arising as a result.",
                        "Scottish Government, with NHS Health Scotland",
                        "Beginning in 2019",
                        "WPA",
                    ],
                ],
            ),
            Group(
                heading="Reducing consumption: availability and licensing",
                rows=[
                    [
                        "5",
                        "We will update the statutory guidance on the Licensing (Scotland) Act 2005 to provide clarity "
                        "for Licensing Boards on implementing the five licensing objectives, including the public "
                        "health objective, and the overprovision statement. A full public consultation will be held "
                        "in 2019.",
                        "Scottish Government",
                        "2019",
                        "INS",
                    ]
                ],
            ),
        ],
        site="govscot",
        breadcrumbs=["Home", "Publications", "Alcohol Framework 2018"],
        stored=["plan.txt"],
        heading_level=3,
    )
)

# 12. Scottish Government, smoking prevention action plan: summary of actions (real, OGL v3.0).
#     A chapter row inside the table ("Chapter 3: Health Education & Promotion"); "1." ids in the
#     action cell.
_add(
    Case(
        slug="real_scotland_smoking_prevention_actions",
        title="Scotland's Future is Smoke Free: A Smoking Prevention Action Plan",
        intro=[("h2", "SUMMARY OF ACTIONS")],
        headers=["Action", "Delivery Lead", "Timescale"],
        groups=[
            Group(
                heading="Chapter 3: Health Education & Promotion",
                rows=[
                    [
                        "1. To facilitate the adoption of a holistic approach to health and well-being in Scottish "
                        "schools to be fostered through the Health Promoting School and a Curriculum for Excellence, "
                        "which will be aimed at ensuring the school ethos, policies, services and extra-curriculum "
                        "activities all foster the health and wellbeing of all the pupils.",
                        "Scottish Government/Learning Teaching Scotland",
                        "Ongoing",
                    ],
                    [
                        "2. To produce advice, guidance and proposals aimed at helping schools and authorities via an "
                        "expert steering group looking at substance misuse education in schools, to achieve the "
                        "improvements sought through Curriculum for Excellence and The Schools (Health Promotion and "
                        "Nutrition) Act 2007 (taking into consideration the key findings of the Evaluation of the "
                        "Effectiveness of Drugs Education in Schools), particularly so that appropriate teaching "
                        "materials are available and are being used most effectively, and education is planned and "
                        "delivered in partnership with inputs from health, the Police and the community.",
                        "Scottish Government",
                        "Ongoing",
                    ],
                    [
                        "3. To explore with relevant interests, including universities and colleges of further "
                        "education and other major training providers, student associations and the National Union "
                        "of Students, steps which they might take to discourage and support students and trainees "
                        "from starting to smoke as a core part of wider substance use and other risk-taking "
                        "behaviour programmes.",
                        "NHS Health Scotland",
                        "2008/09",
                    ],
                ],
            )
        ],
        site="govscot",
        breadcrumbs=["Home", "Publications", "Scotland's Future is Smoke Free"],
        stored=["plan.txt"],
        group_rows=True,
    )
)

# 13. Scottish Government, The road to recovery (2008), Annex A action plan (real, OGL v3.0). No
#     ids; an OUTCOME column repeated on each row; responsibility cells of several lines.
_OUTCOME_RECOVER = (
    "To see more people recover from problem drug use to live longer, healthier lives making a positive "
    "contribution to society and the economy."
)
_add(
    Case(
        slug="real_scotland_road_to_recovery_actions",
        title="The road to recovery: a new approach to tackling Scotland's drug problem",
        intro=[
            "Our national drugs strategy focuses on recovery but also looks at prevention, treatment and "
            "rehabilitation, education, enforcement and protection of children.",
            ("h2", "Annex A: Action Plan"),
            ("h3", "THE ROAD TO RECOVERY: ACTION PLAN"),
        ],
        headers=["KEY ACTIONS", "OUTCOME", "RESPONSIBILITY", "TIMESCALE"],
        groups=[
            Group(
                heading="Promoting recovery",
                rows=[
                    [
                        "To set up a Drug Recovery Network to promote and support the concept of recovery among local "
                        "partners, service providers and people with problem drug use.",
                        "To effect cultural change among those working with, or affected by problem drug use.",
                        "Scottish Government",
                        "From May 2008",
                    ],
                    [
                        "An appropriate range of drug treatment and rehabilitation services to promote recovery, from "
                        "all types of drug use, not just opiate dependency, which is based on local needs and "
                        "circumstances, must be available in each part of Scotland.",
                        _OUTCOME_RECOVER,
                        "Local strategic partners\nLocal service commissioners\nService providers",
                        "From May 2008",
                    ],
                    [
                        "Better integration of medical treatment with wider range of services such as social care, "
                        "housing, mental health, education and training, to enable people to recover. Specific "
                        "attention should be paid to Scotland's Employability Framework ' Workforce Plus' and More "
                        "Choices, More Chances for Young People.",
                        _OUTCOME_RECOVER,
                        "Local service commissioners\nService providers\nAny practitioners who work with people with "
                        "problem drug use including housing, training and employment, social care.",
                        "From May 2008",
                    ],
                ],
            )
        ],
        site="govscot",
        breadcrumbs=["Home", "Publications", "The road to recovery"],
        stored=["plan.txt"],
        group_rows=True,
    )
)

# 14. East of England Ambulance Service NHS Trust, public board action tracker (real, OGL v3.0).
#     Dotted refs ("85.6", "90.13"), a Status column of notes and an Open / Close column.
_add(
    Case(
        slug="real_eeast_board_action_tracker",
        title="Action Tracker",
        intro=["In Public Trust Board Action Tracker for the meeting on 10.05.2023"],
        headers=[
            "Ref",
            "Source\n(agenda title / item /\ndate / Action Ref)",
            "Action",
            "Lead",
            "Due Date",
            "Status",
            "Proposed to Open/ Close",
        ],
        groups=[
            Group(
                heading=None,
                rows=[
                    [
                        "85.6",
                        "Public Board, 15.03.2023, PUB22/3/85, Patient Story",
                        "NED-WT to work with the DoN to share local organisations who could support developments for "
                        "those with different communications needs",
                        "NED-WT/DoN",
                        "",
                        "Verbal update to be provided",
                        "O",
                    ],
                    [
                        "90.13",
                        "Public Board, 15.03.2023, PUB22/3/90, Integrated Performance Report",
                        "Report timeline for the next phase of IPR developments",
                        "DoCAP",
                        "10.05.2023",
                        "July \u2013 Proposed new metrics being agreed and processed at present.",
                        "Proposed for Closure",
                    ],
                    [
                        "92.5",
                        "Public Board, 15.03.2023, PUB22/3/92, Inclusivity Plan",
                        "Request consideration be given to the leadership pipeline for all minority staffing groups.",
                        "DoSCE",
                        "10.05.2023",
                        "We are currently developing an inclusion training plan for the next three years. Following "
                        "the EDI surveys, it is clear we must have a thorough plan of how we will embed a level of "
                        "cultural competence throughout our workforce.\nThe plan will cover a three year period and "
                        "will demonstrate how we will build skills and knowledge with staff, and leaders, on several "
                        "cultural elements. Part of the training plan will also cover how we will support staff with "
                        "protected characteristics; this may be through providing access to courses run by ICBs or "
                        "NHSE or access to internal led courses.",
                        "Proposed for Closure",
                    ],
                    [
                        "68.4",
                        "Public Board, 18.01.2022, PUB22/3/68, Board Assurance Framework",
                        "Key strategic contracts to be identified and KPIs monitored at committee level",
                        "DoF",
                        "10.05.2023",
                        "Head of Procurement to raise at EPAG to determine which contracts are considered \u2018key\u2019 "
                        "and which Committee should receive report of KPIs",
                        "O",
                    ],
                ],
            )
        ],
        site="trust",
        breadcrumbs=["Home", "About us", "Action tracker"],
        stored=["plan.txt"],
    )
)

# 15. West Sussex County Council, Smoke Free West Sussex action plan overview, November 2022 (real
#     Word document; the first 20 rows kept). plan.docx is kept as found; plan.pdf is LibreOffice's.
_add(
    Case(
        slug="real_west_sussex_tobacco_action_plan",
        title="Smoke Free West Sussex Partnership 2019-22 Strategy Extension Action Plan overview",
        headers=[],
        groups=[],
        stored=["plan.docx"],
        pdf_from="docx",
    )
)

# 16. West Sussex County Council, Smoke Free West Sussex action plan workbook with the January 2020
#     partnership update (real workbook; the rows of the first three high impact changes kept).
_add(
    Case(
        slug="real_west_sussex_tobacco_progress_workbook",
        title="SFWS Action Plan partnership update Jan 2020",
        headers=[],
        groups=[],
        stored=["plan.xlsx"],
        csv_from_xlsx=True,
    )
)

# 17. Modelled on Louth Local Community Development Committee's Healthy Ireland for Louth Plan
#     2018-2022 (a flip-book's page text; licence not stated): goal rows and objective rows of
#     merged cells, flat action numbers ("12", "19."), a source code before each action
#     ("LECP 214:", "TFI & RHSR:"), a category tag in the number cell and a measures column of
#     bullets. Every action, objective and measure reworded.
_add(
    Case(
        slug="real_louth_healthy_ireland_plan",
        title="Healthy Ireland for Louth Plan 2018-2022",
        intro=["Action plan (extract): Goal 1, objectives 2 and 3; Goal 4, objective 9"],
        headers=["No.", "Action", "Responsibility", "Timeline", "Local Measure / Indicator"],
        groups=[
            Group(
                subheading="Goal 1: Create an environment where every person and every sector of society can "
                "play their part in a healthy Louth",
                heading="Objective 2 (LECP / 149): Provide safe recreational facilities and shared spaces where "
                "children and young people can meet in an inclusive, confident way",
                heading_side="HI Outcome: Local authorities work with communities, schools and other "
                "stakeholders to plan active-friendly places that suit the community",
                rows=[
                    [
                        "12",
                        "RHSR: Open school buildings, where practical, for after-school care and out-of-hours use "
                        "by local communities",
                        "LMETB",
                        "2018-2022",
                        "\u2022 Wider use of school buildings for after-school care, where practical",
                    ],
                    [
                        "13",
                        "TFI & RHSR: Encourage tobacco-free campuses across health, public and sports facilities, "
                        "working with stakeholders",
                        "LCDC",
                        "2018-2022",
                        "\u2022 Number of tobacco-free campuses among LCDC members",
                    ],
                    [
                        "14",
                        "TFI & RHSR: Promote tobacco-free parks and beaches and extend the tobacco-free "
                        "playgrounds scheme, by voluntary means or by bye-laws",
                        "LCC: Supported by Pre-school Inspectorate",
                        "2018-2022",
                        "\u2022 Signs put up at parks and beaches\n\u2022 Tobacco-free playgrounds scheme extended",
                    ],
                ],
            ),
            Group(
                heading="Objective 3 (LECP / 151): Support community hubs and shared learning centres in "
                "Drogheda, Dundalk and Ardee for groups that involve volunteers",
                heading_side="HI Outcome: Local authorities work with communities, schools and other "
                "stakeholders to plan active-friendly places that suit the community",
                rows=[
                    [
                        "18",
                        "LECP 214: Provide more shared spaces and services and reduce the physical barriers "
                        "between communities",
                        "LCC: Supported by Louth LEADER / Community Groups / PEACE 4",
                        "2016-2022",
                        "\u2022 Number of shared spaces available\n\u2022 More community use of shared spaces",
                    ],
                    [
                        "19.\nRecreation Action",
                        "LECP 261: Offer safe places where young people can meet and socialise in a positive way",
                        "LCC: Supported by LMETB / CYPSC / Community & Youth Groups / Foróige",
                        "2016-2018",
                        "\u2022 Number of youth cafés and hang-outs across the county\n\u2022 Number of young people "
                        "using them",
                    ],
                    [
                        "20",
                        "LECP 280: Help older people get out and about with safe, accessible, affordable and "
                        "flexible transport linking rural and urban areas\nLECP 198: Extend the rural transport "
                        "scheme so that people with disabilities in isolated areas can reach work",
                        "Flexibus / LCDC",
                        "2016-2022",
                        "\u2022 Number of rural transport schemes and routes",
                    ],
                    [
                        "21",
                        "Consultation: Extend the rural transport programme to evening services for leisure, "
                        "recreation and social trips",
                        "Flexibus / LCDC",
                        "2018 - Ongoing",
                        "\u2022 Evening pilot service run\n\u2022 Lessons from the pilot written up",
                    ],
                ],
            ),
            Group(
                subheading="Goal 4: Increase the proportion of people who are healthy at every stage of life",
                heading="Objective 9 (LECP / 247): Work across agencies so that universal services and supports "
                "reach every child and young person, above all those most excluded or at risk",
                heading_side="HI Outcome: Agree how and when to explore what CYPSC can add to the health and "
                "wellbeing of families and communities",
                rows=[
                    [
                        "88.\nRecreation Action",
                        "NPAP: Build physical activity into the CYPSC plans",
                        "CYPSC",
                        "2018-2022",
                        "\u2022 CYPSC plan written, including physical activity",
                    ],
                    [
                        "89",
                        "NCFLP: Support anti-bullying programmes, including on online homophobic bullying",
                        "Youth Services and Genesis Programme: Supported by HIF",
                        "2018-2022",
                        "\u2022 Number of programmes run\n\u2022 KiVa in place",
                    ],
                    [
                        "90",
                        "RHSR: Widen the range, availability and reach of drug and alcohol services for people "
                        "under 18",
                        "Youth Services: Supported by HSE Drug and Addiction Services / LDAF",
                        "2018-2022",
                        "\u2022 Targeted work with under-18s through addiction services",
                    ],
                    [
                        "91",
                        "NSHP & LECP 267: Support young people\u2019s right to decide for themselves and to express "
                        "their sexual orientation and gender identity",
                        "HSE & TUSLA: Supported by CNN / Schools / Dundalk Outcomers / Youth Services",
                        "Ongoing",
                        "\u2022 Fewer mental health problems among young people\n\u2022 Number of LGBT awareness "
                        "sessions\n\u2022 Number of young people using LGBT services",
                    ],
                    [
                        "92",
                        "RHSR: Build the life skills of young people leaving care to lower their risk of substance use",
                        "CYPSC: Supported by PPN",
                        "2018-2022",
                        "\u2022 Number of programmes funded by Healthy Ireland",
                    ],
                ],
            ),
        ],
        site="generic",
        breadcrumbs=["Home", "Community", "Healthy Ireland"],
        docx_style="merged_rows",
        pdf_from="docx",
        layout=True,
        landscape=True,
        col_widths_cm=[2.2, 9.0, 5.6, 2.6, 6.6],
    )
)

# 18. Modelled on a Covid Recovery Strategy assurance report (August 2022), Appendix B: the
#     Scottish Government internal review's RAG status and comments for its priority actions (a
#     document-host copy; licence not stated). No ids; Policy / Comments / RAG Status, the RAG word
#     in a filled cell. Comments reworded. Rendered as a landscape Word tracker, its PDF and a
#     workbook.
_add(
    Case(
        slug="real_covid_recovery_priority_actions_rag",
        title="Appendix B: Scottish Government internal review RAG Status and Comments for 16 Priority Actions",
        pre_title=["Covid Recovery Strategy Assurance Report August 2022 v1.4"],
        headers=["Policy", "Comments", "RAG Status"],
        groups=[
            Group(
                heading=None,
                rows=[
                    [
                        "Free school lunches, breakfast and holiday food provisions",
                        "Universal free school meals now reach pupils in primary 4 and 5 and in special schools. "
                        "Extending them to primary 6 and 7 has slipped: how it will be resourced is still being "
                        "discussed and is not settled.",
                        "Red",
                    ],
                    [
                        "110k affordable, energy efficient homes by 2032",
                        "Shortages of materials and workers and rising prices keep slowing building and raising "
                        "its cost. More capital grant is still needed for a delivery path that reaches 110k by "
                        "2032.",
                        "Amber",
                    ],
                    [
                        "Local mental health and wellbeing support",
                        "The savings exercise delayed the \u00a315m for 22/23 to local authorities; it is now being "
                        "prioritised. Plans to double the fund by the end of the parliament are not yet drawn up.",
                        "Amber",
                    ],
                    [
                        "Whole Family Wellbeing Funding",
                        "\u00a350 million committed for 2022 to 2023, in three parts: \u00a332million for Children\u2019s "
                        "Services Planning Partnerships; \u00a36million for a national improvement team supporting "
                        "them; \u00a312m for national policy work behind the fund\u2019s outcomes.",
                        "Amber",
                    ],
                    [
                        "Increase and automate the School clothing grant for children from low-income households",
                        "Sharing data with DWP needs a legal basis and a UK Government ministerial steer. The grant "
                        "rose to \u00a3120 in primary and \u00a3150 in secondary schools in August 2021 and has stayed "
                        "there.",
                        "Green",
                    ],
                ],
            )
        ],
        site="generic",
        breadcrumbs=["Home", "Publications"],
        docx_style="headings",
        pdf_from="docx",
        layout=True,
        landscape=True,
        rag_colours={"Red": "FF0000", "Amber": "FFC000", "Green": "00B050"},
        col_widths_cm=[7.0, 15.0, 3.0],
        xlsx=True,
    )
)

# 19. Modelled on Safer Portsmouth Partnership's "Substance Misuse Plan and updates March 2019"
#     (a partnership web page; licence not stated): no table and no ids, the priorities a bullet
#     list with an "UPDATE March 2019" bullet after each. Every priority and update reworded.
_PORTSMOUTH = [
    (
        "Work more closely with Southampton and the rest of Hampshire to share learning and good practice.",
        "UPDATE March 2019 Public health teams from Southampton, Hampshire and the Isle of Wight now meet "
        "every quarter, building shared arrangements such as one drug alert system for the whole area. Good "
        "practice on preventing drug-related deaths, treatment and harm reduction is shared there.",
    ),
    (
        "Refresh our alcohol needs assessment.",
        "UPDATE March 2019 Public health found the staff time but could not finish it; more talks are needed to "
        "take it on within current resources. We have, though, set up an alcohol team within the treatment "
        "system, apart from drugs provision, and won about \u00a3500k from Public Health England for a team "
        "supporting families where a parent is alcohol dependent.",
    ),
    (
        "Keep recovery at the centre while giving more weight to evidence-based harm reduction that improves "
        "outcomes and saves lives.",
        "UPDATE March 2019 Low threshold prescribing began in April 2018 and a harm reduction outreach worker was "
        "recruited, both aimed at the drug users at most risk. 16 people at high risk are on it now. Public "
        "health and partners are writing guidance on reducing drug harm at festivals and in the night-time "
        "economy.",
    ),
    (
        "Keep supporting Safe Space in Guildhall Walk.",
        "UPDATE March 2019 Safe Space carries on, funded by the CCG and the University of Portsmouth.",
    ),
]


def _portsmouth_html(case: Case) -> str:
    items = []
    for priority, update in _PORTSMOUTH:
        items.append(f"<li>{_e(priority)}</li>")
        items.append(f"<li>{_e(update)}</li>")
    return "<h2>What will we prioritise in the next two years:</h2><ul>" + "".join(items) + "</ul>"


def _portsmouth_txt(case: Case) -> str:
    lines = [case.title, "", "What will we prioritise in the next two years:", ""]
    for priority, update in _PORTSMOUTH:
        lines.append("  \u2022 " + priority)
        lines.append("  \u2022 " + update)
    return "\n".join(lines) + "\n"


_add(
    Case(
        slug="real_portsmouth_substance_misuse_updates",
        title="Substance Misuse Plan and updates March 2019",
        headers=[],
        groups=[],
        site="generic",
        breadcrumbs=["Home", "Safer Portsmouth Partnership", "Substance misuse"],
        html_body=_portsmouth_html,
        txt_body=_portsmouth_txt,
    )
)

# 20. Scottish Government, Open Government Action Plan commitment 1, final progress report
#     (February 2021; real, OGL v3.0). No table: each action a numbered heading, then
#     "Status: <symbol> <word>" and paragraphs of progress. plan.txt is the stored page text.
_OGOV = [
    (
        "1. Adopt open government principles and culture",
        "Status: \u2714 Complete",
        [
            "The Scottish National Investment Bank opened for business in November 2020. The Bank has been "
            "established and will operate following the spirit and practice of Open Government.",
            "In the Open Government Act Plan 2018-20 we committed to develop the Bank \u201copenly and "
            "transparently, listening to the views of the public about how to make Scotland\u2019s public "
            "finances more transparent and accessible\u201d. We consulted publically twice on our proposals "
            "for the Bank.",
            "The Bank will hold to the principles of equality; transparency; diversity; and inclusion and will "
            "be subject to the Freedom of Information (Scotland) Act 2003",
            "The Bank is expected to produce an annual report on investment performance for Ministers. The "
            "report will be made publically available in line with our commitments for the Bank to be "
            "established and run according to the principles of Open Government.",
            "An Advisory Group will be established with membership drawn from a cross\u2011section of external "
            "stakeholders and civic society.",
        ],
    ),
    (
        "2. Explore setting up a Citizen Advisory Group",
        "Status: \U0001f642 On track",
        [
            "The Scottish National Investment Bank Act 2020 places a duty on Scottish Ministers to establish and "
            "maintain an Advisory Group to provide them with advice on the Bank\u2019s objects, conduct and "
            "performance.",
            "The Advisory Group membership will be drawn from a cross\u2011section of external stakeholders and "
            "civic society and as provided for in the Act must include at least 1 member appointed to represent "
            "the interests of trade unions.",
        ],
    ),
    ("3. Develop an Ethical Statement with public participation and input", "Status: \U0001f642 On track", []),
]


def _ogov_html(case: Case) -> str:
    parts = ["<p>Final Progress Report</p>", "<p>February 2021</p>", "<h2>Scottish National Investment Bank</h2>"]
    for heading, status, paras in _OGOV:
        parts.append(f"<h3>{_e(heading)}</h3>")
        parts.append(f"<p><strong>{_e(status)}</strong></p>")
        parts.extend(f"<p>{_e(p)}</p>" for p in paras)
    return "".join(parts)


_add(
    Case(
        slug="real_scotland_open_government_progress",
        title="Open Government Action Plan commitment 1: provide financial and performance transparency",
        intro=[
            "Progress reports on our commitment to provide financial and performance transparency as part of "
            "our open government action plan."
        ],
        headers=[],
        groups=[],
        site="govscot",
        breadcrumbs=["Home", "Publications"],
        html_body=_ogov_html,
        stored=["plan.txt"],
    )
)

# 21. US Government Accountability Office, open recommendations on health care (real; a work of
#     the US federal government, public domain). Each report a block with a three-column table
#     (Agency Affected / Recommendation / Status); the id printed at the end of the recommendation
#     ("(Recommendation 1)"); the status cell a word and a sentence. plan.txt is the stored page text.
_add(
    Case(
        slug="real_gao_health_care_open_recommendations",
        title="Open Recommendations",
        headers=["Agency Affected", "Recommendation", "Status"],
        groups=[
            Group(
                heading="Maternal Mortality and Morbidity: Additional Efforts Needed to Assess Program Data for "
                "Rural and Underserved Areas",
                note_before=["GAO-21-283", "May 10, 2021", "3 Open Recommendations"],
                rows=[
                    [
                        "Centers for Disease Control and Prevention",
                        "The Director of CDC should take steps to systematically disaggregate and analyze maternal "
                        "health program data by rural and underserved areas, and make adjustments to program "
                        "efforts, as needed. (Recommendation 1)",
                        "Open\nWhen we confirm what actions the agency has taken in response to this "
                        "recommendation, we will provide updated information.",
                    ],
                    [
                        "Health Resources and Services Administration",
                        "The Administrator of HRSA should take steps to systematically disaggregate and analyze "
                        "maternal health program data by rural and underserved areas and make adjustments to "
                        "program efforts, as needed. (Recommendation 2)",
                        "Open\nWhen we confirm what actions the agency has taken in response to this "
                        "recommendation, we will provide updated information.",
                    ],
                    [
                        "Department of Health and Human Services",
                        "The Secretary of Health and Human Services should direct the Healthy People Maternal, "
                        "Infant, and Child Health Workgroup and the Maternal Health Working Group to establish a "
                        "formal coordinated approach for monitoring maternal health efforts across HHS, including "
                        "in rural and underserved areas. Such an approach could include establishing a process "
                        "for exchanging information and discussing relevant program efforts and outcomes across "
                        "HHS during regular standing meetings on a routine basis. (Recommendation 3)",
                        "Open\nWhen we confirm what actions the agency has taken in response to this "
                        "recommendation, we will provide updated information.",
                    ],
                ],
            )
        ],
        site="generic",
        breadcrumbs=["Home", "Topics", "Health Care"],
        heading_level=3,
        stored=["plan.txt"],
    )
)

# 22. Modelled on a California Department of Public Health local oral health program work plan
#     ("Document G"; licence not stated): an objective row over a table whose first column is "#"
#     ("1.1" ... "1.8"), a date-range time frame, an empty Responsible Party column and an
#     evaluation / deliverable column. Every activity and deliverable reworded.
_add(
    Case(
        slug="real_cdph_oral_health_work_plan",
        title="Local Oral Health Program: Work Plan",
        intro=[
            "DELIVERABLES/OUTCOME MEASURES: Local Health Jurisdictions (LHJs) shall carry out strategies chosen "
            "from the California Oral Health Plan and make progress towards its goals and objectives."
        ],
        headers=[
            "#",
            "Activity Description",
            "Time Frame",
            "Responsible Party",
            "Evaluation/Deliverable/Performance Measure",
        ],
        groups=[
            Group(
                heading="Objective 1: By December 31, 2018, build capacity and engage community stakeholders to "
                "provide qualified dental public health expertise for program direction, coordination, and "
                "collaboration.",
                rows=[
                    [
                        "1.1",
                        "Find the staff support and structure already in place",
                        "01/01/18-12/31/18",
                        "",
                        "Program structure in place",
                    ],
                    [
                        "1.2",
                        "Create a coordinator post and any other posts needed",
                        "01/01/18-12/31/18",
                        "",
                        "Posts created; vacancies filled",
                    ],
                    [
                        "1.3",
                        "Write job descriptions and duty statements",
                        "01/01/18-12/31/18",
                        "",
                        "Job descriptions and duty statements written",
                    ],
                    [
                        "1.4",
                        "Recruit staff to the vacant posts",
                        "01/01/18-12/31/18",
                        "",
                        "Staff hired; number of vacancies left",
                    ],
                    [
                        "1.5",
                        "Take part in training offered through meetings, webinars, workshops and conferences",
                        "01/01/18-12/31/18",
                        "",
                        "Trainings, meetings and conferences attended",
                    ],
                    [
                        "1.6",
                        "Form an Advisory Committee (AC) and recruit organisations and members representing a "
                        "wide range of stakeholders",
                        "01/01/18-12/31/18",
                        "",
                        "Membership list",
                    ],
                    [
                        "1.7",
                        "Hold the first AC meeting; set the meeting schedule and how meetings are evaluated",
                        "01/01/18-12/31/18",
                        "",
                        "First agenda; meeting schedule; meetings held; participant evaluations",
                    ],
                    [
                        "1.8",
                        "Agree the AC\u2019s mission, vision, shared values and structure",
                        "01/01/18-12/31/18",
                        "",
                        "Mission, vision, values and AC structure agreed",
                    ],
                ],
            )
        ],
        site="generic",
        breadcrumbs=["Home", "Programs", "Oral Health"],
        docx_style="merged_rows",
        pdf_from="docx",
        layout=True,
        landscape=True,
        col_widths_cm=[1.4, 9.5, 3.4, 3.4, 7.5],
    )
)

# 23. Modelled on Leicester City Council's Oral Health Promotion Action Plan 2014-2017: pre-school
#     children (a document host's copy; licence not stated): "No. / Area of work / Action /
#     Timeframe", the area of work a numbered row of its own ("1." / "Maternity") over actions
#     numbered "1.1" whose Area of work cell is empty; month-year timeframes ("Jan-2015").
_LEICESTER = [
    (
        "1.",
        "Maternity",
        [
            (
                "1.1",
                "Make sure midwives give every pregnant woman oral health information and tell her where to get help.",
                "Jan-2015",
            ),
            ("1.2", "Raise the share of pregnant women who use NHS dental services.", "Ongoing"),
            ("1.3", "Put oral health leaflets into the packs given to new parents.", "Sept-2014"),
            ("1.4", "Write an oral health pathway for the Family Nurse Partnership.", "Jan-2015"),
        ],
    ),
    (
        "2.",
        "Parenting",
        [
            ("2.1", "Include oral health in antenatal and parenting classes, weaning sessions among them.", "Aug-2015"),
            ("2.2", "Hand out oral health resource packs at antenatal classes in Children\u2019s Centres.", "Jan-2015"),
            ("2.3", "Develop oral health teaching sessions for parenting classes.", "Aug-2015"),
        ],
    ),
    (
        "3.",
        "Infancy",
        [
            ("3.1", "Make sure the infant feeding guidelines cover oral health.", "Ongoing"),
            ("3.2", "Commission oral health resources.", "Aug-2014"),
        ],
    ),
]


def _leicester_rows() -> list[list[str]]:
    rows = []
    for number, area, actions in _LEICESTER:
        rows.append([number, area, "", ""])
        rows += [[ident, "", text, when] for ident, text, when in actions]
    return rows


def _leicester_txt(case: Case) -> str:
    """The host's page text: every cell a paragraph, empty cells as empty lines."""
    lines = ["Oral Health Promotion Action Plan", "", "2014-2017:", "", "Pre-school children", "", "", "Introduction"]
    lines += [
        *case.intro[:1],
        "",
        "Dr. Jasmine Murphy",
        "",
        "Consultant in Public Health",
        "",
        "Leicester City Council",
        "",
        "",
        "Oral Health Promotion Action Plan",
        "",
        "",
    ]
    lines += [h + "\n" for h in case.headers]
    for row in _leicester_rows():
        for cell in row:
            lines.append(cell)
            lines.append("" if cell else "\n")
    return "\n".join(lines) + "\n"


_add(
    Case(
        slug="real_leicester_oral_health_action_plan",
        title="Oral Health Promotion Action Plan 2014-2017: Pre-school children",
        intro=[
            "In December 2013 the Oral Health Promotion Partnership Board agreed Leicester\u2019s Oral Health "
            "Promotion Strategy, which starts with pre-school children. This action plan sets out the work "
            "that will put the strategy into practice over the next few years."
        ],
        headers=["No.", "Area of work", "Action", "Timeframe"],
        groups=[Group(heading=None, rows=_leicester_rows())],
        site="generic",
        breadcrumbs=["Home", "Health", "Oral health"],
        txt_body=_leicester_txt,
    )
)

# 24. Modelled on Blackburn with Darwen's "Eat Well Move More Shape Up Action Plan 2017-2020" (a
#     document host's copy; licence not stated): a numbered aim above the table, then "Key Actions /
#     Key Deliverables / Progress Indicators / Organisation / Lead / Timescale", each key action
#     ("1a", "1b") a cell merged down over its deliverables, each deliverable with its own
#     indicator, lead and timescale. Every cell reworded.
_add(
    Case(
        slug="real_blackburn_eat_well_action_plan",
        title="Eat Well Move More Shape Up Action Plan 2017-2020",
        intro=[
            ("h2", "Eat Well"),
            "For Blackburn with Darwen to be a place where everyone can get healthy, affordable, good food and "
            "enjoy a healthy diet.",
        ],
        headers=["Key Actions", "Key Deliverables", "Progress Indicators", "Organisation / Lead", "Timescale"],
        groups=[
            Group(
                heading="1. Promote healthy and sustainable food choices for all including individuals, "
                "communities, businesses, voluntary sector and statutory agencies",
                rows=[
                    [
                        "1a Encourage nurseries, schools, colleges and care settings, hospitals and care homes "
                        "among them, to adopt a whole-setting healthy and sustainable food policy",
                        "Work with nurseries, schools, colleges and care settings to write and adopt a food "
                        "policy covering food provision, food education and food culture",
                        "Number of settings with food policies",
                        "BwD PH with BwD Services to Schools",
                        "Ongoing",
                    ],
                    [
                        "",
                        "Raise the number of schools and care settings holding the Recipe 4 Health award",
                        "More Recipe 4 Health awards in schools than at baseline",
                        "BwD Public Protection",
                        "Ongoing",
                    ],
                    [
                        "1b Help the most vulnerable people in our community to eat a healthy diet",
                        "Embed the Food in Care (FiC) resource for Looked After Children",
                        "Number of children benefitting from the FiC resource",
                        "BwD PH\nBwD Children\u2019s Services\nCCG, BYZ Nightsafe",
                        "April 2017",
                    ],
                    [
                        "",
                        "Support vulnerable adults, including people who are isolated or live in houses in "
                        "multiple occupation, to eat well",
                        "Number of vulnerable adults supported",
                        "BwD Adult Services",
                        "March 2018",
                    ],
                    [
                        "1c Make healthy, affordable food the easy choice for everyone",
                        "Work with food businesses to offer healthier options through the Healthier Choices award",
                        "Number of businesses holding the award",
                        "BwD Public Protection",
                        "March 2019",
                    ],
                ],
            )
        ],
        site="generic",
        breadcrumbs=["Home", "Health and wellbeing", "Healthy weight"],
        docx_style="headings",
        pdf_from="docx",
        layout=True,
        landscape=True,
        col_widths_cm=[6.0, 7.5, 5.0, 4.2, 2.6],
        merge_down=True,
    )
)

# 25. Modelled on a journal article's table of recommendations for a national breastfeeding plan
#     (PubMed Central; the article's licence is not restated on the table page): a bare two-column
#     table, a number and a recommendation, no header, as the page text gives it ("1 |" then the
#     recommendation and " |"). Every recommendation reworded.
_PMC = [
    "Set up a national infant and young child feeding alliance with a clear, workable plan.",
    "Build a national network of advocates to write and carry out an advocacy strategy.",
    "Collect and use more breastfeeding data, from national to township level, through routine "
    "monitoring and regular household surveys.",
    "Strengthen breastfeeding promotion: revise the communication strategy, set standards for promotion "
    "and support, and reach more people through accessible media.",
    "Update pre-service and in-service breastfeeding training for health workers and volunteers, with a "
    "focus on counselling skills.",
    "Put more staff into breastfeeding support and certified lactation support.",
    "Extend the Baby Friendly Hospital Initiative by making the Ten Steps part of hospital accreditation.",
    "Adopt the whole International Code of Marketing of Breast-milk Substitutes and enforce the marketing "
    "rules more firmly.",
    "Extend paid maternity leave to at least 6 months in every sector and protect pregnant and "
    "breastfeeding women from discrimination at work.",
]


def _pmc_txt(case: Case) -> str:
    lines = []
    for k, text in enumerate(_PMC, 1):
        lines += [f"{k} |", f"{text} |"]
    return "\n".join(lines) + "\n"


_add(
    Case(
        slug="real_pmc_breastfeeding_recommendations",
        title="Recommendations for scaling up breastfeeding",
        headers=["", ""],
        groups=[],
        site="generic",
        html_body=lambda case: (
            '<table class="recommendations">'
            + "".join(f"<tr><td>{k}</td><td>{_e(t)}</td></tr>" for k, t in enumerate(_PMC, 1))
            + "</table>"
        ),
        txt_body=_pmc_txt,
    )
)

# 26. Modelled on County Durham Partnership's place-based commissioning and delivery plan 2020-25,
#     "Living well: sexual health" (a partnership web page; licence not stated): no table, two
#     questions as headings, the actions a "we will" bullet list, the measures a second list.
#     Every bullet reworded.
_DURHAM_DO = [
    "Write and put in place a sexual health strategy for County Durham.",
    "Work with partners so that everyone can use services, in the community and online.",
    "Agree a plan across agencies for age-appropriate relationship and sex education, with targeted "
    "support for young people with SEND, learning disabilities and other vulnerable groups.",
    "Train health and care staff in the sexual health needs of LGBTQ+ people and support a change of "
    "culture so that everyone has a good experience.",
]
_DURHAM_KNOW = [
    "A clear picture of sexual health needs in County Durham.",
    "Easier access to sexual health services, advice and guidance.",
    "Fewer unplanned conceptions under 18.",
    "Young people\u2019s views on the quality of relationship and sex education in schools.",
]


def _durham_html(case: Case) -> str:
    return (
        "<h2>What are we going to do about it?</h2><p>To achieve our priorities, we will:</p><ul>"
        + "".join(f"<li>{_e(t)}</li>" for t in _DURHAM_DO)
        + "</ul><h2>How will we know that we have made a difference?</h2><ul>"
        + "".join(f"<li>{_e(t)}</li>" for t in _DURHAM_KNOW)
        + "</ul><h2>More information</h2><p>The objectives, goals, initiatives and metrics document is on the "
        "council\u2019s committee pages.</p>"
    )


def _durham_txt(case: Case) -> str:
    lines = [case.title, "", "What are we going to do about it?", "To achieve our priorities, we will:"]
    lines += ["- " + t for t in _DURHAM_DO]
    lines += ["How will we know that we have made a difference?"]
    lines += ["- " + t for t in _DURHAM_KNOW]
    lines += [
        "More information",
        "The objectives, goals, initiatives and metrics document is on the council\u2019s committee pages.",
    ]
    return "\n".join(lines) + "\n"


_add(
    Case(
        slug="real_durham_sexual_health_delivery_plan",
        title="Living well: sexual health",
        headers=[],
        groups=[],
        site="generic",
        breadcrumbs=["Home", "Health and Wellbeing Board", "Place-based commissioning and delivery plan"],
        html_body=_durham_html,
        txt_body=_durham_txt,
    )
)


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------

_CHROME = {
    "lincolnshire": dict(
        site="Lincolnshire County Council",
        cookie="We use some essential cookies to make this website work. We\u2019d like to set additional "
        "cookies to understand how you use the site. Accept additional cookies | Reject additional cookies",
        nav=[
            "Adult social care",
            "Births, deaths and marriages",
            "Business",
            "Children and families",
            "Council and councillors",
            "Education",
            "Health and wellbeing",
        ],
        footer=["Accessibility", "Cookies", "Privacy notices", "Contact us", "\u00a9 Lincolnshire County Council"],
        feedback="Was this page helpful? Yes | No",
    ),
    "govscot": dict(
        site="gov.scot",
        cookie="Tell us whether you accept cookies. We use cookies to collect anonymous data to help us "
        "improve your site browsing experience. Accept all cookies | Set cookie preferences",
        nav=["About", "Topics", "News", "Publications", "Consultations", "Statistics"],
        footer=[
            "Accessibility",
            "Contact",
            "Cookies",
            "Privacy",
            "Site search",
            "All content is available under the Open Government Licence v3.0, except for graphic assets "
            "and where otherwise stated",
            "\u00a9 Crown Copyright",
        ],
        feedback="Is this page useful? Yes | No | Report a problem with this page",
        contents=[
            "Action Delivery Assessment Overview",
            "Delivery Plan Progress Overview",
            "Delivery Plan Sub-Action Overview",
            "Actions Determined to be Off Track",
            "Risks and Issues",
            "Workforce Action Plan Progress Overview",
        ],
        back_to_top=True,
    ),
    "govuk": dict(
        site="GOV.UK",
        cookie="Cookies on GOV.UK. We use some essential cookies to make this website work. We\u2019d like to "
        "set additional cookies to understand how you use GOV.UK, remember your settings and improve "
        "government services. Accept additional cookies | Reject additional cookies | View cookies",
        nav=["Menu", "Search GOV.UK"],
        footer=[
            "Help",
            "Privacy",
            "Cookies",
            "Accessibility statement",
            "Contact",
            "Terms and conditions",
            "All content is available under the Open Government Licence v3.0, except where otherwise stated",
            "\u00a9 Crown copyright",
        ],
        feedback="Is this page useful? Yes | No | Report a problem with this page",
        contents=[
            "Improving data and evidence",
            "Tailored, targeted support to priority groups",
            "Addressing common risk factors",
            "Promoting online safety",
        ],
        back_to_top=True,
        print_link=True,
    ),
    "torbay": dict(
        site="Torbay Council",
        cookie="This site uses cookies to store information on your computer. Accept recommended settings | "
        "Reject all cookies | Settings",
        nav=["Accessibility", "Skip to main content", "Home", "Council", "Policies"],
        footer=["Contact us", "Accessibility statement", "Cookies", "Privacy", "\u00a9 Torbay Council"],
        feedback="Did you find this page useful?",
    ),
    "generic": dict(
        site="Borough Council",
        cookie="We use cookies to make this site work and to measure how it is used. Accept all | "
        "Necessary cookies only",
        nav=["Home", "Advice and benefits", "Health and wellbeing", "Council and democracy", "Contact us"],
        footer=["Accessibility", "Cookies", "Privacy notice", "Site map", "\u00a9 Borough Council"],
        feedback="Was this page useful? Yes | No",
    ),
    "trust": dict(
        site="NHS Trust",
        cookie="This website uses cookies. Some are essential, others help us improve the site. "
        "Accept cookies | Manage cookies",
        nav=["Home", "Our services", "Patients and visitors", "Work for us", "About us"],
        footer=["Freedom of information", "Accessibility", "Cookies", "Privacy", "\u00a9 NHS Trust"],
        feedback="Was this page helpful?",
    ),
}


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _cell_html(text: str) -> str:
    """A cell's text as HTML: line breaks kept; bullet lines become a list."""
    lines = text.split("\n")
    out, bullets = [], []
    for line in lines:
        if line.startswith("\u2022 "):
            bullets.append(line[2:])
            continue
        if bullets:
            out.append("<ul>" + "".join(f"<li>{_e(b)}</li>" for b in bullets) + "</ul>")
            bullets = []
        out.append(_e(line))
    if bullets:
        out.append("<ul>" + "".join(f"<li>{_e(b)}</li>" for b in bullets) + "</ul>")
    html_parts = []
    for i, part in enumerate(out):
        if i and not part.startswith("<ul>") and not out[i - 1].startswith("<ul>"):
            html_parts.append("<br>")
        html_parts.append(part)
    return "".join(html_parts)


def _nested_list_html(items) -> str:
    parts = []
    for it in items:
        if isinstance(it, tuple):
            label, sub = it
            parts.append(f"<li>{_e(label)}<ul>" + "".join(f"<li>{_e(s)}</li>" for s in sub) + "</ul></li>")
        else:
            parts.append(f"<li>{_e(it)}</li>")
    return "<ul>" + "".join(parts) + "</ul>"


def _intro_html(intro) -> list[str]:
    out = []
    for p in intro:
        if isinstance(p, list):
            out.append("<ul>" + "".join(f"<li>{_e(x)}</li>" for x in p) + "</ul>")
        elif isinstance(p, tuple):
            tag, text = p
            if tag == "meta":
                out.append(f'<p class="meta">{_e(text)}</p>')
            else:
                out.append(f"<{tag}>{_e(text)}</{tag}>")
        else:
            out.append(f"<p>{_e(p)}</p>")
    return out


def _table_html(
    case: Case, rows: list[list[str]], caption: str | None = None, repeat_at: list[int] | None = None
) -> str:
    head = "<tr>" + "".join(f'<th scope="col">{_cell_html(h)}</th>' for h in case.headers) + "</tr>"
    body = []
    spans = _down_spans(rows) if case.merge_down else {}
    for i, row in enumerate(rows):
        if repeat_at and i in repeat_at:
            body.append(head.replace("<th ", '<th class="repeat" '))
        cells = []
        for _j, c in enumerate(row):
            if case.merge_down and _j == 0:
                if i not in spans:
                    continue  # covered by the cell above
                if spans[i] > 1:
                    cells.append(f'<td rowspan="{spans[i]}">{_cell_html(c)}</td>')
                    continue
            cls = ""
            if case.rag_colours and c in case.rag_colours:
                cls = f' class="rag" style="background:#{case.rag_colours[c]}"'
            cells.append(f"<td{cls}>{_cell_html(c)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    return f'<table class="action-plan">{cap}<thead>{head}</thead><tbody>' + "".join(body) + "</tbody></table>"


def _down_spans(rows: list[list[str]]) -> dict[int, int]:
    """Row index -> how many rows its first cell spans (rows whose first cell is empty continue it)."""
    spans: dict[int, int] = {}
    top = None
    for i, row in enumerate(rows):
        if row[0] or top is None:
            top = i
            spans[i] = 1
        else:
            spans[top] += 1
    return spans


def _grouped_table_html(case: Case) -> str:
    """One table; each group's heading is a row spanning it (a theme or chapter row)."""
    head = "<tr>" + "".join(f'<th scope="col">{_cell_html(x)}</th>' for x in case.headers) + "</tr>"
    body = []
    for g in case.groups:
        if g.heading:
            body.append(
                f'<tr class="theme"><th colspan="{len(case.headers)}" scope="rowgroup">{_e(g.heading)}</th></tr>'
            )
        for row in g.rows:
            body.append("<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in row) + "</tr>")
    return f'<table class="action-plan"><thead>{head}</thead><tbody>' + "".join(body) + "</tbody></table>"


def build_html(case: Case) -> str:
    ch = _CHROME[case.site]
    h = case.heading_level
    parts: list[str] = []
    parts.append(
        '<div class="cookie-banner" role="region" aria-label="Cookie banner"><p>' + _e(ch["cookie"]) + "</p></div>"
    )
    parts.append('<a class="skip-link" href="#main">Skip to main content</a>')
    parts.append(
        f'<header class="site-header"><a class="logo" href="/">{_e(ch["site"])}</a>'
        '<form class="search" role="search"><label for="q">Search</label>'
        '<input id="q" name="q"><button>Search</button></form>'
        "<nav><ul>" + "".join(f'<li><a href="#">{_e(n)}</a></li>' for n in ch["nav"]) + "</ul></nav></header>"
    )
    if case.breadcrumbs:
        parts.append(
            '<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>'
            + "".join(f'<li><a href="#">{_e(b)}</a></li>' for b in case.breadcrumbs)
            + "</ol></nav>"
        )
    parts.append('<main id="main">')
    for line in case.pre_title:
        parts.append(f'<p class="pre-title">{_e(line)}</p>')
    parts.append(f"<h1>{_e(case.title)}</h1>")
    if ch.get("contents"):
        parts.append(
            '<aside class="contents"><h2>Contents</h2><ol>'
            + "".join(f'<li><a href="#">{_e(c)}</a></li>' for c in ch["contents"])
            + "</ol></aside>"
        )
    if ch.get("print_link"):
        parts.append('<p class="print"><a href="#">Print this page</a></p>')
    parts.extend(_intro_html(case.intro))
    if case.slug == "real_blackpool_alcohol_harm":
        # One table; the header row printed again before the second block (as the PDF repeats it).
        rows, repeat_at = [], []
        for gi, g in enumerate(case.groups):
            if gi in case.repeat_header_before:
                repeat_at.append(len(rows))
            rows.extend(g.rows)
        parts.append(_table_html(case, rows, repeat_at=repeat_at))
    elif case.slug == "real_hull_board_action_tracker":
        head = "<tr>" + "".join(f'<th scope="col">{_e(x)}</th>' for x in case.headers) + "</tr>"
        body = []
        for g in case.groups:
            body.append(
                f'<tr class="month"><th colspan="{len(case.headers)}" scope="rowgroup">{_e(g.heading)}</th></tr>'
            )
            for row in g.rows:
                body.append("<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in row) + "</tr>")
        parts.append(f'<table class="action-plan"><thead>{head}</thead><tbody>' + "".join(body) + "</tbody></table>")
    elif case.html_body:
        parts.append(case.html_body(case))
    elif case.group_rows:
        parts.append(_grouped_table_html(case))
    elif case.slug == "real_rochdale_physical_activity":
        head = "<tr>" + "".join(f'<th scope="col">{_cell_html(x)}</th>' for x in case.headers) + "</tr>"
        body = []
        for g in case.groups:
            body.append(
                f'<tr class="theme"><th colspan="{len(case.headers)}" scope="rowgroup">{_e(g.heading)}</th></tr>'
            )
            for row in g.rows:
                body.append("<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in row) + "</tr>")
        parts.append(f'<table class="action-plan"><thead>{head}</thead><tbody>' + "".join(body) + "</tbody></table>")
    else:
        for g in case.groups:
            if g.subheading:
                parts.append(f"<h{h - 1}>{_e(g.subheading)}</h{h - 1}>")
            if g.heading:
                parts.append(f"<h{h}>{_e(g.heading)}</h{h}>")
            if g.heading_side:
                parts.append(f'<p class="aside">{_e(g.heading_side)}</p>')
            for p in g.note_before:
                parts.append(f"<p>{_e(p)}</p>")
            parts.append(_table_html(case, g.rows))
            for label, items in g.lists_after:
                parts.append(f"<h{h}>{_e(label)}</h{h}>")
                parts.append(_nested_list_html(items))
    if ch.get("back_to_top"):
        parts.append('<p class="back-to-top"><a href="#">Back to top</a></p>')
    parts.append(f'<section class="feedback"><p>{_e(ch["feedback"])}</p></section>')
    parts.append("</main>")
    parts.append(
        '<footer class="site-footer"><ul>' + "".join(f"<li>{_e(f)}</li>" for f in ch["footer"]) + "</ul></footer>"
    )
    css = (
        "body{font-family:Arial,Helvetica,sans-serif;font-size:13px;margin:0 1.5em;color:#0b0c0c}"
        ".cookie-banner{background:#f3f2f1;padding:.5em 1em;border-bottom:2px solid #b1b4b6}"
        ".site-header nav ul,.breadcrumbs ol,.site-footer ul"
        "{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1em}"
        ".skip-link{position:absolute;left:-999px}"
        "table.action-plan{border-collapse:collapse;width:100%;margin:1em 0}"
        "table.action-plan th,table.action-plan td"
        "{border:1px solid #555;padding:4px 6px;vertical-align:top;text-align:left}"
        "table.action-plan thead th,tr.repeat th{background:#d9e2f3}"
        "tr.month th,tr.theme th{background:#eeeeee}"
        ".contents{border-left:3px solid #1d70b8;padding-left:1em}"
        ".site-footer{border-top:1px solid #b1b4b6;margin-top:2em;font-size:11px}"
        "@media print{.cookie-banner{display:block}}"
    )
    doc = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(case.title)} - {_e(ch['site'])}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{css}</style>\n</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n"
    )
    return doc


# --------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------


def build_docx(case: Case, out: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    cp = doc.core_properties
    fixed = _dt.datetime(2024, 1, 1, 12, 0, 0)
    cp.author = "tests/corpus/build_real.py"
    cp.last_modified_by = "tests/corpus/build_real.py"
    cp.title = case.title
    cp.created = fixed
    cp.modified = fixed
    cp.revision = 1

    sec = doc.sections[0]
    if case.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.8))
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(9.5)

    def shade(cell, fill: str) -> None:
        tcPr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tcPr.append(shd)

    def set_cell(cell, text: str, bold: bool = False) -> None:
        lines = text.split("\n") if text else [""]
        first = True
        for line in lines:
            style = None
            if line.startswith("\u2022 "):
                line, style = line[2:], "List Bullet"
            p = cell.paragraphs[0] if first else cell.add_paragraph(style=style)
            if first and style:
                p.style = doc.styles[style]
            first = False
            run = p.add_run(line)
            run.bold = bold

    def header_row(table, row) -> None:
        for i, h in enumerate(case.headers):
            set_cell(row.cells[i], h, bold=True)
            shade(row.cells[i], "D9E2F3")

    def mark_repeat(row) -> None:
        trPr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        trPr.append(el)

    def new_table():
        t = doc.add_table(rows=1, cols=len(case.headers))
        t.style = doc.styles["Table Grid"]
        header_row(t, t.rows[0])
        mark_repeat(t.rows[0])
        return t

    def add_row(t, cells) -> None:
        r = t.add_row()
        for i, c in enumerate(cells):
            set_cell(r.cells[i], c)
            if case.rag_colours and c in case.rag_colours:
                shade(r.cells[i], case.rag_colours[c])

    for line in case.pre_title:
        doc.add_paragraph(line)
    doc.add_heading(case.title, level=1)
    for p in case.intro:
        if isinstance(p, list):
            for item in p:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(p, tuple):
            tag, text = p
            if tag.startswith("h"):
                doc.add_heading(text, level=int(tag[1]))
            else:
                doc.add_paragraph(text)
        else:
            doc.add_paragraph(p)

    if case.docx_style == "headings":
        # One table per group, its heading as a Word heading between the tables.
        for g in case.groups:
            if g.heading:
                doc.add_heading(g.heading, level=2 if case.heading_level <= 2 else 3)
            t = new_table()
            for row in g.rows:
                add_row(t, row)
            doc.add_paragraph("")
    elif case.docx_style == "merged_rows":
        # One table; each group's heading is a row whose cells are merged across the table.
        t = new_table()
        for g in case.groups:
            if g.subheading:
                r = t.add_row()
                merged = r.cells[0].merge(r.cells[-1])
                set_cell(merged, g.subheading, bold=True)
                shade(merged, "C6E0B4")
            r = t.add_row()
            if g.heading_side:
                # The heading in the first cells merged, a side note in the last two merged.
                merged = r.cells[0].merge(r.cells[-3])
                side = r.cells[-2].merge(r.cells[-1])
                set_cell(side, g.heading_side)
                shade(side, "EEEEEE")
            else:
                merged = r.cells[0].merge(r.cells[-1])
            set_cell(merged, g.heading, bold=True)
            shade(merged, "EEEEEE")
            for row in g.rows:
                add_row(t, row)
    elif case.docx_style == "repeat_header":
        # One table; the header row printed again before a later block.
        t = new_table()
        for gi, g in enumerate(case.groups):
            if gi in case.repeat_header_before:
                header_row(t, t.add_row())
            for row in g.rows:
                add_row(t, row)
    else:
        raise ValueError(case.docx_style)
    if case.merge_down:
        for t in doc.tables:
            top = None
            for r in t.rows[1:]:
                if r.cells[0].text.strip():
                    top = r.cells[0]
                elif top is not None:
                    top = top.merge(r.cells[0])
    if case.col_widths_cm:
        for t in doc.tables:
            t.autofit = False
            for i, w in enumerate(case.col_widths_cm):
                t.columns[i].width = Cm(w)
            for r in t.rows:
                tcs = r._tr.tc_lst
                if len(tcs) != len(case.col_widths_cm):
                    continue  # a merged (spanning) row keeps its grid span
                for tc, w in zip(tcs, case.col_widths_cm, strict=True):
                    tc.width = Cm(w)
    doc.save(str(out))


# --------------------------------------------------------------------------------------
# Page text of the modelled cases (the document host's flattening: cells joined by " / ")
# --------------------------------------------------------------------------------------


def build_docsbay_txt(case: Case) -> str:
    lines: list[str] = []
    if case.pre_title:
        lines.append(" ".join([*case.pre_title, case.title]))
        lines.append("")
    header = " / ".join(case.headers)
    for gi, g in enumerate(case.groups):
        if case.slug == "real_blackpool_alcohol_harm":
            if gi == 0 or gi in case.repeat_header_before:
                if gi:
                    lines.append("")
                lines.append(case.headers[0])
                lines.append("")
                lines.append("/ " + " / ".join(case.headers[1:]))
        else:
            if gi == 0:
                lines.append(header + " /")
            if g.heading:
                lines.append(g.heading)
        for row in g.rows:
            lines.append(" / ".join(c for c in row if c))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------
# PDF and layout text
# --------------------------------------------------------------------------------------


def _run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def pdf_from_docx(docx_path: Path, pdf_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice (LibreOffice) is needed to make plan.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        _run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ]
        )
        shutil.move(str(Path(tmp) / (docx_path.stem + ".pdf")), str(pdf_path))


def pdf_from_html(html_path: Path, pdf_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        raise SystemExit("chromium is needed to make plan.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.pdf"
        _run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp}/profile",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                html_path.as_uri(),
            ]
        )
        shutil.move(str(out), str(pdf_path))


def layout_text(pdf_path: Path, txt_path: Path) -> None:
    if not shutil.which("pdftotext"):
        raise SystemExit("pdftotext (poppler-utils) is needed to make plan-layout.txt")
    _run(["pdftotext", "-layout", str(pdf_path), str(txt_path)])


# --------------------------------------------------------------------------------------


def build_xlsx(case: Case, out: Path) -> None:
    """A tracker workbook: the title row, the header row, then the rows; RAG cells filled."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    fixed = _dt.datetime(2024, 1, 1, 12, 0, 0)
    wb.properties.creator = "tests/corpus/build_real.py"
    wb.properties.created = fixed
    wb.properties.modified = fixed
    ws = wb.active
    ws.title = "Tracker"
    ws.append([case.title])
    ws.cell(row=1, column=1).font = Font(bold=True, size=12)
    ws.append(list(case.headers))
    for c in ws[2]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="D9E2F3")
    for g in case.groups:
        for row in g.rows:
            ws.append(list(row))
            for cell in ws[ws.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if case.rag_colours and cell.value in case.rag_colours:
                    cell.fill = PatternFill("solid", fgColor=case.rag_colours[cell.value])
    for i, w in enumerate(case.col_widths_cm):
        ws.column_dimensions[chr(ord("A") + i)].width = w * 4.5
    wb.save(str(out))


def csv_from_xlsx(xlsx_path: Path, csv_path: Path) -> None:
    """The workbook's first sheet as CSV, every cell as its text (no formulas, no dates rewritten)."""
    import csv

    from openpyxl import load_workbook

    sheet = load_workbook(xlsx_path, read_only=True).worksheets[0]
    with csv_path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])


def build(case: Case) -> list[Path]:
    folder = PLANS / case.slug
    folder.mkdir(parents=True, exist_ok=True)
    for name in case.stored:
        if not (folder / name).exists():
            raise SystemExit(f"{folder / name} is kept as found and is missing")
    written = []
    html_path = folder / "plan.html"
    if case.headers or case.html_body:
        html_path.write_text(build_html(case), encoding="utf-8")
        written.append(html_path)
    if case.txt_body:
        p = folder / "plan.txt"
        p.write_text(case.txt_body(case), encoding="utf-8")
        written.append(p)
    if case.modelled_txt == "docsbay":
        p = folder / "plan.txt"
        p.write_text(build_docsbay_txt(case), encoding="utf-8")
        written.append(p)
    if case.docx_style:
        p = folder / "plan.docx"
        build_docx(case, p)
        written.append(p)
    if case.xlsx:
        p = folder / "plan.xlsx"
        build_xlsx(case, p)
        written.append(p)
    if case.csv_from_xlsx:
        p = folder / "plan.csv"
        csv_from_xlsx(folder / "plan.xlsx", p)
        written.append(p)
    if case.pdf_from:
        pdf = folder / "plan.pdf"
        if case.pdf_from == "docx":
            pdf_from_docx(folder / "plan.docx", pdf)
        else:
            pdf_from_html(html_path, pdf)
        written.append(pdf)
        if case.layout:
            p = folder / "plan-layout.txt"
            layout_text(pdf, p)
            written.append(p)
    for p in written:
        if p.stat().st_size > 300_000:
            raise SystemExit(f"{p} is over 300 KB")
    return written


def main(argv: list[str]) -> int:
    names = argv or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print("unknown case(s): " + ", ".join(unknown), file=sys.stderr)
        return 2
    for name in names:
        for p in build(CASES[name]):
            print(p.relative_to(HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
