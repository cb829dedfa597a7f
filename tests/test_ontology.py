"""The ontology: parses, documents its local terms, and declares every imported term it or the dump uses."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from xjgraph.namespaces import XJ

from .conftest import DUMP, ONTOLOGY

BUILTIN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/ns/shacl#",
    "https://w3id.org/xjgraph/",
)


def _imports() -> Graph:
    g = Graph()
    for path in sorted((ONTOLOGY / "imports").glob("*.ttl")):
        g.parse(path)
    return g


def test_ontology_header():
    g = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    ont = URIRef("https://w3id.org/xjgraph/ontology")
    assert (ont, RDF.type, OWL.Ontology) in g
    assert g.value(ont, OWL.versionInfo) is not None
    assert g.value(ont, URIRef("http://purl.org/dc/terms/license")) is not None


def test_every_local_term_is_labelled_commented_and_anchored():
    g = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(XJ))}
    assert len(terms) > 20
    for t in terms:
        assert g.value(t, RDFS.label) is not None, t
        assert g.value(t, RDFS.comment) is not None, t
    for t in terms:
        if (t, RDF.type, OWL.Class) in g and t != XJ.Side:
            assert g.value(t, RDFS.subClassOf) is not None, t


def test_every_term_used_is_declared_locally():
    imports = _imports()
    declared = set(imports.subjects(RDF.type, None))
    ontology = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    used = set()
    for path in (ONTOLOGY / "xjgraph.ttl", ONTOLOGY / "shapes.ttl", DUMP, DUMP.with_name("void.ttl")):
        g = Graph().parse(path)
        for _s, p, o in g:
            used.add(p)
            if p == RDF.type or p in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.range, RDFS.domain):
                used.add(o)
    missing = sorted(
        str(t)
        for t in used
        if isinstance(t, URIRef) and not str(t).startswith(BUILTIN) and t not in declared and "shacl" not in str(t)
    )
    assert not missing, f"declare these in ontology/imports/: {missing}"
    local_used = {t for t in used if str(t).startswith(str(XJ))}
    assert local_used <= set(ontology.subjects()), local_used - set(ontology.subjects())
