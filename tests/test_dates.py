"""EDTF dates: the native bounds agree with the edtf library; impossible dates are refused."""

from __future__ import annotations

import calendar
import random

import edtf
import pytest

from xjgraph.sources import dates


def _library(text: str) -> tuple[str, str]:
    v = edtf.parse_edtf(text)
    return tuple(f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}" for t in (v.lower_strict(), v.upper_strict()))


def test_native_bounds_match_the_edtf_library_on_every_curated_date(catalogue):
    texts = {e.get(f) for kind in ("record", "event") for e in catalogue[kind].values() for f in ("date",)}
    texts |= {t.get(f) for t in catalogue.tenures for f in ("start", "end") if t.get(f)}
    texts |= {p.get(f) for p in catalogue["person"].values() for f in ("born", "died") if p.get(f)}
    assert len(texts) > 100
    for text in sorted(texts):
        d = dates.parse(text)
        assert (d.earliest, d.latest) == _library(text), text


def test_native_bounds_match_the_edtf_library_on_generated_dates():
    rng = random.Random(7)
    texts = set()
    while len(texts) < 600:
        y, m, d = rng.randint(1, 2100), rng.randint(1, 12), rng.randint(1, 28)
        form = rng.randrange(6)
        texts.add(
            [
                f"{y:04d}",
                f"{y:04d}-{m:02d}",
                f"{y:04d}-{m:02d}-{d:02d}",
                f"{y:04d}-02-29" if calendar.isleap(y) else f"{y:04d}-02-28",
                f"{y:04d}-{m:02d}?",
                f"{y:04d}/{y + rng.randint(0, 9):04d}-{m:02d}",
            ][form]
        )
    for text in sorted(texts):
        d = dates.parse(text)
        assert (d.earliest, d.latest) == _library(text), text


@pytest.mark.parametrize("text", ["1945-02-30", "1945-13", "1900-02-29", "1945-00-10", "14 Oct 1949", "1949-1-1"])
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(ValueError):
        dates.parse(text)


def test_unspecified_digits_go_to_the_library():
    d = dates.parse("194X")
    assert (d.earliest, d.latest, d.precision) == ("1940-01-01", "1949-12-31", "unspecified")
