"""A plan table whose cells were copied one per paragraph (a web page's text) is read back.

Two shapes met on government pages: a theme's line between the header and the first row
("Chapter 3: ..."), and page headings just above the header that use field words themselves
("SUMMARY OF ACTIONS" over "Action / Delivery Lead / Timescale").
"""

from __future__ import annotations

from pipeline.core.layout import Block, Layout
from pipeline.extract.plan import extract_plan
from pipeline.normalise.plan import normalise_plan


def paragraphs(*texts: str) -> Layout:
    return Layout(format="txt", blocks=[Block(kind="paragraph", text=t) for t in texts])


def actions(lay: Layout, rules):
    sections, _outcomes, acts = normalise_plan(extract_plan(lay, rules), rules)
    return sections, acts


def test_a_theme_line_between_the_header_and_the_rows_is_a_section(rules) -> None:
    lay = paragraphs(
        "Action",
        "Delivery Lead",
        "Timescale",
        "Chapter 3: Schools and colleges",
        "1. Run a smoke-free campaign in every secondary school in the county.",
        "Education Department",
        "Ongoing",
        "2. Train school nurses to give brief advice on stopping smoking.",
        "School Nursing Service",
        "2025/26",
    )
    sections, acts = actions(lay, rules)
    assert [(s.number, s.title) for s in sections] == [("3", "Schools and colleges")]
    assert [(a.id, a.section, a.lead, a.timescale) for a in acts] == [
        ("1", "3", "Education Department", "Ongoing"),
        ("2", "3", "School Nursing Service", "2025/26"),
    ]


def test_headings_with_field_words_above_a_header_are_not_columns(rules) -> None:
    lay = paragraphs(
        "A smoking prevention Action Plan",
        "SUMMARY OF ACTIONS",
        "Action",
        "Delivery Lead",
        "Timescale",
        "Chapter 3: Schools and colleges",
        "1. Run a smoke-free campaign in every secondary school in the county.",
        "Education Department",
        "Ongoing",
        "2. Train school nurses to give brief advice on stopping smoking.",
        "School Nursing Service",
        "2025/26",
    )
    _sections, acts = actions(lay, rules)
    assert [(a.id, a.text, a.lead, a.timescale) for a in acts] == [
        ("1", "Run a smoke-free campaign in every secondary school in the county.", "Education Department", "Ongoing"),
        ("2", "Train school nurses to give brief advice on stopping smoking.", "School Nursing Service", "2025/26"),
    ]
