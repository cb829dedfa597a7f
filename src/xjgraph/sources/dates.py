"""EDTF dates: validation, xsd:date bounds, and conversion from the archive's printed dates.

The accepted forms are a year, a year-month or a day, optionally qualified (``?`` uncertain, ``~``
approximate, ``%`` both), with unspecified digits (``194X``, ``1949-1X``, ``1949-10-XX``), or an
interval of two such dates. Bounds are computed here (tests/test_dates.py checks them against the
``edtf`` library, which the build does not call).

>>> parse("1934-06").earliest, parse("1934-06").latest, parse("1934-06").precision
('1934-06-01', '1934-06-30', 'month')
>>> parse("1949-1X").earliest, parse("1949-1X").latest
('1949-10-01', '1949-12-31')
>>> from_archive("October 14, 1949"), from_archive("July, 1945"), from_archive("1936")
('1949-10-14', '1945-07', '1936')
>>> parse("0000")
Traceback (most recent call last):
...
ValueError: '0000' is not a valid date (there is no year 0)
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

_ONE = r"[0-9X]{4}(?:-[0-9X]{2}(?:-[0-9X]{2})?)?[?~%]?"
EDTF_RE = re.compile(rf"^{_ONE}(?:/{_ONE})?$")
_PARTS_RE = re.compile(r"^([0-9X]{4})(?:-([0-9X]{2})(?:-([0-9X]{2}))?)?([?~%]?)$")
# a plain calendar date of known digits, as for birth and death dates: 1897, 1897-03, 1897-03-09
PLAIN_RE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")
EXPECTED = "an EDTF date such as 1949-10-14, 1934-06, 1936, 1944?, 194X or 1944-03/1944-05"
EXPECTED_PLAIN = "a date of known digits such as 1897, 1897-03 or 1897-03-09 (record doubt in the evidence)"

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}


@dataclass(frozen=True)
class EdtfDate:
    """A parsed EDTF string with inclusive xsd:date bounds."""

    text: str
    earliest: str
    latest: str
    precision: str


def _span(digits: str, low: int, high: int, what: str) -> tuple[int, int]:
    """The values a component with unspecified digits (X) can take, within [low, high]."""
    lo, hi = int(digits.replace("X", "0")), int(digits.replace("X", "9"))
    lo, hi = max(lo, low), min(hi, high)
    if lo > hi:
        raise ValueError(f"there is no {what} {digits}")
    return lo, hi


def _days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _bounds(one: str) -> tuple[str, str]:
    """Inclusive bounds of one date (not an interval)."""
    m = _PARTS_RE.match(one)
    if not m:
        raise ValueError("not of the accepted forms")
    y_text, m_text, d_text = m.group(1), m.group(2), m.group(3)
    if y_text == "XXXX":
        raise ValueError("the year is wholly unspecified")
    if y_text == "0000":
        raise ValueError("there is no year 0")
    y_lo, y_hi = _span(y_text, 1, 9999, "year")
    m_lo, m_hi = _span(m_text, 1, 12, "month") if m_text else (1, 12)
    if not d_text:
        return f"{y_lo:04d}-{m_lo:02d}-01", f"{y_hi:04d}-{m_hi:02d}-{_days(y_hi, m_hi):02d}"
    d_lo, d_hi = _span(d_text, 1, 31, "day")

    def first() -> str:
        for y in range(y_lo, y_hi + 1):
            for mo in range(m_lo, m_hi + 1):
                if d_lo <= _days(y, mo):
                    return f"{y:04d}-{mo:02d}-{d_lo:02d}"
        raise ValueError(f"no month of {one} has a day {d_text}")

    def last() -> str:
        for y in range(y_hi, y_lo - 1, -1):
            for mo in range(m_hi, m_lo - 1, -1):
                if d_lo <= _days(y, mo):
                    return f"{y:04d}-{mo:02d}-{min(d_hi, _days(y, mo)):02d}"
        raise ValueError(f"no month of {one} has a day {d_text}")  # pragma: no cover - first() raised already

    return first(), last()


@functools.lru_cache(maxsize=65536)
def parse(text: str) -> EdtfDate:
    """Parse an EDTF string; raise ValueError with the reason when it is not one xjgraph accepts."""
    if not isinstance(text, str) or not EDTF_RE.match(text):
        raise ValueError(f"{text!r} is not of the accepted EDTF forms")
    parts = text.split("/")
    try:
        bounds = [_bounds(p) for p in parts]
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid date ({exc})") from None
    earliest, latest = bounds[0][0], bounds[-1][1]
    if earliest > latest:
        raise ValueError(f"{text!r} ends before it starts")
    if len(parts) == 2:
        precision = "interval"
    elif "X" in text:
        precision = "unspecified"
    else:
        precision = {1: "year", 2: "month", 3: "day"}[len(text.rstrip("?~%").split("-"))]
    return EdtfDate(text, earliest, latest, precision)


def parse_plain(text: str) -> EdtfDate:
    """Parse a date of known digits with no qualifier (birth and death dates)."""
    if not isinstance(text, str) or not PLAIN_RE.match(text):
        raise ValueError(f"{text!r} is not a year, year-month or day of known digits")
    return parse(text)


def from_archive(printed: str) -> str:
    """Turn a date as the Digital Archive prints it into EDTF; raise ValueError if it cannot."""
    s = printed.strip().replace(",", " ")
    parts = s.split()
    try:
        if len(parts) == 3:
            month, day, year = MONTHS[parts[0].lower()], int(parts[1]), int(parts[2])
            result = f"{year:04d}-{month:02d}-{day:02d}"
        elif len(parts) == 2:
            result = f"{int(parts[1]):04d}-{MONTHS[parts[0].lower()]:02d}"
        elif len(parts) == 1:
            result = f"{int(parts[0]):04d}"
        else:
            raise ValueError
    except (KeyError, ValueError):
        raise ValueError(f"cannot read {printed!r} as a date") from None
    parse(result)
    return result
