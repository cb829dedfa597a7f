"""Reading the Turtle dump, with errors that name the file and the place that does not parse.

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

from .errors import DumpError


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
    if hasattr(exc, "_why"):  # rdflib's BadSyntax counts lines from 0 and keeps the reason apart
        line, why = exc.lines + 1, exc._why
    else:
        line, why = exc.lineno, exc.msg
    return DumpError(f"{path}: line {line}: not valid Turtle: {why}")


def read_graph(path: str | Path) -> Graph:
    """The dump parsed into an rdflib Graph; a missing or malformed file raises :class:`DumpError`."""
    path = require(path)
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except SyntaxError as exc:
        raise syntax_error(path, exc) from None
    return g
