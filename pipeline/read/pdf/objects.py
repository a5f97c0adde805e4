"""A page's objects as pdfplumber gives them, made faster for characters.

Profiling a 320-page plan showed where a page's time goes: about half in pdfminer interpreting
the content stream, and a third in pdfplumber turning each of its ~2,000 characters into a dict
(`Page.process_object`: every attribute passed through a generic recursive resolver, the class
name matched with a regex), far more than the words, lines and tables we make afterwards.

`speed_up(page)` has pdfplumber build the very same dicts (same keys, values and order) on a
fast path for plain characters (`LTChar`), whose attributes are numbers, strings and tuples of
numbers that need no resolving; every other object, and any value that is not plain, still goes
through pdfplumber's own code. pdfplumber's own loop (`Page.parse_objects`) runs unchanged and
as lazily as before (so a page refused for its density is still refused before it is parsed):
only the per-object step is replaced, on that page only. It is used only with the pdfplumber
version it was checked against (`VERIFIED`); tests compare it with pdfplumber's own result on
every fixture PDF, so an upgrade that changes pdfplumber's output is caught, not mirrored.
"""

from __future__ import annotations

from typing import Any

VERIFIED = "0.11.10"

_PLAIN = frozenset((int, float, str, bool, bytes, type(None)))


def applies(page: Any) -> bool:
    """True when the fast path gives pdfplumber's own result for this page's document."""
    import pdfplumber

    return pdfplumber.__version__ == VERIFIED and getattr(page.pdf, "unicode_norm", None) is None


def speed_up(page: Any) -> None:
    """Have pdfplumber turn this page's characters into dicts on the fast path (when it applies)."""
    if applies(page):
        page.process_object = FastProcess(page)


def restore(page: Any) -> None:
    """Back to pdfplumber's own per-object step for this page."""
    page.__dict__.pop("process_object", None)


class FastProcess:
    """`Page.process_object` for one page: the fast path for LTChar, pdfplumber's own for the rest."""

    def __init__(self, page: Any) -> None:
        from pdfminer.layout import LTChar
        from pdfplumber.page import ALL_ATTRS, Page, fix_fontname_bytes
        from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

        self.original = Page.process_object.__get__(page)
        self.char_type = LTChar
        self.all_attrs = ALL_ATTRS
        self.fix_fontname = fix_fontname_bytes
        self.resolve_all = resolve_all
        self.resolve_and_decode = resolve_and_decode
        self.number = page.page_number
        self.height = page.height
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.doctop = page.initial_doctop

    def __call__(self, obj: Any) -> dict[str, Any]:
        if type(obj) is not self.char_type:
            return self.original(obj)
        return self.char(obj)

    def char(self, obj: Any) -> dict[str, Any]:
        """pdfplumber's dict for one LTChar (`Page.process_object`, its LTChar path, step by step)."""
        attr: dict[str, Any] = {}
        all_attrs = self.all_attrs
        for key, value in obj.__dict__.items():
            if key in all_attrs:
                kind = type(value)
                if kind in _PLAIN or (kind is tuple and all(type(v) in _PLAIN for v in value)):
                    attr[key] = value
                else:
                    attr[key] = self.resolve_all(value)
        attr["object_type"] = "char"
        attr["page_number"] = self.number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                attr[cs] = self.resolve_and_decode(getattr(obj, cs).name)
        attr["text"] = obj.get_text()
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = self.fix_fontname(attr["fontname"])
        if "y0" in attr:
            attr["top"] = (self.height - attr["y1"]) + self.mb_top
            attr["bottom"] = (self.height - attr["y0"]) + self.mb_top
            attr["doctop"] = self.doctop + attr["top"]
        if "x0" in attr and self.mb_x0 != 0:
            attr["x0"] = attr["x0"] + self.mb_x0
            attr["x1"] = attr["x1"] + self.mb_x0
        return attr
