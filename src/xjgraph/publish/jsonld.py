"""JSON-LD compacted with the project's context (``ontology/context.jsonld``), written directly from triples.

The context is small and fixed, so compaction is a lookup: a predicate whose object fits a term of the
context (an IRI for an ``@id`` term, a literal of the term's datatype, a plain or language-tagged string
for a term without a type) is written under the term; anything else under the predicate's CURIE in
expanded form. Output is deterministic (keys and values sorted), and parses back (rdflib, pyld, any
JSON-LD 1.1 processor) to the same triples; ``tests/test_publish.py`` checks it against the dump.

>>> ctx = {"schema": "https://schema.org/", "person": "https://w3id.org/xjgraph/person/",
...        "sender": {"@id": "schema:sender", "@type": "@id"}, "title": "http://purl.org/dc/terms/title"}
>>> s = Cell("https://w3id.org/xjgraph/record/r1", "iri")
>>> node(s, [(Cell("https://schema.org/sender", "iri"), Cell("https://w3id.org/xjgraph/person/stalin", "iri")),
...          (Cell("http://purl.org/dc/terms/title", "iri"), Cell("A letter"))], Compactor(ctx))
{'@id': 'https://w3id.org/xjgraph/record/r1', 'sender': 'person:stalin', 'title': 'A letter'}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..rdf.namespaces import RDF, XSD
from ..sparql.results import Cell


class Compactor:
    """Term and prefix lookups for one context."""

    def __init__(self, context: dict[str, Any]):
        self.context = context
        self.prefixes: list[tuple[str, str]] = []
        self.terms: dict[tuple[str, str], str] = {}  # (predicate IRI, coercion) -> term
        for term, value in context.items():
            if isinstance(value, str) and value.endswith(("/", "#")):
                self.prefixes.append((term, value))
        self.prefixes.sort(key=lambda kv: (-len(kv[1]), kv[0]))
        for term, value in sorted(context.items()):
            if isinstance(value, str) and not value.endswith(("/", "#")):
                self.terms.setdefault((self.expand(value), ""), term)
            elif isinstance(value, dict) and "@id" in value:
                coercion = value.get("@type", "")
                coercion = coercion if coercion in ("", "@id") else self.expand(coercion)
                self.terms.setdefault((self.expand(value["@id"]), coercion), term)
        # prefixes that are also terms cannot start a compact IRI
        self.prefixes = [(p, ns) for p, ns in self.prefixes if not any(t == p for t in self.terms.values())]

    def expand(self, value: str) -> str:
        prefix, colon, local = value.partition(":")
        if colon and not local.startswith("//") and isinstance(self.context.get(prefix), str):
            return self.context[prefix] + local
        return value

    def iri(self, value: str) -> str:
        """A compact IRI (``person:stalin``) where a prefix of the context fits, else the IRI."""
        for prefix, ns in self.prefixes:
            if value.startswith(ns) and len(value) > len(ns):
                local = value[len(ns) :]
                if not local.startswith("//"):
                    return f"{prefix}:{local}"
        return value

    def node_id(self, c: Cell) -> str:
        """The ``@id`` of a node: a compact IRI, or ``_:label`` for a blank node."""
        return "_:" + c.value if c.kind == "bnode" else self.iri(c.value)

    def key_and_value(self, predicate: str, o: Cell) -> tuple[str, Any]:
        """The key a triple is written under and its value there."""
        if o.kind in ("iri", "bnode"):
            term = self.terms.get((predicate, "@id"))
            if term:
                return term, self.node_id(o)
            return self.iri(predicate), {"@id": self.node_id(o)}
        if o.lang:
            term = self.terms.get((predicate, ""))
            value = {"@language": o.lang, "@value": o.value}
            return (term, value) if term else (self.iri(predicate), value)
        datatype = o.datatype or XSD.string
        if datatype == XSD.string:
            term = self.terms.get((predicate, ""))
            return (term, o.value) if term else (self.iri(predicate), o.value)
        term = self.terms.get((predicate, datatype))
        if term:
            return term, o.value
        return self.iri(predicate), {"@type": self.iri(datatype), "@value": o.value}


def _order(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def node(subject: Cell, pairs: Iterable[tuple[Cell, Cell]], compactor: Compactor) -> dict[str, Any]:
    """One node object: the subject's ``@id``, ``@type`` and properties, keys and values sorted."""
    types: set[str] = set()
    props: dict[str, list[Any]] = {}
    for p, o in pairs:
        if p.value == RDF.type and o.kind == "iri":
            types.add(compactor.iri(o.value))
            continue
        key, value = compactor.key_and_value(p.value, o)
        props.setdefault(key, []).append(value)
    out: dict[str, Any] = {"@id": compactor.node_id(subject)}
    if types:
        ordered = sorted(types)
        out["@type"] = ordered[0] if len(ordered) == 1 else ordered
    for key in sorted(props):
        values = sorted(props[key], key=_order)
        unique = [v for i, v in enumerate(values) if i == 0 or _order(v) != _order(values[i - 1])]
        out[key] = unique[0] if len(unique) == 1 else unique
    return dict(sorted(out.items()))


def document(
    subjects: Iterable[tuple[Cell, list[tuple[Cell, Cell]]]], context: dict[str, Any], indent: int | None = 1
) -> str:
    """A JSON-LD document of every subject, its ``@graph`` ordered by ``@id``."""
    compactor = Compactor(context)
    graph = sorted((node(s, pairs, compactor) for s, pairs in subjects), key=lambda n: n["@id"])
    doc = {"@context": dict(sorted(context.items())), "@graph": graph}
    return json.dumps(doc, ensure_ascii=False, indent=indent, sort_keys=True) + "\n"
