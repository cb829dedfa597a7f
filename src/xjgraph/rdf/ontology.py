"""The ontology folder: ``xjgraph.ttl`` (the edited ontology), ``shapes.ttl`` (SHACL), ``context.jsonld``
and ``imports/`` (local copies of the standard terms used). Read with rdflib: these files are small and
the SHACL engine needs rdflib graphs.

>>> from xjgraph.resources import ontology_dir
>>> len(read(ontology_dir() / "shapes.ttl")) > 100
True
>>> context(ontology_dir())["xj"]
'https://w3id.org/xjgraph/ontology#'
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from ..errors import SourceError
from .turtle import syntax_position


def read(path: str | Path, into: Graph | None = None) -> Graph:
    """Parse one Turtle file of the ontology folder into ``into`` (or a new Graph).

    A missing or malformed file is a :class:`SourceError` naming it (and the line), like a bad source.
    """
    path = Path(path)
    g = Graph() if into is None else into
    if not path.is_file():
        raise SourceError(str(path), None, None, "a Turtle file of the ontology (see --ontology)", "no such file")
    try:
        g.parse(path, format="turtle")
    except SyntaxError as exc:
        line, why = syntax_position(exc)
        raise SourceError(str(path), f"line {line}", None, "valid Turtle", why) from None
    return g


def shapes(ontology_dir: str | Path) -> Graph:
    return read(Path(ontology_dir) / "shapes.ttl")


def terms(ontology_dir: str | Path) -> Graph:
    """The ontology with the local copies of every imported vocabulary."""
    folder = Path(ontology_dir)
    g = read(folder / "xjgraph.ttl")
    for path in sorted((folder / "imports").glob("*.ttl")):
        read(path, g)
    return g


def context(ontology_dir: str | Path) -> dict:
    """The JSON-LD context of ``context.jsonld``."""
    path = Path(ontology_dir) / "context.jsonld"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError) as exc:
        raise SourceError(str(path), None, None, "a JSON-LD file with an @context", str(exc)) from None
