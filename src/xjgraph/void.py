"""VoID and DCAT description of the dataset, computed from the triples at build time (``data/void.ttl``).

>>> stats = Stats()
>>> stats.add("<https://w3id.org/xjgraph/place/urumqi>", [(A, "<https://schema.org/Place>")])
>>> (DATASET, VOID.triples, Literal(1, datatype=XSD.integer)) in describe(stats, "0.1.0")
True
"""

from __future__ import annotations

from collections import Counter

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import XSD

from .graph import C_RECORD, P_EARLIEST, P_LATEST, A
from .namespaces import BASE, DCTERMS, PREFIXES, RDF, SCHEMA, SKOS, XJ

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID_PREFIXES = {**PREFIXES, "void": str(VOID), "dcat": str(DCAT)}

DATASET = URIRef(BASE + "dataset")
COLLECTION = URIRef(
    "https://digitalarchive.wilsoncenter.org/collection/234/china-and-the-soviet-union-in-xinjiang-1934-1949"
)
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
ENDPOINT = URIRef("http://127.0.0.1:7878/query")
DESCRIPTION = (
    "A knowledge graph of the Soviet records on Xinjiang between 1934 and 1949 published by the Wilson Center "
    "Digital Archive, with a few related Canadian, American and Chinese records. Each record is described by "
    "its title as printed, its date with machine-readable bounds, its documentary form, its senders, recipients, "
    "intermediaries and participants, the people, organisations, places and events it concerns, its holding "
    "archive and reference, and a link to its page in the Digital Archive. People carry their variant names, "
    "cover names and offices held over time. The descriptions are the curators' own; the archive's summaries "
    "and translations are not included."
)
DISTRIBUTIONS = [
    ("records.ttl", "text/turtle", "Turtle"),
    ("records.nt", "application/n-triples", "N-Triples"),
    ("records.jsonld", "application/ld+json", "JSON-LD"),
]


class Stats:
    """Counts gathered while the dump is written, one subject at a time (nothing else is kept)."""

    def __init__(self):
        self.triples = 0
        self.subjects: set[str] = set()
        self.classes: Counter = Counter()
        self.predicates: Counter = Counter()
        self.first = self.last = None

    def merge(self, other: Stats) -> None:
        self.triples += other.triples
        self.subjects |= other.subjects
        self.classes.update(other.classes)
        self.predicates.update(other.predicates)
        for d in (other.first, other.last):
            if d is not None:
                self.first = d if self.first is None or d < self.first else self.first
                self.last = d if self.last is None or d > self.last else self.last

    def add(self, subject: str, pairs) -> None:
        unique = set(pairs)
        self.triples += len(unique)
        self.subjects.add(subject)
        is_record = (A, C_RECORD) in unique
        for p, o in unique:
            self.predicates[p] += 1
            if p == A:
                self.classes[o] += 1
            elif is_record and p in (P_EARLIEST, P_LATEST):
                d = o[1:11]
                self.first = d if self.first is None or d < self.first else self.first
                self.last = d if self.last is None or d > self.last else self.last


def _uri(term: str) -> URIRef:
    return URIRef(term[1:-1])


def describe(stats: Stats, version: str) -> list[tuple]:
    """The VoID/DCAT triples describing a dump from its :class:`Stats`."""
    d = DATASET
    out = [
        (d, RDF.type, VOID.Dataset),
        (d, RDF.type, DCAT.Dataset),
        (d, DCTERMS.title, Literal("xjgraph: China and the Soviet Union in Xinjiang, 1934-1949", lang="en")),
        (d, DCTERMS.description, Literal(DESCRIPTION, lang="en")),
        (d, DCTERMS.license, LICENSE),
        (d, DCTERMS.creator, Literal("xjgraph developers")),
        (d, DCTERMS.publisher, Literal("xjgraph developers")),
        (d, DCTERMS.source, COLLECTION),
        (d, SCHEMA.version, Literal(version)),
        (d, DCTERMS.spatial, URIRef(BASE + "place/xinjiang")),
        (d, DCTERMS.temporal, URIRef(BASE + "dataset#period")),
        (URIRef(BASE + "dataset#period"), RDF.type, DCTERMS.PeriodOfTime),
        (d, DCAT.keyword, Literal("Xinjiang", lang="en")),
        (d, DCAT.keyword, Literal("Sino-Soviet relations", lang="en")),
        (d, DCAT.keyword, Literal("East Turkestan Republic", lang="en")),
        (d, DCAT.keyword, Literal("correspondence", lang="en")),
        (d, VOID.uriSpace, Literal(BASE)),
        (d, VOID.sparqlEndpoint, ENDPOINT),
        (d, VOID.triples, Literal(stats.triples, datatype=XSD.integer)),
        (d, VOID.entities, Literal(len(stats.subjects), datatype=XSD.integer)),
        (d, VOID.distinctSubjects, Literal(len(stats.subjects), datatype=XSD.integer)),
        (d, VOID.properties, Literal(len(stats.predicates), datatype=XSD.integer)),
        (d, VOID.classes, Literal(len(stats.classes), datatype=XSD.integer)),
        (d, VOID.rootResource, URIRef(BASE + "place/xinjiang")),
        (d, DCTERMS.conformsTo, URIRef(BASE + "ontology")),
    ]
    if stats.first:
        out += [
            (URIRef(BASE + "dataset#period"), DCAT.startDate, Literal(stats.first, datatype=XSD.date)),
            (URIRef(BASE + "dataset#period"), DCAT.endDate, Literal(stats.last, datatype=XSD.date)),
        ]
    for example in (
        "record/1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev",
        "person/sheng-shicai",
        "place/urumqi",
        "event/ili-rebellion",
        "office/soviet-consul-general-urumqi",
    ):
        if f"<{BASE}{example}>" in stats.subjects:
            out.append((d, VOID.exampleResource, URIRef(BASE + example)))
    used = [t[1:-1] for t in list(stats.predicates) + list(stats.classes)]
    for ns in sorted(
        {str(RDF), str(DCTERMS), str(SKOS), str(SCHEMA), PREFIXES["rico"], PREFIXES["org"], PREFIXES["geo"], str(XJ)}
    ):
        if any(u.startswith(ns) for u in used):
            out.append((d, VOID.vocabulary, URIRef(ns)))
    for cls, n in stats.classes.items():
        part = URIRef(f"{BASE}dataset#class-{_local(cls[1:-1])}")
        out += [
            (d, VOID.classPartition, part),
            (part, VOID["class"], _uri(cls)),
            (part, VOID.entities, Literal(n, datatype=XSD.integer)),
        ]
    for prop, n in stats.predicates.items():
        part = URIRef(f"{BASE}dataset#property-{_local(prop[1:-1])}")
        out += [
            (d, VOID.propertyPartition, part),
            (part, VOID.property, _uri(prop)),
            (part, VOID.triples, Literal(n, datatype=XSD.integer)),
        ]
    for file, media, label in DISTRIBUTIONS:
        dist = URIRef(f"{BASE}data/{file}")
        out += [
            (d, DCAT.distribution, dist),
            (dist, RDF.type, DCAT.Distribution),
            (dist, DCAT.mediaType, Literal(media)),
            (dist, DCAT.downloadURL, dist),
            (dist, DCTERMS.title, Literal(f"{label} dump", lang="en")),
            (dist, DCTERMS.license, LICENSE),
        ]
        if file.endswith(".ttl") or file.endswith(".nt"):
            out.append((d, VOID.dataDump, dist))
    return out


def _local(iri) -> str:
    for prefix, ns in VOID_PREFIXES.items():
        if str(iri).startswith(ns):
            return f"{prefix}-{str(iri)[len(ns) :]}"
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
