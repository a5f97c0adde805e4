"""Words a narrow column broke in two are joined; wraps between two words are kept."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.layout import Block, Cell, Row
from pipeline.read.geometry.wordbreak import _CANDIDATE, _TOKEN, MARK, proposes_break, resolve, words_of


def table(*texts: str) -> Block:
    return Block(kind="table", rows=[Row(cells=[Cell(text=t) for t in texts])])


def test_joined_word_seen_elsewhere_is_joined() -> None:
    blocks = [table(f"1.1\nObjectiv{MARK}\ne text", "working with partners for the objective")]
    resolve(blocks)
    assert blocks[0].rows[0].cells[0].text == "1.1\nObjective text"


def test_wrap_between_two_known_words_is_kept() -> None:
    blocks = [table(f"with\npartners{MARK}\nacross the county", "partners work across boundaries")]
    resolve(blocks)
    assert blocks[0].rows[0].cells[0].text == "with\npartners\nacross the county"


def test_pieces_seen_nowhere_else_join_when_the_tail_is_short() -> None:
    blocks = [table(f"Timescal{MARK}\ne", f"Depende{MARK}\nncies", "March 2025"), table("Lead officer")]
    resolve(blocks)
    assert [c.text for c in blocks[0].rows[0].cells] == ["Timescale", "Dependencies", "March 2025"]


def test_long_unknown_tail_is_not_joined() -> None:
    blocks = [table(f"Quarterly{MARK}\nreviewing")]
    resolve(blocks)
    assert blocks[0].rows[0].cells[0].text == "Quarterly\nreviewing"


def test_geometry_proposes_only_full_lines_before_small_letters() -> None:
    assert proposes_break(136.3, 140.8, "e text", 10)  # 'Objectiv' reaching the edge
    assert not proposes_break(100.0, 140.8, "e text", 10)  # room left: the word ended there
    assert not proposes_break(136.3, 140.8, "Text", 10)  # a capital starts a new word


def test_narrow_columns_plan_reads_whole_words(rules) -> None:
    """A seven-column Word plan in LibreOffice's PDF: "Objectiv/e", "commun/ity" are one word again."""
    from pipeline.process import process
    from tests.helpers import FIXTURES, as_dict

    doc = as_dict(process(FIXTURES / "other-narrow-columns.pdf", rules))
    assert [(o["id"], o["text"]) for o in doc["outcomes"]] == [
        ("1.1", "Objective one: communities are better connected"),
        ("1.2", "Objective two: fewer people reach crisis"),
    ]
    got = {a["id"]: a for a in doc["actions"]}
    assert list(got) == ["1.1.1", "1.1.2", "1.2.1"]
    assert got["1.1.1"]["text"] == "Map community assets with partners"
    assert got["1.2.1"]["text"] == "Commission crisis cafes across the county"
    assert [got[i]["timescale"] for i in got] == ["March 2025", "June 2025", "December 2025"]
    assert got["1.1.1"]["lead"] == "Public Health Lead"
    # A long tail that occurs nowhere else ("Commiss" / "ioning") could be a wrap between two
    # words: it keeps its break, every letter there.
    assert [got[i]["lead"].replace(" ", "") for i in ("1.1.2", "1.2.1")] == ["Communications", "Commissioning"]
    assert [got[i]["status"] for i in got] == ["Underway", "At risk", "Off track"]
    assert [got[i]["status_family"] for i in got] == ["underway", "off track", "off track"]
    assert got["1.1.1"]["linked_actions"] == ["1.1.2"] and got["1.2.1"]["depends_on"] == ["1.1.1"]


# The document's words are counted over all its text at once; the count is the one made cell by cell.
_PIECE = st.sampled_from(["Objectiv", "e", "partners", "across", "O'Neil", "co-op", "2025", "ß", "İs", "_x", "’s"])
_GAP = st.sampled_from([" ", "\n", f"{MARK}\n", MARK, "\t", ", ", "-", "", "  "])


@given(st.lists(st.lists(st.tuples(_PIECE, _GAP), max_size=6).map(lambda p: "".join(a + b for a, b in p)), max_size=8))
@settings(max_examples=300, deadline=None)
def test_words_are_counted_as_cell_by_cell(texts: list[str]) -> None:
    one_by_one = Counter(
        token.lower() for text in texts for token in _TOKEN.findall(_CANDIDATE.sub(" ", text).replace(MARK, ""))
    )
    assert words_of(texts) == one_by_one
