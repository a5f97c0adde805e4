"""Rule files are checked when loaded: each mistake is one line naming file, line and problem."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.core.errors import RulesError
from pipeline.rules import DEFAULT_RULES_DIR, load_rules, rules_fingerprint
from tests.helpers import ROOT


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_shipped_rules_load() -> None:
    rules = load_rules()
    assert {s.label for s in rules.statuses} >= {"Idea", "Initial meeting", "Underway", "Complete", "Awaiting"}


def test_duplicate_synonym_under_two_statuses(rules_copy: Path) -> None:
    path = rules_copy / "statuses.yaml"
    edit(path, "      - Behind schedule\n", "      - Behind schedule\n      - On hold\n")
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    message = err.value.reason
    assert message.startswith("rules/statuses.yaml line ")
    assert "'On hold' is listed under both" in message and "Awaiting" in message and "At risk" in message


def test_a_status_family_outside_the_contract_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "statuses.yaml"
    edit(path, "    family: off track\n", "    family: late\n")
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    assert err.value.reason.startswith(f"rules/statuses.yaml line {line_of(path, 'family: late')}: family 'late'")
    assert "not started, underway, off track, waiting, complete, closed" in err.value.reason


def test_a_cell_colour_under_two_statuses_is_refused(rules_copy: Path) -> None:
    path = rules_copy / "statuses.yaml"
    edit(path, 'cell_colours: ["FFC000"', 'cell_colours: ["FF0000", "FFC000"')
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    assert "cell colour FF0000 is listed under both" in err.value.reason


def test_a_yaml_no_is_named_not_read_as_false(rules_copy: Path) -> None:
    path = rules_copy / "references.yaml"
    edit(path, 'Reference, "No", Number', "Reference, No, Number")
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    assert "entries of `labels` should be words, not False" in err.value.reason


def test_bad_regex_names_file_and_line(rules_copy: Path) -> None:
    path = rules_copy / "statuses.yaml"
    edit(path, "(?P<on>.+)$'\n", "(?P<on>.+$'\n")
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    assert err.value.reason.startswith(
        f"rules/statuses.yaml line {line_of(path, '(?P<on>.+$')}: waits_on pattern is not a valid pattern"
    )


def test_yaml_syntax_error(rules_copy: Path) -> None:
    path = rules_copy / "age_groups.yaml"
    edit(path, "  - label: Adults\n", "  - label: Adults\n   bad indent: [\n")
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    assert err.value.reason.startswith("rules/age_groups.yaml line ") and "not valid YAML" in err.value.reason


def test_a_key_written_twice_names_its_second_line(rules_copy: Path) -> None:
    path = rules_copy / "statuses.yaml"
    edit(path, "  - label: Idea\n", "  - label: Idea\n    label: Notion\n")
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    line = line_of(path, "label: Notion")
    assert err.value.reason.startswith(f"rules/statuses.yaml line {line}: not valid YAML (key 'label' appears twice)")


def test_typo_in_a_key(rules_copy: Path) -> None:
    path = rules_copy / "statuses.yaml"
    edit(path, "    synonyms:\n      - Idea\n", "    synonymns:\n      - Idea\n")
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    assert f"line {line_of(path, 'synonymns')}: unknown setting `synonymns`" in err.value.reason


def test_bad_colour_and_bad_limit(rules_copy: Path) -> None:
    edit(rules_copy / "statuses.yaml", 'colour: "D9D9D9"', 'colour: "grey"')
    with pytest.raises(RulesError, match="colour 'grey' should be six hex digits"):
        load_rules(rules_copy)
    shutil.copy(DEFAULT_RULES_DIR / "statuses.yaml", rules_copy / "statuses.yaml")
    edit(rules_copy / "limits.yaml", "max_pages: 2000", "max_pages: lots")
    with pytest.raises(RulesError, match=r"rules/limits.yaml line \d+: `max_pages` should be a positive number"):
        load_rules(rules_copy)


def test_duplicate_header_and_bad_jsonl(rules_copy: Path) -> None:
    edit(rules_copy / "headers.yaml", "    - Related work\n", "    - Related work\n    - Related work.\n")
    with pytest.raises(RulesError, match=r"header .Related work\.. is listed twice under links"):
        load_rules(rules_copy)
    shutil.copy(DEFAULT_RULES_DIR / "headers.yaml", rules_copy / "headers.yaml")
    edit(rules_copy / "headers.yaml", "    - Next steps\n", "    - Next steps\n    - Response\n")
    with pytest.raises(RulesError, match="header 'Response' is listed under both response"):
        load_rules(rules_copy)
    shutil.copy(DEFAULT_RULES_DIR / "headers.yaml", rules_copy / "headers.yaml")
    with (rules_copy / "entities.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"label": "ORG", "pattern": "broken"\n')
    with pytest.raises(RulesError, match=r"rules/entities.jsonl line \d+: not valid JSON"):
        load_rules(rules_copy)


def test_bad_month_names(rules_copy: Path) -> None:
    path = rules_copy / "documents.yaml"
    edit(path, "  12: [December, Dec, Rhagfyr]\n", "  13: [Undecember]\n")
    with pytest.raises(RulesError) as err:
        load_rules(rules_copy)
    assert err.value.reason.startswith(f"rules/documents.yaml line {line_of(path, '13: [Undecember]')}: month 13")
    shutil.copy(DEFAULT_RULES_DIR / "documents.yaml", path)
    edit(path, "  12: [December, Dec, Rhagfyr]\n", "  12: [December, Jun]\n")
    with pytest.raises(RulesError, match="'Jun' is given for months 6 and 12"):
        load_rules(rules_copy)


def test_bad_ratings(rules_copy: Path) -> None:
    path = rules_copy / "guidance.yaml"
    edit(path, "    synonyms: [G]\n", "    synonyms: [G, A]\n")
    with pytest.raises(RulesError, match=r"rules/guidance.yaml line \d+: rating word 'A' is listed under both Amber"):
        load_rules(rules_copy)
    shutil.copy(DEFAULT_RULES_DIR / "guidance.yaml", path)
    edit(path, "    colour: FFD966\n", "    colour: orange\n")
    with pytest.raises(RulesError, match="colour 'orange' should be six hex digits"):
        load_rules(rules_copy)


def test_missing_file(rules_copy: Path) -> None:
    (rules_copy / "programmes.yaml").unlink()
    with pytest.raises(RulesError, match=r"rules/programmes\.yaml: file is missing"):
        load_rules(rules_copy)


def test_fingerprint_changes_with_any_rule(rules_copy: Path) -> None:
    before = rules_fingerprint(rules_copy)
    edit(
        rules_copy / "programmes.yaml",
        "  - name: Thrive Framework\n",
        "  - name: Thrive Framework\n  - name: New One\n",
    )
    assert rules_fingerprint(rules_copy) != before


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_rules_check_command(rules_copy: Path) -> None:
    ok = run_cli("rules", "check")
    assert ok.returncode == 0 and "statuses: 8" in ok.stdout and ok.stderr == ""
    edit(rules_copy / "statuses.yaml", "      - Behind schedule\n", "      - Behind schedule\n      - On hold\n")
    bad = run_cli("--rules", str(rules_copy), "rules", "check")
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("Error: rules/statuses.yaml line ")
