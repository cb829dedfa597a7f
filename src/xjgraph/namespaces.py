"""Namespaces and IRIs of xjgraph.

>>> iri("person", "sheng-shicai")
rdflib.term.URIRef('https://w3id.org/xjgraph/person/sheng-shicai')
"""

from __future__ import annotations

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/xjgraph/"
XJ = Namespace(BASE + "ontology#")
RICO = Namespace("https://www.ica.org/standards/RiC/ontology#")
SCHEMA = Namespace("https://schema.org/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ORG = Namespace("http://www.w3.org/ns/org#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")

# IRI path segment of each entity kind
SEGMENTS = {
    "record": "record",
    "person": "person",
    "organisation": "organisation",
    "place": "place",
    "event": "event",
    "office": "office",
    "tenure": "tenure",
    "side": "side",
    "kind": "kind",
    "holding": "holding",
}

# Prefixes written into data/records.ttl and bound in every query, in this order.
PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "rico": str(RICO),
    "org": str(ORG),
    "geo": str(GEO),
    "xj": str(XJ),
    **{seg: BASE + seg + "/" for seg in SEGMENTS.values()},
}


def iri(kind: str, ident: str) -> URIRef:
    """The IRI of an entity of ``kind`` with id ``ident``."""
    return URIRef(f"{BASE}{SEGMENTS[kind]}/{ident}")


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace in :data:`PREFIXES`."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
