"""HTML documentation of the ontology, generated from ``ontology/xjgraph.ttl`` (offline, one file).

For every class and property: its IRI, label, comment, the standard terms it specialises, and an
example taken from the data.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from .dump import read_graph, read_ontology
from .namespaces import PREFIXES, XJ

_env = Environment(loader=PackageLoader("xjgraph", "templates"), autoescape=select_autoescape(["html"]))


def _curie(iri) -> str:
    s = str(iri)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if s.startswith(ns):
            return f"{prefix}:{s[len(ns) :]}"
    return s


def _labels(g: Graph, iri) -> str:
    label = g.value(iri, RDFS.label)
    return str(label) if label is not None else _curie(iri)


def document(ontology_dir: str | Path, dump: str | Path | None = None) -> str:
    """The HTML page documenting the ontology, with examples from ``dump`` when given."""
    ontology_dir = Path(ontology_dir)
    onto = read_ontology(ontology_dir / "xjgraph.ttl")
    terms = Graph()
    for path in sorted((ontology_dir / "imports").glob("*.ttl")):
        read_ontology(path, terms)
    terms += onto
    data = read_graph(dump) if dump else Graph()
    header = URIRef("https://w3id.org/xjgraph/ontology")

    def entry(term, kind: str) -> dict:
        supers = sorted(set(onto.objects(term, RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf)), key=str)
        example = ""
        if kind == "class":
            instances = sorted(data.subjects(RDF.type, term), key=str)
            if instances:
                example = f"{_curie(instances[0])} a {_curie(term)} ({len(instances)} in the data)"
        else:
            uses = sorted(data.subject_objects(term), key=lambda so: (str(so[0]), str(so[1])))
            if uses:
                s, o = uses[0]
                obj = _curie(o) if isinstance(o, URIRef) else f'"{o}"'
                example = f"{_curie(s)} {_curie(term)} {obj} ({len(uses)} in the data)"
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
            for p in (OWL.ObjectProperty, OWL.DatatypeProperty)
            for t in onto.subjects(RDF.type, p)
            if str(t).startswith(str(XJ))
        ),
        key=str,
    )
    imported = sorted({str(s) for s in terms.subjects(RDFS.isDefinedBy, None)})
    return _env.get_template("ontology.html").render(
        title=str(onto.value(header, URIRef("http://purl.org/dc/terms/title")) or "xjgraph ontology"),
        description=str(onto.value(header, URIRef("http://purl.org/dc/terms/description")) or ""),
        version=str(onto.value(header, OWL.versionInfo) or ""),
        license=str(onto.value(header, URIRef("http://purl.org/dc/terms/license")) or ""),
        namespace=str(XJ),
        classes=[entry(c, "class") for c in classes],
        properties=[entry(p, "property") for p in props],
        imported=[{"curie": _curie(i), "label": _labels(terms, URIRef(i))} for i in imported],
    )
