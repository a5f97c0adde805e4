"""What a build has to do: which inputs exist, what their outputs are called, which are stale.

This module decides without opening a document and without importing any reading library, so
that `make` with nothing changed answers at once. A document is up to date when its content
hash, the rules fingerprint and the pipeline's code fingerprint all match what the manifest
recorded when its outputs were written, and those outputs are still there. The manifest
(`outputs/.manifest.json`) is the build's memory: one entry per input file, each entry carrying
its own keys, so that a batch stopped half-way leaves a manifest that is true for every entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.core.errors import Failure
from pipeline.core.names import not_a_document, readable_name
from pipeline.emit.atomic import TEMP_PREFIX
from pipeline.emit.csv_out import CSV_NAMES
from pipeline.emit.summary import Summary

MANIFEST = ".manifest.json"
MANIFEST_VERSION = 2
LOG = ".build.log"
HASHES = ".hashes.json"  # each input's hash and file signature: a cache of this machine's (`scan`)
STAGING_PREFIX = TEMP_PREFIX  # everything the build writes half-way starts with this (and is ignored by git)
# Files in outputs/ that belong to the whole build, never to one document.
INDEX_JSON = "index.json"
INDEX_XLSX = "all-plans.xlsx"
RESERVED = {INDEX_JSON, INDEX_XLSX, *CSV_NAMES, MANIFEST, LOG, HASHES}
# A document whose own name would give one of these stems keeps its extension in the output name.
RESERVED_STEMS = {Path(name).stem.casefold() for name in RESERVED if not name.startswith(".")}
# Files an operating system or an office program leaves in a folder: never documents.
CLUTTER = {"thumbs.db", "desktop.ini", ".ds_store"}
OUTPUT_SUFFIXES = (".json", ".xlsx")
MAX_NAME_BYTES = 255  # a file name's limit on every common file system


@dataclass(frozen=True)
class Input:
    """One document in the inputs folder, hashed, with the stem its outputs will use."""

    name: str
    path: Path
    sha256: str
    size: int
    stem: str


@dataclass
class Plan:
    """The build's to-do list, each list in file-name order."""

    build: list[Input] = field(default_factory=list)
    unchanged: list[Input] = field(default_factory=list)
    still_failing: list[Input] = field(default_factory=list)  # failed before with these exact keys: not retried
    removed: list[str] = field(default_factory=list)  # manifest entries whose input is gone


# --------------------------------------------------------------------------- inputs


def input_files(folder: Path) -> list[Path]:
    """Every document in the folder (not hidden files, office lock files, sub-folders), by name."""
    return [path for path in _entries(folder) if not_a_document(path) is None]


def skipped_inputs(folder: Path) -> list[str]:
    """One line for each entry of the folder that is not read as a document: a folder (even
    one named `x.pdf`), a named pipe, a link to nothing. Nothing is skipped without a word,
    and none of them is opened."""
    lines = []
    for path in _entries(folder):
        reason = not_a_document(path)
        if reason is not None:
            lines.append(f"skipped {readable_name(path.name)}: {reason}")
    return lines


def _entries(folder: Path) -> list[Path]:
    """The folder's entries, by name, less hidden files and what office programs leave behind."""
    found = []
    for path in folder.iterdir():
        name = path.name
        if name.startswith((".", "~$")) or name.casefold() in CLUTTER:
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.name)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _folded(text: str) -> str:
    """How a file system that ignores case and accents' encoding may see a name."""
    return unicodedata.normalize("NFC", text).casefold()


def output_stems(names: Iterable[str]) -> dict[str, str]:
    """The output stem of each input name: `plan.pdf` -> "plan".

    Two inputs whose stems differ only by case (`Plan.pdf`, `plan.docx`) would overwrite each
    other on Windows and macOS, and `index.txt` would overwrite the index: those keep their
    extension ("plan.pdf", "plan.docx", "index.txt"). Names too long for the file system once
    ".xlsx" is added are shortened, with a hash of the full name to keep them apart.
    """
    names = sorted(names)
    by_stem: dict[str, list[str]] = {}
    for name in names:
        by_stem.setdefault(_folded(Path(name).stem), []).append(name)
    stems = {}
    for name in names:
        stem = Path(name).stem or name
        folded = _folded(stem)
        if len(by_stem[folded]) > 1 or folded in RESERVED_STEMS or not stem.strip(". "):
            stem = name
        stems[name] = _fit(stem, name)
    # a kept extension can itself meet another file's stem ("a.pdf" + "a.pdf.txt"): number them
    seen: dict[str, str] = {}
    for name in names:
        stem = stems[name]
        base, n = stem, 2
        while _folded(stem) in seen:
            stem = _fit(f"{base} ({n})", name)
            n += 1
        seen[_folded(stem)] = name
        stems[name] = stem
    return stems


def _fit(stem: str, name: str) -> str:
    longest_suffix = max(len(s) for s in OUTPUT_SUFFIXES)
    room = MAX_NAME_BYTES - longest_suffix - len(STAGING_PREFIX) - 8  # the atomic writer's temp name
    if len(stem.encode("utf-8", "surrogateescape")) <= room:
        return stem
    tag = "~" + hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    data = stem.encode("utf-8", "surrogateescape")[: room - len(tag)]
    return data.decode("utf-8", "ignore") + tag


def scan(folder: Path, outputs: Path | None = None) -> list[Input]:
    """Hash every input: the only thing a no-change build reads is the bytes of each file.

    Each input is known by its readable name (`core.names.readable_name`), the same under any
    locale. With `outputs`, a file whose device, inode, size and times are those recorded in
    `outputs/.hashes.json` when it was last hashed is not read again (a link to a 5 GB file
    costs a `stat`, not seconds). That record is a cache of this machine's: kept out of the
    manifest (which is committed with the outputs) and out of git; losing it costs a re-hash.
    """
    paths = input_files(folder)
    names = {path: readable_name(path.name) for path in paths}
    stems = output_stems(names.values())
    known = _load_hashes(outputs) if outputs is not None else {}
    hashes: dict[str, list[Any]] = {}
    out = []
    for path in paths:
        name = names[path]
        try:
            sha, size, signature = _hash(path, known.get(name))
        except OSError:
            sha, size, signature = "", 0, None  # unreadable: the worker will say why, in one line
        if signature is not None:
            hashes[name] = signature
        out.append(Input(name, path, sha, size, stems[name]))
    if outputs is not None and hashes != known:
        _save_hashes(outputs, hashes)
    return out


def _load_hashes(outputs: Path) -> dict[str, list[Any]]:
    try:
        data = json.loads((outputs / HASHES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        name: value
        for name, value in data.items()
        if isinstance(value, list)
        and len(value) == 6
        and all(isinstance(v, int) for v in value[:5])
        and isinstance(value[5], str)
    }


def _save_hashes(outputs: Path, hashes: dict[str, list[Any]]) -> None:
    from pipeline.emit.atomic import write_bytes_atomic

    with contextlib.suppress(OSError):  # only a cache: the build goes on without it
        data = json.dumps(hashes, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
        write_bytes_atomic(outputs / HASHES, data.encode("ascii") + b"\n")


# A file hashed this soon after it was changed could be changed again within the same tick of
# the clock and keep its signature: it is hashed again on the next build.
RACY_NS = 2_000_000_000


def _hash(path: Path, recorded: list[Any] | None) -> tuple[str, int, list[Any] | None]:
    """(sha256, size, signature to record) of a file: the recorded hash when its signature
    (device, inode, size, mtime_ns, ctime_ns) is unchanged, else the file is read."""
    before = _signature(path)
    if recorded is not None and recorded[:-1] == before:
        return recorded[-1], before[2], recorded
    sha = file_sha256(path)
    after = _signature(path)
    steady = after == before and time.time_ns() - max(after[3], after[4]) > RACY_NS
    return sha, after[2], [*after, sha] if steady else None


def _signature(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


# --------------------------------------------------------------------------- keys


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The pipeline's version and a hash of its own source: new code means new outputs.

    Nobody remembers to bump a version number for a bug fix in a reader; hashing the package
    (the .py files and the JSON schema) makes `make` redo the documents after any code change,
    and only then. Computed once per process, so one build sees one value.
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def key_of(data: Any) -> str:
    """A short stable hash of any JSON-able value (used for the index and revisions keys)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# --------------------------------------------------------------------------- manifest


@dataclass
class Failed:
    """The latest attempt at a file failed: with these keys (input, rules, code), for this reason."""

    sha256: str
    rules: str
    code: str
    failure: Failure

    def to_dict(self) -> dict[str, str]:
        return {"sha256": self.sha256, "rules": self.rules, "code": self.code, **asdict(self.failure)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Failed:
        failure = Failure(str(data["category"]), str(data["reason"]), str(data["remedy"]))
        return cls(str(data["sha256"]), str(data["rules"]), str(data["code"]), failure)


@dataclass
class ManifestEntry:
    """One input file's entry: the keys its outputs were built with (`sha256` of the input,
    `rules` and `code` fingerprints; a key is None when it never built or must build again),
    its output `stem` and file names, its summary and its JSON's hash; and `failed` when the
    latest attempt failed. An entry may have only `failed` (a file that never built)."""

    sha256: str | None = None
    rules: str | None = None
    code: str | None = None
    stem: str | None = None
    outputs: list[str] | None = None
    summary: Summary | None = None
    json_sha256: str | None = None
    failed: Failed | None = None

    def built_with(self, keys: Keys) -> bool:
        return (self.sha256, self.rules, self.code) == (keys.sha256, keys.rules, keys.code)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("sha256", "rules", "code", "stem", "json_sha256"):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        if self.outputs is not None:
            out["outputs"] = list(self.outputs)  # a copy: the manifest compares it with what it last wrote
        if self.summary is not None:
            out["summary"] = self.summary.to_dict()
        if self.failed is not None and self.failed.failure.remembered:  # the machine's and ours are retried
            out["failed"] = self.failed.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ManifestEntry:
        """An entry as the manifest wrote it; parts that are not what they should be are dropped
        (which costs a rebuild of that file, never a crash)."""
        entry = cls(outputs=[o for o in data.get("outputs", []) or [] if is_plain_name(o)])
        for name in ("sha256", "rules", "code", "stem", "json_sha256"):
            value = data.get(name)
            setattr(entry, name, value if isinstance(value, str) else None)
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            entry.summary = Summary.from_dict(data["summary"])
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            entry.failed = Failed.from_dict(data["failed"])
        return entry


@dataclass(frozen=True)
class Keys:
    """What a document's outputs are made from: the input's content, the rules, the code."""

    sha256: str
    rules: str
    code: str


@dataclass
class Product:
    """A file set the whole build writes (the index; the revision histories): the key of what
    it was made from (the documents' JSON as it was on disk), the names it wrote, and the
    content hash of each as written, so that a file removed or changed since is written again.
    A key of None means the set is not known to be complete (a step stopped half-way, or
    written from outputs that changed under it): it is made again on the next build."""

    key: str | None = None
    files: list[str] = field(default_factory=list)
    sha256: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if self.key is None and not self.files:
            return {}
        out: dict[str, Any] = {"key": self.key, "files": self.files}
        if self.sha256:
            out["sha256"] = dict(sorted(self.sha256.items()))
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Product:
        if not isinstance(data, dict):
            return cls()
        key = data.get("key") if isinstance(data.get("key"), str) else None
        files = [n for n in data.get("files", []) or [] if isinstance(n, str)]
        hashes = data.get("sha256")
        sha256 = (
            {n: h for n, h in hashes.items() if isinstance(n, str) and isinstance(h, str)}
            if isinstance(hashes, dict)
            else {}
        )
        return cls(key, files, sha256)

    def current(self, key: str, outputs: Path) -> bool:
        """True when the set was made from `key` and every file is on disk as it was written."""
        if self.key is None or self.key != key:
            return False
        for name in self.files:
            try:
                if self.sha256.get(name) != file_sha256(outputs / name):
                    return False
            except OSError:
                return False
        return True


@dataclass
class Manifest:
    """`outputs/.manifest.json`: one `ManifestEntry` per input file name, plus the index and
    the revision histories."""

    files: dict[str, ManifestEntry] = field(default_factory=dict)
    index: Product = field(default_factory=Product)
    revisions: Product = field(default_factory=Product)
    # per file name: the entry's plain form when last written, and its text (`to_bytes`)
    _texts: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, outputs: Path) -> Manifest:
        """The recorded state, or an empty one if the manifest is missing or unreadable.

        An unreadable manifest only costs a full rebuild. A manifest of the first format (one
        global key) is kept for its file names, so the outputs of deleted inputs still go.
        """
        try:
            data = json.loads((outputs / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            return cls()
        files: dict[str, ManifestEntry] = {}
        for name, entry in data["files"].items():
            if not isinstance(name, str) or not isinstance(entry, dict):
                continue
            if data.get("manifest_version") != MANIFEST_VERSION:  # first format: names only
                stem = entry.get("stem")
                entry = {"outputs": [f"{stem}{s}" for s in OUTPUT_SUFFIXES]} if isinstance(stem, str) else {}
            files[name] = ManifestEntry.from_dict(entry)
        return cls(files, Product.from_dict(data.get("index")), Product.from_dict(data.get("revisions")))

    def to_bytes(self) -> bytes:
        """The manifest as written: `json_bytes` of its plain form. It is written after every
        document a build finishes, so each entry's text is kept and laid out again only when the
        entry changed: a build of n documents writes n manifests, not n² entries' worth of work."""
        from pipeline.core.model import json_bytes, laid_out, object_text

        files = {name: entry.to_dict() for name, entry in sorted(self.files.items())}
        texts = []
        for name, data in files.items():
            kept = self._texts.get(name)
            if kept is None or kept[0] != data:
                kept = self._texts[name] = (data, laid_out(data, 2))
            texts.append((name, kept[1]))
        for name in [n for n in self._texts if n not in files]:
            del self._texts[name]
        index, revisions = self.index.to_dict(), self.revisions.to_dict()
        members = [
            ("files", object_text(texts, 1)),
            ("index", laid_out(index, 1)),
            ("manifest_version", laid_out(MANIFEST_VERSION, 1)),
            ("revisions", laid_out(revisions, 1)),
        ]
        try:
            return (object_text(members, 0) + "\n").encode("utf-8")
        except UnicodeEncodeError:  # a file name that is not valid Unicode: the whole file escaped
            body = {"manifest_version": MANIFEST_VERSION, "files": files, "index": index, "revisions": revisions}
            return json_bytes(body)

    def save(self, outputs: Path, data: bytes | None = None) -> None:
        """Write the manifest; `data` is `to_bytes()` when the caller already has it."""
        from pipeline.emit.atomic import write_bytes_atomic

        write_bytes_atomic(outputs / MANIFEST, self.to_bytes() if data is None else data)

    def entry(self, name: str) -> ManifestEntry:
        """The entry of `name` (an empty one, not stored, when there is none)."""
        return self.files.get(name) or ManifestEntry()

    def owned(self) -> set[str]:
        """Every output file name some current entry owns."""
        return {name for entry in self.files.values() for name in entry.outputs or []}


def is_plain_name(name: Any) -> bool:
    """A file name that stays inside the outputs folder: no separators, not hidden, not `..`."""
    return (
        isinstance(name, str)
        and bool(name)
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
        and not name.startswith(".")
        and name not in RESERVED
    )


def plan(
    inputs: list[Input], manifest: Manifest, outputs: Path, rules_key: str, code_key: str, force: bool = False
) -> Plan:
    """Sort every input into build / unchanged / still failing, and list the removed ones."""
    todo = Plan()
    for item in inputs:
        entry = manifest.entry(item.name)
        keys = Keys(item.sha256, rules_key, code_key)
        failed = entry.failed
        if force or not item.sha256:
            todo.build.append(item)
        elif (
            entry.built_with(keys)
            and entry.stem == item.stem
            and entry.outputs
            and all((outputs / name).is_file() for name in entry.outputs)
        ):
            todo.unchanged.append(item)
        elif (
            failed is not None
            and failed.failure.remembered
            and (failed.sha256, failed.rules, failed.code)
            == (
                keys.sha256,
                keys.rules,
                keys.code,
            )
        ):
            todo.still_failing.append(item)
        else:
            todo.build.append(item)
    present = {item.name for item in inputs}
    todo.removed = sorted(name for name in manifest.files if name not in present)
    return todo
