"""Colours as documents write them, to RRGGBB: "#f00", "rgb(255, 0, 0)", "red", Word's "FF0000".

A RAG cell may hold no word, only a colour; each reader turns whatever its format writes into
the same six hex digits, and the rules decide what a colour means (rules/statuses.yaml
`cell_colours`). Named colours are CSS's basic ones and the shades plans use for RAG.
"""

from __future__ import annotations

import re

_NAMED = {
    "red": "FF0000",
    "darkred": "8B0000",
    "crimson": "DC143C",
    "firebrick": "B22222",
    "tomato": "FF6347",
    "orange": "FFA500",
    "darkorange": "FF8C00",
    "amber": "FFC000",
    "gold": "FFD700",
    "yellow": "FFFF00",
    "green": "008000",
    "lime": "00FF00",
    "limegreen": "32CD32",
    "forestgreen": "228B22",
    "darkgreen": "006400",
    "lightgreen": "90EE90",
    "blue": "0000FF",
    "navy": "000080",
    "royalblue": "4169E1",
    "dodgerblue": "1E90FF",
    "lightblue": "ADD8E6",
    "skyblue": "87CEEB",
    "white": "FFFFFF",
    "black": "000000",
    "grey": "808080",
    "gray": "808080",
    "silver": "C0C0C0",
}
_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})(?:\s*,\s*([\d.]+))?\s*\)")
_BACKGROUND = re.compile(r"(?:^|;)\s*background(?:-color)?\s*:\s*([^;]+)", re.IGNORECASE)


def to_rrggbb(value: str | None) -> str | None:
    """ "#f00" -> "FF0000"; "rgb(0, 176, 80)" -> "00B050"; "Red" -> "FF0000"; "auto" -> None"""
    if not value:
        return None
    text = value.strip().lower()
    if text in _NAMED:
        return _NAMED[text]
    rgb = _RGB.search(text)
    if rgb:
        if rgb.group(4) is not None and float(rgb.group(4)) == 0:
            return None  # fully transparent
        return "".join(f"{min(int(rgb.group(i)), 255):02X}" for i in (1, 2, 3))
    hexed = _HEX.fullmatch(text) or (_HEX.search(text) if text.startswith("#") else None)
    if hexed:
        digits = hexed.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return digits.upper()
    for word in re.findall(r"[a-z]+", text):
        if word in _NAMED:
            return _NAMED[word]
    return None


def css_background(style: str | None) -> str | None:
    """The background colour a CSS `style` attribute sets, as RRGGBB, or None."""
    if not style:
        return None
    found = _BACKGROUND.search(style)
    return to_rrggbb(found.group(1)) if found else None
