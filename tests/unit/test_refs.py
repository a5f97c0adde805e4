"""Citations in cells: this plan's ids, outside programmes (never local), NICE quality statements."""

from __future__ import annotations

import pytest

from pipeline.language.refs import cite, expand_numbers, find_link_cue, quality_statements


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("services (NICE QS34 6 &7)", [6, 7]),
        ("(NICE QS34 2-5) to include", [2, 3, 4, 5]),
        ("arrangements (QS34 4&5)", [4, 5]),
        ("raising (QS34 1)", [1]),
        ("use it (NICE QS34 \n2&3)", [2, 3]),
        ("(NICE QS34 2-7)", [2, 3, 4, 5, 6, 7]),
        ("QS 34 statements 1, 3 and 5", [1, 3, 5]),
        ("QS189 2 to 4", [2, 3, 4]),
        ("against NICE guidance and quality standards", []),
        ("QS34", []),
    ],
)
def test_quality_statement_spellings(text: str, numbers: list[int], rules) -> None:
    assert quality_statements(text, rules)[0] == numbers


def test_quality_standard_named(rules) -> None:
    assert quality_statements("(QS34 1) and (QS189 2)", rules)[1] == ["QS34", "QS189"]


@pytest.mark.parametrize(
    ("text", "numbers"), [("6 &7", [6, 7]), ("2-5", [2, 3, 4, 5]), ("1, 3 and 8 to 9", [1, 3, 8, 9]), ("5-2", [5, 2])]
)
def test_expand_numbers(text: str, numbers: list[int]) -> None:
    assert expand_numbers(text) == numbers


def test_local_actions_and_outcomes(rules) -> None:
    c = cite("Link with actions 2.3.2 , 5.1, 2.2.5", rules)
    assert c.actions == ["2.3.2", "2.2.5"] and c.outcomes == ["5.1"] and c.external == []


def test_outside_programme_numbers_are_not_local(rules) -> None:
    c = cite("Future in Mind Action 3.1.22", rules)
    assert c.actions == [] and c.outcomes == []
    assert c.external == ["Future in Mind Action 3.1.22"]
    c = cite("Future in Mind Actions 1.08, 1.11 and 1.15", rules)
    assert c.external == ["Future in Mind Actions 1.08, 1.11 and 1.15"] and c.outcomes == []


def test_programme_citation_takes_following_capitalised_words(rules) -> None:
    c = cite("Delivered via the NHS England Transformation Fund Task and Finish Group (NICE QS34 2-3)", rules)
    assert c.external == ["NHS England Transformation Fund Task and Finish Group"]
    assert c.quality_statements == [2, 3]


def test_two_programmes_joined_by_and_stay_apart(rules) -> None:
    c = cite("Links with Crisis Concordat Workforce Development Strategy and Suicide Prevention Training Plan", rules)
    assert c.external == ["Crisis Concordat Workforce Development Strategy", "Suicide Prevention Training Plan"]


def test_unknown_programme_with_numbered_action_is_external(rules) -> None:
    c = cite("Healthy Minds Strategy Action 2.1 and links to 4.1.2", rules)
    assert c.external == ["Healthy Minds Strategy Action 2.1"]
    assert c.actions == ["4.1.2"] and c.outcomes == []


def test_link_cue_words_are_not_programmes(rules) -> None:
    assert cite("Link with Action 1.1.1 to ensure support", rules).external == []
    assert cite("Linked to Actions 3.1.3 and 3.1.4", rules).actions == ["3.1.3", "3.1.4"]


def test_dependencies(rules) -> None:
    assert cite("Reliant on delivery of Action 2.3.1", rules).depends_on == ["2.3.1"]
    assert cite("Dependent upon 1.2.1 and 1.2.2; links to 3.1.1", rules).depends_on == ["1.2.1", "1.2.2"]
    assert cite("links with 2.3.1", rules).depends_on == []


def test_trailing_dot_and_spacing_on_ids(rules) -> None:
    assert cite("see 2.2. and 4.1.3.", rules).outcomes == ["2.2"]
    assert cite("see 2.2. and 4.1.3.", rules).actions == ["4.1.3"]


def test_find_link_cue(rules) -> None:
    text = "publication Links with 2.2.2"
    assert text[find_link_cue(text, rules) :] == "Links with 2.2.2"
    assert find_link_cue("nothing here", rules) is None


def test_mentions_from_entity_patterns(rules) -> None:
    from pipeline.core.model import Mention
    from pipeline.language.entities import mentions

    found = mentions(
        ["Review the GHT-led policy with MIU staff (QS34 2)", "Delivered via the NHS England fund; ask PHW"], rules
    )
    assert found == [
        Mention("ORG", "GHT"),
        Mention("SERVICE", "MIU"),
        Mention("ORG", "NHS England"),
        Mention("ACRONYM", "PHW"),
    ]
    assert [m.to_plain() for m in found][:1] == ["ORG: GHT"]  # as the JSON has it
    assert mentions([None, ""], rules) == []


def test_mentions_are_the_same_read_once_or_again(rules) -> None:  # type: ignore[no-untyped-def]
    """Cells are read once and remembered; a repeat gives the same mentions, and lower-case text none."""
    from pipeline.language.entities import mentions

    cells = ["Review the GHT-led policy with NHS England", "Delivered via NHS England and the CCG"]
    first = mentions(cells, rules)
    assert [str(m.to_plain()) for m in first] == ["ORG: GHT", "ORG: NHS England", "ACRONYM: CCG"]
    assert mentions(cells, rules) == first
    again = [m.to_plain() for m in mentions(list(reversed(cells)), rules)]
    assert again == ["ORG: NHS England", "ACRONYM: CCG", "ORG: GHT"]
    assert mentions(["no capitals here at all"], rules) == []
