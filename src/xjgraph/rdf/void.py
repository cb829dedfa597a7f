"""VoID and DCAT description of the dataset, computed from the triples at build time (``data/void.ttl``).

>>> stats = Stats()
>>> stats.add("<https://w3id.org/xjgraph/place/urumqi>", [(A, "<https://schema.org/Place>")])
>>> (iri(DATASET), iri(VOID.triples), lit("1", datatype=XSD.integer)) in describe(stats, "0.1.0")
True
"""

from __future__ import annotations

from collections import Counter

from ..sources import authorities
from .convert import C_RECORD, P_CLOSE, P_EARLIEST, P_EXACT, P_LATEST, P_SAMEAS, A
from .namespaces import BASE, DCAT, DCTERMS, FOAF, PREFIXES, RDF, SCHEMA, VOID, VOID_PREFIXES, XSD
from .turtle import iri, lit

DATASET = BASE + "dataset"
DEVELOPERS = BASE + "dataset#developers"
LINK_PREDICATES = (P_EXACT, P_CLOSE, P_SAMEAS)
PERIOD = BASE + "dataset#period"
COLLECTION = "https://digitalarchive.wilsoncenter.org/collection/234/china-and-the-soviet-union-in-xinjiang-1934-1949"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DESCRIPTION = (
    "A knowledge graph of the Soviet records on Xinjiang between 1934 and 1949 published by the Wilson Center "
    "Digital Archive, with a few related Canadian, American and Chinese records. Each record is described by "
    "its title as printed, its date with machine-readable bounds, its documentary form, its senders, recipients, "
    "intermediaries and participants, the people, organisations, places and events it concerns, its holding "
    "archive and reference, and a link to its page in the Digital Archive. People carry their variant names, "
    "cover names and offices held over time. The descriptions are the curators' own; the archive's summaries "
    "and translations are not included."
)
MEDIA = {  # file ending -> media type, format name, whether VoID calls it an RDF dump
    ".ttl": ("text/turtle", "Turtle", True),
    ".nt": ("application/n-triples", "N-Triples", True),
    ".jsonld": ("application/ld+json", "JSON-LD", True),
    ".xml": ("application/tei+xml", "CMIF (TEI)", False),
}


class Stats:
    """Counts gathered while the dump is written, one subject at a time (nothing else is kept)."""

    def __init__(self) -> None:
        self.triples = 0
        self.subjects: set[str] = set()
        self.classes: Counter = Counter()
        self.predicates: Counter = Counter()
        self.first: str | None = None
        self.last: str | None = None
        self.links: Counter = Counter()  # (authority scheme, link predicate) -> links

    def _dates(self, d: str) -> None:
        self.first = d if self.first is None or d < self.first else self.first
        self.last = d if self.last is None or d > self.last else self.last

    def merge(self, other: Stats) -> None:
        self.triples += other.triples
        self.subjects |= other.subjects
        self.classes.update(other.classes)
        self.predicates.update(other.predicates)
        self.links.update(other.links)
        for d in (other.first, other.last):
            if d is not None:
                self._dates(d)

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
                self._dates(o[1:11])
            elif p in LINK_PREDICATES and o.startswith("<"):
                scheme = authorities.scheme_of_iri(o[1:-1])
                if scheme is not None:
                    self.links[scheme.name, p] += 1


def _integer(n: int) -> str:
    return lit(str(n), datatype=XSD.integer)


def describe(stats: Stats, version: str, publish: dict | None = None) -> list[tuple[str, str, str]]:
    """The VoID/DCAT triples (N-Triples terms) describing a dump from its :class:`Stats`.

    ``publish`` says where the dataset is served (``sparql_endpoint``) and can be downloaded (``dumps``, the
    files' URLs); what it does not name is not claimed (no endpoint, no distribution).
    """
    publish = publish or {}
    d, a = iri(DATASET), iri(RDF.type)
    period = iri(PERIOD)
    out = [
        (d, a, iri(VOID.Dataset)),
        (d, a, iri(DCAT.Dataset)),
        (d, iri(DCTERMS.title), lit("xjgraph: China and the Soviet Union in Xinjiang, 1934-1949", lang="en")),
        (d, iri(DCTERMS.description), lit(DESCRIPTION, lang="en")),
        (d, iri(DCTERMS.license), iri(LICENSE)),
        (d, iri(DCTERMS.creator), iri(DEVELOPERS)),
        (d, iri(DCTERMS.publisher), iri(DEVELOPERS)),
        (iri(DEVELOPERS), a, iri(FOAF.Agent)),
        (iri(DEVELOPERS), iri(FOAF.name), lit("xjgraph developers")),
        (d, iri(DCTERMS.source), iri(COLLECTION)),
        (d, iri(SCHEMA.version), lit(version)),
        (d, iri(DCTERMS.spatial), iri(BASE + "place/xinjiang")),
        (d, iri(DCTERMS.temporal), period),
        (period, a, iri(DCTERMS.PeriodOfTime)),
        (d, iri(DCAT.keyword), lit("Xinjiang", lang="en")),
        (d, iri(DCAT.keyword), lit("Sino-Soviet relations", lang="en")),
        (d, iri(DCAT.keyword), lit("East Turkestan Republic", lang="en")),
        (d, iri(DCAT.keyword), lit("correspondence", lang="en")),
        (d, iri(VOID.uriSpace), lit(BASE)),
        (d, iri(VOID.triples), _integer(stats.triples)),
        (d, iri(VOID.entities), _integer(len(stats.subjects))),
        (d, iri(VOID.distinctSubjects), _integer(len(stats.subjects))),
        (d, iri(VOID.properties), _integer(len(stats.predicates))),
        (d, iri(VOID.classes), _integer(len(stats.classes))),
        (d, iri(VOID.rootResource), iri(BASE + "place/xinjiang")),
        (d, iri(DCTERMS.conformsTo), iri(BASE + "ontology")),
    ]
    if stats.first and stats.last:
        out += [
            (period, iri(DCAT.startDate), lit(stats.first, datatype=XSD.date)),
            (period, iri(DCAT.endDate), lit(stats.last, datatype=XSD.date)),
        ]
    for example in (
        "record/1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev",
        "person/sheng-shicai",
        "place/urumqi",
        "event/ili-rebellion",
        "office/soviet-consul-general-urumqi",
    ):
        if f"<{BASE}{example}>" in stats.subjects:
            out.append((d, iri(VOID.exampleResource), iri(BASE + example)))
    # every vocabulary whose terms the dump uses, as a predicate or a class
    used = [t[1:-1] for t in list(stats.predicates) + list(stats.classes)]
    for ns in sorted(set(PREFIXES.values())):
        if not ns.startswith(BASE + "ontology") and ns.startswith(BASE):
            continue  # the entities' own namespaces
        if any(u.startswith(ns) for u in used):
            out.append((d, iri(VOID.vocabulary), iri(ns)))
    out += _linksets(d, stats)
    for cls, n in stats.classes.items():
        part = iri(f"{BASE}dataset#class-{_local(cls[1:-1])}")
        out += [
            (d, iri(VOID.classPartition), part),
            (part, iri(VOID["class"]), cls),
            (part, iri(VOID.entities), _integer(n)),
        ]
    for prop, n in stats.predicates.items():
        part = iri(f"{BASE}dataset#property-{_local(prop[1:-1])}")
        out += [
            (d, iri(VOID.propertyPartition), part),
            (part, iri(VOID.property), prop),
            (part, iri(VOID.triples), _integer(n)),
        ]
    if publish.get("sparql_endpoint"):
        out.append((d, iri(VOID.sparqlEndpoint), iri(publish["sparql_endpoint"])))
    for url in publish.get("dumps", []):
        ending = "." + url.rsplit("/", 1)[-1].rpartition(".")[2]
        media, label, rdf_dump = MEDIA.get(ending, ("application/octet-stream", "file", False))
        dist = iri(url)
        out += [
            (d, iri(DCAT.distribution), dist),
            (dist, a, iri(DCAT.Distribution)),
            (dist, iri(DCAT.mediaType), lit(media)),
            (dist, iri(DCAT.downloadURL), dist),
            (dist, iri(DCTERMS.title), lit(f"{label} dump", lang="en")),
            (dist, iri(DCTERMS.license), iri(LICENSE)),
        ]
        if rdf_dump:
            out.append((d, iri(VOID.dataDump), dist))
    return out


def _linksets(d: str, stats: Stats) -> list[tuple[str, str, str]]:
    """A ``void:Linkset`` per authority file and link predicate, with its triple count, and the authority's
    dataset."""
    out: list[tuple[str, str, str]] = []
    a = iri(RDF.type)
    targets = set()
    for (name, pred), n in sorted(stats.links.items()):
        scheme = authorities.SCHEMES[name]
        target = iri(f"{DATASET}#{name}")
        ls = iri(f"{DATASET}#links-{name}-{_local(pred[1:-1])}")
        out += [
            (d, iri(VOID.subset), ls),
            (ls, a, iri(VOID.Linkset)),
            (ls, iri(VOID.subjectsTarget), d),
            (ls, iri(VOID.objectsTarget), target),
            (ls, iri(VOID.linkPredicate), pred),
            (ls, iri(VOID.triples), _integer(n)),
        ]
        if name not in targets:
            targets.add(name)
            head = scheme.template.split("{}")[0]
            out += [
                (target, a, iri(VOID.Dataset)),
                (target, iri(DCTERMS.title), lit(scheme.label, lang="en")),
                (target, iri(FOAF.homepage), iri(scheme.homepage)),
                (target, iri(VOID.uriSpace), lit(head)),
            ]
    return out


def _local(value: str) -> str:
    for prefix, ns in VOID_PREFIXES.items():
        if value.startswith(ns):
            return f"{prefix}-{value[len(ns) :]}"
    return value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


__all__ = ["PREFIXES", "Stats", "describe"]
