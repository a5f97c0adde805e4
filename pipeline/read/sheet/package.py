"""A workbook's zip package (.xlsx, .xlsm, .ods), checked before any part of it is parsed.

The same defences as for Word files (`pipeline.read.docx.guard`), for the parts a workbook
reader opens:

- sizes: the parts' uncompressed sizes are added up from the zip directory and refused over
  `max_unzipped_mb` (zip bombs). Python's zipfile never returns more bytes than a part
  declares, so the check holds while the parts are streamed;
- XML attacks: neither Excel nor LibreOffice writes a DOCTYPE. A part that declares entities
  (the "billion laughs" expansion, or external entities reaching for local files) is refused
  before it is parsed, wherever the parser would find the DOCTYPE (after comments, processing
  instructions, byte-order marks, in UTF-16: `read.guard.xml_prolog`), and every part is
  parsed with entity resolution, DTD loading and network access off;
- damage: a file that is not a zip, a truncated one, or one whose zip is itself encrypted is
  named as such, in one line.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from pipeline.core.errors import DamagedFile, TooLarge
from pipeline.read.guard import megabytes, xml_as_utf8, xml_prolog

PROLOG_BYTES = 1 << 16


class Package:
    """An open workbook zip whose sizes have been checked; parts are streamed through `part`."""

    def __init__(self, data: bytes, what: str, cap_bytes: int) -> None:
        self.what = what  # "workbook", "OpenDocument spreadsheet": how messages name the file
        self.archive = _open_zip(data, what)
        infos = self.archive.infolist()
        declared = sum(info.file_size for info in infos)
        if declared > cap_bytes:
            raise TooLarge(
                f"the {what} unzips to {megabytes(declared)}, over the {megabytes(cap_bytes)} limit (max_unzipped_mb)"
            )
        if any(info.flag_bits & 0x1 for info in infos):
            raise DamagedFile(
                f"the {what}'s zip is itself password-protected, which spreadsheet programs never do",
                "ask the sender for a copy saved from Excel or LibreOffice",
            )
        self.names = {info.filename for info in infos}
        self.checked: set[str] = set()

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """A small part whole (the part list, relationships, styles), after its prolog is checked."""
        with self.part(name) as handle:
            return handle.read()

    @contextmanager
    def part(self, name: str) -> Iterator[IO[bytes]]:
        """A part as a stream, after its prolog is checked for DOCTYPE and entity declarations."""
        self._check_prolog(name)
        try:
            handle = self.archive.open(name)
        except KeyError:
            raise DamagedFile(f"damaged {self.what}: the part {name} is missing") from None
        except Exception as exc:
            raise DamagedFile(f"damaged {self.what}: the part {name} cannot be unpacked ({_reason(exc)})") from None
        try:
            yield handle
        except zipfile.BadZipFile as exc:
            raise DamagedFile(f"damaged {self.what}: the part {name} cannot be unpacked ({_reason(exc)})") from None
        finally:
            handle.close()

    def _check_prolog(self, name: str) -> None:
        if name in self.checked:
            return
        try:
            with self.archive.open(name) as handle:
                head = handle.read(PROLOG_BYTES)
        except KeyError:
            raise DamagedFile(f"damaged {self.what}: the part {name} is missing") from None
        except Exception as exc:
            raise DamagedFile(f"damaged {self.what}: the part {name} cannot be unpacked ({_reason(exc)})") from None
        kind, _ = xml_prolog(xml_as_utf8(head))  # comments, instructions and marks skipped as the parser does
        if kind == "doctype" or (kind == "unknown" and len(head) >= PROLOG_BYTES):
            raise DamagedFile(
                f"unsafe {self.what}: {name} declares a DOCTYPE (XML entities), which spreadsheet programs "
                "never write (an entity-expansion or external-entity attack?); it was not read",
                "do not open it; ask the sender for a copy saved from Excel or LibreOffice",
            )
        self.checked.add(name)

    def close(self) -> None:
        self.archive.close()


def iterparse(handle: IO[bytes], what: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
    """lxml's iterparse with every way out of the document closed; a broken part is reported as a
    damaged file (`what` names it), in one line."""
    from lxml import etree

    parsed = etree.iterparse(
        handle, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, **kwargs
    )
    try:
        yield from parsed
    except etree.XMLSyntaxError as exc:
        raise DamagedFile(f"damaged {what}: a part is not well-formed XML ({_reason(exc)})") from None


def parse(data: bytes, what: str, name: str) -> Any:
    """A small part as an element tree, safely; DamagedFile when it is not XML."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DamagedFile(f"damaged {what}: {name} is not well-formed XML ({_reason(exc)})") from None


def _open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        if data.startswith(b"PK\x03\x04") and b"PK\x05\x06" not in data[-(1 << 16) - 22 :]:
            raise DamagedFile(
                f"truncated {what}: the end of the file is missing (an incomplete download or copy?)",
                "ask the sender for the file again",
            ) from None
        raise DamagedFile(f"damaged {what}: it is not a readable zip package") from None
    except Exception:
        raise DamagedFile(f"damaged {what}: its zip directory is broken") from None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else "its data is broken"
    return text[:80]
