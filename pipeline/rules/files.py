"""One loader per rule file: each reads its file, checks every entry, and returns typed rules.

A loader never returns a loose dict: what it gives `Rules` is one of the typed groups of
`types.py`, so a misspelt key is caught here, on load, with the file and line, and not as an
AttributeError halfway through a batch.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.core.text import fold
from pipeline.rules.types import (
    SQUEEZED,
    STATUS_FAMILIES,
    AgeRule,
    AgeRules,
    Boilerplate,
    DocumentRules,
    GuidanceRules,
    HeaderRules,
    Limits,
    Programme,
    ProgrammeRules,
    RatingRule,
    ReferenceRules,
    StatusRule,
    StatusRules,
)
from pipeline.rules.yaml_lines import LineDict, RuleFile

# The fields a plan table's columns can hold (rules/headers.yaml `plan:`), and a guidance form's.
PLAN_FIELDS = (
    "section",
    "outcome",
    "id",
    "title",
    "text",
    "status",
    "lead",
    "timescale",
    "update",
    "links",
    "age_group",
)
FORM_FIELDS = ("question", "response", "improve", "rag")
HIERARCHY_LEVELS = ("section", "outcome")


def load_statuses(f: RuleFile) -> StatusRules:
    data = f.load_yaml()
    f.unknown_keys(data, {"statuses"})
    entries = f.get(data, "statuses", list)
    out: list[StatusRule] = []
    index: dict[str, StatusRule] = {}
    seen: dict[str, tuple[str, int]] = {}
    colours: dict[str, tuple[str, int]] = {}
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, LineDict):
            raise f.fail(line, "each status should have `label`, `family`, `progress`, `colour` and `synonyms`")
        f.unknown_keys(
            entry,
            {
                "label",
                "family",
                "progress",
                "colour",
                "meaning",
                "synonyms",
                "blocked",
                "open_ended",
                "waits_on",
                "cell_colours",
            },
        )
        label = f.get(entry, "label", str)
        family = f.get(entry, "family", str)
        if family not in STATUS_FAMILIES:
            raise f.fail(entry.key_lines["family"], f"family {family!r} should be one of: {', '.join(STATUS_FAMILIES)}")
        progress = f.get(entry, "progress", int)
        colour = f.colour(entry, "C6EFCE")
        waits = f.get(entry, "waits_on", list, required=False) or []
        patterns = []
        for pattern, pline in zip(waits, getattr(waits, "item_lines", []), strict=True):
            compiled = f.regex(pattern, pline, "waits_on pattern")
            if "on" not in compiled.groupindex:
                raise f.fail(pline, "waits_on pattern needs a group named `on`, like (?P<on>.+)")
            patterns.append(compiled)
        cell_colours = []
        for value, cline in f.strings(entry, "cell_colours", required=False):
            if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                raise f.fail(cline, f"cell colour {value!r} should be six hex digits like FF0000")
            other = colours.get(value.upper())
            if other and other[0] != label:
                raise f.fail(
                    cline, f"cell colour {value} is listed under both {other[0]} (line {other[1]}) and {label}"
                )
            colours[value.upper()] = (label, cline)
            cell_colours.append(value.upper())
        blocked = f.get(entry, "blocked", bool, required=False)
        rule = StatusRule(
            label=label,
            family=family,
            progress=progress,
            colour=colour,
            meaning=str(f.get(entry, "meaning", str, required=False) or ""),
            synonyms=tuple(s for s, _ in f.strings(entry, "synonyms")),
            blocked=family == "waiting" if blocked is None else bool(blocked),
            open_ended=bool(f.get(entry, "open_ended", bool, required=False)),
            waits_on=tuple(patterns),
            cell_colours=tuple(cell_colours),
        )
        index_words(f, [(label, line), *f.strings(entry, "synonyms")], label, rule, index, seen)
        out.append(rule)
    if len({s.label for s in out}) != len(out):
        raise f.fail(entries.line, "two statuses have the same label")
    return StatusRules(tuple(out), index)


def index_words(
    f: RuleFile,
    words: list[tuple[str, int]],
    label: str,
    rule: Any,
    index: dict[str, Any],
    seen: dict[str, tuple[str, int]],
    what: str = "",
) -> None:
    """Index each word (folded) to its rule; a word already under another label is an error."""
    for word, line in words:
        key = fold(word)
        if key in seen and seen[key][0] != label:
            other, other_line = seen[key]
            raise f.fail(line, f"{what}'{word}' is listed under both {other} (line {other_line}) and {label}")
        seen.setdefault(key, (label, line))
        index[key] = rule


def load_ages(f: RuleFile) -> AgeRules:
    data = f.load_yaml()
    f.unknown_keys(data, {"age_groups"})
    entries = f.get(data, "age_groups", list)
    out: list[AgeRule] = []
    index: dict[str, AgeRule] = {}
    seen: dict[str, tuple[str, int]] = {}
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, LineDict):
            raise f.fail(line, "each age group should have `label` and `synonyms`")
        f.unknown_keys(entry, {"label", "meaning", "synonyms"})
        label = f.get(entry, "label", str)
        synonyms = f.strings(entry, "synonyms")
        rule = AgeRule(label, str(entry.get("meaning", "")), tuple(s for s, _ in synonyms))
        index_words(f, [(label, line), *synonyms], label, rule, index, seen)
        out.append(rule)
    return AgeRules(tuple(out), index)


def load_headers(f: RuleFile) -> HeaderRules:
    """Plan headers are words that *suggest* a field (one word may suggest two: "Progress" is a
    status or an update, the cells decide); a guidance form's headers name one field each."""
    data = f.load_yaml()
    f.unknown_keys(data, {"plan", "guidance_form", "cells", "measures"})
    headers: dict[str, dict[str, tuple[str, ...]]] = {"plan": {}, "guidance_form": {}}
    plan = f.get(data, "plan", dict)
    f.unknown_keys(plan, set(PLAN_FIELDS))
    for name in PLAN_FIELDS:
        words = f.strings(plan, name, required=name in ("id", "text"))
        folded: dict[str, int] = {}
        for word, line in words:
            if fold(word) in folded:
                raise f.fail(line, f"header '{word}' is listed twice under {name} (line {folded[fold(word)]})")
            folded[fold(word)] = line
        headers["plan"][name] = tuple(w for w, _ in words)
    form = f.get(data, "guidance_form", dict)
    f.unknown_keys(form, set(FORM_FIELDS))
    index: dict[str, dict[str, str]] = {"guidance_form": {}}
    seen: dict[str, tuple[str, int]] = {}
    for name in FORM_FIELDS:
        words = f.strings(form, name, required=name == "question")
        headers["guidance_form"][name] = tuple(w for w, _ in words)
        index_words(f, words, name, name, index["guidance_form"], seen, what="header ")
    index["guidance_form" + SQUEEZED] = {key.replace(" ", ""): name for key, name in index["guidance_form"].items()}
    cells = f.get(data, "cells", dict, required=False) or LineDict()
    f.unknown_keys(cells, {"lead", "timescale"})
    return HeaderRules(
        headers=headers,
        index=index,
        lead_words=tuple(w for w, _ in f.strings(cells, "lead", required=False)),
        timescale_words=tuple(w for w, _ in f.strings(cells, "timescale", required=False)),
        measure_words=tuple(w for w, _ in f.strings(data, "measures", required=False)),
    )


def load_references(f: RuleFile) -> ReferenceRules:
    data = f.load_yaml()
    f.unknown_keys(
        data,
        {
            "ids",
            "hierarchy_labels",
            "section_headings",
            "document_parts",
            "link_cues",
            "citation_words",
            "dependency_cues",
            "quality_statements",
        },
    )
    ids = f.get(data, "ids", dict)
    f.unknown_keys(ids, {"action", "outcome", "section", "token", "labels"})
    compiled = {}
    for key in ("action", "outcome", "section", "token"):
        pattern = f.get(ids, key, str)
        f.regex(pattern, ids.key_lines.get(key), f"ids.{key}")
        compiled[key] = pattern  # kept as text: the readers build larger patterns around it
    labels = f.get(data, "hierarchy_labels", dict)
    f.unknown_keys(labels, set(HIERARCHY_LEVELS))
    hierarchy = {level: tuple(w for w, _ in f.strings(labels, level)) for level in HIERARCHY_LEVELS}
    qs = f.get(data, "quality_statements", dict)
    qs_re = f.regex(f.get(qs, "pattern", str), qs.key_lines.get("pattern"), "quality_statements pattern")
    for group in ("standard", "statements"):
        if group not in qs_re.groupindex:
            raise f.fail(qs.key_lines.get("pattern"), f"quality_statements pattern needs a group named `{group}`")
    headings = []
    for pattern, line in f.strings(data, "section_headings"):
        heading = f.regex(
            pattern, line, "section heading pattern", flags=0
        )  # case matters: titles start with a capital
        if "number" not in heading.groupindex or "title" not in heading.groupindex:
            raise f.fail(line, "section heading pattern needs groups named `number` and `title`")
        headings.append(heading)
    parts = tuple(
        f.regex(pattern, line, "document part pattern")
        for pattern, line in f.strings(data, "document_parts", required=False)
    )
    return ReferenceRules(
        action_id=compiled["action"],
        outcome_id=compiled["outcome"],
        section_id=compiled["section"],
        id_token=compiled["token"],
        id_labels=tuple(w for w, _ in f.strings(ids, "labels", required=False)),
        hierarchy_labels=hierarchy,
        section_headings=tuple(headings),
        document_parts=parts,
        link_cues=tuple(w for w, _ in f.strings(data, "link_cues")),
        citation_words=tuple(w for w, _ in f.strings(data, "citation_words", required=False)),
        dependency_cues=tuple(w for w, _ in f.strings(data, "dependency_cues")),
        quality_statements=qs_re,
    )


def load_programmes(f: RuleFile) -> ProgrammeRules:
    data = f.load_yaml()
    f.unknown_keys(data, {"programmes", "numbered_items", "outside_codes"})
    entries = f.get(data, "programmes", list)
    out = []
    seen: set[str] = set()
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if isinstance(entry, str):
            entry = LineDict(name=entry)
            entry.key_lines = {"name": line}
        if not isinstance(entry, LineDict):
            raise f.fail(line, "each programme should be `- name: ...`")
        f.unknown_keys(entry, {"name"})
        name = f.get(entry, "name", str)
        if fold(name) in seen:
            raise f.fail(line, f"programme '{name}' is listed twice")
        seen.add(fold(name))
        out.append(Programme(name=name))
    items = tuple(w for w, _ in f.strings(data, "numbered_items", required=False)) or ("Action", "Actions")
    codes = tuple(f.regex(p, line, "outside code pattern") for p, line in f.strings(data, "outside_codes", False))
    return ProgrammeRules(tuple(out), items, codes)


def load_guidance(f: RuleFile) -> GuidanceRules:
    data = f.load_yaml()
    f.unknown_keys(data, {"priority_patterns", "boilerplate", "note_starters", "ratings"})
    patterns = []
    for pattern, line in f.strings(data, "priority_patterns"):
        compiled = f.regex(pattern, line, "priority pattern")
        if "number" not in compiled.groupindex:
            raise f.fail(line, "priority pattern needs a group named `number`")
        patterns.append(compiled)
    bp = f.get(data, "boilerplate", dict)
    f.unknown_keys(bp, {"phrases", "sections", "labels", "html_selectors", "html_main"})

    def words(key: str) -> tuple[str, ...]:
        return tuple(w for w, _ in f.strings(bp, key, required=False))

    ratings, rating_index = load_ratings(f, data)
    return GuidanceRules(
        priority_patterns=tuple(patterns),
        boilerplate=Boilerplate(
            words("phrases"),
            words("sections"),
            words("labels"),
            words("html_selectors"),
            words("html_main") or ("body",),
        ),
        note_starters=tuple(w for w, _ in f.strings(data, "note_starters", required=False)),
        ratings=ratings,
        rating_index=rating_index,
    )


def load_ratings(f: RuleFile, data: LineDict) -> tuple[tuple[RatingRule, ...], dict[str, RatingRule]]:
    entries = f.get(data, "ratings", list, required=False) or []
    out: list[RatingRule] = []
    index: dict[str, RatingRule] = {}
    seen: dict[str, tuple[str, int]] = {}
    for entry, line in zip(entries, getattr(entries, "item_lines", []), strict=True):
        if not isinstance(entry, LineDict):
            raise f.fail(line, "each rating should have `label`, `colour` and, if any, `synonyms`")
        f.unknown_keys(entry, {"label", "colour", "synonyms"})
        label = f.get(entry, "label", str)
        synonyms = f.strings(entry, "synonyms", required=False)
        rule = RatingRule(label, f.colour(entry, "FFD966"), tuple(w for w, _ in synonyms))
        index_words(f, [(label, line), *synonyms], label, rule, index, seen, what="rating word ")
        out.append(rule)
    if len({r.label for r in out}) != len(out):
        raise f.fail(getattr(entries, "line", None), "two ratings have the same label")
    return tuple(out), index


def load_documents(f: RuleFile) -> DocumentRules:
    data = f.load_yaml()
    f.unknown_keys(data, {"kinds", "passwords", "columns", "revisions", "revision_months", "revision_version_words"})
    kinds = dict(f.get(data, "kinds", dict, required=False) or {})
    for name, kind in kinds.items():
        if kind not in ("action_plan", "guidance"):
            raise f.fail(
                data["kinds"].key_lines.get(name), f"kind for '{name}' should be action_plan or guidance, not {kind!r}"
            )
    passwords = {str(k): str(v) for k, v in (f.get(data, "passwords", dict, required=False) or {}).items()}
    columns: dict[str, dict[str, str]] = {}
    for name, mapping in (f.get(data, "columns", dict, required=False) or {}).items():
        line = data["columns"].key_lines.get(name)
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
        ):
            raise f.fail(line, f"columns of '{name}' should be `\"Header as printed\": field` entries")
        for header, name_ in mapping.items():
            if name_ not in (*PLAN_FIELDS, "extra"):
                at = getattr(mapping, "key_lines", {}).get(header, line)  # the pin's own line
                raise f.fail(
                    at, f"'{header}' is pinned to {name_!r}, which should be one of: {', '.join(PLAN_FIELDS)}, extra"
                )
        columns[str(name)] = dict(mapping)
    revisions: dict[str, tuple[str, ...]] = {}
    for plan, files in (f.get(data, "revisions", dict, required=False) or {}).items():
        if not isinstance(files, list) or not all(isinstance(x, str) for x in files):
            raise f.fail(data["revisions"].key_lines.get(plan), f"revisions of '{plan}' should be a list of file names")
        revisions[str(plan)] = tuple(files)
    return DocumentRules(
        kinds=kinds,
        passwords=passwords,
        columns=columns,
        revisions=revisions,
        revision_months=load_months(f, data),
        revision_version_words=tuple(fold(w) for w, _ in f.strings(data, "revision_version_words", required=False)),
    )


def load_months(f: RuleFile, data: LineDict) -> dict[str, int]:
    """`revision_months:` (month number -> names) as name -> number, names folded."""
    months = f.get(data, "revision_months", dict, required=False) or LineDict()
    out: dict[str, int] = {}
    for number, names in months.items():
        line = months.key_lines.get(number)
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 12:
            raise f.fail(line, f"month {number!r} should be a number from 1 to 12")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
            raise f.fail(line, f"month {number} should list its names, like [June, Jun]")
        for name in names:
            word = fold(name)
            if out.get(word, number) != number:
                raise f.fail(line, f"'{name}' is given for months {out[word]} and {number}")
            out[word] = number
    return out


def load_limits(f: RuleFile) -> Limits:
    data = f.load_yaml()
    fields = Limits.__dataclass_fields__
    f.unknown_keys(data, set(fields))
    values: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise f.fail(data.key_lines.get(key), f"`{key}` should be a positive number, not {value!r}")
        values[key] = float(value) if fields[key].type == "float" else int(value)
    return Limits(**values)


def load_patterns(f: RuleFile) -> tuple[dict[str, Any], ...]:
    out = []
    for line, item in f.load_jsonl():
        pattern = item["pattern"]
        if not isinstance(pattern, (str, list)) or (
            isinstance(pattern, list) and not all(isinstance(t, dict) for t in pattern)
        ):
            raise f.fail(line, 'pattern should be text or a list of token patterns like {"LOWER": "word"}')
        out.append({**item, "line": line})
    return tuple(out)
