"""Every status word maps to a family and a label; a misspelt one is suggested, never read.

Plans use many vocabularies ("Incomplete", "Delayed (new date March)", "On hold – awaiting
funding", Red/Amber/Green/Blue and their letters). What a word means is its family (the
contract's STATUS_FAMILIES); findings about a word the rules do not know suggest the nearest
known one and never advise adding a typo to the rules.
"""

from __future__ import annotations

import pytest

from pipeline.check import check
from pipeline.core.model import Action, Document, Source
from pipeline.rules import Rules
from pipeline.rules.types import STATUS_FAMILIES


@pytest.mark.parametrize(
    ("cell", "label", "family"),
    [
        ("Incomplete", "Underway", "underway"),
        ("Delayed (new date March)", "At risk", "off track"),
        ("On hold – awaiting funding", "Awaiting", "waiting"),
        ("Delayed pending funding", "Awaiting", "waiting"),  # the longer synonym wins
        ("Red", "Off track", "off track"),
        ("Amber", "At risk", "off track"),
        ("Green: on track", "Underway", "underway"),
        ("Blue", "Complete", "complete"),
        ("Complete.", "Complete", "complete"),
        ("Closed - merged with 2.3", "Closed", "closed"),
        ("Not started", "Idea", "not started"),
        ("Started", "Underway", "underway"),
        ("R", "Off track", "off track"),
        ("a", "At risk", "off track"),
        ("G", "Underway", "underway"),
        ("B", "Complete", "complete"),
    ],
)
def test_status_words_of_many_vocabularies_map_to_a_label_and_family(
    cell: str, label: str, family: str, rules: Rules
) -> None:
    status = rules.status_for(cell)
    assert status is not None and (status.label, status.family) == (label, family)


def test_red_is_off_track_never_waiting(rules: Rules) -> None:
    red = rules.status_for("Red")
    assert red is not None and red.family == "off track" and not red.blocked


@pytest.mark.parametrize(
    "cell", ["A review of the services", "G P practices to sign up", "B - see below", "R&D funding"]
)
def test_a_one_letter_synonym_counts_only_as_the_whole_cell(cell: str, rules: Rules) -> None:
    assert rules.status_for(cell) is None


@pytest.mark.parametrize("cell", ["Undreway", "Hmm", "", None, "Greenwich pilot"])
def test_words_that_are_no_status(cell: str | None, rules: Rules) -> None:
    assert rules.status_for(cell) is None


def test_every_status_is_of_a_contract_family_and_labels_never_span_two_families(rules: Rules) -> None:
    families_of: dict[str, set[str]] = {}
    for status in rules.statuses:
        assert status.family in STATUS_FAMILIES
        families_of.setdefault(status.label, set()).add(status.family)
    assert all(len(f) == 1 for f in families_of.values())
    assert {s.family for s in rules.statuses} == set(STATUS_FAMILIES)
    # and a synonym is read as the status it is listed under, so its family is that status's
    for synonym, status in rules.status_synonyms():
        found = rules.status_for(synonym)
        assert found is not None and found.family == status.family, synonym


def test_every_waiting_status_is_blocked_and_no_other_is(rules: Rules) -> None:
    assert {s.label for s in rules.statuses if s.blocked} == {s.label for s in rules.statuses if s.family == "waiting"}


@pytest.mark.parametrize(
    ("word", "near"),
    [
        ("Undreway", "Underway"),
        ("Compelte", "Complete"),
        ("On trak", "On track"),
        ("Ongoign", "Ongoing"),
        ("Delayd", "Delayed"),
    ],
)
def test_the_nearest_known_word_to_a_misspelt_one(word: str, near: str, rules: Rules) -> None:
    assert rules.status_for(word) is None
    assert rules.nearest_status_word(word) == near


@pytest.mark.parametrize("word", ["Xyzzy", "Banana", "", None])
def test_no_suggestion_for_a_word_like_no_status(word: str | None, rules: Rules) -> None:
    assert rules.nearest_status_word(word) is None


# ----------------------------------------------------------------------------- findings


def _plan(*actions: Action) -> Document:
    return Document(
        source=Source(file="p.docx", sha256="0" * 64, format="docx"),
        kind="action_plan",
        title="Plan",
        actions=list(actions),
    )


def _action(ident: str, status_raw: str | None, **fields: object) -> Action:
    return Action(
        id=ident, outcome=None, section=None, text="Do it", status=None, status_raw=status_raw, links_raw=None, **fields
    )  # type: ignore[arg-type]


def test_an_unknown_status_suggests_the_nearest_word_and_never_to_add_the_typo(rules: Rules) -> None:
    doc = _plan(_action("1", "Undreway"), _action("2", "Hmm"))
    found = {f.where.id: f for f in check(doc, rules) if f.code == "unknown-status"}
    typo, unknown = found["1"].message, found["2"].message
    assert "did you mean 'Underway'?" in typo and "Undreway" in typo
    assert "rules/statuses.yaml" not in typo and "add" not in typo.lower()
    assert "rules/statuses.yaml" in unknown  # a word like no other may be one to add


def test_a_plan_with_no_statuses_names_the_columns_it_kept_under_extra(rules: Rules) -> None:
    doc = _plan(
        _action("1", None, extra={"Progress to March": "Going well", "Budget": "£10k"}),
        _action("2", None, extra={"Progress to March": "Started", "Partner": "ICB"}),
    )
    [finding] = [f for f in check(doc, rules) if f.code == "no-statuses"]
    assert "'Progress to March', 'Budget', 'Partner'" in finding.message
    assert finding.severity == "warning"


def test_a_plan_with_no_statuses_and_no_extra_columns_gets_the_plain_finding(rules: Rules) -> None:
    [finding] = [f for f in check(_plan(_action("1", None)), rules) if f.code == "no-statuses"]
    assert "kept under their own headings" not in finding.message and "rules/headers.yaml" in finding.message


def test_a_status_read_from_a_colour_counts_as_a_status(rules: Rules) -> None:
    doc = _plan(_action("1", None, status_source="colour"), _action("2", None))
    doc.actions[0].status = "Off track"
    codes = [(f.code, str(f.where)) for f in check(doc, rules)]
    assert ("no-statuses", "plan") not in codes and ("missing-status", "2") in codes
