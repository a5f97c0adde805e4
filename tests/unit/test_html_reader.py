"""The HTML reader: main content as blocks, furniture dropped by rules, safe on hostile pages."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from pipeline.core.errors import EmptyFile, RulesError
from pipeline.core.layout import Layout
from pipeline.read import html as html_reader
from pipeline.rules import Limits, Rules
from tests.helpers import SHARED

HOSTILE = SHARED / "corpus" / "hostile"


def read(markup: str | bytes, rules: Rules) -> Layout:
    data = markup.encode("utf-8") if isinstance(markup, str) else markup
    return html_reader.read(Path("page.html"), data, rules)


def kinds_and_texts(layout: Layout) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in layout.blocks]


# --------------------------------------------------------------------------- structure


def test_headings_paragraphs_and_list_items(rules: Rules) -> None:
    layout = read(
        "<html><body><main><h1>Title</h1><p>Intro   text\n over lines.</p><h2>Priority 1: Do</h2>"
        "<ul><li>First?</li><li>Second <b>bold</b> and <a href='#'>link</a>?</li></ul>"
        "<h3>Sub</h3><p>One<br>Two</p></main></body></html>",
        rules,
    )
    assert kinds_and_texts(layout) == [
        ("title", "Title"),
        ("paragraph", "Intro text over lines."),
        ("heading", "Priority 1: Do"),
        ("list_item", "First?"),
        ("list_item", "Second bold and link?"),
        ("heading", "Sub"),
        ("paragraph", "One\nTwo"),
    ]
    assert [b.level for b in layout.blocks if b.kind == "heading"] == [2, 3]
    assert layout.format == "html" and layout.pages is None


def test_nested_lists_have_depth_and_ordered_lists_their_numbers(rules: Rules) -> None:
    layout = read(
        "<main><ol start='3'><li>Three<ul><li>sub a</li><li>sub b</li></ul></li><li>Four</li></ol>"
        "<ol type='a'><li>x</li><li>y</li></ol><ol type='I'><li>r</li><li>s</li></ol></main>",
        rules,
    )
    items = [(b.text, b.level, b.marker) for b in layout.blocks]
    assert items == [
        ("Three", 0, "3."),
        ("sub a", 1, "•"),
        ("sub b", 1, "•"),
        ("Four", 0, "4."),
        ("x", 0, "a."),
        ("y", 0, "b."),
        ("r", 0, "I."),
        ("s", 0, "II."),
    ]


def test_paragraphs_inside_a_list_item_stay_one_item(rules: Rules) -> None:
    layout = read("<main><ul><li><p>Is there a plan?</p><p>When was it reviewed?</p></li></ul></main>", rules)
    assert kinds_and_texts(layout) == [("list_item", "Is there a plan?\nWhen was it reviewed?")]


def test_text_after_a_nested_list_joins_its_item(rules: Rules) -> None:
    layout = read("<main><ul><li>Before<ul><li>inner</li></ul>after</li></ul></main>", rules)
    assert kinds_and_texts(layout) == [("list_item", "Before\nafter"), ("list_item", "inner")]


def test_tables_keep_cells_spans_and_row_spans(rules: Rules) -> None:
    layout = read(
        "<main><table><thead><tr><th>Question</th><th colspan='2'>Answer</th></tr></thead>"
        "<tbody><tr><td rowspan='2'>Q1<br>wraps</td><td>a</td><td><ul><li>x</li><li>y</li></ul></td></tr>"
        "<tr><td>b</td><td><table><tr><td>inner</td></tr></table></td></tr></tbody></table></main>",
        rules,
    )
    (table,) = layout.tables()
    assert [r.texts() for r in table.rows] == [
        ["Question", "Answer"],
        ["Q1\nwraps", "a", "• x\n• y"],
        ["", "b", "inner"],
    ]
    assert table.rows[0].cells[1].span == 2
    assert table.rows[2].cells[0].merged and not table.rows[1].cells[0].merged


# --------------------------------------------------------------------------- furniture and main content


def test_site_furniture_is_dropped_by_the_rules(rules: Rules) -> None:
    layout = read(
        """<html><head><title>T</title><style>p{color:red}</style><script>var x = "<p>no</p>";</script></head>
        <body><a class="skip-link" href="#m">Skip to main content</a>
        <header><nav><ul><li>Home</li><li>News</li></ul></nav></header>
        <div class="ds_notification"><p>Information</p><p>Election banner</p></div>
        <main id="m"><nav aria-label="Breadcrumb"><ol><li>Home</li></ol></nav>
        <header class="page-header"><h1>The real title</h1></header>
        <aside><h2>Related links</h2><ul><li>Elsewhere?</li></ul></aside>
        <p>Content.</p><noscript>Enable JavaScript</noscript><button>Print</button>
        <div class="back-to-top"><a>Back to top</a></div></main>
        <footer><p>Crown copyright</p></footer></body></html>""",
        rules,
    )
    assert kinds_and_texts(layout) == [("title", "The real title"), ("paragraph", "Content.")]


def test_the_first_main_candidate_with_text_wins(rules: Rules) -> None:
    layout = read("<body><main></main><article><p>In the article.</p></article><p>Outside.</p></body>", rules)
    assert kinds_and_texts(layout) == [("paragraph", "In the article.")]
    layout = read("<body><div id='content'><p>Content div.</p></div><p>Outside.</p></body>", rules)
    assert kinds_and_texts(layout) == [("paragraph", "Content div.")]
    layout = read("<body><p>Just a body.</p></body>", rules)
    assert kinds_and_texts(layout) == [("paragraph", "Just a body.")]


def test_a_bad_selector_in_the_rules_names_the_rule_file(rules: Rules) -> None:
    broken = dataclasses.replace(
        rules, boilerplate=dataclasses.replace(rules.boilerplate, html_selectors=("nav", "div[[broken"))
    )
    with pytest.raises(RulesError, match=r"rules/guidance.yaml: html_selectors entry 'div\[\[broken'"):
        read("<main><p>x</p></main>", broken)


def test_selector_index_finds_the_same_elements_as_plain_matching(rules: Rules) -> None:
    """The speed-up must not change what is dropped: compare with soupsieve over every element."""
    import soupsieve
    from bs4 import BeautifulSoup

    markup = (Path(__file__).resolve().parent.parent / "fixtures" / "files" / "guidance-page.html").read_text()
    soup = BeautifulSoup(markup, "lxml")
    index = html_reader._selectors(rules.boilerplate.html_selectors, "html_selectors")
    for element in soup.find_all(True):
        plain = [n for n, s in enumerate(rules.boilerplate.html_selectors) if soupsieve.match(s, element)]
        assert index.matches(element) == plain, element.name


@pytest.mark.parametrize(
    ("selector", "key"),
    [
        ("nav", ("tag", "nav")),
        (".ds_breadcrumbs", ("class", "ds_breadcrumbs")),
        ("#cookie-banner", ("id", "cookie-banner")),
        ("[role=navigation]", ("attr", "role")),
        ("[aria-label=breadcrumb i]", ("attr", "aria-label")),
        ('a[href="x y"]', ("tag", "a")),
        ("header:not(main header, article header)", ("tag", "header")),
        ("div > .x", ("class", "x")),
        ("a, b", None),
        ("*", None),
    ],
)
def test_selector_subject_keys(selector: str, key: tuple[str, str] | None) -> None:
    assert html_reader._subject_key(selector) == key


# --------------------------------------------------------------------------- hostile pages


def test_100k_nested_divs_read_in_bounded_time_without_recursion(rules: Rules) -> None:
    data = (HOSTILE / "generated__deep_nesting_100k_divs.html").read_bytes()
    started = time.perf_counter()
    layout = html_reader.read(Path("deep.html"), data, rules)
    assert time.perf_counter() - started < 20
    texts = [b.text for b in layout.blocks]
    assert texts == ["deep text", "after the nest"]


def test_structure_deeper_than_the_limit_is_flattened(rules: Rules) -> None:
    shallow = dataclasses.replace(rules, limits=Limits(max_html_depth=4))
    markup = "<body><div><div><div><div><div><p>a</p><ul><li>b</li></ul><h2>c</h2></div></div></div></div></div>"
    deep_texts = kinds_and_texts(read(markup + "<p>after</p></body>", shallow))
    assert deep_texts == [("paragraph", "a b c"), ("paragraph", "after")]
    assert kinds_and_texts(read(markup, rules)) == [("paragraph", "a"), ("list_item", "b"), ("heading", "c")]


def test_a_page_with_only_scripts_and_styles_has_no_text(rules: Rules) -> None:
    with pytest.raises(EmptyFile, match="no visible text"):
        html_reader.read(Path("x.html"), (HOSTILE / "generated__no_visible_text.html").read_bytes(), rules)
    with pytest.raises(EmptyFile):
        read("<html><head><style>body{}</style></head><body><script>alert(1)</script><!-- c --></body></html>", rules)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("generated__cp1252_no_charset.html", ["“Smart quotes” – en dash — em dash … ellipsis", "Price: €42"]),
        ("generated__charset_lie_utf8_declared_cp1252_bytes.html", ["“quoted” café €5"]),
        ("generated__utf16le_bom.html", ["UTF-16 LE text é中文"]),
    ],
)
def test_encodings_decode_correctly(name: str, expected: list[str], rules: Rules) -> None:
    layout = html_reader.read(Path(name), (HOSTILE / name).read_bytes(), rules)
    text = "\n".join(b.text for b in layout.blocks)
    for piece in expected:
        assert piece in text
    assert "\ufffd" not in text and "â€" not in text


def test_control_bytes_never_reach_the_blocks(rules: Rules) -> None:
    data = (HOSTILE / "generated__nul_and_control_bytes.html").read_bytes()
    layout = html_reader.read(Path("c.html"), data, rules)
    text = "".join(b.text for b in layout.blocks)
    assert text.startswith("before") and text.endswith("after")
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in text)
    layout = read("<p>a&#0;b&#x1b;c&#x7f;d</p>", rules)
    assert [b.text for b in layout.blocks] == ["abcd"]


def test_broken_markup_gives_the_visible_text_and_no_script(rules: Rules) -> None:
    data = (HOSTILE / "generated__unclosed_tags_garbage.html").read_bytes()
    layout = html_reader.read(Path("g.html"), data, rules)
    (table,) = layout.tables()
    assert table.rows[0].texts() == ["cell 1", "cell 2"]
    assert table.rows[1].texts()[0].startswith("row 2\npara bold both")
    everything = " ".join(c.text for r in table.rows for c in r.cells)
    assert "alert" not in everything and "tail text" in everything
