"""The Turtle dump that commands read: found as a user expects, errors that name the file and the line.

>>> from xjgraph.resources import packaged_dump
>>> require(packaged_dump()).name
'records.ttl'
>>> require("no/such.ttl")
Traceback (most recent call last):
...
xjgraph.errors.DumpError: no/such.ttl: no such file; run `xjgraph build` first
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import DumpError, OutputError
from ..files import recover
from ..rdf.turtle import syntax_position
from ..resources import dump_path


def require(path: str | Path | None = None) -> Path:
    """The dump: ``path``, else ``./data/records.ttl``; a :class:`DumpError` says what was looked for.

    A publication of the dump and its description that was interrupted is completed first.
    """
    found = dump_path(path)
    with contextlib.suppress(OutputError):  # a folder we cannot write to: read what is there
        recover(found.parent)
    return found


def syntax_error(path: str | Path, exc: SyntaxError) -> DumpError:
    """The error to report when the Turtle parser of rdflib or pyoxigraph rejects ``path``.

    >>> import pyoxigraph as ox
    >>> try:
    ...     ox.parse(b'<a> <b> "open', format=ox.RdfFormat.TURTLE, base_iri="http://x/").__next__()
    ... except SyntaxError as exc:
    ...     print(syntax_error("d.ttl", exc))
    d.ttl: line 1: not valid Turtle: Parser error at line 1 between columns 9 and 14: Unexpected end of file
    """
    line, why = syntax_position(exc)
    return DumpError(f"{path}: line {line}: not valid Turtle: {why}")


def triples(path: str | Path | None = None) -> Iterator[ox.Triple]:
    """The dump's triples in the order they are written, streamed from pyoxigraph's parser (literals exactly
    as written); a syntax error is a :class:`DumpError` naming the file and the line."""
    found = require(path)
    try:
        for quad in ox.parse(path=str(found), format=ox.RdfFormat.TURTLE):
            yield quad.triple
    except SyntaxError as exc:
        raise syntax_error(found, exc) from None
