"""Load `rules/` into typed, validated objects, or stop with one line naming file, line, problem.

Officers edit the rule files; a typo must never surface as a traceback halfway through a
batch. Every file is read and checked before any document is opened. Vocabulary lookups
(status word -> canonical status, header text -> field) live here so that every reader and
extractor asks the same question the same way.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.errors import RulesError

RULE_FILES = (
    "statuses.yaml",
    "age_groups.yaml",
    "headers.yaml",
    "references.yaml",
    "programmes.yaml",
    "guidance.yaml",
    "documents.yaml",
    "limits.yaml",
    "question_patterns.jsonl",
    "entities.jsonl",
)

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent.parent / "rules"


def fold(text: str) -> str:
    """Compare form of a vocabulary word: lower case, single spaces, no trailing `.:`.

    "  Initial   Meeting. " -> "initial meeting"
    """
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().lower()
    return text.rstrip(" .:;,").strip()


# --------------------------------------------------------------------------- YAML with lines


class _LineLoader(yaml.SafeLoader):
    """A SafeLoader that remembers the line of every mapping key and list item."""


class LineDict(dict[Any, Any]):
    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"key {key!r} appears twice", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class _File:
    """One rule file being checked: knows its name so every error can say where."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = f"rules/{path.name}"

    def fail(self, line: int | None, problem: str) -> RulesError:
        where = f"{self.name} line {line}" if line else self.name
        return RulesError(f"{where}: {problem}")

    def load_yaml(self) -> LineDict:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise self.fail(None, "file is missing") from None
        except UnicodeDecodeError:
            raise self.fail(None, "is not UTF-8 text; save it as UTF-8") from None
        try:
            data = yaml.load(text, Loader=_LineLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark else None
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise self.fail(line, f"not valid YAML ({problem}); check indentation and quotes") from None
        if data is None:
            data = LineDict()
        if not isinstance(data, LineDict):
            raise self.fail(1, "should be a set of `name: value` entries")
        return data

    def load_jsonl(self) -> list[tuple[int, dict[str, Any]]]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise self.fail(None, "file is missing") from None
        out = []
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise self.fail(number, f"not valid JSON ({exc.msg})") from None
            if not isinstance(item, dict) or "label" not in item or "pattern" not in item:
                raise self.fail(number, 'each line needs "label" and "pattern"')
            out.append((number, item))
        return out

    # typed getters -----------------------------------------------------------------
    def get(self, data: LineDict, key: str, kind: type | tuple[type, ...], required: bool = True) -> Any:
        if key not in data:
            if required:
                raise self.fail(getattr(data, "line", None), f"`{key}` is missing")
            return None
        value = data[key]
        if not isinstance(value, kind):
            expected = _kind_name(kind)
            line = getattr(data, "key_lines", {}).get(key)
            raise self.fail(line, f"`{key}` should be {expected}, not {value!r}")
        return value

    def strings(self, data: LineDict, key: str, required: bool = True) -> list[tuple[str, int]]:
        value = self.get(data, key, list, required)
        if value is None:
            return []
        lines = getattr(value, "item_lines", [data.key_lines.get(key, 0)] * len(value))
        out = []
        for item, line in zip(value, lines, strict=True):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                raise self.fail(line, f"entries of `{key}` should be words, not {item!r}")
            out.append((item, line))
        return out

    def regex(self, pattern: Any, line: int | None, what: str) -> re.Pattern[str]:
        if not isinstance(pattern, str):
            raise self.fail(line, f"{what} should be a quoted pattern, not {pattern!r}")
        try:
            return re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            raise self.fail(line, f"{what} is not a valid pattern: {exc.msg} at position {exc.pos}") from None

    def colour(self, entry: LineDict, example: str) -> str:
        """An entry's `colour`: six hex digits, upper case."""
        colour = str(self.get(entry, "colour", (str, int)))
        if not re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
            raise self.fail(entry.key_lines["colour"], f"colour {colour!r} should be six hex digits like {example}")
        return colour.upper()

    def unknown_keys(self, data: LineDict, allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                line = data.key_lines.get(key)
                raise self.fail(line, f"unknown setting `{key}` (expected one of: {', '.join(sorted(allowed))})")


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        list: "a list",
        dict: "a set of `name: value` entries",
        str: "text",
        int: "a whole number",
        bool: "true or false",
        float: "a number",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


# --------------------------------------------------------------------------- typed rules


@dataclass(frozen=True)
class StatusRule:
    label: str
    progress: int
    colour: str
    meaning: str
    synonyms: tuple[str, ...]
    blocked: bool = False
    open_ended: bool = False
    waits_on: tuple[re.Pattern[str], ...] = ()


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
    memory_mb: int = 1536
    max_unzipped_mb: float = 100
    max_stream_mb: float = 100
    max_html_depth: int = 400
    garbled_ratio: float = 0.2


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


@dataclass(frozen=True, eq=False)
class Rules:
    directory: Path
    fingerprint: str
    statuses: tuple[StatusRule, ...]
    age_groups: tuple[AgeRule, ...]
    headers: dict[str, dict[str, tuple[str, ...]]]
    action_id: str
    outcome_id: str
    section_id: str
    section_headings: tuple[re.Pattern[str], ...]
    link_cues: tuple[str, ...]
    dependency_cues: tuple[str, ...]
    quality_statements: re.Pattern[str]
    programmes: tuple[Programme, ...]
    numbered_items: tuple[str, ...]
    priority_patterns: tuple[re.Pattern[str], ...]
    boilerplate: Boilerplate
    note_starters: tuple[str, ...]
    ratings: tuple[RatingRule, ...]
    question_patterns: tuple[dict[str, Any], ...]
    entity_patterns: tuple[dict[str, Any], ...]
    kinds: dict[str, str]
    passwords: dict[str, str]
    revisions: dict[str, tuple[str, ...]]
    revision_months: dict[str, int]
    revision_version_words: tuple[str, ...]
    limits: Limits
    _status_index: dict[str, StatusRule] = field(default_factory=dict, repr=False, compare=False)
    _age_index: dict[str, AgeRule] = field(default_factory=dict, repr=False, compare=False)
    _rating_index: dict[str, RatingRule] = field(default_factory=dict, repr=False, compare=False)
    _header_index: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)

    # lookups ---------------------------------------------------------------------------
    def status_for(self, raw: str | None) -> StatusRule | None:
        """The status a cell means: the longest synonym the cell starts with.

        "Initial meeting held in May" -> Initial meeting; "Not started" -> Idea; "Hmm" -> None.
        """
        if not raw:
            return None
        folded = fold(raw)
        best: tuple[int, StatusRule] | None = None
        for synonym, rule in self._status_index.items():
            starts = folded == synonym or folded.startswith((synonym + " ", synonym + ","))
            if starts and (best is None or len(synonym) > best[0]):
                best = (len(synonym), rule)
        return best[1] if best else None

    def status_by_label(self, label: str | None) -> StatusRule | None:
        return next((s for s in self.statuses if s.label == label), None)

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
        """The field a column header names, e.g. ("plan", "What we will do") -> "text".

        A narrow column can break a header inside a word ("Objectiv" / "e" in a PDF); when the
        header as written matches nothing, it is compared once more with all spaces removed.
        """
        folded = fold(text)
        found = self._header_index.get(table, {}).get(folded)
        if found is None:
            found = self._header_index.get(table + _SQUEEZED, {}).get(folded.replace(" ", ""))
        return found

    def status_synonyms(self) -> list[tuple[str, StatusRule]]:
        """Every (synonym, status), longest first: the order to try them in running text."""
        return sorted(self._status_index.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    def age_synonyms(self) -> list[tuple[str, AgeRule]]:
        return sorted(self._age_index.items(), key=lambda kv: (-len(kv[0]), kv[0]))

    def kind_for(self, file_name: str) -> str | None:
        from fnmatch import fnmatchcase

        for pattern, kind in self.kinds.items():
            if fnmatchcase(file_name, pattern):
                return kind
        return None

    def password_for(self, file_name: str) -> str | None:
        from fnmatch import fnmatchcase

        for pattern, password in self.passwords.items():
            if fnmatchcase(file_name, pattern):
                return password
        return None


# --------------------------------------------------------------------------- loading


def load_rules(directory: Path | str | None = None) -> Rules:
    """Read and check every rule file in `directory` (default: the project's `rules/`)."""
    path = Path(directory) if directory is not None else DEFAULT_RULES_DIR
    return _load_cached(path.resolve(), rules_fingerprint(path))


def rules_fingerprint(directory: Path | str | None = None) -> str:
    """SHA-256 over every rule file's name and bytes: changes when any rule changes."""
    path = Path(directory) if directory is not None else DEFAULT_RULES_DIR
    digest = hashlib.sha256()
    for name in RULE_FILES:
        file = path / name
        digest.update(name.encode())
        digest.update(file.read_bytes() if file.exists() else b"<missing>")
    return digest.hexdigest()


@lru_cache(maxsize=8)
def _load_cached(path: Path, fingerprint: str) -> Rules:
    if not path.is_dir():
        raise RulesError(f"{path.name}: the rules folder is missing")
    statuses, status_index = _load_statuses(_File(path / "statuses.yaml"))
    ages, age_index = _load_ages(_File(path / "age_groups.yaml"))
    headers, header_index = _load_headers(_File(path / "headers.yaml"))
    refs = _load_references(_File(path / "references.yaml"))
    programmes, numbered_items = _load_programmes(_File(path / "programmes.yaml"))
    guidance = _load_guidance(_File(path / "guidance.yaml"))
    docs = _load_documents(_File(path / "documents.yaml"))
    limits = _load_limits(_File(path / "limits.yaml"))
    question_patterns = _load_patterns(_File(path / "question_patterns.jsonl"))
    entity_patterns = _load_patterns(_File(path / "entities.jsonl"))
    return Rules(
        directory=path,
        fingerprint=fingerprint,
        statuses=statuses,
        age_groups=ages,
        headers=headers,
        programmes=programmes,
        numbered_items=numbered_items,
        question_patterns=question_patterns,
        entity_patterns=entity_patterns,
        limits=limits,
        _status_index=status_index,
        _age_index=age_index,
        _header_index=header_index,
        **refs,
        **guidance,
        **docs,
    )


def _load_statuses(f: _File) -> tuple[tuple[StatusRule, ...], dict[str, StatusRule]]:
    data = f.load_yaml()
    f.unknown_keys(data, {"statuses"})
    entries = f.get(data, "statuses", list)
    out: list[StatusRule] = []
    index: dict[str, StatusRule] = {}
    seen: dict[str, tuple[str, int]] = {}
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, LineDict):
            raise f.fail(line, "each status should have `label`, `progress`, `colour` and `synonyms`")
        f.unknown_keys(
            entry, {"label", "progress", "colour", "meaning", "synonyms", "blocked", "open_ended", "waits_on"}
        )
        label = f.get(entry, "label", str)
        progress = f.get(entry, "progress", int)
        colour = f.colour(entry, "C6EFCE")
        waits = f.get(entry, "waits_on", list, required=False) or []
        wait_lines = getattr(waits, "item_lines", [])
        patterns = []
        for pattern, pline in zip(waits, wait_lines, strict=True):
            compiled = f.regex(pattern, pline, "waits_on pattern")
            if "on" not in compiled.groupindex:
                raise f.fail(pline, "waits_on pattern needs a group named `on`, like (?P<on>.+)")
            patterns.append(compiled)
        rule = StatusRule(
            label=label,
            progress=progress,
            colour=colour,
            meaning=str(f.get(entry, "meaning", str, required=False) or ""),
            synonyms=tuple(s for s, _ in f.strings(entry, "synonyms")),
            blocked=bool(f.get(entry, "blocked", bool, required=False)),
            open_ended=bool(f.get(entry, "open_ended", bool, required=False)),
            waits_on=tuple(patterns),
        )
        _index_words(f, [(label, line), *f.strings(entry, "synonyms")], label, rule, index, seen)
        out.append(rule)
    if len({s.label for s in out}) != len(out):
        raise f.fail(entries.line, "two statuses have the same label")
    return tuple(out), index


def _index_words(
    f: _File,
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


def _load_ages(f: _File) -> tuple[tuple[AgeRule, ...], dict[str, AgeRule]]:
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
        _index_words(f, [(label, line), *synonyms], label, rule, index, seen)
        out.append(rule)
    return tuple(out), index


_SQUEEZED = ":squeezed"  # header index keyed without spaces, for headers broken inside a word
PLAN_FIELDS = ("outcome", "id", "text", "status", "links", "age_group")
FORM_FIELDS = ("question", "response", "improve", "rag")


def _load_headers(f: _File) -> tuple[dict[str, dict[str, tuple[str, ...]]], dict[str, dict[str, str]]]:
    data = f.load_yaml()
    f.unknown_keys(data, {"plan", "guidance_form"})
    headers: dict[str, dict[str, tuple[str, ...]]] = {}
    index: dict[str, dict[str, str]] = {}
    for table, fields in (("plan", PLAN_FIELDS), ("guidance_form", FORM_FIELDS)):
        section = f.get(data, table, dict)
        f.unknown_keys(section, set(fields))
        headers[table] = {}
        index[table] = {}
        seen: dict[str, tuple[str, int]] = {}
        for name in fields:
            words = f.strings(section, name, required=name in ("id", "text", "question"))
            headers[table][name] = tuple(w for w, _ in words)
            _index_words(f, words, name, name, index[table], seen, what="header ")
        index[table + _SQUEEZED] = {key.replace(" ", ""): name for key, name in index[table].items()}
    return headers, index


def _load_references(f: _File) -> dict[str, Any]:
    data = f.load_yaml()
    f.unknown_keys(data, {"ids", "section_headings", "link_cues", "dependency_cues", "quality_statements"})
    ids = f.get(data, "ids", dict)
    f.unknown_keys(ids, {"action", "outcome", "section"})
    compiled = {}
    for key in ("action", "outcome", "section"):
        pattern = f.get(ids, key, str)
        f.regex(pattern, ids.key_lines.get(key), f"ids.{key}")
        compiled[key] = pattern
    qs = f.get(data, "quality_statements", dict)
    qs_re = f.regex(f.get(qs, "pattern", str), qs.key_lines.get("pattern"), "quality_statements pattern")
    for group in ("standard", "statements"):
        if group not in qs_re.groupindex:
            raise f.fail(qs.key_lines.get("pattern"), f"quality_statements pattern needs a group named `{group}`")
    headings = []
    for pattern, line in f.strings(data, "section_headings"):
        heading = f.regex(pattern, line, "section heading pattern")
        if "number" not in heading.groupindex or "title" not in heading.groupindex:
            raise f.fail(line, "section heading pattern needs groups named `number` and `title`")
        headings.append(re.compile(heading.pattern))  # case matters: titles start with a capital
    return {
        "section_headings": tuple(headings),
        "action_id": compiled["action"],
        "outcome_id": compiled["outcome"],
        "section_id": compiled["section"],
        "link_cues": tuple(w for w, _ in f.strings(data, "link_cues")),
        "dependency_cues": tuple(w for w, _ in f.strings(data, "dependency_cues")),
        "quality_statements": qs_re,
    }


def _load_programmes(f: _File) -> tuple[tuple[Programme, ...], tuple[str, ...]]:
    data = f.load_yaml()
    f.unknown_keys(data, {"programmes", "numbered_items"})
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
    return tuple(out), items


def _load_guidance(f: _File) -> dict[str, Any]:
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

    return {
        "priority_patterns": tuple(patterns),
        "boilerplate": Boilerplate(
            words("phrases"),
            words("sections"),
            words("labels"),
            words("html_selectors"),
            words("html_main") or ("body",),
        ),
        "note_starters": tuple(w for w, _ in f.strings(data, "note_starters", required=False)),
        **_load_ratings(f, data),
    }


def _load_ratings(f: _File, data: LineDict) -> dict[str, Any]:
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
        _index_words(f, [(label, line), *synonyms], label, rule, index, seen, what="rating word ")
        out.append(rule)
    if len({r.label for r in out}) != len(out):
        raise f.fail(getattr(entries, "line", None), "two ratings have the same label")
    return {"ratings": tuple(out), "_rating_index": index}


def _load_documents(f: _File) -> dict[str, Any]:
    data = f.load_yaml()
    f.unknown_keys(data, {"kinds", "passwords", "revisions", "revision_months", "revision_version_words"})
    kinds = dict(f.get(data, "kinds", dict, required=False) or {})
    for name, kind in kinds.items():
        if kind not in ("action_plan", "guidance"):
            raise f.fail(
                data["kinds"].key_lines.get(name), f"kind for '{name}' should be action_plan or guidance, not {kind!r}"
            )
    passwords = {str(k): str(v) for k, v in (f.get(data, "passwords", dict, required=False) or {}).items()}
    revisions: dict[str, tuple[str, ...]] = {}
    for plan, files in (f.get(data, "revisions", dict, required=False) or {}).items():
        if not isinstance(files, list) or not all(isinstance(x, str) for x in files):
            raise f.fail(data["revisions"].key_lines.get(plan), f"revisions of '{plan}' should be a list of file names")
        revisions[str(plan)] = tuple(files)
    return {
        "kinds": kinds,
        "passwords": passwords,
        "revisions": revisions,
        "revision_months": _load_months(f, data),
        "revision_version_words": tuple(fold(w) for w, _ in f.strings(data, "revision_version_words", required=False)),
    }


def _load_months(f: _File, data: LineDict) -> dict[str, int]:
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


def _load_limits(f: _File) -> Limits:
    data = f.load_yaml()
    fields = Limits.__dataclass_fields__
    f.unknown_keys(data, set(fields))
    values: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise f.fail(data.key_lines.get(key), f"`{key}` should be a positive number, not {value!r}")
        values[key] = float(value) if fields[key].type == "float" else int(value)
    return Limits(**values)


def _load_patterns(f: _File) -> tuple[dict[str, Any], ...]:
    out = []
    for line, item in f.load_jsonl():
        pattern = item["pattern"]
        if not isinstance(pattern, (str, list)) or (
            isinstance(pattern, list) and not all(isinstance(t, dict) for t in pattern)
        ):
            raise f.fail(line, 'pattern should be text or a list of token patterns like {"LOWER": "word"}')
        out.append({**item, "line": line})
    return tuple(out)


def summary(rules: Rules) -> list[str]:
    """Lines for `python -m pipeline rules check`."""
    synonyms = sum(len(s.synonyms) for s in rules.statuses)
    return [
        f"rules in {rules.directory.name}/ are valid (fingerprint {rules.fingerprint[:12]})",
        f"  statuses: {len(rules.statuses)} ({', '.join(s.label for s in rules.statuses)}), {synonyms} synonyms",
        f"  age groups: {len(rules.age_groups)} ({', '.join(a.label for a in rules.age_groups)})",
        f"  plan column headers: {sum(len(v) for v in rules.headers['plan'].values())} across "
        f"{len(rules.headers['plan'])} fields",
        f"  outside programmes: {len(rules.programmes)}; link cues: {len(rules.link_cues)}",
        f"  guidance: {len(rules.priority_patterns)} priority patterns, "
        f"{len(rules.boilerplate.phrases)} boilerplate phrases, "
        f"ratings {', '.join(r.label for r in rules.ratings) or 'none'}",
        f"  spaCy patterns: {len(rules.question_patterns)} question, {len(rules.entity_patterns)} entity",
        f"  per-file kinds: {len(rules.kinds)}; passwords: {len(rules.passwords)}",
    ]
