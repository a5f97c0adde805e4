"""YAML that remembers lines, and one rule file being checked: every error names file and line.

Officers edit the rule files by hand; a problem must be reported as "rules/statuses.yaml line 71:
..." so it can be found, never as a traceback. `RuleFile` holds the typed getters every per-file
loader uses, so each problem is worded the same way whichever file it is in.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.errors import RulesError
from pipeline.rules.patterns import RulePattern, exponential_reason

# libyaml's parser where PyYAML was built with it (every wheel is): rule files are read by every
# process a build starts, and the pure-Python parser is most of their loading time.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineLoader(_SafeLoader):
    """A SafeLoader that remembers the line of every mapping key and list item."""


class LineDict(dict[Any, Any]):
    line: int = 0
    key_lines: dict[Any, int]


class LineList(list[Any]):
    line: int = 0
    item_lines: list[int]


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> LineDict:
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


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class RuleFile:
    """One rule file being checked: knows its name so every error can say where."""

    def __init__(self, path: Path, seconds_per_pattern: float = 2) -> None:
        self.path = path
        self.name = f"rules/{path.name}"
        self.seconds_per_pattern = seconds_per_pattern

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
            data = yaml.load(text, Loader=LineLoader)
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
            expected = kind_name(kind)
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

    def regex(self, pattern: Any, line: int | None, what: str, flags: int = re.IGNORECASE) -> RulePattern:
        """A checked pattern: valid, never exponential in time (`patterns.exponential_reason`),
        each match bounded in time all the same."""
        if not isinstance(pattern, str):
            raise self.fail(line, f"{what} should be a quoted pattern, not {pattern!r}")
        try:
            compiled = re.compile(pattern, flags)
        except re.error as exc:
            raise self.fail(line, f"{what} is not a valid pattern: {exc.msg} at position {exc.pos}") from None
        reason = exponential_reason(pattern, flags)
        if reason is not None:
            raise self.fail(
                line,
                f"the {what} '{pattern}' can take exponential time, because {reason}; write it so that each "
                "part of a text is matched one way only ((a+)+ as a+)",
            )
        where = f"{self.name} line {line}" if line else self.name
        return RulePattern(compiled, where, self.seconds_per_pattern)

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


def kind_name(kind: type | tuple[type, ...]) -> str:
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
