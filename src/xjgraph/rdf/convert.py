"""Turn the validated model into RDF under the xjgraph ontology, one subject at a time.

:func:`subjects` yields ``(subject, [(predicate, object), ...])`` with each subject exactly once and
terms as N-Triples strings (see :mod:`xjgraph.turtle`), so a large collection can be written without
holding a graph in memory. :func:`record_subjects` does the same for a batch of records.

>>> from xjgraph.sources.model import Catalogue, Entity
>>> cat = Catalogue()
>>> cat["side"]["soviet"] = Entity("side", "soviet", {"id": "soviet", "name": "Soviet party-state"}, "x.toml")
>>> sum(len(pairs) for _, pairs in subjects(cat)) > 4
True
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from ..sources import authorities, dates, evidence, names
from ..sources.model import KINDS, Catalogue, Entity
from .namespaces import DCTERMS, ENTITIES, GEO, ORG, RDF, RDFS, RICO, SCHEMA, SKOS, XJ, XSD
from .turtle import FALSE, TRUE, iri, lit

Pairs = list[tuple[str, str]]

A = iri(RDF.type)
# predicates and classes, as terms
P_PREF, P_ALT, P_NOTE = iri(SKOS.prefLabel), iri(SKOS.altLabel), iri(SKOS.editorialNote)
P_KEY = iri(XJ.nameKey)
P_DESC, P_TITLE, P_DATE = iri(SCHEMA.description), iri(DCTERMS.title), iri(DCTERMS.date)
P_EARLIEST, P_LATEST, P_PRECISION = iri(XJ.earliestDate), iri(XJ.latestDate), iri(XJ.datePrecision)
P_SIDE, P_BIRTH, P_DEATH, P_MEMBER = iri(XJ.side), iri(XJ.birthDate), iri(XJ.deathDate), iri(SCHEMA.memberOf)
P_SUBORG, P_LOCATION = iri(ORG.subOrganizationOf), iri(SCHEMA.location)
P_CONTAINED = iri(SCHEMA.containedInPlace)
P_LAT, P_LONG, P_POSTIN, P_HOLDS = iri(GEO.lat), iri(GEO.long), iri(ORG.postIn), iri(ORG.holds)
P_OFFICE, P_HOLDER, P_START, P_END = iri(XJ.office), iri(XJ.holder), iri(SCHEMA.startDate), iri(SCHEMA.endDate)
P_LABEL, P_SEEALSO = iri(RDFS.label), iri(RDFS.seeAlso)
P_FORM, P_SUPPLIED, P_DATENOTE = iri(RICO.hasDocumentaryFormType), iri(XJ.titleSupplied), iri(XJ.dateNote)
P_CORRECTED, P_NUMBER, P_CREATED = iri(XJ.correctedDate), iri(XJ.number), iri(SCHEMA.locationCreated)
P_ABOUT, P_REPLIES, P_FORWARDS = iri(SCHEMA.about), iri(XJ.repliesTo), iri(XJ.forwards)
P_MENTIONS, P_ABSTRACT = iri(SCHEMA.mentions), iri(DCTERMS.abstract)
P_URL, P_SAMEAS, P_LISTED = iri(SCHEMA.url), iri(SCHEMA.sameAs), iri(XJ.inCollectionListing)
P_OBTAINED, P_TRANSLATED = iri(XJ.obtainedBy), iri(XJ.translatedBy)
P_INSTANTIATION, P_CITATION = iri(RICO.hasOrHadInstantiation), iri(DCTERMS.bibliographicCitation)
P_HOLDER_ARCHIVE, P_IDENT = iri(RICO.hasOrHadHolder), iri(RICO.identifier)
P_CONCURRENT = iri(XJ.concurrentHolders)
P_EXACT, P_CLOSE, P_SOURCE = iri(SKOS.exactMatch), iri(SKOS.closeMatch), iri(DCTERMS.source)
P_MATCH_OF, P_MATCH_TARGET, P_MATCH_KIND = iri(XJ.matchOf), iri(XJ.matchTarget), iri(XJ.matchKind)
C_MATCH = iri(XJ.AuthorityMatch)
C_EVIDENCE, P_EV_FOR, P_EV_PROP = iri(XJ.Evidence), iri(XJ.evidenceFor), iri(XJ.evidenceProperty)
# the property each evidenced field of the sources is published as (sources/evidence.py lists the fields)
EVIDENCE_PROPS = {
    "name": SKOS.prefLabel,
    "variants": SKOS.altLabel,
    "born": XJ.birthDate,
    "died": XJ.deathDate,
    "lat": GEO.lat,
    "long": GEO.long,
    "date": DCTERMS.date,
    "start": SCHEMA.startDate,
    "end": SCHEMA.endDate,
    "senders": SCHEMA.sender,
    "recipients": SCHEMA.recipient,
    "participants": XJ.participant,
}
PARTY_FIELDS = ("senders", "recipients", "participants")
P_EV_VALUE, P_EV_USED, P_EV_UNVERIFIED = iri(XJ.evidenceValue), iri(XJ.used), iri(XJ.unverified)
HOLDING_PARTS = [("fond", iri(XJ.fond)), ("opis", iri(XJ.opis)), ("delo", iri(XJ.delo)), ("folios", iri(XJ.folios))]
ROLE_PROPS = [
    ("senders", iri(SCHEMA.sender)),
    ("recipients", iri(SCHEMA.recipient)),
    ("cc", iri(SCHEMA.ccRecipient)),
    ("via", iri(XJ.intermediary)),
    ("participants", iri(XJ.participant)),
]
C_SIDE, C_CONCEPT, C_FORM = iri(XJ.Side), iri(SKOS.Concept), iri(RICO.DocumentaryFormType)
C_PERSON, C_RPERSON = iri(SCHEMA.Person), iri(RICO.Person)
C_ORG, C_CORP, C_ARCHIVE = iri(SCHEMA.Organization), iri(RICO.CorporateBody), iri(SCHEMA.ArchiveOrganization)
C_PLACE, C_SPATIAL, C_EVENT = iri(SCHEMA.Place), iri(GEO.SpatialThing), iri(SCHEMA.Event)
C_OFFICE, C_POST, C_TENURE, C_ROLE = iri(XJ.Office), iri(ORG.Post), iri(XJ.Tenure), iri(SCHEMA.Role)
C_RECORD, C_CORRESPONDENCE, C_MESSAGE = iri(RICO.Record), iri(XJ.Correspondence), iri(SCHEMA.Message)
C_HOLDING, C_INSTANTIATION = iri(XJ.ArchivalHolding), iri(RICO.Instantiation)
KIND_CLASSES = {kind: iri(XJ[cls]) for kind, (cls, _, _) in KINDS.items()}
XSD_DATE, XSD_DECIMAL = XSD.date, XSD.decimal


def ent(kind: str, ident: str) -> str:
    """The IRI term of an entity."""
    return iri(ENTITIES[kind][ident])


def _kind(cat: Catalogue, ident: str) -> str:
    kind = cat.kind_of(ident)
    if kind is None:  # the loader checked every reference before conversion
        raise KeyError(ident)
    return kind


def _en(text: str) -> str:
    return lit(text, lang="en")


def _date(text: str) -> str:
    return lit(text, datatype=XSD_DATE)


def _labels(e: Entity) -> Pairs:
    out = [(P_PREF, _en(e.get("name")))]
    for lang, text in sorted((e.get("labels") or {}).items()):
        if lang != "en":
            out.append((P_PREF, lit(text, lang=lang.lower())))  # as stores keep tags (pyoxigraph lowercases)
    out += [(P_ALT, _en(v)) for v in e.list("variants")]
    keys = {names.key(e.get("name")), *(names.key(t) for t in (e.get("labels") or {}).values())}
    keys |= {names.key(v) for v in e.list("variants")}
    out += [(P_KEY, lit(k)) for k in sorted(keys)]
    if e.get("description"):
        out.append((P_DESC, _en(e.get("description"))))
    if e.get("note"):
        out.append((P_NOTE, _en(e.get("note"))))
    return out


def match_iri(entity_iri: str, ident: str) -> str:
    """The IRI of the statement that ``entity_iri`` matches the authority identifier ``ident``.

    >>> match_iri("https://w3id.org/xjgraph/person/stalin", "wikidata:Q855")
    'https://w3id.org/xjgraph/person/stalin#match-wikidata-Q855'
    >>> match_iri("https://w3id.org/xjgraph/place/urumqi", "dbpedia:Ürümqi")
    'https://w3id.org/xjgraph/place/urumqi#match-dbpedia-Urumqi'
    """
    scheme, _, value = ident.partition(":")
    letters = unicodedata.normalize("NFKD", value)
    return f"{entity_iri}#match-{scheme}-" + "".join(
        c if c.isascii() and c.isalnum() else "-" for c in letters if not unicodedata.combining(c)
    )


def _matches(kind: str, e: Entity) -> tuple[Pairs, list[tuple[str, Pairs]]]:
    """The entity's links to authority files, and one statement per link with its evidence."""
    pairs: Pairs = []
    statements: list[tuple[str, Pairs]] = []
    subject = ENTITIES[kind][e.id]
    for m in e.list("match"):
        scheme, _ = authorities.split(m["id"])
        assert scheme is not None
        target = iri(authorities.authority_iri(m["id"]))
        how = "page" if scheme.link == "page" else "close" if m["close"] else "exact"
        pairs.append(({"page": P_SAMEAS, "close": P_CLOSE, "exact": P_EXACT}[how], target))
        sp = [(A, C_MATCH), (P_MATCH_OF, iri(subject)), (P_MATCH_TARGET, target), (P_MATCH_KIND, lit(how))]
        sp += [(P_SOURCE, iri(u)) for u in m["evidence"]]
        if m.get("note"):
            sp.append((P_NOTE, _en(m["note"])))
        statements.append((iri(match_iri(subject, m["id"])), sp))
    return pairs, statements


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
        yield from _with_matches("person", e, pairs)
    for e in cat["organisation"].values():
        pairs = [(A, C_ORG), (A, C_CORP), *_labels(e)]
        if e.get("archive"):
            pairs.append((A, C_ARCHIVE))
        pairs += [(P_SIDE, ent("side", s)) for s in e.list("side")]
        if e.get("part_of"):
            pairs.append((P_SUBORG, ent("organisation", e.get("part_of"))))
        if e.get("located_in"):
            pairs.append((P_LOCATION, ent("place", e.get("located_in"))))
        yield from _with_matches("organisation", e, pairs)
    for e in cat["place"].values():
        pairs = [(A, C_PLACE), (A, C_SPATIAL), *_labels(e)]
        if e.get("lat") is not None and e.get("long") is not None:
            pairs += [
                (P_LAT, lit(f"{e.get('lat'):.4f}", datatype=XSD_DECIMAL)),
                (P_LONG, lit(f"{e.get('long'):.4f}", datatype=XSD_DECIMAL)),
            ]
        if e.get("within"):
            pairs.append((P_CONTAINED, ent("place", e.get("within"))))
        yield from _with_matches("place", e, pairs)
    for e in cat["event"].values():
        pairs = [(A, C_EVENT), *_labels(e), *_dated(e.get("date"))]
        pairs += [(P_LOCATION, ent("place", p)) for p in e.list("places")]
        yield from _with_matches("event", e, pairs)
    for e in cat["office"].values():
        pairs = [(A, C_OFFICE), (A, C_POST), *_labels(e), (P_POSTIN, ent("organisation", e.get("organisation")))]
        if e.get("place"):
            pairs.append((P_LOCATION, ent("place", e.get("place"))))
        if e.get("concurrent_holders"):
            pairs.append((P_CONCURRENT, TRUE))
        yield ent("office", e.id), pairs
    for t in cat.tenures:
        yield _tenure(cat, t)
        yield from evidence_subjects("tenure", t)
    yield from record_subjects(cat, cat["record"].values())


def _with_matches(kind: str, e: Entity, pairs: Pairs) -> Iterator[tuple[str, Pairs]]:
    links, statements = _matches(kind, e)
    yield ent(kind, e.id), pairs + links
    yield from statements
    yield from evidence_subjects(kind, e)


def evidence_subjects(kind: str, e: Entity, cat: Catalogue | None = None) -> Iterator[tuple[str, Pairs]]:
    """One ``xj:Evidence`` per evidence entry: ``<entity>#evidence-<field>-<n>``, the property and value it
    supports, whether that value is the one used, and its sources (or that none was found).

    >>> from xjgraph.sources.model import Entity
    >>> e = Entity("person", "x", {"born": "1897", "evidence": [{"field": "born", "sources": ["https://a.org/"]}]}, "p")
    >>> [s for s, _ in evidence_subjects("person", e)]
    ['<https://w3id.org/xjgraph/person/x#evidence-born-1>']
    """
    subject = ENTITIES[kind][e.id]
    seen: dict[str, int] = defaultdict(int)
    for entry in e.list("evidence"):
        field = entry["field"]
        seen[field] += 1
        s = iri(f"{subject}#evidence-{field.replace('.', '-')}-{seen[field]}")
        value = evidence.value_of(e.data, entry) or ""
        if field in PARTY_FIELDS and cat is not None:
            # a record's party: the value is the IRI of the person or organisation, as text
            value = str(ENTITIES[cat.kind_of(value) or "person"][value])
        lang = (
            field.split(".", 1)[1].lower()
            if field.startswith("labels.")
            else "en"
            if field in ("name", "variants")
            else None
        )
        pairs = [
            (A, C_EVIDENCE),
            (P_EV_FOR, iri(subject)),
            (P_EV_PROP, iri(EVIDENCE_PROPS["name" if field.startswith("labels.") else field])),
            (P_EV_VALUE, lit(value, lang=lang) if lang else lit(value)),
            (P_EV_USED, TRUE if evidence.used(kind, e.data, entry) else FALSE),
        ]
        pairs += [(P_SOURCE, iri(u)) for u in entry.get("sources") or []]
        if entry.get("unverified"):
            pairs.append((P_EV_UNVERIFIED, TRUE))
        if entry.get("note"):
            pairs.append((P_NOTE, _en(entry["note"])))
        yield s, pairs


def _year(d) -> str:
    """The year of a date, or of a date known only within bounds that fall in one year; else ''.

    >>> _year(dates.parse("1942-07-03/1942-12")), _year(dates.parse("1937-03/1942-07-03")), _year(dates.parse("1949"))
    ('1942', '', '1949')
    """
    if d is None:
        return ""
    first, last = str(d.earliest)[:4], str(d.latest)[:4]
    return first if first == last else ""


def _tenure(cat: Catalogue, t: Entity) -> tuple[str, Pairs]:
    office, holder = t.get("office"), t.get("holder")
    start = dates.parse(t.get("start"))
    end = dates.parse(t.get("end")) if t.get("end") else None
    pairs = [
        (A, C_TENURE),
        (A, C_ROLE),
        (P_OFFICE, ent("office", office)),
        (P_HOLDER, ent("person", holder)),
    ]
    # a start or an end known only within bounds (an EDTF interval) is unknown in the tenure's interval, with
    # its earliest (start) or latest (end) bound as schema:startDate or schema:endDate
    known_start = start.text if "/" not in start.text else ""
    known_end = end.text if end and "/" not in end.text else ""
    pairs += [(P_DATE, lit(f"{known_start}/{known_end}")), (P_START, _date(start.earliest))]
    if end:
        pairs.append((P_END, _date(end.latest)))
    span = f"{_year(start) or '?'}-{_year(end) or ('?' if end else '')}"
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
        pairs += [(prop, ent(_kind(cat, agent), agent)) for agent in e.list(field_name)]
    if e.get("from_place"):
        pairs.append((P_CREATED, ent("place", e.get("from_place"))))
    pairs += [(P_ABOUT, ent(_kind(cat, i), i)) for i in e.list("about")]
    pairs += [(P_MENTIONS, ent(_kind(cat, i), i)) for i in e.list("mentions")]
    pairs += [(P_REPLIES, ent("record", r)) for r in e.list("replies_to")]
    pairs += [(P_FORWARDS, ent("record", r)) for r in e.list("forwards")]
    if e.get("url"):
        pairs.append((P_URL, iri(e.get("url"))))
    pairs += [(P_SAMEAS, iri(u)) for u in e.list("other_urls")]
    pairs.append((P_LISTED, TRUE if e.get("listed") else FALSE))
    pairs += [(P_OBTAINED, ent("person", p)) for p in e.list("obtained_by")]
    pairs += [(P_TRANSLATED, ent("person", p)) for p in e.list("translated_by")]
    if e.get("description"):
        pairs.append((P_ABSTRACT, _en(e.get("description"))))
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
    yield from evidence_subjects("record", e, cat)
