"""The coverage report."""

from __future__ import annotations

from xjgraph.cli import main
from xjgraph.sources import coverage as stats

from .conftest import SOURCES


def test_every_name_in_every_title_resolves(catalogue):
    report = stats.compute(catalogue)
    assert report.unresolved_names == []
    assert report.records == len(catalogue["record"]) >= 111
    assert report.with_citation >= 28


def test_stats_command_prints_the_report(capsys):
    assert main(["stats", "--sources", str(SOURCES), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "names in titles that resolve to nothing: 0" in out
    assert "ciphered telegram" in out and "1949" in out
