"""EDTF dates: validation, xsd:date bounds, and conversion from the archive's printed dates.

>>> parse("1934-06").earliest, parse("1934-06").latest, parse("1934-06").precision
('1934-06-01', '1934-06-30', 'month')
>>> from_archive("October 14, 1949"), from_archive("July, 1945"), from_archive("1936")
('1949-10-14', '1945-07', '1936')
"""

from __future__ import annotations

import calendar
import functools
import re
import time
from dataclasses import dataclass

import edtf

# The EDTF forms xjgraph accepts: a year, year-month or day, optionally qualified (? ~ %),
# or an interval of two such dates.
_ONE = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?[?~%]?"
EDTF_RE = re.compile(rf"^{_ONE}(?:/{_ONE})?$")
EXPECTED = "an EDTF date such as 1949-10-14, 1934-06, 1936, 1944? or 1944-03/1944-05"

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}


@dataclass(frozen=True)
class EdtfDate:
    """A parsed EDTF string with inclusive xsd:date bounds."""

    text: str
    earliest: str
    latest: str
    precision: str


@functools.lru_cache(maxsize=65536)
def parse(text: str) -> EdtfDate:
    """Parse an EDTF string; raise ValueError with the reason when it is not one xjgraph accepts.

    The edtf library's parser takes about 20 ms a call, so results are cached: collections repeat dates.
    """
    if not isinstance(text, str) or not EDTF_RE.match(text):
        raise ValueError(f"{text!r} is not of the accepted EDTF forms")
    try:
        value = edtf.parse_edtf(text)
        lower, upper = value.lower_strict(), value.upper_strict()
    except Exception as exc:  # the edtf library raises several types for impossible dates
        raise ValueError(f"{text!r} is not a valid date ({exc.__class__.__name__})") from None
    earliest, latest = time.strftime("%Y-%m-%d", lower), time.strftime("%Y-%m-%d", upper)
    if earliest > latest:
        raise ValueError(f"{text!r} ends before it starts")
    if "/" in text:
        precision = "interval"
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
