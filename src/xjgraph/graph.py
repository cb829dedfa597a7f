"""Turn a validated :class:`~xjgraph.model.Catalogue` into RDF triples under the xjgraph ontology.

>>> from xjgraph.model import Catalogue, Entity
>>> cat = Catalogue()
>>> cat["side"]["soviet"] = Entity("side", "soviet", {"id": "soviet", "name": "Soviet party-state"}, "x.toml")
>>> len(list(triples(cat))) > 4
True
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import XSD as _XSD

from . import dates
from .model import KINDS, Catalogue, Entity
from .namespaces import DCTERMS, GEO, ORG, RDF, RDFS, RICO, SCHEMA, SKOS, XJ, iri

Triple = tuple[URIRef, URIRef, object]

_ROLE_PROPS = [
    ("senders", SCHEMA.sender),
    ("recipients", SCHEMA.recipient),
    ("cc", SCHEMA.ccRecipient),
    ("via", XJ.intermediary),
    ("participants", XJ.participant),
]


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


def _date(text: str) -> Literal:
    return Literal(text, datatype=_XSD.date)


def _ref(cat: Catalogue, ident: str) -> URIRef:
    return iri(cat.kind_of(ident), ident)


def _labels(s: URIRef, e: Entity) -> Iterator[Triple]:
    yield s, SKOS.prefLabel, _en(e.get("name"))
    for lang, text in sorted((e.get("labels") or {}).items()):
        if lang != "en":
            yield s, SKOS.prefLabel, Literal(text, lang=lang)
    for variant in e.list("variants"):
        yield s, SKOS.altLabel, _en(variant)
    if e.get("description"):
        yield s, SCHEMA.description, _en(e.get("description"))
    if e.get("note"):
        yield s, SKOS.editorialNote, _en(e.get("note"))


def _dated(s: URIRef, text: str) -> Iterator[Triple]:
    d = dates.parse(text)
    yield s, DCTERMS.date, Literal(d.text)
    yield s, XJ.earliestDate, _date(d.earliest)
    yield s, XJ.latestDate, _date(d.latest)
    yield s, XJ.datePrecision, Literal(d.precision)


def citation(cat: Catalogue, holding: dict) -> str:
    """The holding's reference as one line, e.g. ``RGASPI, f. 558, op. 11, d. 323, l. 22-25``."""
    archive = cat["organisation"][holding["archive"]]
    short = (archive.get("labels") or {}).get("en-x-abbrev") or archive.get("name")
    text = f"{short}, {holding['reference']}"
    if holding.get("reprint"):
        text += f". Reprinted in {holding['reprint']}"
    return text


def triples(cat: Catalogue) -> Iterator[Triple]:
    """Every triple of the dump, in no particular order (the writer sorts them)."""
    for e in cat["side"].values():
        s = iri("side", e.id)
        yield s, RDF.type, XJ.Side
        yield s, RDF.type, SKOS.Concept
        yield from _labels(s, e)
    for kind, (cls, label, _) in KINDS.items():
        s = iri("kind", kind)
        yield s, RDF.type, RICO.DocumentaryFormType
        yield s, SKOS.prefLabel, _en(label)
        yield s, RDFS.seeAlso, XJ[cls]
    for e in cat["person"].values():
        s = iri("person", e.id)
        yield s, RDF.type, SCHEMA.Person
        yield s, RDF.type, RICO.Person
        yield from _labels(s, e)
        for side in e.list("side"):
            yield s, XJ.side, iri("side", side)
        if e.get("born"):
            yield s, XJ.birthDate, Literal(e.get("born"))
        if e.get("died"):
            yield s, XJ.deathDate, Literal(e.get("died"))
        for org in e.list("member_of"):
            yield s, SCHEMA.memberOf, iri("organisation", org)
    for e in cat["organisation"].values():
        s = iri("organisation", e.id)
        yield s, RDF.type, SCHEMA.Organization
        yield s, RDF.type, RICO.CorporateBody
        if e.get("archive"):
            yield s, RDF.type, SCHEMA.ArchiveOrganization
        yield from _labels(s, e)
        for side in e.list("side"):
            yield s, XJ.side, iri("side", side)
        if e.get("part_of"):
            yield s, ORG.subOrganizationOf, iri("organisation", e.get("part_of"))
        if e.get("located_in"):
            yield s, SCHEMA.location, iri("place", e.get("located_in"))
    for e in cat["place"].values():
        s = iri("place", e.id)
        yield s, RDF.type, SCHEMA.Place
        yield s, RDF.type, GEO.SpatialThing
        yield from _labels(s, e)
        if e.get("lat") is not None and e.get("long") is not None:
            yield s, GEO.lat, Literal(f"{e.get('lat'):.4f}", datatype=_XSD.decimal)
            yield s, GEO.long, Literal(f"{e.get('long'):.4f}", datatype=_XSD.decimal)
        if e.get("within"):
            yield s, SCHEMA.containedInPlace, iri("place", e.get("within"))
    for e in cat["event"].values():
        s = iri("event", e.id)
        yield s, RDF.type, SCHEMA.Event
        yield from _labels(s, e)
        yield from _dated(s, e.get("date"))
        for place in e.list("places"):
            yield s, SCHEMA.location, iri("place", place)
    for e in cat["office"].values():
        s = iri("office", e.id)
        yield s, RDF.type, XJ.Office
        yield s, RDF.type, ORG.Post
        yield from _labels(s, e)
        yield s, ORG.postIn, iri("organisation", e.get("organisation"))
        if e.get("place"):
            yield s, SCHEMA.location, iri("place", e.get("place"))
    for t in cat.tenures:
        yield from _tenure(cat, t)
    for e in cat["record"].values():
        yield from _record(cat, e)


def _tenure(cat: Catalogue, t: Entity) -> Iterator[Triple]:
    s = iri("tenure", t.id)
    office, holder = t.get("office"), t.get("holder")
    start, end = dates.parse(t.get("start")), dates.parse(t.get("end")) if t.get("end") else None
    yield s, RDF.type, XJ.Tenure
    yield s, RDF.type, SCHEMA.Role
    yield s, XJ.office, iri("office", office)
    yield s, XJ.holder, iri("person", holder)
    yield iri("person", holder), ORG.holds, iri("office", office)
    yield s, DCTERMS.date, Literal(f"{start.text}/{end.text if end else ''}")
    yield s, SCHEMA.startDate, _date(start.earliest)
    if end:
        yield s, SCHEMA.endDate, _date(end.latest)
    span = f"{start.text[:4]}-{end.text[:4] if end else ''}"
    yield s, RDFS.label, _en(f"{cat['person'][holder].get('name')}, {cat['office'][office].get('name')}, {span}")
    if t.get("note"):
        yield s, SKOS.editorialNote, _en(t.get("note"))


def _record(cat: Catalogue, e: Entity) -> Iterator[Triple]:
    s = iri("record", e.id)
    cls, _, correspondence = KINDS[e.get("kind")]
    yield s, RDF.type, RICO.Record
    yield s, RDF.type, XJ[cls]
    if correspondence and (e.get("senders") or e.get("recipients")):
        # a report with no known sender or recipient is a record, not a message
        yield s, RDF.type, XJ.Correspondence
        yield s, RDF.type, SCHEMA.Message
    yield s, RICO.hasDocumentaryFormType, iri("kind", e.get("kind"))
    yield s, DCTERMS.title, Literal(e.get("title"))
    if e.get("title_supplied"):
        yield s, XJ.titleSupplied, Literal(True)
    yield from _dated(s, e.get("date"))
    if e.get("date_note"):
        yield s, XJ.dateNote, _en(e.get("date_note"))
    if e.get("corrected_date"):
        yield s, XJ.correctedDate, Literal(e.get("corrected_date"))
    if e.get("number"):
        yield s, XJ.number, Literal(e.get("number"))
    for field_name, prop in _ROLE_PROPS:
        for agent in e.list(field_name):
            yield s, prop, _ref(cat, agent)
    if e.get("from_place"):
        yield s, SCHEMA.locationCreated, iri("place", e.get("from_place"))
    for ident in e.list("about"):
        yield s, SCHEMA.about, _ref(cat, ident)
    for other in e.list("replies_to"):
        yield s, XJ.repliesTo, iri("record", other)
    for other in e.list("forwards"):
        yield s, XJ.forwards, iri("record", other)
    if e.get("url"):
        yield s, SCHEMA.url, URIRef(e.get("url"))
    for other in e.list("other_urls"):
        yield s, SCHEMA.sameAs, URIRef(other)
    yield s, XJ.inCollectionListing, Literal(bool(e.get("listed")))
    for person in e.list("obtained_by"):
        yield s, XJ.obtainedBy, iri("person", person)
    for person in e.list("translated_by"):
        yield s, XJ.translatedBy, iri("person", person)
    if e.get("description"):
        yield s, SCHEMA.description, _en(e.get("description"))
    holding = e.get("holding")
    if holding:
        h = iri("holding", e.id)
        yield s, RICO.hasOrHadInstantiation, h
        yield s, DCTERMS.bibliographicCitation, Literal(citation(cat, holding))
        yield h, RDF.type, XJ.ArchivalHolding
        yield h, RDF.type, RICO.Instantiation
        yield h, RICO.hasOrHadHolder, iri("organisation", holding["archive"])
        yield h, RICO.identifier, Literal(holding["reference"])
        for key, prop in (("fond", XJ.fond), ("opis", XJ.opis), ("delo", XJ.delo), ("folios", XJ.folios)):
            if holding.get(key):
                yield h, prop, Literal(holding[key])
