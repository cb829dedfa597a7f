"""The dataset in other RDF serialisations: JSON-LD (compacted with ``ontology/context.jsonld``),
N-Triples and Turtle, read with pyoxigraph's streaming parser, never with rdflib.

The parser keeps every literal exactly as written (a store would normalise ``45.2500`` to ``45.25``), so
each output is deterministic and parses back to a graph isomorphic to ``data/records.ttl``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import OutputError
from ..files import write_atomic
from ..rdf import ontology
from ..resources import ontology_dir as default_ontology
from ..sparql.dump import require, syntax_error
from ..sparql.results import Cell
from ..sparql.store import cell
from . import jsonld

FORMATS = ("jsonld", "nt", "ttl")
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s"


def by_subject(target, query: str = ALL_TRIPLES) -> Iterator[tuple[Cell, list[tuple[Cell, Cell]]]]:
    """Every subject of ``target`` (a store or an endpoint) with its (predicate, object) pairs."""
    subject: Cell | None = None
    pairs: list[tuple[Cell, Cell]] = []
    for s, p, o in target.select(query).rows:
        if subject is not None and s != subject:
            yield subject, pairs
            pairs = []
        subject = s
        pairs.append((p, o))
    if subject is not None:
        yield subject, pairs


def serialize(dump: str | Path | None, fmt: str, ontology_dir: str | Path | None = None) -> bytes:
    """The dump as ``fmt``, in bytes."""
    path = require(dump)
    if fmt == "ttl":
        return path.read_bytes()
    if fmt not in FORMATS:
        raise OutputError(f"unknown dataset format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "nt":
        text = ox.serialize(_parse(path), format=ox.RdfFormat.N_TRIPLES) or b""
        # one triple a line: split on newlines only (N-Triples escapes them in literals, but not U+2028)
        return b"\n".join(sorted(line for line in text.split(b"\n") if line)) + b"\n"
    context = ontology.context(ontology_dir if ontology_dir is not None else default_ontology())
    return jsonld.document(_subjects(_parse(path)), context).encode("utf-8")


def _parse(path: Path) -> list:
    try:
        return [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    except SyntaxError as exc:
        raise syntax_error(path, exc) from None


def _subjects(triples: list) -> Iterator[tuple[Cell, list[tuple[Cell, Cell]]]]:
    grouped: dict[Cell, list[tuple[Cell, Cell]]] = {}
    for t in triples:
        s, p, o = cell(t.subject), cell(t.predicate), cell(t.object)
        assert s is not None and p is not None and o is not None
        grouped.setdefault(s, []).append((p, o))
    yield from grouped.items()


def export(dump: str | Path | None, fmt: str, out: str | Path, ontology_dir: str | Path | None = None) -> Path:
    write_atomic(Path(out), serialize(dump, fmt, ontology_dir))
    return Path(out)
