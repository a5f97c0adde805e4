"""Load `rules/` into typed, validated objects, or stop with one line naming file, line, problem.

Officers edit the rule files; a typo must never surface as a traceback halfway through a
batch. Every file is read and checked (`files.py`, one loader per file, each returning a typed
group of `types.py`) before any document is opened.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from pipeline.core.errors import RulesError
from pipeline.rules import files
from pipeline.rules.types import Rules
from pipeline.rules.yaml_lines import RuleFile

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


def _default_rules_dir() -> Path:
    """The project's `rules/` when the code runs from the repository (what `make` and an editable
    install use, so an officer's edit takes effect at once); else the copy shipped inside the
    installed package (`pip install .` puts it at `pipeline/shipped_rules/`)."""
    package = Path(__file__).resolve().parent.parent
    repository = package.parent
    if (repository / "pyproject.toml").is_file() and (repository / "rules" / "statuses.yaml").is_file():
        return repository / "rules"
    return package / "shipped_rules"


DEFAULT_RULES_DIR = _default_rules_dir()


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
    limits = files.load_limits(RuleFile(path / "limits.yaml"))  # first: it bounds every pattern's time

    def rule_file(name: str) -> RuleFile:
        return RuleFile(path / name, limits.seconds_per_pattern)

    statuses = files.load_statuses(rule_file("statuses.yaml"))
    ages = files.load_ages(rule_file("age_groups.yaml"))
    headers = files.load_headers(rule_file("headers.yaml"))
    refs = files.load_references(rule_file("references.yaml"))
    programmes = files.load_programmes(rule_file("programmes.yaml"))
    guidance = files.load_guidance(rule_file("guidance.yaml"))
    docs = files.load_documents(rule_file("documents.yaml"))
    return Rules(
        directory=path,
        fingerprint=fingerprint,
        statuses=statuses.statuses,
        age_groups=ages.groups,
        headers=headers.headers,
        lead_words=headers.lead_words,
        timescale_words=headers.timescale_words,
        measure_words=headers.measure_words,
        action_id=refs.action_id,
        outcome_id=refs.outcome_id,
        section_id=refs.section_id,
        id_token=refs.id_token,
        id_labels=refs.id_labels,
        hierarchy_labels=refs.hierarchy_labels,
        section_headings=refs.section_headings,
        document_parts=refs.document_parts,
        link_cues=refs.link_cues,
        citation_words=refs.citation_words,
        dependency_cues=refs.dependency_cues,
        quality_statements=refs.quality_statements,
        programmes=programmes.programmes,
        numbered_items=programmes.numbered_items,
        outside_codes=programmes.outside_codes,
        priority_patterns=guidance.priority_patterns,
        boilerplate=guidance.boilerplate,
        note_starters=guidance.note_starters,
        ratings=guidance.ratings,
        question_patterns=files.load_patterns(RuleFile(path / "question_patterns.jsonl")),
        entity_patterns=files.load_patterns(RuleFile(path / "entities.jsonl")),
        kinds=docs.kinds,
        passwords=docs.passwords,
        columns=docs.columns,
        revisions=docs.revisions,
        revision_months=docs.revision_months,
        revision_version_words=docs.revision_version_words,
        limits=limits,
        _status_index=statuses.index,
        _age_index=ages.index,
        _rating_index=guidance.rating_index,
        _header_index=headers.index,
    )


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
