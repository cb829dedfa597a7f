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

# Kinds of resource with IRIs https://w3id.org/xjgraph/<kind>/<id>
SEGMENTS = ("record", "person", "organisation", "place", "event", "office", "tenure", "side", "kind", "holding")

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
    **{seg: BASE + seg + "/" for seg in SEGMENTS},
}


def iri(kind: str, ident: str) -> URIRef:
    """The IRI of an entity of ``kind`` with id ``ident``."""
    if kind not in SEGMENTS:
        raise KeyError(kind)
    return URIRef(f"{BASE}{kind}/{ident}")


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace in :data:`PREFIXES`."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
