"""Words a narrow table column broke in two ("Objectiv" / "e"), put back together.

Word processors break a word across lines only when the whole word is wider than the column,
and then at the last letter that fits. Seen from the PDF, such a break is a line holding a
single word that reaches the column's right edge, followed by a line that opens with a small
letter. An ordinary wrap between two words can look the same ("partners" / "across"), so
geometry only proposes a break (marked with a soft hyphen, U+00AD, before the line break) and
the document's own vocabulary decides, once all pages are read:

- join when the joined word occurs elsewhere in the document ("objective"), or when neither
  piece occurs anywhere else and the second is short ("Timescal" / "e", "Depende" / "ncies");
- otherwise keep the line break (it was a wrap between two words).

A mark that is never resolved is harmless: the text cleaner drops soft hyphens.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.core.layout import Block

MARK = "\u00ad"
_CANDIDATE = re.compile(rf"(\S+){MARK}\n(\S+)")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class WordBreakSettings:
    """When a line break may have cut a word in two, and when the pieces are joined."""

    letter: float = 0.5
    """Room, in font sizes, that a lone word must leave short of the column's edge for the next
    letter to have fitted: a lower-case letter is 0.4 to 0.6 of the size wide, so a word ending
    closer than half a size to the edge was stopped by the edge, not by a space."""
    short_tail: int = 5
    """Letters: a second piece this short that occurs nowhere else in the document is not a word
    of its own ("e", "ncies"); English words of up to five letters are common enough to occur
    elsewhere in a plan if they are real."""

    def __post_init__(self) -> None:
        if not 0 < self.letter <= 2 or self.short_tail < 1:
            raise ValueError("letter must be in (0, 2] font sizes and short_tail at least 1")


WORD_BREAKS = WordBreakSettings()


def proposes_break(last_word_x1: float, right_edge: float, next_text: str, size: float) -> bool:
    """Geometry: a lone word ending where the next letter could not fit, then a small letter."""
    if not next_text or not next_text[0].islower():
        return False
    return last_word_x1 + WORD_BREAKS.letter * size > right_edge


def resolve(blocks: list[Block]) -> None:
    """Settle every proposed break in the table cells and text of `blocks`, in place."""
    texts = [cell.text for block in blocks for row in block.rows for cell in row.cells] + [b.text for b in blocks]
    if not any(MARK in text for text in texts):
        return
    vocabulary = words_of(texts)
    for block in blocks:
        block.text = _settle(block.text, vocabulary)
        for row in block.rows:
            for cell in row.cells:
                cell.text = _settle(cell.text, vocabulary)


def words_of(texts: list[str]) -> Counter[str]:
    """Every word of the texts but the pieces of proposed breaks, lower-cased, counted.

    Counted once over all the text joined by spaces: a word never holds a space, so joining
    adds or merges none (a long plan's cells, one by one, cost more than the rest of this step).
    """
    words = " ".join(_CANDIDATE.sub(" ", text).replace(MARK, "") if MARK in text else text for text in texts)
    return Counter(map(str.lower, _TOKEN.findall(words)))


def _settle(text: str, vocabulary: Counter[str]) -> str:
    if MARK not in text:
        return text

    def decide(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        head_word, tail_word = _bare(head), _bare(tail)
        joined = (head_word + tail_word).lower()
        if vocabulary[joined] or (
            not vocabulary[head_word.lower()]
            and not vocabulary[tail_word.lower()]
            and len(tail_word) <= WORD_BREAKS.short_tail
        ):
            return head + tail
        return f"{head}\n{tail}"

    return _CANDIDATE.sub(decide, text).replace(MARK, "")


def _bare(piece: str) -> str:
    """The letters of a piece without surrounding punctuation: "(Objectiv" -> "Objectiv"."""
    found = _TOKEN.search(piece)
    return found.group(0) if found else piece
