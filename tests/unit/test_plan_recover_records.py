"""Plans with no table at all, read back as rows.

Two shapes met on public pages: numbered items each followed by a labelled status line and
paragraphs of progress (a progress report), and a bulleted list in which each action is followed
by a dated update bullet ("UPDATE March 2019 ..."). A status printed with a tick or an emoji
before its words means the words.
"""

from __future__ import annotations

from pipeline.core.layout import Block, Layout
from pipeline.extract.plan import extract_plan
from pipeline.normalise.plan import normalise_plan, unmarked


def blocks(*items: tuple[str, str]) -> Layout:
    return Layout(format="txt", blocks=[Block(kind=kind, text=text) for kind, text in items])


def actions(lay: Layout, rules):
    _sections, _outcomes, acts = normalise_plan(extract_plan(lay, rules), rules)
    return acts


def test_numbered_items_with_a_status_line_and_progress_paragraphs_are_rows(rules) -> None:
    lay = blocks(
        ("paragraph", "Final progress report"),
        ("paragraph", "1. Publish the clinic waiting times every month"),
        ("paragraph", "Status: ✔ Complete"),
        ("paragraph", "Waiting times have been published since June."),
        ("paragraph", "The first three months drew 400 visits."),
        ("paragraph", "2. Set up a patient panel"),
        ("paragraph", "Status: 🙂 On track"),
        ("paragraph", "Twelve members recruited."),
        ("paragraph", "3. Review the booking letters"),
        ("paragraph", "Status: Not started"),
    )
    acts = actions(lay, rules)
    assert [(a.id, a.text, a.status_raw, a.status_family) for a in acts] == [
        ("1", "Publish the clinic waiting times every month", "Complete", "complete"),
        ("2", "Set up a patient panel", "On track", "underway"),
        ("3", "Review the booking letters", "Not started", "not started"),
    ]
    assert acts[0].update == "Waiting times have been published since June. The first three months drew 400 visits."
    assert acts[2].update is None


def test_one_numbered_item_with_a_status_line_is_not_a_table(rules) -> None:
    lay = blocks(
        ("paragraph", "1. Background"),
        ("paragraph", "Status: draft for comment"),
        ("paragraph", "This paper sets out the plan."),
    )
    assert all(a.update is None for a in actions(lay, rules))


def test_a_list_of_actions_each_followed_by_a_dated_update_gives_rows(rules) -> None:
    lay = blocks(
        ("paragraph", "What we will prioritise:"),
        ("list_item", "Refresh the alcohol needs assessment."),
        ("list_item", "UPDATE March 2019 Staff time found; the work has not finished."),
        ("list_item", "Keep funding the night-time safe space."),
        ("list_item", "Update: 4 May 2019 - funded by the CCG for another year."),
        ("list_item", "Start a harm reduction outreach service."),
    )
    acts = actions(lay, rules)
    assert [(a.text, a.update) for a in acts] == [
        ("Refresh the alcohol needs assessment.", "Staff time found; the work has not finished."),
        ("Keep funding the night-time safe space.", "funded by the CCG for another year."),
        ("Start a harm reduction outreach service.", None),
    ]


def test_a_plain_bulleted_list_gains_no_updates(rules) -> None:
    lay = blocks(
        ("paragraph", "Our priorities"),
        ("list_item", "Refresh the alcohol needs assessment."),
        ("list_item", "Keep funding the night-time safe space."),
    )
    assert all(a.update is None for a in actions(lay, rules))


def test_a_status_symbol_before_the_words_is_dropped() -> None:
    assert unmarked("✔ Complete") == "Complete"
    assert unmarked("🙂 On track") == "On track"
    assert unmarked("● Red") == "Red"
    assert unmarked("(A) Amber") == "(A) Amber"
    assert unmarked("✔") == "✔"
    assert unmarked(None) is None
