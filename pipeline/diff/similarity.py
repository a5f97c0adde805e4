"""How alike two texts are, and a word-by-word account of how one became the other.

Both work on words, not characters: officers reword plans a word or a phrase at a time, and a
word-level diff ("~~exisiting~~ **existing**") is what they can read. Texts are first put in
`compare_form`, so that what a layout or a font changed (curly quotes, dashes, spacing) is never
reported as a change in the plan.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.core.text import clean

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
_WORD = re.compile(r"\w+")

WordOp = tuple[str, str]  # ("=" | "-" | "+", words)


@lru_cache(maxsize=65536)  # grouping revisions asks it of every action of every plan, many times over
def compare_form(text: str | None) -> str:
    """The text as compared: cleaned, typographic quotes and dashes made plain, NFKC letters.

    "Carers\u2019  \u2013 support\\n" -> "Carers' - support";  None -> ""
    """
    if not text:
        return ""
    return clean(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY))


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case words of `text`, punctuation dropped: what similarity is measured on."""
    return tuple(_WORD.findall(compare_form(text).lower()))


def similarity(a: str | None, b: str | None) -> float:
    """How alike two texts are, 0..1: the share of words they have in common, in order.

    This is difflib's ratio over words (2 x matching words / all words). Identical texts give
    1.0; "Improve promotion of exisiting resources" vs "... existing resources" gives 0.8.
    Two empty texts are identical; an empty and a non-empty text share nothing.
    """
    ta, tb = tokens(a or ""), tokens(b or "")
    if ta == tb:
        return 1.0
    if not ta or not tb:
        return 0.0
    matcher = SequenceMatcher(None, ta, tb, autojunk=False)
    if matcher.real_quick_ratio() == 0.0:
        return 0.0
    return matcher.ratio()


class AgainstOne:
    """Many texts compared with one, reusing what is known of that one.

    The matcher compares every unmatched action of one revision with every unmatched action of
    the other, and grouping revisions compares each action with its namesake in every other
    plan; most pairs are told apart by counting shared words (difflib's quick bounds, on word
    counts kept per text), and only the rest are lined up word by word, with difflib's index of
    this text made once. A 500-action plan whose every number changed takes about a second.
    """

    def __init__(self, text: str | None) -> None:
        self.words = tokens(text or "")
        self.counts = _counts(self.words)
        self._matcher: SequenceMatcher[str] | None = None

    def at_least(self, other: str | None, floor: float) -> float | None:
        """`similarity(other, text)` when it reaches `floor`, else None (cheap bounds first)."""
        words = tokens(other or "")
        if words == self.words:
            return 1.0
        if not words or not self.words:
            return 0.0 if floor <= 0.0 else None
        length = len(words) + len(self.words)
        if 2.0 * min(len(words), len(self.words)) / length < floor:  # difflib's real_quick_ratio
            return None
        few, many = _counts(words), self.counts
        shared = sum(min(few[w], many[w]) for w in few.keys() & many.keys())
        if 2.0 * shared / length < floor:  # difflib's quick_ratio: the words both have, in any order
            return None
        if self._matcher is None:
            self._matcher = SequenceMatcher(None, autojunk=False)
            self._matcher.set_seq2(self.words)
        self._matcher.set_seq1(words)
        ratio = self._matcher.ratio()
        return ratio if ratio >= floor else None


@lru_cache(maxsize=65536)
def _counts(words: tuple[str, ...]) -> dict[str, int]:
    """How often each word occurs (read only: shared by every caller)."""
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return counts


@lru_cache(maxsize=16384)
def against(text: str | None) -> AgainstOne:
    """One `AgainstOne` per text, kept: a plan's action is compared with its namesakes in many plans."""
    return AgainstOne(text)


def reaches(a: str | None, b: str | None, floor: float) -> bool:
    """`similarity(a, b) >= floor`, with difflib's cheap upper bounds tried before the full count."""
    return against(b).at_least(a, floor) is not None


def word_count(text: str | None) -> int:
    return len(tokens(text or ""))


def word_diff(old: str | None, new: str | None) -> list[WordOp]:
    """How `old` became `new`, word by word, as runs of kept ("="), dropped ("-") and added ("+").

    "Improve promotion of exisiting resources" -> "Improve promotion of existing resources":
    [("=", "Improve promotion of"), ("-", "exisiting"), ("+", "existing"), ("=", "resources")]

    Words keep their punctuation ("services;") so the runs read back as the two texts exactly.
    """
    a, b = compare_form(old).split(), compare_form(new).split()
    ops: list[WordOp] = []

    def add(op: str, words: list[str]) -> None:
        if not words:
            return
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + " " + " ".join(words))
        else:
            ops.append((op, " ".join(words)))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", a[i1:i2])
        else:
            add("-", a[i1:i2])
            add("+", b[j1:j2])
    return ops
