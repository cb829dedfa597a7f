"""Turn the validated model into RDF under the xjgraph ontology, one subject at a time.

:func:`subjects` yields ``(subject, [(predicate, object), ...])`` with each subject exactly once and
terms as N-Triples strings (see :mod:`xjgraph.turtle`), so a large collection can be written without
holding a graph in memory. :func:`record_subjects` does the same for a batch of records.

>>> from xjgraph.model import Catalogue, Entity
>>> cat = Catalogue()
>>> cat["side"]["soviet"] = Entity("side", "soviet", {"id": "soviet", "name": "Soviet party-state"}, "x.toml")
>>> sum(len(pairs) for _, pairs in subjects(cat)) > 4
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from . import dates, names
from .model import KINDS, Catalogue, Entity
from .namespaces import BASE, DCTERMS, GEO, ORG, RDF, RDFS, RICO, SCHEMA, SKOS, XJ, XSD
from .turtle import FALSE, TRUE, iri, lit

Pairs = list[tuple[str, str]]


def _i(ns, local: str) -> str:
    return iri(str(ns) + local)


A = iri(str(RDF) + "type")
# predicates and classes, as terms
P_PREF, P_ALT, P_NOTE = _i(SKOS, "prefLabel"), _i(SKOS, "altLabel"), _i(SKOS, "editorialNote")
P_KEY = _i(XJ, "nameKey")
P_DESC, P_TITLE, P_DATE = _i(SCHEMA, "description"), _i(DCTERMS, "title"), _i(DCTERMS, "date")
P_EARLIEST, P_LATEST, P_PRECISION = _i(XJ, "earliestDate"), _i(XJ, "latestDate"), _i(XJ, "datePrecision")
P_SIDE, P_BIRTH, P_DEATH, P_MEMBER = _i(XJ, "side"), _i(XJ, "birthDate"), _i(XJ, "deathDate"), _i(SCHEMA, "memberOf")
P_SUBORG, P_LOCATION, P_CONTAINED = _i(ORG, "subOrganizationOf"), _i(SCHEMA, "location"), _i(SCHEMA, "containedInPlace")
P_LAT, P_LONG, P_POSTIN, P_HOLDS = _i(GEO, "lat"), _i(GEO, "long"), _i(ORG, "postIn"), _i(ORG, "holds")
P_OFFICE, P_HOLDER, P_START, P_END = _i(XJ, "office"), _i(XJ, "holder"), _i(SCHEMA, "startDate"), _i(SCHEMA, "endDate")
P_LABEL, P_SEEALSO = _i(RDFS, "label"), _i(RDFS, "seeAlso")
P_FORM, P_SUPPLIED, P_DATENOTE = _i(RICO, "hasDocumentaryFormType"), _i(XJ, "titleSupplied"), _i(XJ, "dateNote")
P_CORRECTED, P_NUMBER, P_CREATED = _i(XJ, "correctedDate"), _i(XJ, "number"), _i(SCHEMA, "locationCreated")
P_ABOUT, P_REPLIES, P_FORWARDS = _i(SCHEMA, "about"), _i(XJ, "repliesTo"), _i(XJ, "forwards")
P_URL, P_SAMEAS, P_LISTED = _i(SCHEMA, "url"), _i(SCHEMA, "sameAs"), _i(XJ, "inCollectionListing")
P_OBTAINED, P_TRANSLATED = _i(XJ, "obtainedBy"), _i(XJ, "translatedBy")
P_INSTANTIATION, P_CITATION = _i(RICO, "hasOrHadInstantiation"), _i(DCTERMS, "bibliographicCitation")
P_HOLDER_ARCHIVE, P_IDENT = _i(RICO, "hasOrHadHolder"), _i(RICO, "identifier")
HOLDING_PARTS = [
    ("fond", _i(XJ, "fond")),
    ("opis", _i(XJ, "opis")),
    ("delo", _i(XJ, "delo")),
    ("folios", _i(XJ, "folios")),
]
ROLE_PROPS = [
    ("senders", _i(SCHEMA, "sender")),
    ("recipients", _i(SCHEMA, "recipient")),
    ("cc", _i(SCHEMA, "ccRecipient")),
    ("via", _i(XJ, "intermediary")),
    ("participants", _i(XJ, "participant")),
]
C_SIDE, C_CONCEPT, C_FORM = _i(XJ, "Side"), _i(SKOS, "Concept"), _i(RICO, "DocumentaryFormType")
C_PERSON, C_RPERSON = _i(SCHEMA, "Person"), _i(RICO, "Person")
C_ORG, C_CORP, C_ARCHIVE = _i(SCHEMA, "Organization"), _i(RICO, "CorporateBody"), _i(SCHEMA, "ArchiveOrganization")
C_PLACE, C_SPATIAL, C_EVENT = _i(SCHEMA, "Place"), _i(GEO, "SpatialThing"), _i(SCHEMA, "Event")
C_OFFICE, C_POST, C_TENURE, C_ROLE = _i(XJ, "Office"), _i(ORG, "Post"), _i(XJ, "Tenure"), _i(SCHEMA, "Role")
C_RECORD, C_CORRESPONDENCE, C_MESSAGE = _i(RICO, "Record"), _i(XJ, "Correspondence"), _i(SCHEMA, "Message")
C_HOLDING, C_INSTANTIATION = _i(XJ, "ArchivalHolding"), _i(RICO, "Instantiation")
KIND_CLASSES = {kind: _i(XJ, cls) for kind, (cls, _, _) in KINDS.items()}
XSD_DATE, XSD_DECIMAL = str(XSD) + "date", str(XSD) + "decimal"
ENTITY_PATH = {
    k: f"{BASE}{k}/"
    for k in ("record", "person", "organisation", "place", "event", "office", "tenure", "side", "kind", "holding")
}


def ent(kind: str, ident: str) -> str:
    """The IRI term of an entity."""
    return iri(ENTITY_PATH[kind] + ident)


def _en(text: str) -> str:
    return lit(text, lang="en")


def _date(text: str) -> str:
    return lit(text, datatype=XSD_DATE)


def _labels(e: Entity) -> Pairs:
    out = [(P_PREF, _en(e.get("name")))]
    for lang, text in sorted((e.get("labels") or {}).items()):
        if lang != "en":
            out.append((P_PREF, lit(text, lang=lang)))
    out += [(P_ALT, _en(v)) for v in e.list("variants")]
    keys = {names.key(e.get("name")), *(names.key(t) for t in (e.get("labels") or {}).values())}
    keys |= {names.key(v) for v in e.list("variants")}
    out += [(P_KEY, lit(k)) for k in sorted(keys)]
    if e.get("description"):
        out.append((P_DESC, _en(e.get("description"))))
    if e.get("note"):
        out.append((P_NOTE, _en(e.get("note"))))
    return out


def _dated(text: str) -> Pairs:
    d = dates.parse(text)
    return [
        (P_DATE, lit(d.text)),
        (P_EARLIEST, _date(d.earliest)),
        (P_LATEST, _date(d.latest)),
        (P_PRECISION, lit(d.precision)),
    ]


def citation(cat: Catalogue, holding: dict) -> str:
    """The holding's reference as one line, e.g. ``RGASPI, f. 558, op. 11, d. 323, l. 22-25``."""
    archive = cat["organisation"][holding["archive"]]
    short = (archive.get("labels") or {}).get("en-x-abbrev") or archive.get("name")
    text = f"{short}, {holding['reference']}"
    if holding.get("reprint"):
        text += f". Reprinted in {holding['reprint']}"
    return text


def subjects(cat: Catalogue) -> Iterator[tuple[str, Pairs]]:
    """Every subject of the dump with its pairs: authority data, then the records held in ``cat``."""
    for e in cat["side"].values():
        yield ent("side", e.id), [(A, C_SIDE), (A, C_CONCEPT), *_labels(e)]
    for kind, (_, label, _) in KINDS.items():
        yield ent("kind", kind), [(A, C_FORM), (P_PREF, _en(label)), (P_SEEALSO, KIND_CLASSES[kind])]
    holds: dict[str, set[str]] = defaultdict(set)
    for t in cat.tenures:
        holds[t.get("holder")].add(t.get("office"))
    for e in cat["person"].values():
        pairs = [(A, C_PERSON), (A, C_RPERSON), *_labels(e)]
        pairs += [(P_SIDE, ent("side", s)) for s in e.list("side")]
        if e.get("born"):
            pairs.append((P_BIRTH, lit(e.get("born"))))
        if e.get("died"):
            pairs.append((P_DEATH, lit(e.get("died"))))
        pairs += [(P_MEMBER, ent("organisation", o)) for o in e.list("member_of")]
        pairs += [(P_HOLDS, ent("office", o)) for o in sorted(holds.get(e.id, ()))]
        yield ent("person", e.id), pairs
    for e in cat["organisation"].values():
        pairs = [(A, C_ORG), (A, C_CORP), *_labels(e)]
        if e.get("archive"):
            pairs.append((A, C_ARCHIVE))
        pairs += [(P_SIDE, ent("side", s)) for s in e.list("side")]
        if e.get("part_of"):
            pairs.append((P_SUBORG, ent("organisation", e.get("part_of"))))
        if e.get("located_in"):
            pairs.append((P_LOCATION, ent("place", e.get("located_in"))))
        yield ent("organisation", e.id), pairs
    for e in cat["place"].values():
        pairs = [(A, C_PLACE), (A, C_SPATIAL), *_labels(e)]
        if e.get("lat") is not None and e.get("long") is not None:
            pairs += [
                (P_LAT, lit(f"{e.get('lat'):.4f}", datatype=XSD_DECIMAL)),
                (P_LONG, lit(f"{e.get('long'):.4f}", datatype=XSD_DECIMAL)),
            ]
        if e.get("within"):
            pairs.append((P_CONTAINED, ent("place", e.get("within"))))
        yield ent("place", e.id), pairs
    for e in cat["event"].values():
        pairs = [(A, C_EVENT), *_labels(e), *_dated(e.get("date"))]
        pairs += [(P_LOCATION, ent("place", p)) for p in e.list("places")]
        yield ent("event", e.id), pairs
    for e in cat["office"].values():
        pairs = [(A, C_OFFICE), (A, C_POST), *_labels(e), (P_POSTIN, ent("organisation", e.get("organisation")))]
        if e.get("place"):
            pairs.append((P_LOCATION, ent("place", e.get("place"))))
        yield ent("office", e.id), pairs
    for t in cat.tenures:
        yield _tenure(cat, t)
    yield from record_subjects(cat, cat["record"].values())


def _tenure(cat: Catalogue, t: Entity) -> tuple[str, Pairs]:
    office, holder = t.get("office"), t.get("holder")
    start = dates.parse(t.get("start"))
    end = dates.parse(t.get("end")) if t.get("end") else None
    pairs = [
        (A, C_TENURE),
        (A, C_ROLE),
        (P_OFFICE, ent("office", office)),
        (P_HOLDER, ent("person", holder)),
        (P_DATE, lit(f"{start.text}/{end.text if end else ''}")),
        (P_START, _date(start.earliest)),
    ]
    if end:
        pairs.append((P_END, _date(end.latest)))
    span = f"{start.text[:4]}-{end.text[:4] if end else ''}"
    pairs.append((P_LABEL, _en(f"{cat['person'][holder].get('name')}, {cat['office'][office].get('name')}, {span}")))
    if t.get("note"):
        pairs.append((P_NOTE, _en(t.get("note"))))
    return ent("tenure", t.id), pairs


def record_subjects(cat: Catalogue, records) -> Iterator[tuple[str, Pairs]]:
    """The subjects of a batch of records (each record, and its holding where it has one)."""
    for e in records:
        yield from _record(cat, e)


def _record(cat: Catalogue, e: Entity) -> Iterator[tuple[str, Pairs]]:
    s = ent("record", e.id)
    _, _, correspondence = KINDS[e.get("kind")]
    pairs = [(A, C_RECORD), (A, KIND_CLASSES[e.get("kind")])]
    if correspondence and (e.get("senders") or e.get("recipients")):
        # a report with no known sender or recipient is a record, not a message
        pairs += [(A, C_CORRESPONDENCE), (A, C_MESSAGE)]
    pairs += [(P_FORM, ent("kind", e.get("kind"))), (P_TITLE, lit(e.get("title")))]
    if e.get("title_supplied"):
        pairs.append((P_SUPPLIED, TRUE))
    pairs += _dated(e.get("date"))
    if e.get("date_note"):
        pairs.append((P_DATENOTE, _en(e.get("date_note"))))
    if e.get("corrected_date"):
        pairs.append((P_CORRECTED, lit(e.get("corrected_date"))))
    if e.get("number"):
        pairs.append((P_NUMBER, lit(e.get("number"))))
    for field_name, prop in ROLE_PROPS:
        pairs += [(prop, ent(cat.kind_of(agent), agent)) for agent in e.list(field_name)]
    if e.get("from_place"):
        pairs.append((P_CREATED, ent("place", e.get("from_place"))))
    pairs += [(P_ABOUT, ent(cat.kind_of(i), i)) for i in e.list("about")]
    pairs += [(P_REPLIES, ent("record", r)) for r in e.list("replies_to")]
    pairs += [(P_FORWARDS, ent("record", r)) for r in e.list("forwards")]
    if e.get("url"):
        pairs.append((P_URL, iri(e.get("url"))))
    pairs += [(P_SAMEAS, iri(u)) for u in e.list("other_urls")]
    pairs.append((P_LISTED, TRUE if e.get("listed") else FALSE))
    pairs += [(P_OBTAINED, ent("person", p)) for p in e.list("obtained_by")]
    pairs += [(P_TRANSLATED, ent("person", p)) for p in e.list("translated_by")]
    if e.get("description"):
        pairs.append((P_DESC, _en(e.get("description"))))
    holding = e.get("holding")
    if holding:
        h = ent("holding", e.id)
        pairs += [(P_INSTANTIATION, h), (P_CITATION, lit(citation(cat, holding)))]
        hp = [
            (A, C_HOLDING),
            (A, C_INSTANTIATION),
            (P_HOLDER_ARCHIVE, ent("organisation", holding["archive"])),
            (P_IDENT, lit(holding["reference"])),
        ]
        hp += [(prop, lit(holding[key])) for key, prop in HOLDING_PARTS if holding.get(key)]
        yield h, hp
    yield s, pairs
