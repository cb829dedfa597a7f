"""A static site of entity pages: one page per record, person, organisation, place, event and office,
with its facts, links between them, its ego map where one exists, and embedded JSON-LD; plus an index
with search. Read from the graph through SPARQL; works from disk with no network.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

from rdflib import Literal, URIRef

from ..console import progress
from ..files import write_atomic
from ..rdf import ontology
from ..rdf.namespaces import BASE, RDF, RDFS, curie
from ..sparql.results import Cell
from . import html, jsonld, ontodoc
from . import maps as maps_mod

log = logging.getLogger(__name__)

PAGE_KINDS = ("record", "person", "organisation", "place", "event", "office")
KIND_TITLES = {
    "record": "Records",
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "event": "Events",
    "office": "Offices",
}
RDF_TYPE = RDF.type
LABEL_PROPS = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
)
DATE = "http://purl.org/dc/terms/date"
EXTERNAL_LINK_PROPS = ("https://schema.org/url", "https://schema.org/sameAs")
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def _kind_id(iri: str) -> tuple[str, str] | None:
    if not iri.startswith(BASE):
        return None
    kind, _, ident = iri[len(BASE) :].partition("/")
    return (kind, ident) if kind in PAGE_KINDS and ident and "/" not in ident else None


def _curie(iri: str) -> str:
    return curie(iri)


class _Site:
    def __init__(self, target, ontology_dir: Path):
        result = target.select(ALL_TRIPLES)
        self.out: dict[str, list] = defaultdict(list)
        self.inc: dict[str, list] = defaultdict(list)
        for s, p, o in result.rows:
            self.out[s.value].append((p.value, o))
            if o.kind == "iri":
                self.inc[o.value].append((p.value, s.value))
        terms = ontology.terms(ontology_dir)
        self.prop_labels = {
            str(s): str(o)
            for s, o in terms.subject_objects(URIRef(RDFS.label))
            if isinstance(o, Literal) and o.language in (None, "en")
        }
        self.context = ontology.context(ontology_dir)
        self.compactor = jsonld.Compactor(self.context)

    def label(self, iri: str) -> str:
        values = self.out.get(iri, [])
        for prop in LABEL_PROPS:
            for p, o in values:
                if p == prop and o.kind == "literal" and o.lang in (None, "en"):
                    return o.value
        return _curie(iri)

    def date(self, iri: str) -> str:
        return next((o.value for p, o in self.out.get(iri, []) if p == DATE), "")

    def href(self, iri: str, depth: int) -> str | None:
        ki = _kind_id(iri)
        return f"{'../' * depth}{ki[0]}/{ki[1]}.html" if ki else None

    def value(self, prop: str, o, depth: int) -> dict:
        if o.kind == "iri":
            href = self.href(o.value, depth)
            if href:
                return {"text": self.label(o.value), "href": href, "note": self.date(o.value)}
            if prop in EXTERNAL_LINK_PROPS:
                # only http(s) addresses become links: a javascript:, data: or vbscript: value is shown as text
                href = html.web_link(o.value)
                return {"text": o.value, "href": href, "external": True} if href else {"text": o.value}
            if o.value in self.out:  # an entity without a page (side, kind, holding, tenure): show it inline
                facts = "; ".join(
                    f"{self.prop_label(p)}: {self.label(x.value) if x.kind == 'iri' else x.value}"
                    for p, x in sorted(self.out[o.value], key=lambda px: (px[0], px[1].value))
                    if p not in (RDF_TYPE,) and p not in LABEL_PROPS
                )
                return {"text": self.label(o.value), "note": facts}
            return {"text": _curie(o.value)}
        return {"text": o.value, "note": o.lang or ""}

    def prop_label(self, prop: str) -> str:
        return self.prop_labels.get(prop, _curie(prop))

    def jsonld(self, iri: str) -> dict:
        node = jsonld.node(Cell(iri, "iri"), [(Cell(p, "iri"), o) for p, o in self.out[iri]], self.compactor)
        return {"@context": self.context, **node}


def write_site(
    target,
    out: str | Path,
    ontology_dir: str | Path | None = None,
    with_maps: bool = True,
) -> dict[str, int]:
    """Write the site into ``out``; return the number of pages per kind."""
    from ..resources import ontology_dir as default_ontology

    out = Path(out)
    ontology_dir = Path(ontology_dir) if ontology_dir is not None else default_ontology()
    site = _Site(target, ontology_dir)
    ego = set()
    if with_maps:
        for m in maps_mod.write_maps(target, out / "maps"):
            if m.file.startswith("ego-"):
                ego.add(m.file[4:-5])
    entities = defaultdict(list)
    for iri in site.out:
        ki = _kind_id(iri)
        if ki:
            entities[ki[0]].append(iri)
    counts = {}
    index_entries = []
    page = html.ENV.get_template("entity.html")
    for kind in PAGE_KINDS:
        iris = sorted(
            entities.get(kind, []),
            key=lambda i: (site.date(i), site.label(i)) if kind == "record" else (site.label(i).lower(), i),
        )
        counts[kind] = len(iris)
        log.info("%d %s pages", len(iris), kind)
        for iri in progress(iris, total=len(iris), desc=f"{kind} pages", unit="page"):
            ident = iri.rsplit("/", 1)[-1]
            facts = defaultdict(list)
            types = []
            aliases = []
            for p, o in site.out[iri]:
                if p == RDF_TYPE:
                    types.append(_curie(o.value))
                    continue
                if p == "http://www.w3.org/2004/02/skos/core#altLabel" or (
                    p == "http://www.w3.org/2004/02/skos/core#prefLabel" and o.lang not in (None, "en")
                ):
                    aliases.append(o.value)
                facts[site.prop_label(p)].append(site.value(p, o, 1))
            incoming = defaultdict(list)
            for p, s in site.inc.get(iri, []):
                if site.href(s, 1) or s in site.out:
                    incoming[site.prop_label(p)].append(site.value(p, Cell(s, "iri"), 1))
            for values in list(facts.values()) + list(incoming.values()):
                values.sort(key=lambda v: (v.get("note", ""), v["text"]))
            label = site.label(iri)
            text = page.render(
                label=label,
                kind=kind,
                iri=iri,
                types=sorted(set(types)),
                facts=sorted(facts.items()),
                incoming=sorted(incoming.items()),
                ego=f"../maps/ego-{ident}.html" if ident in ego else "",
                jsonld=site.jsonld(iri),
            )
            write_atomic(out / kind / f"{ident}.html", text)
            index_entries.append(
                {
                    "label": label,
                    "kind": kind,
                    "href": f"{kind}/{ident}.html",
                    "names": sorted(set(aliases)),
                    "date": site.date(iri) if kind == "record" else "",
                }
            )
    write_atomic(out / "ontology.html", ontodoc.document(ontology_dir, target))
    groups = [(KIND_TITLES[k], [e for e in index_entries if e["kind"] == k]) for k in PAGE_KINDS]
    write_atomic(
        out / "index.html",
        html.render("site-index.html", groups=groups, entries=index_entries, maps=with_maps),
    )
    return counts
