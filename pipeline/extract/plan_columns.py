"""Which field each column of a plan table holds: scored from its header words and its cells.

Councils name and order their columns every way there is ("Progress (RAG)", "RAG rating &
update", "Lead officer / organisation", "By when?", an analyst's `ref_no`, `desc`, `rag`), and
some leave the header off. So a column is never looked up by its exact header; it is scored:

- **header**: how well the header's words contain a phrase the rules list for a field
  (rules/headers.yaml `plan:`): all of the header is the phrase -> 1.0; the phrase is some of
  the header's words -> between 0.55 and 0.95 by how much of the header it is;
- **cells**: what the cells under it hold: mostly status words (or empty cells filled with a RAG
  colour) -> status; dates, quarters, "Ongoing" -> timescale; ids -> id; age-group words -> age
  group; organisations and roles (`cells: lead:`) -> lead; long sentences -> text or update;
  a few words beside a longer column -> title.

The score of a field for a column is 0.6 x header + 0.4 x cells (cells alone can carry a
column with no useful header; a header alone carries a column with empty cells). Fields are
given to columns best score first, each field to one column; a column no field claims keeps
its header under `extra`. Every decision keeps its evidence and a confidence, shown in the JSON
(`tables`) and on the Extraction sheet; rules/documents.yaml `columns:` can pin a header to a
field for one file.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.core.layout import Cell
from pipeline.core.text import clean, fold
from pipeline.extract.records import ColumnDecision as Decision
from pipeline.language.headers import NAMES_FIELD, header_score
from pipeline.language.ids import closing_id, opening_id, whole_id
from pipeline.language.refs import starts_with_link_cue
from pipeline.rules import Rules

FIELDS = ("section", "outcome", "id", "title", "text", "status", "lead", "timescale", "update", "links", "age_group")
HEADER_WEIGHT = 0.6
CELL_WEIGHT = 0.4
THRESHOLD = 0.35  # below this a column is kept under `extra`
# A field read from cells alone must be clear in them: most cells, not a few.
CELLS_ALONE = 0.7
CELLS_ONLY_WEIGHT = 0.5  # ... and then they score on their own (0.35 at 0.7: just enough)
# A header that is mostly one field's phrase ("Action", "Action description"): a second text
# column must be named this clearly to be taken for a title beside the text.
STRONG_HEADER = 0.75
# A column named as the status whose cells are sentences without status words is read as the
# update, its header counting this much of what it would for the status.
NOTES_UNDER_STATUS = 0.8
NOTES_SAY_STATUS = 0.5  # ... unless this share of its cells open with a status word
# Cells that nearly all open with an id are an id column whatever the header says ("Action"
# over "1 - Stop smoking support in pregnancy").
IDS_IN_CELLS = 0.8
TITLE_WORDS = 10  # a title is a few words; a longer second column of text is a column of its own
MIN_ROW_TEXT_WORDS = 5  # words on average a column needs to hold each row's action under a merged one


@dataclass
class Columns:
    """A plan table's columns: the field each grid column holds (None: extra) and its header."""

    fields: list[str | None]
    headers: list[str]
    decisions: list[Decision] = field(default_factory=list)
    titled_ids: bool = False  # the id column's cells also hold a short title ("1 - Stop smoking")
    ids_in_text: bool = False  # no id column: ids open the text cells ("1.1 Maintain ...")
    ids_at_end: bool = False  # no id column: ids close the text cells ("... as needed. (Recommendation 1)")

    @property
    def width(self) -> int:
        return len(self.fields)

    def column_of(self, name: str) -> int | None:
        return self.fields.index(name) if name in self.fields else None


# ----------------------------------------------------------------------------- cells


_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    "august|september|october|november|december"
)
_DATE = re.compile(
    rf"(?<![\w-])(?:(?:19|20)\d\d(?:\s*[-/–]\s*(?:19|20)?\d\d)?(?![\w-])|q[1-4]\b|quarter\s*[1-4]|(?:{_MONTHS})\b|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    r"|(?:end|by|from|within)\s+(?:of\s+)?(?:year|\d+\s*(?:months?|weeks?|years?)))",
    re.IGNORECASE,
)


def _filled(cells: Sequence[Cell | None]) -> list[str]:
    return [clean(c.text) for c in cells if c is not None and not c.merged and clean(c.text)]


def cell_scores(cells: Sequence[Cell | None], rules: Rules) -> dict[str, tuple[float, str]]:
    """For each field, the share of a column's cells that look like it, and a few words on why."""
    texts = _filled(cells)
    out: dict[str, tuple[float, str]] = {}
    live = [c for c in cells if c is not None and not c.merged]
    coloured = [c for c in live if not clean(c.text) and rules.status_for_colour(c.fill) is not None]
    if not texts:
        if live and len(coloured) >= max(2, len(live) // 2):
            out["status"] = (len(coloured) / len(live), f"{len(coloured)}/{len(live)} cells coloured red/amber/green")
        return out
    n = len(texts)
    lengths = [len(t.split()) for t in texts]
    mean = statistics.fmean(lengths)

    def share(name: str, hits: int, what: str) -> None:
        if hits:
            out[name] = (hits / n, f"{hits}/{n} cells {what}")

    statuses = sum(1 for t in texts if len(t.split()) <= 25 and rules.status_for(t) is not None)
    if coloured:
        statuses += len(coloured)
        n_status = n + len(coloured)
        out["status"] = (statuses / n_status, f"{statuses}/{n_status} cells are status words or RAG colours")
    else:
        share("status", statuses, "are status words")
    share("timescale", sum(1 for t in texts if _timescale(t, rules)), "are dates, quarters or timescales")
    ids = sum(1 for t in texts if whole_id(t, rules) is not None)
    titled = sum(1 for t in texts if whole_id(t, rules) is None and _titled_id(t, rules))
    share("id", ids + titled, "are ids" if not titled else "open with an id")
    share("age_group", sum(1 for t in texts if rules.age_for(t) is not None), "are age groups")
    share("links", sum(1 for t in texts if starts_with_link_cue(t, rules)), "cite other actions or programmes")
    share("lead", sum(1 for t in texts if _lead_like(t, rules)), "name organisations or people")
    if sum(1 for t in texts if _mentions_status(t, rules)) * 10 >= n * 6:
        out["_summary"] = (1.0, "cells tell statuses")
    if mean > 8:
        out["_sentences"] = (1.0, f"cells average {mean:.0f} words")
    if mean >= 6:
        out["text"] = (min(1.0, mean / 14), f"cells average {mean:.0f} words")
        out["update"] = (min(1.0, mean / 14) * 0.8, f"cells average {mean:.0f} words")
    if 2 <= mean <= 12:
        out["title"] = (0.6, f"cells average {mean:.0f} words")
    return out


def _mentions_status(text: str, rules: Rules) -> bool:
    """A cell that names a status word of several letters anywhere ("40% Delivered, 60% On Track")."""
    return _status_word_anywhere(rules).search(" " + fold(text) + " ") is not None


def _status_word_anywhere(rules: Rules) -> re.Pattern[str]:
    def make() -> re.Pattern[str]:
        words = [re.escape(word) for word, _ in rules.status_synonyms() if len(word) > 3]
        return re.compile(" (?:" + "|".join(words) + ")") if words else re.compile(r"(?!)")

    return rules.derived("status_word_anywhere", make)


def _titled_id(text: str, rules: Rules) -> bool:
    """A cell that opens with an id and goes on with a few words: "1 - Stop smoking in pregnancy"."""
    split = opening_id(text, rules)
    return split is not None and (split.labelled or 1 <= len(split.rest.split()) <= 20)


def _timescale(text: str, rules: Rules) -> bool:
    if len(text.split()) > 10:
        return False
    if _DATE.search(text):
        return True
    folded = fold(text)
    words: frozenset[str] = rules.derived("timescale_words", lambda: frozenset(fold(w) for w in rules.timescale_words))
    return folded in words or any(folded[:end] in words for end in range(len(folded)) if folded[end] == " ")


def _lead_like(text: str, rules: Rules) -> bool:
    """Short, names an organisation, team or role (or people's initials), and is not a date or status."""
    if len(text.split()) > 14 or rules.status_for(text) is not None or _DATE.search(text):
        return False
    folded = " " + fold(text) + " "
    if _lead_word(rules).search(folded):
        return True
    tokens = re.findall(r"[A-Za-z][\w'’&]*", text)
    # initials ("MW", "JB / KL") or a person's or body's name in capitals ("Joey Needham", "OHID")
    return bool(tokens) and all(t[0].isupper() or t.lower() in ("and", "of", "the", "for") for t in tokens)


def _lead_word(rules: Rules) -> re.Pattern[str]:
    def make() -> re.Pattern[str]:
        words = sorted({re.escape(fold(w)) for w in rules.lead_words if fold(w)}, key=lambda w: (-len(w), w))
        return re.compile(r"(?<![a-z])(?:" + "|".join(words) + r")(?![a-z])") if words else re.compile(r"(?!)")

    return rules.derived("lead_word", make)


# ----------------------------------------------------------------------------- deciding


def decide(
    headers: list[str],
    body: list[list[Cell | None]],
    rules: Rules,
    pinned: dict[str, str] | None = None,
) -> Columns:
    """The field of every grid column of one table, from its headers and its body rows."""
    width = len(headers)
    columns = [[row[i] if i < len(row) else None for row in body] for i in range(width)]
    scores: list[dict[str, tuple[float, str]]] = []
    text_named = [header_score(h, "text", rules)[0] for h in headers]

    def _text_elsewhere(i: int) -> bool:
        """Another column is named as the text at least as clearly as this one."""
        return any(text_named[j] >= max(text_named[i], NAMES_FIELD) for j in range(width) if j != i)

    summaries: set[int] = set()  # columns whose cells tell statuses ("40% Delivered, 60% On Track")
    for i in range(width):
        cells = cell_scores(columns[i], rules)
        if cells.get("_summary") and not cells.get("_sentences"):
            summaries.add(i)  # short cells naming statuses; a row run together names one too
        col: dict[str, tuple[float, str]] = {}
        named = max(header_score(headers[i], name, rules)[0] for name in FIELDS)
        for name in FIELDS:
            h, phrase = header_score(headers[i], name, rules)
            c, why = cells.get(name, (0.0, ""))
            if h == 0 and named >= NAMES_FIELD and not (name == "id" and c >= IDS_IN_CELLS and _text_elsewhere(i)):
                continue  # a header that names another field is not read as this one from its cells
            if name in ("section", "outcome"):
                c, why = _runs(columns[i])
                distinct = why.startswith("a different value")
                if h == 0 or c < 0 or (distinct and (h < 1.0 or cells.get("id", (0.0, ""))[0] >= IDS_IN_CELLS)):
                    continue  # a hierarchy column is named so, its values hold over rows and do not come back
            total = HEADER_WEIGHT * h + CELL_WEIGHT * c
            if h == 0:  # no header word for it: the cells alone, when they are clear
                total = CELLS_ONLY_WEIGHT * c if c >= CELLS_ALONE else 0.0
            if name in ("text", "update", "title") and h == 0 and name != "text":
                total = 0.0  # notes and titles are told apart from text by their header only
            if name == "text" and cells.get("_summary"):
                total = 0.0  # "40% Delivered, 40% On Track": a summary of statuses, not an action
            if name == "status" and c == 0 and cells.get("_sentences"):
                total = 0.0  # "Reason for RAG": sentences with no status word are not a status column
            if total:
                parts = [f"header {headers[i]!r} ~ {phrase!r} ({h:.2f})" if h else "", why and f"{why} ({c:.2f})"]
                col[name] = (total, "; ".join(p for p in parts if p))
        status_named = header_score(headers[i], "status", rules)[0]
        said = cells.get("status", (0.0, ""))[0]
        if status_named >= STRONG_HEADER and said < NOTES_SAY_STATUS and cells.get("_sentences") and "update" in cells:
            # "Status" over sentences most of which open with no status word: progress notes
            col.pop("status", None)
            c, why = cells["update"]
            col["update"] = (
                HEADER_WEIGHT * status_named * NOTES_UNDER_STATUS + CELL_WEIGHT * c,
                f"header {headers[i]!r} names the status but {why}, most with no status word: notes ({c:.2f})",
            )
        scores.append(col)

    fields: list[str | None] = [None] * width
    decisions = [Decision(i, headers[i], None, 0.0, "no field scored") for i in range(width)]
    pins = {fold(h): name for h, name in (pinned or {}).items()}
    taken: set[str] = set()
    for i, header in enumerate(headers):
        if fold(header) in pins:
            name = pins[fold(header)]
            fields[i] = None if name == "extra" else name
            decisions[i] = Decision(i, header, fields[i], 1.0, "pinned in rules/documents.yaml")
            if fields[i]:
                taken.add(fields[i])  # type: ignore[arg-type]
    candidates = sorted(
        ((score, i, name, why) for i, col in enumerate(scores) for name, (score, why) in col.items()),
        key=lambda t: (-t[0], t[1], FIELDS.index(t[2])),
    )
    for score, i, name, why in candidates:
        if score < THRESHOLD or fields[i] is not None or name in taken or (decisions[i].confidence == 1.0 and pins):
            continue
        if fold(headers[i]) in pins:
            continue
        fields[i] = name
        taken.add(name)
        decisions[i] = Decision(i, headers[i], name, round(score, 2), why)

    result = Columns(fields=fields, headers=headers, decisions=decisions)
    _settle_text(result, columns, scores, rules, summaries)
    return result


def _settle_text(
    result: Columns,
    columns: list[list[Cell | None]],
    scores: list[dict[str, tuple[float, str]]],
    rules: Rules,
    summaries: frozenset[int] | set[int] = frozenset(),
) -> None:
    """Every plan table has its actions' words somewhere: make sure one column is the text.

    - two columns scored for text: the shorter one, beside a much longer one, is a title;
    - an id column whose cells carry a short title ("1 - Stop smoking") gives that title when
      another column holds the text, and the text itself when none does;
    - no column scored for text: the longest unclaimed column is it (never one of status
      summaries, `summaries`: an overview of progress is no list of actions);
    - no id column: the text cells may open with ids ("1.1 Maintain ...").
    """
    fields = result.fields
    means = [statistics.fmean([len(t.split()) for t in _filled(col)] or [0]) for col in columns]
    text_at = result.column_of("text")
    id_at = result.column_of("id")
    if id_at is not None:
        cells = _filled(columns[id_at])
        titled = [t for t in cells if whole_id(t, rules) is None and opening_id(t, rules)]
        if cells and len(titled) >= max(1, len(cells) // 2):
            result.titled_ids = True
    if text_at is None:
        free = [i for i, f in enumerate(fields) if f is None and means[i] >= 3 and i not in summaries]
        if result.titled_ids:
            return  # the id column's titles are the text
        if free:
            best = max(free, key=lambda i: (means[i], -i))
            fields[best] = "text"
            result.decisions[best] = Decision(
                best, result.headers[best], "text", 0.5, f"the longest cells ({means[best]:.0f} words on average)"
            )
            text_at = best
    if text_at is None:
        return
    text_at = _merged_text_is_outcome(result, columns, means, text_at)
    # a second long column named like text: the shorter is a title
    title_at = result.column_of("title")
    if title_at is None:
        for i, f in enumerate(fields):
            named_text = header_score(result.headers[i], "text", rules)[0] >= STRONG_HEADER
            if f is None and i != text_at and named_text and "text" in scores[i] and scores[i]["text"][0] >= THRESHOLD:
                short, long_ = (i, text_at) if means[i] < means[text_at] else (text_at, i)
                if means[short] <= 0.6 * means[long_] and means[short] <= TITLE_WORDS:
                    fields[short], fields[long_] = "title", "text"
                    for j, name in ((short, "title"), (long_, "text")):
                        result.decisions[j] = Decision(
                            j,
                            result.headers[j],
                            name,
                            0.6,
                            f"two columns of text: the shorter ({means[short]:.0f} words) is the title",
                        )
                break
    if id_at is None and fields.count("id") == 0:
        cells = _filled(columns[fields.index("text")])
        opened = [t for t in cells if opening_id(t, rules)]
        if cells and len(opened) >= max(1, (2 * len(cells) + 2) // 3):
            result.ids_in_text = True
        elif cells and len([t for t in cells if closing_id(t, rules)]) >= max(1, (2 * len(cells) + 2) // 3):
            result.ids_at_end = True


def _merged_text_is_outcome(result: Columns, columns: list[list[Cell | None]], means: list[float], text_at: int) -> int:
    """The text column merged down (or left blank below) over rows whose other long column has
    words of its own on every row ("1a Encourage settings ..." over two deliverables): the merged
    column is what those rows share, their outcome, and the other column is each row's action.
    Returns the text column."""
    fields = result.fields
    if result.column_of("outcome") is not None or _runs(columns[text_at])[0] <= 0:
        return text_at
    for i, named in enumerate(fields):
        if i == text_at or named is not None or means[i] < MIN_ROW_TEXT_WORDS:
            continue
        if any(cell is None or cell.merged or not clean(cell.text) for cell in columns[i]):
            continue
        if _runs(columns[i])[1] != "a different value on every row":
            continue
        fields[text_at], fields[i] = "outcome", "text"
        result.decisions[text_at] = Decision(
            text_at, result.headers[text_at], "outcome", 0.6, "merged down over rows that each have words of their own"
        )
        result.decisions[i] = Decision(
            i,
            result.headers[i],
            "text",
            0.6,
            f"words of its own on every row under a merged column ({means[i]:.0f} words)",
        )
        return i
    return text_at


def _runs(cells: Sequence[Cell | None]) -> tuple[float, str]:
    """How much a column looks like a label column: values that hold over several rows (merged
    down, left blank below, or repeated), each value in one run (0..1). Values that come back
    after others ("Project", "Business as usual", "Project") are categories: -1."""
    values: list[str] = []
    current: str | None = None
    runs: list[str] = []
    for cell in cells:
        if cell is None or cell.merged or not clean(cell.text):
            values.append(current or "")
            continue
        text = clean(cell.text)
        if text != current:
            runs.append(text)
            current = text
        values.append(text)
    if not runs or len(values) < 2:
        return 0.0, ""
    if len(set(runs)) != len(runs):
        return -1.0, "values recur after others: a category, not a level of the plan"
    if len(runs) == len(values):
        return 0.0, "a different value on every row"
    return 1.0 - len(runs) / len(values), f"{len(runs)} values over {len(values)} rows"
