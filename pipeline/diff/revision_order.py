"""Which revision came first: versions, then dates, then what the documents show.

Every pair of revisions is decided on its own, by the first of these that tells them apart:

1. version numbers: "plan v1" before "plan v2", "Version 2.0" on a front page before "3.1";
2. dates: "plan 2019-20" before "plan June 2020";
3. evidence in the documents: the newer revision is the one its actions' statuses moved on to
   (more actions moved forward than went back going from one to the other);
4. an original without a version or date before a numbered one ("plan.pdf", "plan v2.pdf");
5. file name, when nothing else tells (the officer is told; a rule can pin the order).

The order is then the one that agrees with those pairwise decisions (each revision placed by
how many of the others it comes after). A pair's decision depends on the two documents alone,
so adding another file never turns round two revisions that were already in order. Two files
holding the same plan word for word are duplicates, said so; numbered revisions with a gap
("v1", "v3") are said to miss the ones between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.language.revision_marks import Marks, NameReader

__all__ = ["Marks", "NameReader", "Ordered", "order"]

# "a before b" by the documents' own evidence: > 0 when a is older, < 0 when b is, 0 when it cannot tell.
Evidence = Callable[[str, str], int]

REASONS = {
    "version": "by version",
    "date": "by date",
    "evidence": "by how the statuses moved on between them",
    "original": "the one without a version first",
    "name": "by file name (no version, date or status change to go by)",
}


@dataclass
class Ordered:
    """Revisions oldest first, why each follows the one before, and anything odd found on the way."""

    names: list[str]
    why: list[str] = field(default_factory=list)  # one per revision after the first
    how: str = ""  # the whole order in one phrase ("by the version in each name")
    notes: list[str] = field(default_factory=list)  # duplicates, missing versions, a guess by name


def _decide(a: tuple[str, Marks], b: tuple[str, Marks], evidence: Evidence | None) -> tuple[int, str]:
    """(< 0 if a is older, > 0 if b is, never 0) and the reason that decided."""
    (name_a, ma), (name_b, mb) = a, b
    if ma.version and mb.version and ma.version != mb.version:
        return (-1 if ma.version < mb.version else 1), "version"
    if ma.date and mb.date and ma.date != mb.date:
        return (-1 if ma.date < mb.date else 1), "date"
    told = evidence(name_a, name_b) if evidence else 0
    if told:
        return (-1 if told > 0 else 1), "evidence"
    unmarked_a, unmarked_b = not (ma.version or ma.date), not (mb.version or mb.date)
    if unmarked_a != unmarked_b:
        return (-1 if unmarked_a else 1), "original"
    return (-1 if name_a < name_b else 1), "name"


def order(items: list[tuple[str, Marks]], evidence: Evidence | None = None) -> Ordered:
    """`items` (name, marks) oldest first; see the module docstring."""
    n = len(items)
    if n < 2:
        return Ordered([name for name, _ in items], how="(one revision)")
    decided: dict[tuple[str, str], tuple[int, str]] = {}
    after = dict.fromkeys((name for name, _ in items), 0)  # how many others each one comes after
    for i in range(n):
        for j in range(i + 1, n):
            sign, reason = _decide(items[i], items[j], evidence)
            a, b = items[i][0], items[j][0]
            decided[(a, b)] = (sign, reason)
            decided[(b, a)] = (-sign, reason)
            after[b if sign < 0 else a] += 1
    names = sorted(after, key=lambda name: (after[name], name))
    why = [decided[(names[k - 1], names[k])][1] for k in range(1, n)]
    marks = dict(items)
    result = Ordered(names, [_why(marks[names[k - 1]], marks[names[k]], why[k - 1]) for k in range(1, n)])
    result.how = _how(why)
    if "name" in why:
        result.notes.append(
            f"{', '.join(names)}: nothing told some of them apart (no version, date or status change); "
            "ordered by file name. Pin the order under revisions: in rules/documents.yaml if that is wrong"
        )
    result.notes += _missing_versions([marks[name] for name in names], names)
    return result


def _why(older: Marks, newer: Marks, reason: str) -> str:
    if reason == "version":
        return f"{_version(newer)} after {_version(older)}"
    if reason == "date":
        return f"{newer.describe().split(', ')[0]} after {older.describe().split(', ')[0]}"
    if reason == "evidence":
        return "its statuses moved on from the one before"
    if reason == "original":
        return "numbered, after the original, which has no version or date"
    return REASONS[reason]


def _version(marks: Marks) -> str:
    return "v" + ".".join(map(str, marks.version or ()))


def _how(why: list[str]) -> str:
    used = list(dict.fromkeys(why))
    if used == ["version"]:
        return "by the version of each"
    if used == ["date"]:
        return "by the date of each"
    if used == ["name"]:
        return REASONS["name"]
    return "; ".join(REASONS[r] for r in used)


def _missing_versions(marks: list[Marks], names: list[str]) -> list[str]:
    """Whole-number versions with a gap: "v1, v3: there is no v2 among them"."""
    numbers = sorted({m.version[0] for m in marks if m.version and len(m.version) == 1})
    gaps = [v for v in range(numbers[0], numbers[-1]) if v not in numbers] if numbers else []
    if not gaps:
        return []
    missing = ", ".join(f"v{v}" for v in gaps)
    return [f"{', '.join(names)}: no {missing} among them; the diff goes straight across the gap"]
