"""Matching records across revisions: by number, then by words; moves, rewordings, replacements."""

from __future__ import annotations

from pipeline.diff.match import Keyed, match

CARE = "Review existing care plans for children and young people to ensure they mention self-harm"
RECOVERY = "Review existing recovery plans for adults to ensure they mention self-harm"
DOOR = "Consider discharge protocols keeping the door open for people who stopped self-harming"
TRAINING = "Provide a rolling programme of training to MIIU staff in working with self harm"


def pairs(m) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return [(p.old, p.new) for p in m.pairs]


def test_identical_records_pair_in_place() -> None:
    records = [Keyed("1.1.1", CARE), Keyed("1.1.2", DOOR)]
    m = match(records, records)
    assert pairs(m) == [(0, 0), (1, 1)] and not (m.removed or m.added or m.replaced)


def test_order_does_not_matter() -> None:
    old = [Keyed("1.1.1", CARE), Keyed("1.1.2", DOOR), Keyed("2.1.1", TRAINING)]
    m = match(old, list(reversed(old)))
    assert pairs(m) == [(0, 2), (1, 1), (2, 0)]


def test_same_number_lightly_reworded_is_the_same_record() -> None:
    m = match(
        [Keyed("2.2.4", "Improve promotion of exisiting resources")],
        [Keyed("2.2.4", "Improve promotion of existing resources")],
    )
    assert pairs(m) == [(0, 0)] and m.pairs[0].similarity == 0.8


def test_same_number_different_work_is_replaced() -> None:
    m = match(
        [Keyed("3.1.6", "Review the pathway for SWAFST staff attending callouts")],
        [Keyed("3.1.6", "Commission a counselling service for university students")],
    )
    assert m.pairs == [] and [(p.old, p.new) for p in m.replaced] == [(0, 0)]


def test_renumbered_to_another_outcome_is_a_move() -> None:
    m = match([Keyed("4.1.2", CARE), Keyed("4.1.3", DOOR)], [Keyed("4.1.2", CARE), Keyed("4.2.1", DOOR)])
    assert pairs(m) == [(0, 0), (1, 1)] and not (m.removed or m.added)


def test_renumbering_cascade_is_two_moves_not_a_rewording() -> None:
    # 4.1.2 moved to 4.2.1 and 4.1.3 took its number: matching by number would pair CARE with DOOR
    old = [Keyed("4.1.1", RECOVERY), Keyed("4.1.2", CARE), Keyed("4.1.3", DOOR)]
    new = [Keyed("4.1.1", RECOVERY), Keyed("4.1.2", DOOR), Keyed("4.2.1", CARE)]
    m = match(old, new)
    assert pairs(m) == [(0, 0), (1, 2), (2, 1)] and not (m.removed or m.added or m.replaced)


def test_a_deleted_action_does_not_pull_in_its_similar_sibling() -> None:
    # 4.1.1 deleted and 4.1.2 renumbered 4.1.1: the old 4.1.1 (0.8 alike) must not take the number
    old = [Keyed("4.1.1", RECOVERY), Keyed("4.1.2", CARE)]
    new = [Keyed("4.1.1", CARE)]
    m = match(old, new)
    assert pairs(m) == [(1, 0)] and m.removed == [0] and m.added == []


def test_moved_and_reworded() -> None:
    m = match([Keyed("5.1.2", TRAINING)], [Keyed("5.2.1", TRAINING.replace("rolling programme", "rolling plan"))])
    assert pairs(m) == [(0, 0)] and 0.75 <= m.pairs[0].similarity < 1


def test_different_numbers_and_different_words_are_removal_and_addition() -> None:
    m = match([Keyed("1.1.1", CARE)], [Keyed("1.1.2", TRAINING)])
    assert m.pairs == [] and m.removed == [0] and m.added == [0]


def test_short_texts_move_only_when_identical() -> None:
    m = match([Keyed("1.1.1", "Review pathway")], [Keyed("1.2.1", "Review pathways")])
    assert m.pairs == [] and m.removed == [0] and m.added == [0]
    m = match([Keyed("1.1.1", "Review pathway")], [Keyed("1.2.1", "Review pathway")])
    assert pairs(m) == [(0, 0)]


def test_a_record_listed_twice_pairs_with_the_copy_whose_details_agree() -> None:
    old = [Keyed("1.1.1", CARE, "Idea"), Keyed("1.1.1", CARE, "Complete")]
    new = [Keyed("1.1.1", CARE, "Complete"), Keyed("1.1.1", CARE, "Idea")]
    assert pairs(match(old, new)) == [(0, 1), (1, 0)]


def test_every_record_is_accounted_for_once() -> None:
    old = [Keyed("1.1.1", CARE), Keyed("1.1.2", DOOR), Keyed("1.1.3", TRAINING), Keyed("1.1.4", "Short one")]
    new = [Keyed("1.1.1", DOOR), Keyed("1.2.1", CARE), Keyed("1.1.4", "Something else entirely here now")]
    m = match(old, new)
    olds = [p.old for p in m.pairs] + [p.old for p in m.replaced] + m.removed
    news = [p.new for p in m.pairs] + [p.new for p in m.replaced] + m.added
    assert sorted(olds) == list(range(len(old))) and sorted(news) == list(range(len(new)))
