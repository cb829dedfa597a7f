"""HTML documentation of the ontology, generated from ``ontology/xjgraph.ttl`` (offline, one file).

For every class and property: its IRI, label, comment, the standard terms it specialises, and an
example taken from the data, read through SPARQL (the embedded store or an endpoint).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from ..rdf import ontology
from ..rdf.namespaces import XJ, curie
from ..sparql.binding import term_to_sparql
from ..sparql.results import Cell
from . import html

CLASS_USES = "SELECT ?c (COUNT(?s) AS ?n) (MIN(STR(?s)) AS ?first) WHERE { ?s a ?c } GROUP BY ?c"
PROPERTY_USES = "SELECT ?p (COUNT(*) AS ?n) (MIN(STR(?s)) AS ?first) WHERE { ?s ?p ?o } GROUP BY ?p"


def _curie(iri) -> str:
    return curie(str(iri))


def _labels(g: Graph, iri) -> str:
    label = g.value(iri, RDFS.label)
    return str(label) if label is not None else _curie(iri)


def _uses(target, query: str) -> dict[str, tuple[int, str]]:
    if target is None:
        return {}
    return {r[0].value: (int(r[1].value), r[2].value) for r in target.select(query).rows if r[0] is not None}


def _first_object(target, subject: str, prop: str) -> Cell | None:
    q = (
        f"SELECT ?o WHERE {{ {term_to_sparql(Cell(subject, 'iri'))} {term_to_sparql(Cell(prop, 'iri'))} ?o }} "
        "ORDER BY STR(?o) LIMIT 1"
    )
    rows = target.select(q).rows
    return rows[0][0] if rows else None


def document(
    ontology_dir: str | Path, target=None, static: str | None = None, root: str = "", footer: dict | None = None
) -> str:
    """The HTML page documenting the ontology, with examples from ``target`` (a store or an endpoint).

    In a site, ``static`` is where its stylesheet is; alone (``xjgraph docs``), the page carries it."""
    ontology_dir = Path(ontology_dir)
    onto = ontology.read(ontology_dir / "xjgraph.ttl")
    terms = Graph()
    for path in sorted((ontology_dir / "imports").glob("*.ttl")):
        ontology.read(path, terms)
    terms += onto
    class_uses, property_uses = _uses(target, CLASS_USES), _uses(target, PROPERTY_USES)
    header = URIRef("https://w3id.org/xjgraph/ontology")

    def entry(term, kind: str) -> dict:
        supers = sorted(set(onto.objects(term, RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf)), key=str)
        example = ""
        if kind == "class" and str(term) in class_uses:
            n, first = class_uses[str(term)]
            example = f"{_curie(first)} a {_curie(term)} ({n} in the data)"
        elif kind != "class" and str(term) in property_uses:
            n, first = property_uses[str(term)]
            o = _first_object(target, first, str(term))
            if o is not None:
                obj = _curie(o.value) if o.kind == "iri" else f'"{o.value}"'
                example = f"{_curie(first)} {_curie(term)} {obj} ({n} in the data)"
        return {
            "curie": _curie(term),
            "iri": str(term),
            "anchor": str(term).rsplit("#", 1)[-1],
            "label": _labels(onto, term),
            "comment": str(onto.value(term, RDFS.comment) or ""),
            "supers": [{"curie": _curie(x), "label": _labels(terms, x), "iri": str(x)} for x in supers],
            "domain": _curie(onto.value(term, RDFS.domain)) if onto.value(term, RDFS.domain) else "",
            "range": _curie(onto.value(term, RDFS.range)) if onto.value(term, RDFS.range) else "",
            "example": example,
        }

    classes = sorted((t for t in onto.subjects(RDF.type, OWL.Class) if str(t).startswith(str(XJ))), key=str)
    props = sorted(
        (
            t
            for p in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
            for t in onto.subjects(RDF.type, p)
            if str(t).startswith(str(XJ))
        ),
        key=str,
    )
    imported = sorted({str(s) for s in terms.subjects(RDFS.isDefinedBy, None)})
    from . import assets

    return html.render(
        "ontology.html",
        static=static or "",
        inline_css=None if static is not None else assets.inline_css(),
        root=root,
        footer=footer,
        title=str(onto.value(header, URIRef("http://purl.org/dc/terms/title")) or "xjgraph ontology"),
        description=str(onto.value(header, URIRef("http://purl.org/dc/terms/description")) or ""),
        version=str(onto.value(header, OWL.versionInfo) or ""),
        license=str(onto.value(header, URIRef("http://purl.org/dc/terms/license")) or ""),
        namespace=str(XJ),
        classes=[entry(c, "class") for c in classes],
        properties=[entry(p, "property") for p in props],
        imported=[{"curie": _curie(i), "label": _labels(terms, URIRef(i))} for i in imported],
    )
