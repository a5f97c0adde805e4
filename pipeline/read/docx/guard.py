"""A Word package made safe and complete before python-docx parses it.

python-docx trusts the zip: it reads every part whole, follows every relationship, and fails with
a bare KeyError when a part or the part list is missing. Here, before it sees the file:

- sizes: the parts' uncompressed sizes are added up from the zip directory and refused over
  `rules.limits.max_unzipped_mb` (zip bombs). The directory can lie about sizes, but Python's
  zipfile never returns more bytes than it declares, so the check holds when python-docx reads;
- XML attacks: Word never writes a DOCTYPE. A part that declares internal entities (the "billion
  laughs" expansion) is refused; external entities (XXE: `SYSTEM "file:///etc/passwd"`) are
  removed with the references to them, never resolved, and a finding says text is missing.
  The DOCTYPE is found wherever the parser would find it (after comments, processing
  instructions, byte-order marks, in UTF-16), and the parsed parts are checked again
  (`check_parsed`). Nothing is fetched from a network;
- kinds: an Excel or PowerPoint file, an OpenDocument file, or a plain zip renamed .docx is named
  as such; macro-enabled documents and templates are read as ordinary documents (no macro is
  ever run: only the XML is read);
- repairs, each reported as a note: Strict OOXML namespaces are mapped to the ordinary ones,
  a missing part list ([Content_Types].xml) or package relationship file is rebuilt, and
  relationships to parts that are not in the zip are dropped.

The result is the original bytes when nothing had to change, otherwise a rebuilt zip.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from pipeline.core.errors import DamagedFile, TooLarge, UnsupportedType
from pipeline.core.model import DOCUMENT, Note
from pipeline.read.guard import doctype_extent, megabytes, xml_as_utf8, xml_prolog

PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
RT_OFFICE_DOCUMENT_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
CT_WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
_OTHER_OFFICE = (
    ("spreadsheetml", "an Excel workbook, not a Word document"),
    ("presentationml", "a PowerPoint presentation, not a Word document"),
    ("ms-excel", "an Excel workbook, not a Word document"),
    ("ms-powerpoint", "a PowerPoint presentation, not a Word document"),
)
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# Content type of a part by the last segment of the relationship type that reaches it (OPC/OOXML).
_CT_BY_REL = {
    "officeDocument": CT_WML_MAIN,
    "styles": _WML + "styles+xml",
    "stylesWithEffects": "application/vnd.ms-word.stylesWithEffects+xml",
    "numbering": _WML + "numbering+xml",
    "settings": _WML + "settings+xml",
    "webSettings": _WML + "webSettings+xml",
    "fontTable": _WML + "fontTable+xml",
    "footnotes": _WML + "footnotes+xml",
    "endnotes": _WML + "endnotes+xml",
    "header": _WML + "header+xml",
    "footer": _WML + "footer+xml",
    "comments": _WML + "comments+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "core-properties": "application/vnd.openxmlformats-package.core-properties+xml",
    "extended-properties": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "custom-properties": "application/vnd.openxmlformats-officedocument.custom-properties+xml",
}
_CT_BY_EXTENSION = {
    "rels": CT_RELS,
    "xml": "application/xml",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "emf": "image/x-emf",
    "wmf": "image/x-wmf",
    "svg": "image/svg+xml",
    "bin": "application/vnd.openxmlformats-officedocument.oleObject",
}
_STRICT_NS = re.compile(rb"http://purl\.oclc\.org/ooxml/([A-Za-z]+)/([A-Za-z]+)")
_STRICT_SPECIAL = {b"extendedProperties": b"extended-properties", b"customProperties": b"custom-properties"}
_ENTITY = re.compile(rb"<!ENTITY\s+(?P<param>%\s+)?(?P<name>[^\s%]+)\s+(?P<kind>SYSTEM|PUBLIC|\"|')", re.IGNORECASE)
_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
PROLOG_BYTES = 1 << 16


@dataclass
class _Package:
    archive: zipfile.ZipFile
    cap: int
    changed: dict[str, bytes] = field(default_factory=dict)  # part name -> new bytes
    added: dict[str, bytes] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    names: set[str] = field(default_factory=set)

    def read(self, name: str) -> bytes:
        if name in self.changed:
            return self.changed[name]
        if name in self.added:
            return self.added[name]
        return _read_member(self.archive, name, self.cap)

    def has(self, name: str) -> bool:
        return name in self.names or name in self.added


def make_safe(data: bytes, cap_bytes: int) -> tuple[bytes, list[Note]]:
    """(package bytes python-docx can open safely, notes about what was changed)."""
    archive = _open_zip(data)
    with archive:
        infos = archive.infolist()
        declared = sum(info.file_size for info in infos)
        if declared > cap_bytes:
            raise TooLarge(
                f"the Word file unzips to {megabytes(declared)}, over the "
                f"{megabytes(cap_bytes)} limit (max_unzipped_mb)"
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise DamagedFile(
                "the Word file's zip is itself password-protected, which Word never does",
                "ask the sender for a copy saved from Word",
            )
        package = _Package(archive, cap_bytes, names={info.filename for info in infos})
        _defuse_xml(package)
        main = _main_part(package)
        _repair_content_types(package, main)
        _drop_missing_targets(package)
        if not package.changed and not package.added:
            return data, package.notes
        return _rebuild(package), package.notes


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK\x03\x04") and b"PK\x05\x06" not in data[-(1 << 16) - 22 :]:
            raise DamagedFile(
                "truncated Word file: the end of the file is missing (an incomplete download or copy?)",
                "ask the sender for the document again",
            ) from None
        raise DamagedFile("damaged Word file: it is not a readable zip package") from None
    except Exception:
        raise DamagedFile("damaged Word file: its zip directory is broken") from None


def _read_member(archive: zipfile.ZipFile, name: str, cap: int, limit: int | None = None) -> bytes:
    """A member's bytes (at most `limit` of them), decompressed in pieces and never beyond `cap`."""
    out = bytearray()
    want = cap if limit is None else min(cap, limit)
    try:
        with archive.open(name) as handle:
            while len(out) < want:
                piece = handle.read(min(1 << 16, want - len(out)))
                if not piece:
                    break
                out += piece
            if limit is None and len(out) >= cap and handle.read(1):
                raise TooLarge(f"a part of the Word file ({name}) unzips to more than {megabytes(cap)}")
    except (TooLarge, KeyError):
        raise
    except Exception as exc:
        raise DamagedFile(f"damaged Word file: the part {name} cannot be unpacked ({_reason(exc)})") from None
    return bytes(out)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else "its data is broken"
    return text[:80]


# --- XML attacks -------------------------------------------------------------------------------


def _is_xml_name(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _defuse_xml(package: _Package) -> None:
    """Refuse entity expansion; remove external entities. Looks first at each part's prolog.

    The prolog is read as the parser reads it (`xml_prolog`: byte-order marks, blank space,
    comments and processing instructions skipped, UTF-16 and UTF-32 read as such), so no
    DOCTYPE can hide behind any of them; only a part whose prolog is not plainly followed by
    its root element is read whole. What python-docx then parses is checked again
    (`check_parsed`).
    """
    external: list[str] = []
    for name in sorted(package.names):
        if not _is_xml_name(name):
            continue
        head = xml_as_utf8(_read_member(package.archive, name, package.cap, PROLOG_BYTES))
        if xml_prolog(head)[0] == "element":
            continue
        whole = xml_as_utf8(package.read(name))
        cleaned, removed = _strip_doctype(whole, name)
        if cleaned != whole:
            package.changed[name] = cleaned
        if removed:
            external.append(name)
    if external:
        package.notes.append(
            Note(
                "warning",
                "ignored-content",
                DOCUMENT,
                f"the Word file's XML refers to outside files ({', '.join(external[:3])}); "
                "they were not read, and the text they stood for is missing — Word never writes such references",
            )
        )


def _strip_doctype(xml: bytes, name: str) -> tuple[bytes, bool]:
    """The XML without its DOCTYPE and without references to external entities.

    Raises DamagedFile for internal or parameter entities (entity expansion attacks), and for a
    DOCTYPE that cannot be told apart from the rest (one that does not end, or one found where
    a prolog of comments and instructions does not lead to it).
    """
    kind, start = xml_prolog(xml)
    if kind == "element":
        return xml, False
    if kind == "unknown":
        if b"<!doctype" in xml.lower():
            raise _unsafe(name)
        return xml, False  # not XML: the parser says so
    extent = doctype_extent(xml, start)
    if extent is None:
        raise _unsafe(name)
    end, subset = extent
    external: list[bytes] = []
    for entity in _ENTITY.finditer(subset):
        if entity.group("param") or entity.group("kind") in (b'"', b"'"):
            raise _unsafe(name)
        external.append(entity.group("name"))
    if len(_DECLARATION.findall(subset)) != len(external) or b"%" in subset:
        raise _unsafe(name)  # a declaration that is not one plain external entity
    body = xml[:start] + xml[end:]
    for entity_name in external:
        body = body.replace(b"&" + entity_name + b";", b"")
    return body, bool(external)


def check_parsed(document: Any) -> None:
    """Refuse a Word file whose parsed parts still carry a DOCTYPE (`_defuse_xml` missed it: an
    encoding or a part name it does not look at). The parser never resolves entities, but the
    text after an unresolved one would be dropped without a word."""
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None:
            continue
        info = element.getroottree().docinfo
        if info.doctype or info.internalDTD is not None:
            raise _unsafe(str(part.partname).lstrip("/"))


def _unsafe(name: str) -> DamagedFile:
    return DamagedFile(
        f"unsafe Word file: {name} declares XML entities, which Word never writes "
        "(an entity-expansion or 'billion laughs' attack?); it was not read",
        "do not open it; ask the sender for a copy saved from Word",
    )


# --- which part is the document ---------------------------------------------------------------


def _main_part(package: _Package) -> str:
    """The main document part's name, after Strict and missing-relationship repairs."""
    rels_name = "_rels/.rels"
    if not package.has(rels_name):
        _name_other_zip(package)
        guess = next((n for n in ("word/document.xml", "word/document2.xml") if package.has(n)), None)
        if guess is None:
            raise UnsupportedType(
                "a zip archive, not a Word document (no document part inside)", "save the plan itself as .docx or PDF"
            )
        package.added[rels_name] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_RELS_NS}">'
            f'<Relationship Id="rId1" Type="{RT_OFFICE_DOCUMENT}" Target="{guess}"/></Relationships>'
        ).encode()
        package.notes.append(
            Note(
                "warning",
                "repaired-file",
                DOCUMENT,
                "the Word file had no package relationships (_rels/.rels); they were rebuilt — "
                "check the result against the original",
            )
        )
    rels = _parse(package, rels_name)
    target = None
    for rel in rels.iter(f"{{{PKG_RELS_NS}}}Relationship"):
        kind = rel.get("Type", "")
        if kind in (RT_OFFICE_DOCUMENT, RT_OFFICE_DOCUMENT_STRICT) and rel.get("TargetMode") != "External":
            target = _join("", rel.get("Target", ""))
            if kind == RT_OFFICE_DOCUMENT_STRICT:
                _strict_to_transitional(package)
            break
    if target is None:
        _name_other_zip(package)
        raise DamagedFile("damaged Word file: it does not say which part is the document")
    if not package.has(target):
        raise DamagedFile(f"damaged Word file: the document part ({target}) is missing")
    return target


def _name_other_zip(package: _Package) -> None:
    """Raise UnsupportedType for a zip that is recognisably something other than a Word file."""
    if package.has("mimetype"):
        kind = package.read("mimetype")[:100].decode("ascii", "replace").strip()
        what = "an OpenDocument text file (.odt)" if kind.endswith(".text") else f"an OpenDocument file ({kind})"
        raise UnsupportedType(f"{what}, not a Word .docx", "open it in LibreOffice or Word and save it as .docx")
    if package.has("xl/workbook.xml"):
        raise UnsupportedType("an Excel workbook, not a Word document", "save the plan itself as .docx or PDF")
    if package.has("ppt/presentation.xml"):
        raise UnsupportedType("a PowerPoint presentation, not a Word document", "save the plan itself as .docx or PDF")


def _strict_to_transitional(package: _Package) -> None:
    """Strict OOXML differs from ordinary .docx mainly in its namespace names: map them."""

    def transitional(match: re.Match[bytes]) -> bytes:
        area, name = match.group(1), match.group(2)
        name = _STRICT_SPECIAL.get(name, name)
        return b"http://schemas.openxmlformats.org/" + area + b"/2006/" + name

    for name in sorted(package.names | set(package.added)):
        if not _is_xml_name(name) and name != "[Content_Types].xml":
            continue
        xml = package.read(name)
        converted = _STRICT_NS.sub(transitional, xml)
        for strict, ordinary in _STRICT_SPECIAL.items():
            converted = converted.replace(b"relationships/" + strict, b"relationships/" + ordinary)
        if converted != xml:
            package.changed[name] = converted
    package.notes.append(
        Note(
            "info",
            "repaired-file",
            DOCUMENT,
            "the Word file is in Strict Open XML format; it was read as an ordinary .docx",
        )
    )


# --- part list and relationships ---------------------------------------------------------------


def _repair_content_types(package: _Package, main: str) -> None:
    name = "[Content_Types].xml"
    root = None
    if package.has(name):
        try:
            root = _parse(package, name)
        except DamagedFile:
            root = None
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    if root is not None:
        for item in root.iter(f"{{{CT_NS}}}Default"):
            defaults[item.get("Extension", "").lower()] = item.get("ContentType", "")
        for item in root.iter(f"{{{CT_NS}}}Override"):
            overrides[item.get("PartName", "").lstrip("/")] = item.get("ContentType", "")
    main_type = overrides.get(main) or defaults.get(main.rsplit(".", 1)[-1].lower(), "")
    for marker, what in _OTHER_OFFICE:
        if marker in main_type:
            raise UnsupportedType(what, "save the plan itself as .docx or PDF")
    changed = root is None
    if root is None:
        package.notes.append(
            Note(
                "warning",
                "repaired-file",
                DOCUMENT,
                "the Word file has no list of its parts ([Content_Types].xml), which Word itself "
                "refuses; it was rebuilt and the file read anyway — check the result against the original",
            )
        )
    if main_type != CT_WML_MAIN:
        overrides[main] = CT_WML_MAIN
        changed = True
    for part, rel_kind in _reachable_parts(package):
        extension = part.rsplit(".", 1)[-1].lower()
        if part in overrides or extension in defaults:
            continue  # typed already (with no part list at all, nothing is)
        overrides[part] = _CT_BY_REL.get(rel_kind) or _CT_BY_EXTENSION.get(extension) or "application/octet-stream"
        changed = True
    defaults.setdefault("rels", CT_RELS)
    defaults.setdefault("xml", "application/xml")
    if not changed:
        return
    items = [f'<Default Extension="{_attr(ext)}" ContentType="{_attr(ct)}"/>' for ext, ct in sorted(defaults.items())]
    items += [
        f'<Override PartName="/{_attr(part)}" ContentType="{_attr(ct)}"/>' for part, ct in sorted(overrides.items())
    ]
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{CT_NS}">'
        + "".join(items)
        + "</Types>"
    ).encode()
    if package.has(name) and name in package.names:
        package.changed[name] = xml
    else:
        package.added[name] = xml


def _reachable_parts(package: _Package) -> list[tuple[str, str]]:
    """(part name, last segment of the relationship type) for every part reached from the package."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    queue = [""]
    while queue:
        source = queue.pop(0)
        for _rel, target, kind in _relationships(package, source):
            if target in seen or not package.has(target):
                continue
            seen.add(target)
            found.append((target, kind.rsplit("/", 1)[-1]))
            queue.append(target)
    return found


def _rels_name(source: str) -> str:
    folder, base = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _relationships(package: _Package, source: str) -> list[tuple[Any, str, str]]:
    """(element, target part name, relationship type) of the internal relationships of `source`."""
    rels_name = _rels_name(source)
    if not package.has(rels_name):
        return []
    root = _parse(package, rels_name)
    out = []
    for rel in root.iter(f"{{{PKG_RELS_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        out.append((rel, _join(posixpath.dirname(source), rel.get("Target", "")), rel.get("Type", "")))
    return out


def _drop_missing_targets(package: _Package) -> None:
    """Relationships to parts that are not in the zip would stop python-docx: drop them."""
    from lxml import etree

    missing: list[str] = []
    queue, seen = [""], {""}
    while queue:
        source = queue.pop(0)
        rels = _relationships(package, source)
        dropped = [(rel, target) for rel, target, _kind in rels if not package.has(target)]
        if dropped:
            root = dropped[0][0].getroottree().getroot()
            for rel, target in dropped:
                root.remove(rel)
                missing.append(target)
            package.changed[_rels_name(source)] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        for _rel, target, _kind in rels:
            if target not in seen and package.has(target):
                seen.add(target)
                queue.append(target)
    if missing:
        shown = ", ".join(sorted(set(missing))[:3])
        package.notes.append(
            Note(
                "warning",
                "repaired-file",
                DOCUMENT,
                f"the Word file refers to parts that are missing ({shown}); they were ignored",
            )
        )


def _parse(package: _Package, name: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_blank_text=True
    )
    try:
        return etree.fromstring(package.read(name), parser)
    except etree.XMLSyntaxError as exc:
        raise DamagedFile(f"damaged Word file: {name} is not well-formed XML ({_reason(exc)})") from None


def _join(folder: str, target: str) -> str:
    """A relationship target as a zip member name."""
    path = target if target.startswith("/") else posixpath.join("/", folder, target)
    return posixpath.normpath(path).lstrip("/")


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _rebuild(package: _Package) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as new:
        for name in sorted(package.names | set(package.added)):
            if name.endswith("/"):
                continue
            new.writestr(name, package.read(name))
    return out.getvalue()
