"""Numbers and dates as the sheet shows them: Excel number formats rendered to text.

A spreadsheet stores 45747 and shows "31/03/2025"; it stores 0.25 and shows "25%". Officers
read the sheet, and the records keep the document's own words, so a cell becomes the text its
number format shows: dates in the plan's own date format ("31/03/2025", "Mar-25", "March
2025"), percentages, fixed decimals and thousands separators, currency signs. Excel's built-in
short date (format 14) follows the reader's locale; it is shown day first (dd/mm/yyyy), as a
UK officer's Excel shows it. Anything this does not render exactly falls back to the number as
Excel's "General" format writes it (15 significant digits, no trailing zeros).

    render(45747, "dd/mm/yyyy") -> "31/03/2025";  render(0.25, "0%") -> "25%"
    render(1.1, "General") -> "1.1";  render(45717, "mmm-yy") -> "Feb-25"
"""

from __future__ import annotations

import datetime
import math
import re
from decimal import ROUND_HALF_UP, Decimal

# Built-in formats (ECMA-376 18.8.30); 14 and 22 are locale dates, shown day first.
BUILTIN: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "General",
    13: "General",
    14: "dd/mm/yyyy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "dd/mm/yyyy hh:mm",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;(#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;(#,##0.00)",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mm:ss.0",
    48: "##0.0E+0",
    49: "@",
}
_QUOTED = re.compile(r'"[^"]*"|\\.')
_BRACKET = re.compile(r"\[[^\]]*\]")
_DATE_LETTERS = re.compile(r"[dmyhs]", re.IGNORECASE)
_CURRENCY = re.compile(r"\[\$([^\]-]*)(?:-[^\]]*)?\]")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_TOKEN = re.compile(
    r'"[^"]*"|\\.|\[[^\]]*\]|AM/PM|am/pm|A/P|a/p|yyyy|yy|y|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|\.0+|_.|\*.|.',
    re.IGNORECASE,
)


def sections(code: str) -> list[str]:
    """A format's sections (positive;negative;zero;text), split outside quotes."""
    out, current, quoted = [], "", False
    for ch in code:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(current)
            current = ""
        else:
            current += ch
    out.append(current)
    return out


def is_date_format(code: str) -> bool:
    """True for formats that show a date or time: "dd/mm/yyyy", "mmm-yy", "h:mm"; not "0.00", "General"."""
    first = sections(code)[0]
    bare = _BRACKET.sub(
        lambda m: "h" if m.group().lower() in ("[h]", "[hh]", "[m]", "[mm]", "[s]", "[ss]") else "", first
    )
    bare = _QUOTED.sub("", bare)
    if bare.strip().lower() == "general":
        return False
    return bool(_DATE_LETTERS.search(bare))


def serial_to_datetime(value: float, date1904: bool = False) -> datetime.datetime | None:
    """A date serial as a datetime (1900 system with Excel's 29 February 1900, or 1904)."""
    if not math.isfinite(value) or value < 0 or value > 2958465:  # up to 31/12/9999
        return None
    if date1904:
        base = datetime.datetime(1904, 1, 1)
    elif value < 60:
        base = datetime.datetime(1899, 12, 31)
    else:
        base = datetime.datetime(1899, 12, 30)
    days = math.floor(value)
    seconds = round((value - days) * 86400)
    return base + datetime.timedelta(days=days, seconds=seconds)


def render(value: float, code: str | None, date1904: bool = False) -> str:
    """The text a cell holding `value` shows under number format `code`."""
    code = code or "General"
    if is_date_format(code):
        when = serial_to_datetime(value, date1904)
        if when is not None:
            return render_date(when, sections(code)[0])
        return general(value)
    parts = sections(code)
    section = parts[0]
    negative = value < 0
    if negative and len(parts) > 1 and parts[1].strip():
        section, value = parts[1], -value
        negative = False
    elif value == 0 and len(parts) > 2 and parts[2].strip():
        section = parts[2]
    text = _render_number(abs(value) if negative else value, section)
    return f"-{text}" if negative and text and not text.startswith("-") else text


def general(value: float) -> str:
    """Excel's General format: 3.0 -> "3", 0.1 + 0.2 -> "0.3", 1e20 -> "1E+20"."""
    if not math.isfinite(value):
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"
    return text


def _render_number(value: float, section: str) -> str:
    section = _CURRENCY.sub(lambda m: f'"{m.group(1)}"', section)
    section = _BRACKET.sub("", section)  # colours, conditions
    bare = _QUOTED.sub("", section)
    if section.strip() and not re.search(r"[0#?]", bare) and bare.strip().lower() not in ("general", "@"):
        prefix, suffix = _literals(section)
        return prefix + suffix  # a section of text only: "-" for zero
    if bare.strip().lower() in ("general", "", "@") or "?" in bare or "/" in bare:
        prefix, suffix = _literals(section)
        return prefix + general(value) + suffix
    if "%" in bare:
        value *= 100
    digits = re.search(r"[0#][0#,]*(?:\.[0#]*)?(?:E[+-]?[0#]+)?", bare, re.IGNORECASE)
    if digits is None:
        return general(value)
    pattern = digits.group()
    decimals = len(pattern.split(".")[1].split("E")[0].split("e")[0]) if "." in pattern else 0
    if "e" in pattern.lower():
        text = f"{value:.{decimals}E}"
        mantissa, exponent = text.split("E")
        text = f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"
    else:
        whole = pattern.split(".")[0]
        trailing_commas = len(whole) - len(whole.rstrip(","))
        value /= 1000**trailing_commas
        grouped = "," in whole.rstrip(",")
        # Excel rounds halves away from zero (1234.5 shows as 1,235), Python's format to even
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = f"{exact:,.{decimals}f}" if grouped else f"{exact:.{decimals}f}"
        if not pattern.startswith("0") and text.startswith("0") and len(text) > 1 and text[1] == ".":
            text = text[1:]  # "#.00" shows .50, not 0.50
    prefix, suffix = _literals(section)
    return prefix + text + suffix


def _literals(section: str) -> tuple[str, str]:
    """The text a number section prints before and after its digits (£, %, " units")."""
    out: list[list[str]] = [[], []]
    side = 0
    for token in _TOKEN.findall(section):
        lowered = token.lower()
        if token[0] in "0#?" or lowered in (",", ".") or lowered.startswith(".0") or lowered in ("e", "e+", "e-"):
            side = 1
            continue
        if token.startswith('"'):
            out[side].append(token[1:-1])
        elif token.startswith("\\"):
            out[side].append(token[1:])
        elif token.startswith("_"):
            out[side].append(" ")
        elif token.startswith(("*", "[")) or token.lower() == "general" or token in ("+", "-", "E", "@"):
            continue
        elif token == "%":
            out[side].append("%")
        elif not token.isalnum():
            out[side].append(token)
    prefix, suffix = "".join(out[0]), "".join(out[1])
    return prefix, suffix.rstrip() if suffix.strip() == "" else suffix


def render_date(when: datetime.datetime, section: str) -> str:
    """A datetime in a date format section: "dd/mm/yyyy", "mmm-yy", "dddd d mmmm yyyy", "h:mm AM/PM"."""
    tokens = _TOKEN.findall(section)
    twelve_hour = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out: list[str] = []
    for i, token in enumerate(tokens):
        lowered = token.lower()
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif token.startswith("["):
            inner = lowered[1:-1]
            if inner in ("h", "hh"):
                out.append(str(int((when - datetime.datetime(1899, 12, 30)).total_seconds() // 3600)))
            elif inner in ("m", "mm", "s", "ss"):
                out.append(f"{when.minute if 'm' in inner else when.second:0{len(inner)}d}")
        elif token.startswith("_"):
            out.append(" ")
        elif token.startswith("*"):
            continue
        elif lowered in ("am/pm", "a/p"):
            am = when.hour < 12
            word = ("AM" if am else "PM") if lowered == "am/pm" else ("A" if am else "P")
            out.append(word if token[0].isupper() else word.lower())
        elif lowered == "yyyy":
            out.append(f"{when.year:04d}")
        elif lowered in ("yy", "y"):
            out.append(f"{when.year % 100:02d}")
        elif lowered.startswith("m") and lowered.strip("m") == "":
            if len(lowered) <= 2 and _is_minute(tokens, i):
                out.append(f"{when.minute:0{len(lowered)}d}")
            elif len(lowered) == 1:
                out.append(str(when.month))
            elif len(lowered) == 2:
                out.append(f"{when.month:02d}")
            elif len(lowered) == 3:
                out.append(_MONTHS[when.month - 1][:3])
            elif len(lowered) == 4:
                out.append(_MONTHS[when.month - 1])
            else:
                out.append(_MONTHS[when.month - 1][0])
        elif lowered.startswith("d") and lowered.strip("d") == "":
            if len(lowered) == 1:
                out.append(str(when.day))
            elif len(lowered) == 2:
                out.append(f"{when.day:02d}")
            elif len(lowered) == 3:
                out.append(_DAYS[when.weekday()][:3])
            else:
                out.append(_DAYS[when.weekday()])
        elif lowered in ("h", "hh"):
            hour = when.hour % 12 or 12 if twelve_hour else when.hour
            out.append(f"{hour:0{len(lowered)}d}")
        elif lowered in ("s", "ss"):
            out.append(f"{when.second:0{len(lowered)}d}")
        elif lowered.startswith(".0"):
            out.append("." + "0" * (len(lowered) - 1))
        else:
            out.append(token)
    return "".join(out).strip()


def _is_minute(tokens: list[str], i: int) -> bool:
    """ "m" or "mm" is minutes right after an hour or right before seconds (Excel's rule)."""
    for token in reversed(tokens[:i]):
        lowered = token.lower()
        if lowered in ("h", "hh") or lowered in ("[h]", "[hh]"):
            return True
        if token[0].isalpha() and lowered not in ("am/pm", "a/p"):
            break
    for token in tokens[i + 1 :]:
        lowered = token.lower()
        if lowered in ("s", "ss"):
            return True
        if token[0].isalpha():
            break
    return False
