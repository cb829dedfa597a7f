"""The dataset in other RDF serialisations: JSON-LD (compacted with ``ontology/context.jsonld``),
N-Triples and Turtle, streamed from pyoxigraph's parser, never read with rdflib.

The parser keeps every literal exactly as written (a store would normalise ``45.2500`` to ``45.25``), and
triples are written in the dump's own order (by subject, each subject's triples together), so each output
is deterministic, takes memory for one subject at a time, and parses back to a graph isomorphic to
``data/records.ttl``.

>>> import tempfile
>>> from xjgraph.resources import packaged_dump
>>> out = export(packaged_dump(), "nt", Path(tempfile.mkdtemp()) / "records.nt")
>>> out.read_bytes().count(b"\\n") > 5000
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import OutputError
from ..files import atomic_file
from ..rdf import ontology
from ..resources import ontology_dir as default_ontology
from ..sparql.dump import require, triples
from ..sparql.results import Cell
from ..sparql.store import cell
from . import jsonld

FORMATS = ("jsonld", "nt", "ttl")


def by_subject(triples: Iterable[ox.Triple]) -> Iterator[tuple[Cell, list[tuple[Cell, Cell]]]]:
    """Consecutive triples of the same subject, grouped: (subject, [(predicate, object), ...])."""
    subject = None
    pairs: list[tuple[Cell, Cell]] = []
    for t in triples:
        s, p, o = cell(t.subject), cell(t.predicate), cell(t.object)
        assert s is not None and p is not None and o is not None
        if subject is not None and s != subject:
            yield subject, pairs
            pairs = []
        subject = s
        pairs.append((p, o))
    if subject is not None:
        yield subject, pairs


def _jsonld_chunks(path: Path, context: dict) -> Iterator[bytes]:
    """The JSON-LD document, one node object at a time (a subject written in two places of a dump gives two
    node objects with the same ``@id``, which JSON-LD merges)."""
    compactor = jsonld.Compactor(context)
    head = json.dumps({"@context": dict(sorted(context.items()))}, ensure_ascii=False, indent=1, sort_keys=True)
    yield (head[:-2] + ',\n "@graph": [').encode("utf-8")
    first = True
    for s, pairs in by_subject(triples(path)):
        node = json.dumps(jsonld.node(s, pairs, compactor), ensure_ascii=False, sort_keys=True)
        yield (("\n  " if first else ",\n  ") + node).encode("utf-8")
        first = False
    yield b"\n ]\n}\n"


def export(dump: str | Path | None, fmt: str, out: str | Path, ontology_dir: str | Path | None = None) -> Path:
    """Write the dump as ``fmt`` to ``out`` (through a temporary file: a failure leaves ``out`` as it was)."""
    path = require(dump)
    if fmt not in FORMATS:
        raise OutputError(f"unknown dataset format {fmt!r}: use one of {', '.join(FORMATS)}")
    context = (
        ontology.context(ontology_dir if ontology_dir is not None else default_ontology()) if fmt == "jsonld" else {}
    )
    with atomic_file(out) as fh:
        if fmt == "ttl":
            with open(path, "rb") as src:
                while chunk := src.read(1 << 20):
                    fh.write(chunk)
        elif fmt == "nt":
            # pyoxigraph writes one triple a line, escaping what would end a line (U+2028 may stay raw: it
            # is allowed in N-Triples, and only splitting on newlines keeps such a literal whole)
            ox.serialize(triples(path), fh, format=ox.RdfFormat.N_TRIPLES)
        else:
            for chunk in _jsonld_chunks(path, context):
                fh.write(chunk)
    return Path(out)


def serialize(dump: str | Path | None, fmt: str, ontology_dir: str | Path | None = None) -> bytes:
    """The dump as ``fmt``, in bytes (for small dumps; :func:`export` streams)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return export(dump, fmt, Path(tmp) / f"dump.{fmt}", ontology_dir).read_bytes()
