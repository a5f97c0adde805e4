"""The rules as typed objects, and the lookups every reader and extractor asks the same way.

Vocabulary lookups (status word -> canonical status, header words -> the fields they suggest,
a cell's fill colour -> a RAG status) live here so that every format's reader and extractor asks
the same question the same way. Each rule file's loader (`files.py`) returns one of the typed
groups below; `Rules` is built from them field by field, never from an unchecked dict.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from pipeline.core.text import fold
from pipeline.rules.patterns import RulePattern

T = TypeVar("T")

SQUEEZED = ":squeezed"  # header index keyed without spaces, for headers broken inside a word

# What a status means, whatever a plan's words for it: the contract's families, in the order of
# the road to done. `off track` covers at risk, amber, red, delayed; `waiting` on hold, blocked.
STATUS_FAMILIES = ("not started", "underway", "off track", "waiting", "complete", "closed")

# How far a cell's fill may be from a status's listed colour and still mean it: a distance in
# RGB (0-441). Shades of one RAG colour differ from each other by about 60-100; red and amber by
# about 190, so a cell is never read as the wrong one of them.
COLOUR_DISTANCE = 110
# White, greys and black have no hue: a fill whose brightest and dullest channels differ by less
# than this is shading, not a RAG colour (the palest RAG fills, such as C6EFCE, differ by 41).
MIN_CHROMA = 30


@dataclass(frozen=True)
class StatusRule:
    label: str
    family: str  # one of STATUS_FAMILIES
    progress: int
    colour: str
    meaning: str
    synonyms: tuple[str, ...]
    blocked: bool = False
    open_ended: bool = False
    waits_on: tuple[RulePattern, ...] = ()
    cell_colours: tuple[str, ...] = ()  # fills that mean this status in a RAG cell with no word


@dataclass(frozen=True)
class RatingRule:
    """One rating of a self-assessment form's RAG column, e.g. Amber (FFD966), also written "A"."""

    label: str
    colour: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class AgeRule:
    label: str
    meaning: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Programme:
    name: str


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 200
    max_pages: int = 2000
    seconds_per_document: float = 120
    seconds_per_pattern: float = 2
    memory_mb: int = 1536
    max_unzipped_mb: float = 100
    max_stream_mb: float = 100
    max_html_depth: int = 400
    garbled_ratio: float = 0.2
    max_sheet_rows: int = 100000
    max_sheet_cells: int = 2000000


@dataclass(frozen=True)
class Boilerplate:
    phrases: tuple[str, ...]
    sections: tuple[str, ...]
    labels: tuple[str, ...]
    html_selectors: tuple[str, ...]
    html_main: tuple[str, ...]

    def is_phrase(self, text: str) -> bool:
        folded = fold(text)
        return any(p in folded for p in self._folded_phrases) or folded in self._folded_labels

    def is_section(self, heading: str) -> bool:
        return fold(heading) in self._folded_sections

    @cached_property
    def _folded_phrases(self) -> tuple[str, ...]:
        return tuple(fold(p) for p in self.phrases)

    @cached_property
    def _folded_labels(self) -> frozenset[str]:
        return frozenset(fold(x) for x in self.labels)

    @cached_property
    def _folded_sections(self) -> frozenset[str]:
        return frozenset(fold(s) for s in self.sections)


# --------------------------------------------------------------------------- one group per file


@dataclass(frozen=True)
class StatusRules:
    """rules/statuses.yaml"""

    statuses: tuple[StatusRule, ...]
    index: dict[str, StatusRule]


@dataclass(frozen=True)
class AgeRules:
    """rules/age_groups.yaml"""

    groups: tuple[AgeRule, ...]
    index: dict[str, AgeRule]


@dataclass(frozen=True)
class HeaderRules:
    """rules/headers.yaml: the words of each field's column headers, and hints read in cells."""

    headers: dict[str, dict[str, tuple[str, ...]]]  # table kind -> field -> header phrases
    index: dict[str, dict[str, str]]  # guidance form headers, folded -> field (equality)
    lead_words: tuple[str, ...]  # words of organisations and roles, seen in a lead column's cells
    timescale_words: tuple[str, ...]  # words of a timescale column's cells besides dates
    measure_words: tuple[str, ...] = ()  # a header ending in one holds measures: it names no field


@dataclass(frozen=True)
class ReferenceRules:
    """rules/references.yaml: how plans number things and cite them."""

    action_id: str
    outcome_id: str
    section_id: str
    id_token: str  # one id as plans print it, in any scheme (2.3.1, A1, SP1.2, ACT-07)
    id_labels: tuple[str, ...]  # words printed before an id that are not part of it ("Action 3")
    hierarchy_labels: dict[str, tuple[str, ...]]  # "section" | "outcome" -> label words
    section_headings: tuple[RulePattern, ...]
    document_parts: tuple[RulePattern, ...]  # headings naming a part of the document, not a level
    link_cues: tuple[str, ...]
    citation_words: tuple[str, ...]  # words before a plain number that cite an action ("see 4")
    dependency_cues: tuple[str, ...]
    quality_statements: RulePattern


@dataclass(frozen=True)
class ProgrammeRules:
    """rules/programmes.yaml"""

    programmes: tuple[Programme, ...]
    numbered_items: tuple[str, ...]
    outside_codes: tuple[RulePattern, ...]  # numbered documents of outside bodies (NICE NG10)


@dataclass(frozen=True)
class GuidanceRules:
    """rules/guidance.yaml"""

    priority_patterns: tuple[RulePattern, ...]
    boilerplate: Boilerplate
    note_starters: tuple[str, ...]
    ratings: tuple[RatingRule, ...]
    rating_index: dict[str, RatingRule]


@dataclass(frozen=True)
class DocumentRules:
    """rules/documents.yaml: per-file settings and the words of revision names."""

    kinds: dict[str, str]
    passwords: dict[str, str]
    columns: dict[str, dict[str, str]]  # file pattern -> header as printed -> field
    revisions: dict[str, tuple[str, ...]]
    revision_months: dict[str, int]
    revision_version_words: tuple[str, ...]


# --------------------------------------------------------------------------- all the rules


@dataclass(frozen=True, eq=False)
class Rules:
    directory: Path
    fingerprint: str
    statuses: tuple[StatusRule, ...]
    age_groups: tuple[AgeRule, ...]
    headers: dict[str, dict[str, tuple[str, ...]]]
    lead_words: tuple[str, ...]
    timescale_words: tuple[str, ...]
    action_id: str
    outcome_id: str
    section_id: str
    id_token: str
    id_labels: tuple[str, ...]
    hierarchy_labels: dict[str, tuple[str, ...]]
    section_headings: tuple[RulePattern, ...]
    document_parts: tuple[RulePattern, ...]  # headings naming a part of the document, not a level
    link_cues: tuple[str, ...]
    citation_words: tuple[str, ...]  # words before a plain number that cite an action ("see 4")
    dependency_cues: tuple[str, ...]
    quality_statements: RulePattern
    programmes: tuple[Programme, ...]
    numbered_items: tuple[str, ...]
    outside_codes: tuple[RulePattern, ...]
    priority_patterns: tuple[RulePattern, ...]
    boilerplate: Boilerplate
    note_starters: tuple[str, ...]
    ratings: tuple[RatingRule, ...]
    question_patterns: tuple[dict[str, Any], ...]
    entity_patterns: tuple[dict[str, Any], ...]
    kinds: dict[str, str]
    passwords: dict[str, str]
    columns: dict[str, dict[str, str]]
    revisions: dict[str, tuple[str, ...]]
    revision_months: dict[str, int]
    revision_version_words: tuple[str, ...]
    limits: Limits
    measure_words: tuple[str, ...] = ()  # rules/headers.yaml `measures`: see HeaderRules
    _status_index: dict[str, StatusRule] = field(default_factory=dict, repr=False, compare=False)
    _age_index: dict[str, AgeRule] = field(default_factory=dict, repr=False, compare=False)
    _rating_index: dict[str, RatingRule] = field(default_factory=dict, repr=False, compare=False)
    _header_index: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # lookups ---------------------------------------------------------------------------
    def status_for(self, raw: str | None) -> StatusRule | None:
        """The status a cell means: the longest synonym the cell starts with.

        "Initial meeting held in May" -> Initial meeting; "Not started" -> Idea; "Hmm" -> None.
        A one-letter synonym ("G" for Green) counts only as the whole cell: "A review ..." is
        not Amber.
        """
        if not raw:
            return None
        folded = fold(raw)
        whole = self._status_index.get(folded)
        if whole is not None:
            return whole
        # the longest synonym of two letters or more that the cell starts with, followed by a
        # separator: each separator's position is tried, from the end, as where a synonym ends
        for end in range(len(folded) - 1, 1, -1):
            if folded[end] in _AFTER_STATUS:
                rule = self._status_index.get(folded[:end])
                if rule is not None:
                    return rule
        return None

    def status_by_label(self, label: str | None) -> StatusRule | None:
        return next((s for s in self.statuses if s.label == label), None)

    def status_for_colour(self, fill: str | None) -> StatusRule | None:
        """The status a RAG cell's fill colour means ("FF0000" -> the red one), or None.

        White, greys and colours far from every listed one mean nothing: a header's shading or a
        zebra stripe never becomes a status.
        """
        rgb = _rgb(fill)
        if rgb is None or max(rgb) - min(rgb) < MIN_CHROMA:
            return None
        best: tuple[float, StatusRule] | None = None
        for rule in self.statuses:
            for colour in rule.cell_colours:
                other = _rgb(colour)
                assert other is not None
                distance = sum((a - b) ** 2 for a, b in zip(rgb, other, strict=True)) ** 0.5
                if distance <= COLOUR_DISTANCE and (best is None or distance < best[0]):
                    best = (distance, rule)
        return best[1] if best else None

    def nearest_status_word(self, raw: str | None) -> str | None:
        """The known status word a misspelt one is closest to ("Undreway" -> "Underway"), or None.

        Only suggests: an unknown word is never read as a status by guessing.
        """
        if not raw:
            return None
        folded = fold(raw)
        words = list(self._status_index)
        first = " ".join(folded.split()[:3])
        for candidate in (folded, first, folded.split()[0] if folded.split() else folded):
            close = difflib.get_close_matches(candidate, words, n=1, cutoff=0.8)
            if close and len(close[0]) > 2:
                rule = self._status_index[close[0]]
                return next((s for s in (rule.label, *rule.synonyms) if fold(s) == close[0]), close[0])
        return None

    def rating_for(self, raw: str | None) -> RatingRule | None:
        """The rating a form's RAG cell means: "amber" or "A" -> Amber; "partly" -> None."""
        if not raw:
            return None
        return self._rating_index.get(fold(raw))

    def age_for(self, raw: str | None) -> AgeRule | None:
        """The age group a whole cell means: "Children and young people" -> CYP."""
        if not raw:
            return None
        return self._age_index.get(fold(raw))

    def header_field(self, table: str, text: str) -> str | None:
        """The field a guidance form's column header names, e.g. "Current position" -> "response".

        A narrow column can break a header inside a word ("Objectiv" / "e" in a PDF); when the
        header as written matches nothing, it is compared once more with all spaces removed.
        Plan tables are not read this way: their columns are scored (extract/plan_columns.py).
        """
        folded = fold(text)
        found = self._header_index.get(table, {}).get(folded)
        if found is None:
            found = self._header_index.get(table + SQUEEZED, {}).get(folded.replace(" ", ""))
        return found

    def status_synonyms(self) -> list[tuple[str, StatusRule]]:
        """Every (synonym, status), longest first: the order to try them in running text."""

        def make() -> list[tuple[str, StatusRule]]:
            return sorted(self._status_index.items(), key=lambda kv: (-len(kv[0]), kv[0]))

        return list(self.derived("status_synonyms", make))

    def derived(self, key: str, make: Callable[[], T]) -> T:
        """Something computed from these rules once (a compiled pattern, a sorted list) and kept:
        a reader asks for it per cell, and rules do not change while a document is read."""
        if key not in self._derived:
            self._derived[key] = make()
        return cast(T, self._derived[key])

    def age_synonyms(self) -> list[tuple[str, AgeRule]]:
        return sorted(self._age_index.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    def kind_for(self, file_name: str) -> str | None:
        return next((kind for pattern, kind in self.kinds.items() if fnmatchcase(file_name, pattern)), None)

    def password_for(self, file_name: str) -> str | None:
        return next((pw for pattern, pw in self.passwords.items() if fnmatchcase(file_name, pattern)), None)

    def columns_for(self, file_name: str) -> dict[str, str]:
        """Column headers pinned to fields for this file (rules/documents.yaml `columns:`), folded."""
        out: dict[str, str] = {}
        for pattern, mapping in self.columns.items():
            if fnmatchcase(file_name, pattern):
                out.update({fold(header): name for header, name in mapping.items()})
        return out


# What may follow a status word in its cell: a space, punctuation, or a bracket ("Delayed (new
# date)", "On hold - awaiting funding", "Green: on track", "Complete.").
# What may follow a status word at the start of a cell ("Complete - see note"); single characters.
_AFTER_STATUS = frozenset(" ,(-–—:;/.")


def _rgb(colour: str | None) -> tuple[int, int, int] | None:
    if not colour or not re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
        return None
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)
