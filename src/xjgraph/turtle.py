"""A deterministic Turtle writer: same triples, same bytes, whatever the insertion order.

Subjects are sorted by IRI, predicates with ``rdf:type`` first then by IRI, objects by their
Turtle text. No blank nodes are supported (the dump has none by design).

>>> from rdflib import URIRef, Literal
>>> t = [(URIRef("https://w3id.org/xjgraph/place/kashgar"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
...       Literal("Kashgar", lang="en"))]
>>> print(serialize(t, {"skos": "http://www.w3.org/2004/02/skos/core#", "place": "https://w3id.org/xjgraph/place/"}))
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix place: <https://w3id.org/xjgraph/place/> .
<BLANKLINE>
place:kashgar skos:prefLabel "Kashgar"@en .
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
_LOCAL_RE = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_BAD_IRI_RE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ESCAPE_RE = re.compile(r'[\\"\x00-\x1f\x7f]')


def _escape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


class _Namer:
    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first so that nested namespaces resolve to the most specific prefix
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.cache: dict[str, str] = {}

    def iri(self, value: str) -> str:
        out = self.cache.get(value)
        if out is not None:
            return out
        if _BAD_IRI_RE.search(value):
            raise ValueError(f"not a valid IRI for Turtle: {value!r}")
        out = f"<{value}>"
        for prefix, ns in self.prefixes:
            if value.startswith(ns) and _LOCAL_RE.match(value[len(ns) :]):
                out = f"{prefix}:{value[len(ns) :]}"
                break
        self.cache[value] = out
        return out

    def term(self, term) -> str:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            text = f'"{_escape(str(term))}"'
            if term.language:
                return f"{text}@{term.language}"
            dt = term.datatype
            if dt is None or str(dt) == XSD + "string":
                return text
            if str(dt) == XSD + "boolean":
                return "true" if term.value else "false"
            return f"{text}^^{self.iri(str(dt))}"
        if isinstance(term, BNode):
            raise ValueError("blank nodes are not written: give every node an IRI")
        raise TypeError(term)


def serialize(triples: Iterable[tuple], prefixes: dict[str, str]) -> str:
    """Return the Turtle text of ``triples`` with ``prefixes`` declared in the order given."""
    namer = _Namer(prefixes)
    by_subject: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        by_subject[namer.term(s)][str(p)].add(namer.term(o))
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()]
    lines.append("")
    for subject in sorted(by_subject):
        preds = by_subject[subject]
        order = sorted(preds, key=lambda p: (p != RDF_TYPE, p))
        parts = []
        for p in order:
            name = "a" if p == RDF_TYPE else namer.iri(p)
            parts.append(f"{name} " + " ,\n        ".join(sorted(preds[p])))
        lines.append(f"{subject} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(lines)
