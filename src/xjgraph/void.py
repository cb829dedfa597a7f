"""VoID and DCAT description of the dataset, computed from the triples at build time (``data/void.ttl``).

>>> from rdflib import URIRef
>>> t = triples([(URIRef("https://w3id.org/xjgraph/place/urumqi"), RDF.type, SCHEMA.Place)], "0.1.0")
>>> (DATASET, VOID.triples, Literal(1, datatype=XSD.integer)) in t
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import XSD

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


def triples(data: Iterable[tuple], version: str) -> list[tuple]:
    """The VoID/DCAT triples describing ``data`` (the dump's triples)."""
    data = list(data)
    subjects = {s for s, _, _ in data}
    classes = Counter(o for _, p, o in data if p == RDF.type)
    predicates = Counter(p for _, p, _ in data)
    records = {s for s, p, o in data if p == RDF.type and str(o) == PREFIXES["rico"] + "Record"}
    dates = sorted(str(o) for s, p, o in data if s in records and p in (XJ.earliestDate, XJ.latestDate))
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
        (d, VOID.triples, Literal(len(data), datatype=XSD.integer)),
        (d, VOID.entities, Literal(len(subjects), datatype=XSD.integer)),
        (d, VOID.distinctSubjects, Literal(len(subjects), datatype=XSD.integer)),
        (d, VOID.properties, Literal(len(predicates), datatype=XSD.integer)),
        (d, VOID.classes, Literal(len(classes), datatype=XSD.integer)),
        (d, VOID.rootResource, URIRef(BASE + "place/xinjiang")),
        (d, DCTERMS.conformsTo, URIRef(BASE + "ontology")),
    ]
    if dates:
        out += [
            (URIRef(BASE + "dataset#period"), DCAT.startDate, Literal(dates[0], datatype=XSD.date)),
            (URIRef(BASE + "dataset#period"), DCAT.endDate, Literal(dates[-1], datatype=XSD.date)),
        ]
    for example in (
        "record/1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev",
        "person/sheng-shicai",
        "place/urumqi",
        "event/ili-rebellion",
        "office/soviet-consul-general-urumqi",
    ):
        if URIRef(BASE + example) in subjects:
            out.append((d, VOID.exampleResource, URIRef(BASE + example)))
    vocabularies = sorted(
        {
            ns
            for ns in (
                str(RDF),
                str(DCTERMS),
                str(SKOS),
                str(SCHEMA),
                PREFIXES["rico"],
                PREFIXES["org"],
                PREFIXES["geo"],
                str(XJ),
            )
            if any(str(p).startswith(ns) for p in predicates) or any(str(c).startswith(ns) for c in classes)
        }
    )
    for ns in vocabularies:
        out.append((d, VOID.vocabulary, URIRef(ns)))
    for cls, n in classes.items():
        part = URIRef(f"{BASE}dataset#class-{_local(cls)}")
        out += [
            (d, VOID.classPartition, part),
            (part, VOID["class"], cls),
            (part, VOID.entities, Literal(n, datatype=XSD.integer)),
        ]
    for prop, n in predicates.items():
        part = URIRef(f"{BASE}dataset#property-{_local(prop)}")
        out += [
            (d, VOID.propertyPartition, part),
            (part, VOID.property, prop),
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
