"""A deterministic Turtle writer: same triples, same bytes, whatever the insertion order.

Terms are plain strings in N-Triples form (``<iri>``, ``"text"@en``, ``"1949"^^<xsd#date>``), made by
:func:`iri` and :func:`lit`; rdflib terms are accepted too. Output is grouped by subject in sorted
order, predicates with ``rdf:type`` first, objects sorted. Blank nodes are not supported.

>>> t = [(iri("https://w3id.org/xjgraph/place/kashgar"), iri("http://www.w3.org/2004/02/skos/core#prefLabel"),
...       lit("Kashgar", lang="en"))]
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

from .namespaces import RDF, XSD

RDF_TYPE = f"<{RDF.type}>"
_LOCAL_RE = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_BAD_IRI_RE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_ESCAPE_RE = re.compile(r'[\\"\x00-\x1f\x7f]')
_LANG_RE = re.compile(r"^[a-zA-Z]+(?:-[a-zA-Z0-9]+)*$")


def escape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def iri(value: str) -> str:
    """An IRI term; refuses characters Turtle cannot carry in an IRI."""
    if _BAD_IRI_RE.search(value):
        raise ValueError(f"not a valid IRI for Turtle: {value!r}")
    return f"<{value}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term, plain, language-tagged or typed (datatype IRI without brackets)."""
    body = f'"{escape(text)}"'
    if lang:
        if not _LANG_RE.match(lang):
            raise ValueError(f"not a language tag: {lang!r}")
        return f"{body}@{lang}"
    if datatype and datatype != XSD.string:
        return f"{body}^^{iri(datatype)}"
    return body


TRUE = lit("true", datatype=XSD.boolean)
FALSE = lit("false", datatype=XSD.boolean)


def _term(t) -> str:
    """Accept rdflib terms as well as strings."""
    if type(t) is str:
        return t
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, URIRef):
        return iri(str(t))
    if isinstance(t, Literal):
        if t.datatype is not None and str(t.datatype) == XSD.boolean:
            return TRUE if t.value else FALSE
        return lit(str(t), t.language, str(t.datatype) if t.datatype else None)
    if isinstance(t, BNode):
        raise ValueError("blank nodes are not written: give every node an IRI")
    raise TypeError(t)


class Namer:
    """Turns terms into their shortest Turtle form under a set of prefixes (cached)."""

    def __init__(self, prefixes: dict[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.cache: dict[str, str] = {}

    def name(self, term: str) -> str:
        out = self.cache.get(term)
        if out is not None:
            return out
        if term.startswith("_:"):  # a blank node of a query's answer, written as it came
            out = term
        elif term.startswith("<"):
            value = term[1:-1]
            out = term
            for prefix, ns in self.prefixes:
                if value.startswith(ns) and _LOCAL_RE.match(value[len(ns) :]):
                    out = f"{prefix}:{value[len(ns) :]}"
                    break
        elif term == TRUE:
            out = "true"
        elif term == FALSE:
            out = "false"
        elif term.endswith(">") and '"^^<' in term:
            body, _, dt = term.rpartition("^^")
            out = f"{body}^^{self.name(dt)}"
        else:
            out = term
        if len(self.cache) < 200_000:
            self.cache[term] = out
        return out


def block(subject: str, pairs: Iterable[tuple[str, str]], namer: Namer) -> tuple[str, str]:
    """(sort key, Turtle text) of one subject with its (predicate, object) pairs."""
    preds: dict[str, set[str]] = defaultdict(set)
    for p, o in pairs:
        preds[_term(p)].add(namer.name(_term(o)))
    order = sorted(preds, key=lambda p: (p != RDF_TYPE, p[1:-1]))
    parts = []
    for p in order:
        name = "a" if p == RDF_TYPE else namer.name(p)
        parts.append(f"{name} " + " ,\n        ".join(sorted(preds[p])))
    key = namer.name(_term(subject))
    return key, f"{key} " + " ;\n    ".join(parts) + " .\n"


def header(prefixes: dict[str, str]) -> str:
    return "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in prefixes.items()) + "\n"


def join(blocks: Iterable[tuple[str, str]], prefixes: dict[str, str]) -> str:
    """The document: prefixes, then the blocks in order of their keys."""
    texts = [text for _, text in sorted(blocks, key=lambda kb: kb[0])]
    return header(prefixes) + "\n" + "\n".join(texts)


def serialize(triples: Iterable[tuple], prefixes: dict[str, str], used_only: bool = False) -> str:
    """Return the Turtle text of ``triples`` with ``prefixes`` declared in the order given (with
    ``used_only``, only those the text uses)."""
    namer = Namer(prefixes)
    by_subject: dict[str, list] = defaultdict(list)
    for s, p, o in triples:
        by_subject[_term(s)].append((p, o))
    blocks = [block(s, pairs, namer) for s, pairs in by_subject.items()]
    if used_only:
        used = {v.split(":", 1)[0] for v in namer.cache.values() if not v.startswith(("<", '"', "_:")) and ":" in v}
        used |= {
            v.rsplit("^^", 1)[1].split(":", 1)[0] for v in namer.cache.values() if "^^" in v and not v.endswith(">")
        }
        prefixes = {p: ns for p, ns in prefixes.items() if p in used}
    return join(blocks, prefixes)


def syntax_position(exc: SyntaxError) -> tuple[int, str]:
    """The line where a Turtle parser (rdflib's or pyoxigraph's) stopped, and why."""
    if hasattr(exc, "_why"):  # rdflib's BadSyntax counts lines from 0 and keeps the reason apart
        return getattr(exc, "lines", 0) + 1, str(exc._why)
    return exc.lineno or 0, exc.msg or str(exc)
