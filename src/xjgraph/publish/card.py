"""One entity as a card a person reads in a terminal (``xjgraph show``), or as its triples.

The card is read through SPARQL, so it works on the embedded store and on an endpoint: the entity's names in
every script, what it is, its dates, sides and offices, how many records it sent, received, took part in or
concerns, and the records themselves in date order.

>>> from xjgraph.resources import packaged_dump
>>> from xjgraph.sparql.store import EmbeddedStore
>>> text = card(EmbeddedStore.from_file(packaged_dump()), "https://w3id.org/xjgraph/person/sheng-shicai")
>>> text.splitlines()[0], "盛世才" in text
('Sheng Shicai  (person:sheng-shicai)', True)
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from ..console import safe
from ..rdf.namespaces import PREFIXES, curie, kind_and_id, sparql
from ..rdf.turtle import iri, lit, serialize
from ..sparql.results import Cell, Triple

OUT = sparql(
    """
SELECT ?p ?o ?label WHERE {
  ?entity ?p ?o .
  OPTIONAL { ?o skos:prefLabel|dcterms:title|rdfs:label ?label . FILTER(LANG(?label) = "en" || LANG(?label) = "") }
}
ORDER BY ?p STR(?o)
"""
)
RECORDS = sparql(
    """
SELECT ?record ?role ?date ?title WHERE {
  VALUES ?role { schema:sender schema:recipient xj:participant xj:intermediary schema:ccRecipient schema:about
                 schema:mentions schema:locationCreated }
  ?record ?role ?entity ; dcterms:date ?date ; xj:earliestDate ?e ; dcterms:title ?title .
}
ORDER BY ?e ?record ?role
"""
)
TENURES = sparql(
    """
SELECT ?office ?date WHERE {
  ?t xj:holder ?entity ; xj:office/skos:prefLabel ?office ; dcterms:date ?date . FILTER(LANG(?office) = "en")
}
ORDER BY ?date
"""
)
TRIPLES = sparql(
    """
CONSTRUCT { ?entity ?p ?o . ?o skos:prefLabel ?l } WHERE {
  ?entity ?p ?o .
  OPTIONAL { ?o skos:prefLabel ?l . FILTER(LANG(?l) = "en") }
}
"""
)
ROLES = {
    "https://schema.org/sender": "sent",
    "https://schema.org/recipient": "received",
    "https://w3id.org/xjgraph/ontology#participant": "took part in",
    "https://w3id.org/xjgraph/ontology#intermediary": "passed on",
    "https://schema.org/ccRecipient": "copied",
    "https://schema.org/about": "concerned by",
    "https://schema.org/mentions": "named in",
    "https://schema.org/locationCreated": "written at",
}
SHOWN = {  # the facts a card shows, in this order, with a reader's label
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "is a",
    "http://purl.org/dc/terms/date": "date",
    "https://w3id.org/xjgraph/ontology#birthDate": "born",
    "https://w3id.org/xjgraph/ontology#deathDate": "died",
    "https://w3id.org/xjgraph/ontology#side": "side",
    "https://schema.org/sender": "from",
    "https://schema.org/recipient": "to",
    "https://schema.org/ccRecipient": "copy to",
    "https://w3id.org/xjgraph/ontology#intermediary": "via",
    "https://w3id.org/xjgraph/ontology#participant": "participants",
    "https://schema.org/locationCreated": "written at",
    "http://purl.org/dc/terms/bibliographicCitation": "held at",
    "https://schema.org/about": "concerns",
    "https://schema.org/mentions": "also names",
    "https://w3id.org/xjgraph/ontology#repliesTo": "replies to",
    "https://w3id.org/xjgraph/ontology#forwards": "forwards",
    "https://schema.org/memberOf": "member of",
    "http://www.w3.org/ns/org#subOrganizationOf": "part of",
    "https://schema.org/containedInPlace": "in",
    "https://schema.org/location": "at",
    "http://www.w3.org/ns/org#postIn": "office of",
    "http://www.w3.org/2003/01/geo/wgs84_pos#lat": "latitude",
    "http://www.w3.org/2003/01/geo/wgs84_pos#long": "longitude",
    "https://schema.org/description": "description",
    "http://purl.org/dc/terms/abstract": "description",
    "http://www.w3.org/2004/02/skos/core#editorialNote": "note",
    "https://schema.org/url": "archive page",
}
NAMES = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel")
TITLE = "http://purl.org/dc/terms/title"


def _name(iri: str) -> str:
    return curie(iri, PREFIXES)


def card(target, iri: str, limit: int = 30) -> str:
    """The card of the entity ``iri``."""
    bind = {"entity": Cell(iri, "iri")}
    facts: dict[str, list[str]] = defaultdict(list)
    names: list[str] = []
    title = ""
    for p, o, label in target.select(OUT, bind).rows:
        if p is None or o is None:
            continue
        if p.value in NAMES:
            if p.value == NAMES[0] and o.lang == "en":
                title = title or o.value  # the English preferred name heads the card
                continue
            shown = o.value + (f" [{o.lang}]" if o.lang and o.lang != "en" else "")
            if shown not in names:
                names.append(shown)
            continue
        if p.value == TITLE:
            title = o.value
            continue
        if p.value not in SHOWN:
            continue
        if o.kind == "iri":
            text = f"{label.value} ({_name(o.value)})" if label is not None else _name(o.value)
        else:
            text = o.value
        if text not in facts[p.value]:
            facts[p.value].append(text)
    heading = title or (names[0] if names else _name(iri))
    lines = [f"{heading}  ({_name(iri)})"]
    others = names if title else names[1:]
    if others:
        lines.append("names: " + "; ".join(others))
    for p, label in SHOWN.items():
        if facts.get(p):
            lines.append(f"{label}: " + "; ".join(facts[p]))
    tenures = target.select(TENURES, bind).rows
    if tenures:
        lines.append("offices: " + "; ".join(f"{o.value} ({d.value})" for o, d in tenures if o and d))
    records = target.select(RECORDS, bind).rows
    if records:
        counts: dict[str, set[str]] = defaultdict(set)
        for r, role, _, _ in records:
            counts[ROLES[role.value]].add(r.value)
        lines.append("records: " + ", ".join(f"{len(v)} {k}" for k, v in counts.items()))
        seen: dict[str, list[str]] = {}
        for r, role, date, rtitle in records:
            seen.setdefault(r.value, [date.value, rtitle.value])
            seen[r.value].append(ROLES[role.value])
        for n, (r, (date, rtitle, *roles)) in enumerate(seen.items()):
            if n == limit:
                lines.append(f"  ... and {len(seen) - limit} more")
                break
            lines.append(f"  {date}  {'/'.join(dict.fromkeys(roles))}: {rtitle}  ({_name(r)})")
    return "\n".join(safe(line) for line in lines) + "\n"


def triples(target, iri: str) -> list[Triple]:
    """The entity's own triples and the English labels of what it links to."""
    answer = target.query(TRIPLES, {"entity": Cell(iri, "iri")}, form="CONSTRUCT")
    return answer if isinstance(answer, list) else []


def turtle(triples_: list[Triple]) -> str:
    """Triples as Turtle with the prefixes they use, sorted (the dump's own deterministic writer)."""
    return serialize([(_nt(s), _nt(p), _nt(o)) for s, p, o in triples_], PREFIXES, used_only=True)


def _nt(c: Cell) -> str:
    if c.kind == "iri":
        return iri(c.value)
    if c.kind == "bnode":
        return "_:" + c.value
    return lit(c.value, c.lang, c.datatype)


def ntriples(triples_: list[Triple]) -> str:
    terms = sorted(((_ox(s), _ox(p), _ox(o)) for s, p, o in triples_), key=lambda t: tuple(map(str, t)))
    return (ox.serialize([ox.Triple(*t) for t in terms], format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def _ox(c: Cell):
    if c.kind == "iri":
        return ox.NamedNode(c.value)
    if c.kind == "bnode":
        return ox.BlankNode(c.value)
    if c.lang:
        return ox.Literal(c.value, language=c.lang)
    return ox.Literal(c.value, datatype=ox.NamedNode(c.datatype) if c.datatype else None)


def is_entity(iri: str) -> bool:
    return kind_and_id(iri) is not None
