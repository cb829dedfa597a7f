"""Shared fixtures: the repository's real sources, and scratch copies of them for bad-input tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xjgraph import sources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
ONTOLOGY = ROOT / "ontology"
DUMP = ROOT / "data" / "records.ttl"


@pytest.fixture(scope="session")
def catalogue():
    return sources.load(SOURCES)


@pytest.fixture
def scratch(tmp_path):
    """A copy of the sources and the committed dump in a temporary folder."""
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    out = tmp_path / "records.ttl"
    shutil.copy(DUMP, out)
    return src, out
