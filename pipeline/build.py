"""The build driver behind `make`: bring outputs/ up to date with inputs/, redoing only what changed.

Staleness is decided by content, not time: each input's SHA-256, the rules fingerprint and the
pipeline version are kept in `outputs/.manifest.json`. A document whose three keys match the
manifest and whose outputs exist is not opened at all.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__

MANIFEST = ".manifest.json"


@dataclass
class Outcome:
    name: str
    state: str  # built | unchanged | failed
    message: str = ""


def input_files(inputs: Path) -> list[Path]:
    """Every document in the folder (not hidden files, not sub-folders), in name order."""
    return sorted((p for p in inputs.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))),
                  key=lambda p: p.name)


def output_stem(path: Path, all_paths: list[Path]) -> str:
    """`plan.pdf` -> "plan"; when two inputs share a stem, the extension keeps them apart."""
    clashes = [p for p in all_paths if p.stem == path.stem]
    return path.stem if len(clashes) == 1 else f"{path.stem}.{path.suffix.lstrip('.').lower()}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run_build(inputs: Path, outputs: Path, rules_dir: Path | None = None, jobs: int | None = None,
              force: bool = False, quiet: bool = False) -> int:
    from pipeline.errors import UsageError
    from pipeline.rules import load_rules

    if not inputs.is_dir():
        raise UsageError(f"{inputs}: no such folder", "put the documents in a folder and give its name")
    rules = load_rules(rules_dir)
    outputs.mkdir(parents=True, exist_ok=True)
    manifest_path = outputs / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        manifest = {}
    old_files: dict[str, dict[str, object]] = manifest.get("files", {}) if isinstance(manifest.get("files"), dict) else {}
    key = {"version": __version__, "rules": rules.fingerprint}
    same_key = {k: manifest.get(k) for k in key} == key and not force

    paths = input_files(inputs)
    results: list[Outcome] = []
    new_files: dict[str, dict[str, object]] = {}
    for path in paths:
        stem = output_stem(path, paths)
        sha = file_sha256(path)
        previous = old_files.get(path.name)
        targets = [outputs / f"{stem}.json", outputs / f"{stem}.xlsx"]
        if same_key and previous and previous.get("sha256") == sha and previous.get("stem") == stem and (
            previous.get("state") == "built" and all(t.exists() for t in targets)
        ):
            new_files[path.name] = previous
            results.append(Outcome(path.name, "unchanged"))
            continue
        outcome = _build_one(path, stem, outputs, rules)
        results.append(outcome)
        new_files[path.name] = {"sha256": sha, "stem": stem, "state": outcome.state}
        if not quiet or outcome.state == "failed":
            stream = sys.stderr if outcome.state == "failed" else sys.stdout
            print(outcome.message, file=stream)

    _remove_orphans(outputs, old_files, new_files)
    from pipeline.emit.atomic import write_bytes_atomic

    body = {**key, "files": dict(sorted(new_files.items()))}
    write_bytes_atomic(manifest_path, (json.dumps(body, indent=2, sort_keys=True) + "\n").encode())
    built = sum(r.state == "built" for r in results)
    unchanged = sum(r.state == "unchanged" for r in results)
    failed = sum(r.state == "failed" for r in results)
    print(f"{built} built, {unchanged} unchanged, {failed} failed")
    return 1 if failed else 0


def _build_one(path: Path, stem: str, outputs: Path, rules: object) -> Outcome:
    from pipeline.emit.json_out import write_json
    from pipeline.emit.xlsx import write_workbook
    from pipeline.errors import PipelineError
    from pipeline.process import process

    try:
        doc = process(path, rules)  # type: ignore[arg-type]
        write_json(doc, outputs / f"{stem}.json")
        write_workbook(doc, outputs / f"{stem}.xlsx", rules)  # type: ignore[arg-type]
    except PipelineError as exc:
        return Outcome(path.name, "failed", exc.line(path.name))
    count = f"{len(doc.actions)} actions" if doc.kind == "action_plan" else f"{len(doc.questions)} questions"
    return Outcome(path.name, "built", f"built {path.name}: {doc.kind.replace('_', ' ')}, {count}, "
                                       f"{len(doc.findings)} findings")


def _remove_orphans(outputs: Path, old: dict[str, dict[str, object]], new: dict[str, dict[str, object]]) -> None:
    """Outputs of inputs that were deleted or renamed go too."""
    keep = {str(v.get("stem")) for v in new.values()}
    for name, entry in old.items():
        stem = str(entry.get("stem"))
        if name not in new and stem not in keep:
            for suffix in (".json", ".xlsx"):
                (outputs / f"{stem}{suffix}").unlink(missing_ok=True)
