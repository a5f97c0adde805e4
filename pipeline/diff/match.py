"""Which record of the old revision is which record of the new one: by number, then by words.

Plans renumber. An action dropped from outcome 4.1 and put under a new outcome 4.2 comes back
as 4.2.1; when one action is deleted the council may renumber the rest. Matching by number
alone would report a renumbered action as one removal plus one addition, and — worse — pair
two different actions that happen to share a number after a renumbering. So a record is
matched on its number *and* its words, in three passes:

1. Same number, same words (after `similarity.compare_form`): the same record, unchanged.
2. Every remaining pair that could be the same record gets a score, and the best-scoring pairs
   are taken first, each record at most once:
   - same number, words at least `SAME_ID_MIN` (0.5) alike: score = similarity + `SAME_ID_BONUS`
     (0.1). The record kept its number and was *reworded*. Half the words in common, in order,
     is the line: a council that rewrites a sentence keeps most of it; one that reuses a number
     for a new piece of work shares little more than "Review the" with the old one.
   - different number, words at least `MOVED_MIN` (0.75) alike: score = similarity. The record
     *moved* (renumbered, perhaps to another outcome), perhaps reworded too. The bar is higher
     because the number no longer vouches for it: sibling actions in one plan often share most
     of their words (in the seed plan 5.1.2 and 5.1.4 are 0.9 alike, 4.1.1 and 4.1.2 0.82), so
     a renumbered action must be clearly closer to its old self than to its neighbours. Texts
     of fewer than `SHORT_TEXT_WORDS` words move only when identical: "Review" says too little.
   Best first means an action that kept its exact words under a new number (score 1.0) is
   matched before a weaker same-number pairing (e.g. 0.82 + 0.1), which is what makes a
   renumbering cascade (4.1.2 -> 4.2.1, 4.1.3 -> 4.1.2) come out as two moves.
3. Same number, both still unmatched: the words changed too much to be the same record (below
   `SAME_ID_MIN`) — the number now holds different work: *replaced*.

What is left is removed (old) or added (new). Ties are broken by position, so the result is
the same on every run. Order of records in the document never matters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.diff.similarity import AgainstOne, compare_form, similarity, word_count

SAME_ID_MIN = 0.5
SAME_ID_BONUS = 0.1
MOVED_MIN = 0.75
SHORT_TEXT_WORDS = 4


@dataclass(frozen=True)
class Keyed:
    """What the matcher sees of a record: its number and its words.

    `detail` (status, links, age group ...) only breaks ties: when a plan lists the same action
    twice with different statuses, the copy whose details also agree is paired first.
    """

    id: str
    text: str
    detail: str = ""


@dataclass(frozen=True)
class Pair:
    old: int  # index into the old records
    new: int  # index into the new records
    similarity: float


@dataclass
class Matching:
    pairs: list[Pair] = field(default_factory=list)  # the same record in both revisions
    replaced: list[Pair] = field(default_factory=list)  # same number, different record
    removed: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)

    def old_to_new(self) -> dict[int, int]:
        return {p.old: p.new for p in self.pairs}


def match(old: Sequence[Keyed], new: Sequence[Keyed]) -> Matching:
    """Pair the records of two revisions (see the module docstring for how and why)."""
    free_old = set(range(len(old)))
    free_new = set(range(len(new)))
    out = Matching()

    # 1. same number, same words (same details first, for records listed twice)
    for with_detail in (True, False):
        waiting: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for j in sorted(free_new):
            waiting[_exact_key(new[j], with_detail)].append(j)
        for i in sorted(free_old):
            queue = waiting.get(_exact_key(old[i], with_detail))
            if queue:
                j = queue.pop(0)
                out.pairs.append(Pair(i, j, 1.0))
                free_old.discard(i)
                free_new.discard(j)

    # 2. best-scoring pairs first
    candidates: list[tuple[float, int, bool, int, int, float]] = []
    for j in sorted(free_new):
        against = AgainstOne(new[j].text)
        for i in sorted(free_old):
            if old[i].id and old[i].id == new[j].id:
                sim = similarity(old[i].text, new[j].text)
                if sim >= SAME_ID_MIN:
                    candidates.append((-(sim + SAME_ID_BONUS), 0, old[i].detail != new[j].detail, i, j, sim))
                continue
            short = min(word_count(old[i].text), len(against.words)) < SHORT_TEXT_WORDS
            found = against.at_least(old[i].text, 1.0 if short else MOVED_MIN)
            if found is not None:
                candidates.append((-found, 1, old[i].detail != new[j].detail, i, j, found))
    for _score, _moved, _differs, i, j, sim in sorted(candidates):
        if i in free_old and j in free_new:
            out.pairs.append(Pair(i, j, round(sim, 4)))
            free_old.discard(i)
            free_new.discard(j)

    # 3. same number, different work
    for i in sorted(free_old):
        same = next((j for j in sorted(free_new) if old[i].id and new[j].id == old[i].id), None)
        if same is not None:
            out.replaced.append(Pair(i, same, round(similarity(old[i].text, new[same].text), 4)))
            free_old.discard(i)
            free_new.discard(same)

    out.pairs.sort(key=lambda p: (p.old, p.new))
    out.removed = sorted(free_old)
    out.added = sorted(free_new)
    return out


def _exact_key(record: Keyed, with_detail: bool) -> tuple[str, ...]:
    key = (record.id, compare_form(record.text))
    return (*key, record.detail) if with_detail else key
