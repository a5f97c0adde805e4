"""Deciding what to build without opening anything: names, stems, staleness, the manifest."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.build.schedule import (
    MANIFEST,
    MANIFEST_VERSION,
    Failed,
    Input,
    Manifest,
    ManifestEntry,
    Product,
    code_fingerprint,
    input_files,
    is_plain_name,
    output_stems,
    plan,
    scan,
)
from pipeline.core.errors import Failure
from pipeline.core.model import json_bytes
from pipeline.emit.summary import Summary
from tests.helpers import ROOT


@pytest.mark.parametrize(
    ("names", "stems"),
    [
        (["plan.pdf"], ["plan"]),
        (["plan.pdf", "plan.docx"], ["plan.pdf", "plan.docx"]),
        (["Plan.pdf", "plan.docx"], ["Plan.pdf", "plan.docx"]),  # one file on Windows and macOS
        (["plan.txt", "Plan.TXT"], ["plan.txt (2)", "Plan.TXT"]),  # differ only by case: numbered
        (["index.txt", "all-plans.docx", "Index.pdf"], ["index.txt", "all-plans.docx", "Index.pdf"]),  # ours
        (["Plan v2 (final) – Glos.pdf"], ["Plan v2 (final) – Glos"]),
        (["notes"], ["notes"]),
        (
            [unicodedata.normalize("NFC", "é.pdf"), unicodedata.normalize("NFD", "é.txt")],
            [unicodedata.normalize("NFC", "é.pdf"), unicodedata.normalize("NFD", "é.txt")],
        ),
    ],
)
def test_output_stems(names: list[str], stems: list[str]) -> None:
    assert [output_stems(names)[n] for n in names] == stems


def test_every_stem_is_distinct_however_a_file_system_folds_names() -> None:
    names = ["a.pdf", "A.PDF", "a.docx", "a.pdf.txt", "a.txt", "A.txt"]
    stems = output_stems(names).values()
    folded = {unicodedata.normalize("NFC", s).casefold() for s in stems}
    assert len(folded) == len(names)


def test_too_long_names_are_shortened_with_a_hash() -> None:
    long_a, long_b = "x" * 250 + "a.txt", "x" * 250 + "b.txt"
    stems = output_stems([long_a, long_b])
    assert stems[long_a] != stems[long_b]
    assert all(len(s.encode()) + len(".xlsx") + len(".tmp-") + 8 <= 255 for s in stems.values())
    accents = "é" * 126 + ".md"  # 255 bytes; cutting must not split a character
    stem = output_stems([accents])[accents]
    assert len(stem.encode()) <= 255 - len(".xlsx") - len(".tmp-") - 8 and set(stem[:-9]) == {"é"}


def test_only_documents_are_inputs(tmp_path: Path) -> None:
    for name in ("plan.pdf", ".hidden.pdf", "~$plan.docx", "Thumbs.db", "desktop.ini", "b.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub folder").mkdir()
    assert [p.name for p in input_files(tmp_path)] == ["b.txt", "plan.pdf"]


def test_plain_names_only() -> None:
    assert is_plain_name("plan v2 – ü.json")
    for bad in ("../x.json", "/etc/passwd", "a/b.json", ".manifest.json", "index.json", "", None, 3, "a\0b"):
        assert not is_plain_name(bad)


def entries(files: dict[str, dict[str, Any]]) -> Manifest:
    """A manifest from entries in their JSON form."""
    return Manifest(files={name: ManifestEntry.from_dict(entry) for name, entry in files.items()})


def item(tmp_path: Path, name: str, sha: str, stem: str | None = None) -> Input:
    return Input(name, tmp_path / name, sha, 1, stem or Path(name).stem)


def test_plan_sorts_inputs_by_what_changed(tmp_path: Path) -> None:
    for name in ("same.json", "same.xlsx", "rules.json", "rules.xlsx", "gone.json"):
        (tmp_path / name).write_text("{}")
    keys = {"rules": "R", "code": "C"}
    manifest = entries(
        {
            "same.pdf": {"sha256": "s1", **keys, "stem": "same", "outputs": ["same.json", "same.xlsx"]},
            "edited.pdf": {"sha256": "old", **keys, "stem": "edited", "outputs": ["edited.json", "edited.xlsx"]},
            "lost.pdf": {"sha256": "s3", **keys, "stem": "lost", "outputs": ["lost.json"]},  # output deleted by hand
            "bad.pdf": {"failed": {"sha256": "s4", **keys, "category": "damaged", "reason": "r", "remedy": "m"}},
            "bad2.pdf": {"failed": {"sha256": "s5", **keys, "category": "damaged", "reason": "r", "remedy": "m"}},
            "gone.pdf": {"sha256": "s6", **keys, "stem": "gone", "outputs": ["gone.json"]},
            "bug.pdf": {"failed": {"sha256": "s8", **keys, "category": "internal", "reason": "r", "remedy": "m"}},
        }
    )
    inputs = [
        item(tmp_path, "same.pdf", "s1"),
        item(tmp_path, "edited.pdf", "new"),
        item(tmp_path, "lost.pdf", "s3"),
        item(tmp_path, "bad.pdf", "s4"),
        item(tmp_path, "bad2.pdf", "changed"),
        item(tmp_path, "new.pdf", "s7"),
        item(tmp_path, "bug.pdf", "s8"),
    ]
    todo = plan(inputs, manifest, tmp_path, "R", "C")
    assert [i.name for i in todo.unchanged] == ["same.pdf"]
    assert [i.name for i in todo.still_failing] == ["bad.pdf"]  # a defect of ours (bug.pdf) is tried again
    assert [i.name for i in todo.build] == ["edited.pdf", "lost.pdf", "bad2.pdf", "new.pdf", "bug.pdf"]
    assert todo.removed == ["gone.pdf"]
    assert [i.name for i in plan(inputs, manifest, tmp_path, "R2", "C").unchanged] == []  # rules changed
    assert [i.name for i in plan(inputs, manifest, tmp_path, "R", "C2").still_failing] == []  # code changed
    assert len(plan(inputs, manifest, tmp_path, "R", "C", force=True).build) == len(inputs)


def test_a_stem_change_rebuilds(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text("{}")
    manifest = entries(
        {"plan.pdf": {"sha256": "s", "rules": "R", "code": "C", "stem": "plan", "outputs": ["plan.json"]}}
    )
    todo = plan([item(tmp_path, "plan.pdf", "s", stem="plan.pdf")], manifest, tmp_path, "R", "C")
    assert [i.name for i in todo.build] == ["plan.pdf"]


def test_manifest_round_trip_and_damage(tmp_path: Path) -> None:
    manifest = entries({"b.pdf": {"sha256": "x", "outputs": ["b.json"]}, "a.pdf": {"outputs": ["a.json"]}})
    manifest.save(tmp_path)
    text = (tmp_path / MANIFEST).read_text()
    assert text.index('"a.pdf"') < text.index('"b.pdf"')  # sorted: stable in git
    assert Manifest.load(tmp_path).files == manifest.files
    for damaged in ("", "{", "[]", '{"files": 3}', "\xff"):
        (tmp_path / MANIFEST).write_text(damaged, encoding="latin-1")
        assert Manifest.load(tmp_path).files == {}


def test_the_first_manifest_format_still_names_old_outputs(tmp_path: Path) -> None:
    old = {"files": {"plan.txt": {"sha256": "x", "state": "built", "stem": "plan"}}, "rules": "r", "version": "0.1.0"}
    (tmp_path / MANIFEST).write_text(json.dumps(old))
    entry = Manifest.load(tmp_path).files["plan.txt"]
    assert entry.to_dict() == {"outputs": ["plan.json", "plan.xlsx"]}  # no keys: rebuilt, but cleaned up if deleted


def test_the_manifest_is_written_as_it_was_read() -> None:
    """Typed entries, the same JSON: the committed manifest comes back byte for byte."""
    committed = ROOT / "outputs" / MANIFEST
    manifest = Manifest.load(committed.parent)
    assert manifest.files and all(e.summary is not None for e in manifest.files.values())
    assert manifest.to_bytes() == committed.read_bytes()


def _written_whole(manifest: Manifest) -> bytes:
    """The manifest laid out in one piece, as every entry's text is kept and reused to make it."""
    body = {
        "manifest_version": MANIFEST_VERSION,
        "files": {name: entry.to_dict() for name, entry in sorted(manifest.files.items())},
        "index": manifest.index.to_dict(),
        "revisions": manifest.revisions.to_dict(),
    }
    return json_bytes(body)


_NAMES = st.sampled_from(["a.pdf", "b.docx", "plan – é.txt", "z\udcff.pdf", "c.html"])
_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["built", "failed", "stem", "outputs", "summary", "append", "remove", "index"]),
        _NAMES,
        st.integers(0, 3),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(_EDITS)
def test_the_manifest_written_after_each_document_is_the_whole_manifest(edits: list[tuple[str, str, int]]) -> None:
    """The build writes the manifest after every document, reusing each unchanged entry's text:
    after any run of changes (in place or by replacement) the bytes are those of the whole."""
    manifest = Manifest()
    for what, name, n in edits:
        entry = manifest.files.get(name)
        if what == "built" or entry is None:
            summary = Summary("action_plan", f"Plan {n}", {"error": n}, {"actions": n}, {"done": n})
            manifest.files[name] = ManifestEntry(f"s{n}", "R", "C", f"stem{n}", [f"stem{n}.json"], summary, f"j{n}")
        elif what == "failed":
            entry.failed = Failed(f"s{n}", "R", "C", Failure("damaged", f"reason {n}", "fix it"))
        elif what == "stem":
            entry.stem = f"other{n}"
        elif what == "outputs":
            entry.outputs = [f"o{k}.json" for k in range(n)]
        elif what == "summary" and entry.summary is not None:
            entry.summary.findings[f"level{n}"] = n  # changed in place
        elif what == "append" and entry.outputs is not None:
            entry.outputs.append(f"more{n}.xlsx")  # changed in place
        elif what == "remove":
            del manifest.files[name]
        elif what == "index":
            manifest.index = Product(f"k{n}", [f"index{n}.json"], {f"index{n}.json": "h"})
        assert manifest.to_bytes() == _written_whole(manifest)


def test_a_damaged_entry_costs_its_file_a_rebuild() -> None:
    entry = ManifestEntry.from_dict({"sha256": 3, "outputs": ["../x", "a.json"], "summary": {"kind": "memo"}})
    assert entry.to_dict() == {"outputs": ["a.json"]}


def test_scan_hashes_content(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"hello")
    (found,) = scan(tmp_path)
    assert found.sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    assert (found.name, found.stem, found.size) == ("a.txt", "a", 5)


def test_code_fingerprint_names_the_version() -> None:
    from pipeline import __version__

    assert code_fingerprint().startswith(__version__ + "+") and code_fingerprint() == code_fingerprint()
