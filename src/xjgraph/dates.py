"""EDTF dates: validation, xsd:date bounds, and conversion from the archive's printed dates.

>>> parse("1934-06").earliest, parse("1934-06").latest, parse("1934-06").precision
('1934-06-01', '1934-06-30', 'month')
>>> from_archive("October 14, 1949"), from_archive("July, 1945"), from_archive("1936")
('1949-10-14', '1945-07', '1936')
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
import time
from dataclasses import dataclass

import edtf

# The EDTF forms xjgraph accepts: a year, year-month or day, optionally qualified (? ~ %), with
# unspecified digits (194X, 1949-1X), or an interval of two such dates.
_ONE = r"[0-9X]{4}(?:-[0-9X]{2}(?:-[0-9X]{2})?)?[?~%]?"
EDTF_RE = re.compile(rf"^{_ONE}(?:/{_ONE})?$")
# The common forms, whose bounds are computed natively (no X digits).
_FAST_ONE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?[?~%]?$")
EXPECTED = "an EDTF date such as 1949-10-14, 1934-06, 1936, 1944?, 194X or 1944-03/1944-05"

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}


@dataclass(frozen=True)
class EdtfDate:
    """A parsed EDTF string with inclusive xsd:date bounds."""

    text: str
    earliest: str
    latest: str
    precision: str


def _fast_bounds(one: str) -> tuple[str, str] | None:
    """Strict bounds of a year, month or day without unspecified digits; None for other forms."""
    m = _FAST_ONE.match(one)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(month)
    if not 1 <= month <= 12:
        raise ValueError(f"{one!r} has no month {month}")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    datetime.date(year, month, int(day))  # raises for 30 February and the like
    return f"{year:04d}-{month:02d}-{int(day):02d}", f"{year:04d}-{month:02d}-{int(day):02d}"


def _iso(t: time.struct_time) -> str:
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"  # strftime does not pad years before 1000


def _library_bounds(text: str) -> tuple[str, str]:
    value = edtf.parse_edtf(text)
    return _iso(value.lower_strict()), _iso(value.upper_strict())


@functools.lru_cache(maxsize=65536)
def parse(text: str) -> EdtfDate:
    """Parse an EDTF string; raise ValueError with the reason when it is not one xjgraph accepts.

    Years, months and days (qualified or not, alone or as interval ends) get their bounds natively; other
    forms (unspecified digits such as 194X) go to the edtf library, whose parser costs about 20 ms a call.
    tests/test_dates.py checks the native bounds against the library on every curated date and on
    thousands of generated ones.
    """
    if not isinstance(text, str) or not EDTF_RE.match(text):
        raise ValueError(f"{text!r} is not of the accepted EDTF forms")
    try:
        parts = text.split("/")
        fast = [_fast_bounds(p) for p in parts]
        if all(b is not None for b in fast):
            earliest, latest = fast[0][0], fast[-1][1]
        else:
            earliest, latest = _library_bounds(text)
    except Exception as exc:  # calendar, datetime and the edtf library raise several types for impossible dates
        raise ValueError(f"{text!r} is not a valid date ({exc.__class__.__name__})") from None
    if earliest > latest:
        raise ValueError(f"{text!r} ends before it starts")
    if "/" in text:
        precision = "interval"
    elif "X" in text:
        precision = "unspecified"
    else:
        precision = {1: "year", 2: "month", 3: "day"}[len(text.rstrip("?~%").split("-"))]
    return EdtfDate(text, earliest, latest, precision)


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
