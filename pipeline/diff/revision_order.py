"""Which revision came first: dates and version numbers in file names and titles.

Officers name revisions the way people do: "Plan v2.docx", "plan 2020-06.pdf", "Action plan
June 2020 (revision 3).pdf", "SH plan 2019-20.pdf", "plan_15.06.2020.pdf". Each name (and the
document's title) is searched for a date and for a version number; a group of revisions is
ordered by whichever of the two all of them carry — except possibly one, the original, which
often has neither ("plan.pdf" then "plan v2.pdf") and so comes first. When neither tells, file
name order is used and the caller is told so (a rule in rules/documents.yaml can pin the order).

Month names and version words come from rules/documents.yaml (`revision_months:`,
`revision_version_words:`), so other spellings and languages are added there. Dates written in
figures are read day first (UK): 05/06/2020 is 5 June.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.rules import Rules

_YEAR = r"(?:19|20)\d{2}"

Date = tuple[int, int, int]  # (year, month, day); 0 where not given
Version = tuple[int, ...]


@dataclass(frozen=True)
class Marks:
    """What a name or title says about when it was written."""

    date: Date | None = None
    version: Version | None = None

    def describe(self) -> str:
        bits = []
        if self.date:
            y, m, d = self.date
            bits.append("-".join(f"{v:02d}" if i else str(v) for i, v in enumerate((y, m, d)) if v))
        if self.version:
            bits.append("v" + ".".join(map(str, self.version)))
        return ", ".join(bits)


class NameReader:
    """Reads dates and versions with one vocabulary of month names and version words."""

    def __init__(self, months: dict[str, int], version_words: tuple[str, ...]) -> None:
        self.months = {name.lower(): number for name, number in months.items()}
        names = "|".join(re.escape(m) for m in sorted(self.months, key=len, reverse=True)) or r"(?!x)x"
        self.date_patterns = (
            # 2020-06-15, 2020.06, 2020 06
            re.compile(
                rf"(?<!\d)(?P<y>{_YEAR})[-./ ](?P<m>1[0-2]|0?[1-9])(?:[-./ ](?P<d>3[01]|[12]\d|0?[1-9]))?(?!\d)"
            ),
            # 15/06/2020, 15.06.2020, 15-6-2020 (day first)
            re.compile(rf"(?<!\d)(?P<d>3[01]|[12]\d|0?[1-9])[-./](?P<m>1[0-2]|0?[1-9])[-./](?P<y>{_YEAR})(?!\d)"),
            # 15 June 2020, 15th Jun 2020, June 2020, Jun. 2020, June-2020
            re.compile(
                rf"(?:(?<!\d)(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?[\s-]+)?(?<![^\W\d_])(?P<mon>{names})\b\.?,?"
                rf"[\s-]*(?P<y>{_YEAR})(?!\d)",
                re.IGNORECASE,
            ),
            # a year, or a financial year 2019-20 / 2019/2020 (its first year)
            re.compile(rf"(?<!\d)(?P<y>{_YEAR})(?:\s*[-/–]\s*(?:{_YEAR}|\d{{2}}))?(?!\d)"),
        )
        words = "|".join(re.escape(w) for w in sorted(version_words, key=len, reverse=True)) or r"(?!x)x"
        self.version_pattern = re.compile(
            rf"(?<![^\W\d_])(?:{words})\.?\s*(?!{_YEAR}(?!\d))(?P<n>\d+(?:\.\d+)*)(?!\d)", re.IGNORECASE
        )  # "Update 2020" is a year, not version 2020

    @classmethod
    def from_rules(cls, rules: Rules) -> NameReader:
        return _reader(tuple(sorted(rules.revision_months.items())), rules.revision_version_words)

    def find_date(self, text: str) -> Date | None:
        """The first date in `text`, most specific form first.

        "plan 2020-06 revision 2" -> (2020, 6, 0);  "Plan 15.06.2020" -> (2020, 6, 15);
        "Update June 2020" -> (2020, 6, 0);  "SH plan 2019-20" -> (2019, 0, 0);  "plan v2" -> None
        """
        text = text.replace("_", " ")
        for pattern in self.date_patterns:
            match = pattern.search(text)
            if match:
                groups = match.groupdict()
                month = self.months[groups["mon"].lower()] if groups.get("mon") else int(groups.get("m") or 0)
                return int(groups["y"]), month, int(groups.get("d") or 0)
        return None

    def find_version(self, text: str) -> Version | None:
        """A version or revision number: "Plan v2.1" -> (2, 1);  "revision 3" -> (3,);  "plan" -> None"""
        match = self.version_pattern.search(text.replace("_", " "))
        return tuple(int(p) for p in match.group("n").split(".")) if match else None

    def marks_of(self, name: str, title: str = "") -> Marks:
        """Date and version from a file name (without its extension), else from the title."""
        return Marks(self.find_date(name) or self.find_date(title), self.find_version(name) or self.find_version(title))


@lru_cache(maxsize=8)
def _reader(months: tuple[tuple[str, int], ...], version_words: tuple[str, ...]) -> NameReader:
    return NameReader(dict(months), version_words)


def order(items: list[tuple[str, Marks]]) -> tuple[list[str], str]:
    """`items` (name, marks) oldest first, and how the order was decided (said to the officer).

    By version when every revision has one, or all but one (the original); else by date on the
    same terms; else by file name.
    """
    n = len(items)
    versions = [m.version for _, m in items if m.version]
    dates = [m.date for _, m in items if m.date]
    if n > 1 and len(versions) >= n - 1 and len(set(versions)) == len(versions):
        ranked = sorted(items, key=lambda it: (it[1].version or (0,), it[1].date or (0, 0, 0), it[0]))
        return [name for name, _ in ranked], "by the version in each name"
    if n > 1 and len(dates) >= n - 1 and len(set(dates)) == len(dates):
        ranked = sorted(items, key=lambda it: (it[1].date or (0, 0, 0), it[1].version or (0,), it[0]))
        return [name for name, _ in ranked], "by the date in each name"
    return sorted(name for name, _ in items), "by file name (no dates or versions to go by)"
