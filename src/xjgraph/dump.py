"""Reading the Turtle that commands take as input (the dump, the ontology), with errors that name the file
and the place that does not parse.

>>> len(read_graph("data/records.ttl")) > 4000
True
>>> require("no/such.ttl")
Traceback (most recent call last):
...
xjgraph.errors.DumpError: no/such.ttl: no such file; run `xjgraph build` first
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .errors import DumpError, SourceError


def require(path: str | Path) -> Path:
    """``path`` as a Path, or a :class:`DumpError` if there is no such file."""
    path = Path(path)
    if not path.is_file():
        raise DumpError(f"{path}: no such file; run `xjgraph build` first")
    return path


def syntax_error(path: str | Path, exc: SyntaxError) -> DumpError:
    """The error to report when the Turtle parser of rdflib or pyoxigraph rejects ``path``.

    >>> import pyoxigraph as ox
    >>> try:
    ...     ox.parse(b'<a> <b> "open', format=ox.RdfFormat.TURTLE, base_iri="http://x/").__next__()
    ... except SyntaxError as exc:
    ...     print(syntax_error("d.ttl", exc))
    d.ttl: line 1: not valid Turtle: Parser error at line 1 between columns 9 and 14: Unexpected end of file
    """
    line, why = _position(exc)
    return DumpError(f"{path}: line {line}: not valid Turtle: {why}")


def _position(exc: SyntaxError) -> tuple[int, str]:
    """The line where a Turtle parser (rdflib's or pyoxigraph's) stopped, and why."""
    if hasattr(exc, "_why"):  # rdflib's BadSyntax counts lines from 0 and keeps the reason apart
        return exc.lines + 1, exc._why
    return exc.lineno, exc.msg


def read_graph(path: str | Path) -> Graph:
    """The dump parsed into an rdflib Graph; a missing or malformed file raises :class:`DumpError`."""
    path = require(path)
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except SyntaxError as exc:
        raise syntax_error(path, exc) from None
    return g


def read_ontology(path: str | Path, into: Graph | None = None) -> Graph:
    """Parse one Turtle file of the ontology folder into ``into`` (or a new Graph).

    A missing or malformed file is a :class:`SourceError` naming it (and the line), like a bad source.

    >>> len(read_ontology("ontology/shapes.ttl")) > 100
    True
    """
    path = Path(path)
    g = Graph() if into is None else into
    if not path.is_file():
        raise SourceError(str(path), None, None, "a Turtle file of the ontology (see --ontology)", "no such file")
    try:
        g.parse(path, format="turtle")
    except SyntaxError as exc:
        line, why = _position(exc)
        raise SourceError(str(path), f"line {line}", None, "valid Turtle", why) from None
    return g
