"""Dates and version numbers in file names, titles and a document's front page.

Officers name revisions the way people do: "Plan v2.docx", "plan 2020-06.pdf", "Action plan
June 2020 (revision 3).pdf", "SH plan 2019-20.pdf", "plan_15.06.2020.pdf"; the document itself
may say "Version 2.0" under its title. `NameReader` finds the date and the version number in
such text; `front_matter_revision` finds what a document says of its own version on its first
lines (kept as `Document.revision`). The diff puts revisions in order with them
(`pipeline/diff/revision_order.py`), and the workbooks print the version in their page header.

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
    from pipeline.core.layout import Layout
    from pipeline.rules import Rules

FRONT_BLOCKS = 12  # the blocks before the first table (and at most this many) are the front page

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

    def marks_of(self, name: str, title: str = "", revision: str | None = None) -> Marks:
        """Date and version from a file name (without its extension), else from what the
        document says of its version (`revision`), else from the title."""
        texts = (name, revision or "", title)
        date = next((d for d in map(self.find_date, texts) if d), None)
        version = next((v for v in map(self.find_version, texts) if v), None)
        return Marks(date, version)

    def find_version_text(self, text: str) -> str | None:
        """The version as written: "Action plan - Version 2.0 (June 2020)" -> "Version 2.0"."""
        match = self.version_pattern.search(text.replace("_", " "))
        return match.group(0).strip() if match else None


def front_matter_revision(layout: Layout, rules: Rules) -> str | None:
    """What a document says of its own version on its front page: "Version 2.0", "Revision 3 -
    June 2020" (the line that names it, as written), or None.

    Only the blocks before its first table are read (page furniture included: a running header
    often carries the version), so an action's text ("Draft 2 of the leaflet") is never taken.
    """
    reader = NameReader.from_rules(rules)
    for block in layout.blocks[:FRONT_BLOCKS]:
        if block.kind == "table":
            break
        for line in block.text.splitlines():
            if reader.find_version(line):
                text = " ".join(line.split())
                return text if len(text) <= 80 else reader.find_version_text(text)
    return None


@lru_cache(maxsize=8)
def _reader(months: tuple[tuple[str, int], ...], version_words: tuple[str, ...]) -> NameReader:
    return NameReader(dict(months), version_words)
