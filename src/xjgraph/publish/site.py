"""The site: a reading room of pages, one per record, person, organisation, place, event, office, kind of
record and side, with the maps in the same tree, a search over every name, a SPARQL workbench, and the
entity's own RDF beside each page (``person/sheng-shicai.ttl`` and ``.jsonld``), so the tree can be the home of
the ``https://w3id.org/xjgraph/`` IRIs (``publish/w3id/.htaccess``).

Everything is read from the graph through SPARQL (one query for all triples), so the site is the same from
the embedded store and from an endpoint. Labels of properties come from the ontology's ``rdfs:label``;
internal keys (``xj:nameKey``, ``xj:inCollectionListing``) are not shown as facts. Holdings and tenures,
which have no page of their own, get a page that sends the reader on to the record or office that describes
them. Pages work from ``file://`` with nothing fetched.

>>> import tempfile
>>> from xjgraph.resources import packaged_dump
>>> from xjgraph.sparql.store import EmbeddedStore
>>> out = Path(tempfile.mkdtemp())
>>> counts = write_site(EmbeddedStore.from_file(packaged_dump()), out, with_maps=False)
>>> counts["person"] > 50, (out / "person" / "sheng-shicai.ttl").is_file()
(True, True)
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rdflib import Literal, URIRef

from ..console import progress
from ..errors import OutputError
from ..files import write_atomic
from ..rdf import ontology
from ..rdf.namespaces import BASE, PREFIXES, RDF, RDFS, curie
from ..rdf.turtle import serialize
from ..sources import dates
from ..sparql.results import Cell
from ..version import __version__
from . import assets, html, jsonld
from . import maps as maps_mod
from .card import _nt

log = logging.getLogger(__name__)

PAGE_KINDS = ("record", "person", "organisation", "place", "event", "office", "kind", "side")
FORWARDED = ("holding", "tenure")  # described on another entity's page
KIND_TITLES = {
    "record": "Records",
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "event": "Events",
    "office": "Offices",
    "kind": "Kinds of record",
    "side": "Sides",
}
ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
ARCHIVE_HOSTS = ("digitalarchive.wilsoncenter.org",)
# hosts whose http(s) addresses become links; any other address is shown as text
LINK_HOSTS = ARCHIVE_HOSTS + (
    "www.wikidata.org",
    "viaf.org",
    "d-nb.info",
    "www.geonames.org",
    "sws.geonames.org",
    "w3id.org",
    "en.wikipedia.org",
    "dbpedia.org",
)
LICENCE = "CC BY 4.0"


def _ns(base: str):
    return lambda local: base + local


SKOS = _ns("http://www.w3.org/2004/02/skos/core#")
DCT = _ns("http://purl.org/dc/terms/")
SDO = _ns("https://schema.org/")
XJ = _ns("https://w3id.org/xjgraph/ontology#")
RICO = _ns("https://www.ica.org/standards/RiC/ontology#")
ORG = _ns("http://www.w3.org/ns/org#")
GEO = _ns("http://www.w3.org/2003/01/geo/wgs84_pos#")
TYPE = str(RDF.type)
DATE_PROPS = {XJ("birthDate"), XJ("deathDate"), SDO("startDate"), SDO("endDate"), DCT("date")}
# a record's parties: evidence names the IRI of the person or organisation, shown by its name
PARTY_PROPS = {SDO("sender"), SDO("recipient"), XJ("participant")}
HIDDEN = {XJ("nameKey"), XJ("inCollectionListing"), XJ("earliestDate"), XJ("latestDate"), XJ("datePrecision")}
NAME_PROPS = (SKOS("prefLabel"), SKOS("altLabel"))
LABEL_PROPS = (SKOS("prefLabel"), DCT("title"), str(RDFS.label))
ROLES = (
    SDO("sender"),
    SDO("recipient"),
    SDO("ccRecipient"),
    XJ("intermediary"),
    XJ("participant"),
    XJ("obtainedBy"),
    XJ("translatedBy"),
)


def _kind_id(iri: str) -> tuple[str, str] | None:
    """The kind of page and the identifier of an xjgraph IRI (``person``, ``sheng-shicai``)."""
    if not iri.startswith(BASE):
        return None
    kind, _, ident = iri[len(BASE) :].partition("/")
    if kind in PAGE_KINDS + FORWARDED and ident and re.fullmatch(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*", ident):
        return kind, ident
    return None


def page_path(iri: str) -> str | None:
    """The page of an entity, relative to the site's root (``person/sheng-shicai.html``).

    >>> page_path("https://w3id.org/xjgraph/person/sheng-shicai"), page_path("https://example.org/x")
    ('person/sheng-shicai.html', None)
    """
    ki = _kind_id(iri)
    return f"{ki[0]}/{ki[1]}.html" if ki else None


def _words(label: str) -> str:
    """An ontology label for a reader: schema.org's camelCase split into words (``locationCreated``)."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", label).replace(" (EDTF)", "")
    return spaced[:1].upper() + spaced[1:].lower() if spaced[:1].islower() or " " in spaced else spaced


# ------------------------------------------------------------------ dates and holdings as a historian reads them


def date_text(edtf: str) -> str:
    """An EDTF date as the archive prints dates (``October 14, 1949``), with its doubt in words.

    >>> date_text("1949-10-14"), date_text("1945-07"), date_text("1944?"), date_text("194X"), date_text("1944-03/1944-05")
    ('October 14, 1949', 'July 1945', '1944 (uncertain)', 'the 1940s', 'March 1944 to May 1944')
    """
    if "/" in edtf:
        a, b = edtf.split("/", 1)
        return f"{date_text(a)} to {date_text(b)}"
    qualifier = {"?": " (uncertain)", "~": " (approximate)", "%": " (uncertain, approximate)"}.get(edtf[-1:], "")
    core = edtf.rstrip("?~%")
    parts = core.split("-")
    year = parts[0]
    if "X" in year:
        stem = year.rstrip("X")
        text = f"the {stem}0s" if len(stem) == 3 else f"a year {year}"
    else:
        text = year
    if len(parts) >= 2 and "X" not in year:
        if "X" in parts[1]:
            text = f"a month of {year}"
        else:
            month = dates.calendar.month_name[int(parts[1])]
            text = f"{month} {year}"
            if len(parts) == 3:
                text = f"{month} {int(parts[2])}, {year}" if "X" not in parts[2] else f"a day in {month} {year}"
    return text + qualifier


def holding_citation(archive: str, fond: str, opis: str, delo: str, folios: str, identifier: str) -> str:
    """A holding in archival order: ``RGASPI f. 558, op. 11, d. 323, l. 22-25``.

    >>> holding_citation("RGASPI", "558", "11", "323", "22-25", "")
    'RGASPI f. 558, op. 11, d. 323, l. 22-25'
    >>> holding_citation("AVPRF", "", "", "", "", "f. 07, op. 23a")
    'AVPRF f. 07, op. 23a'
    """
    parts = [
        f"{label} {value}" for label, value in (("f.", fond), ("op.", opis), ("d.", delo), ("l.", folios)) if value
    ]
    place = ", ".join(parts) if parts else identifier
    return " ".join(x for x in (archive, place) if x)


# ------------------------------------------------------------------ the graph, indexed for pages


@dataclass
class Link:
    text: str
    href: str | None = None
    note: str = ""
    lang: str = ""
    external: bool = False


@dataclass
class Entry:
    """An entity with a page: what the index, the search and the maps need of it."""

    iri: str
    kind: str
    ident: str
    label: str
    names: list[dict] = field(default_factory=list)
    date: str = ""
    side: list[str] = field(default_factory=list)
    text: str = ""  # description or title words, for the search
    abstract: str = ""  # a record's description, shown under its search result

    @property
    def href(self) -> str:
        return f"{self.kind}/{self.ident}.html"


class Index:
    """All triples of the graph by subject and by object, with the ontology's labels."""

    def __init__(self, target, ontology_dir: Path):
        self.out: dict[str, list[tuple[str, Cell]]] = defaultdict(list)
        self.inc: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.triples: list[tuple[str, str, Cell]] = []
        for s, p, o in target.select(ALL_TRIPLES).rows:
            if s is None or p is None or o is None or s.kind != "iri":
                continue
            self.out[s.value].append((p.value, o))
            self.triples.append((s.value, p.value, o))
            if o.kind == "iri":
                self.inc[o.value].append((p.value, s.value))
        for values in self.out.values():
            values.sort(key=lambda po: (po[0], po[1].value, po[1].lang or ""))
        terms = ontology.terms(ontology_dir)
        # a reader's name for a term: the ontology's skos:prefLabel where it gives one, else its rdfs:label
        self.labels: dict[str, str] = {}
        for prop in (URIRef(SKOS("prefLabel")), URIRef(RDFS.label)):
            for s, o in terms.subject_objects(prop):
                if isinstance(o, Literal) and o.language in (None, "en"):
                    self.labels.setdefault(str(s), str(o))
        self.context = ontology.context(ontology_dir)
        self.compactor = jsonld.Compactor(self.context)

    # values
    def objs(self, iri: str, prop: str) -> list[Cell]:
        return [o for p, o in self.out.get(iri, []) if p == prop]

    def one(self, iri: str, prop: str) -> str:
        values = self.objs(iri, prop)
        return values[0].value if values else ""

    def subs(self, iri: str, prop: str) -> list[str]:
        return sorted({s for p, s in self.inc.get(iri, []) if p == prop})

    def types(self, iri: str) -> set[str]:
        return {o.value for o in self.objs(iri, TYPE)}

    def label(self, iri: str) -> str:
        for prop in LABEL_PROPS:
            for o in self.objs(iri, prop):
                if o.kind == "literal" and o.lang in (None, "", "en"):
                    return o.value
        return curie(iri, PREFIXES)

    def prop(self, prop: str) -> str:
        """The ontology's label of a property, for a reader."""
        return _words(self.labels.get(prop) or curie(prop, PREFIXES))

    def names(self, iri: str) -> list[dict]:
        """Every name in every script: the preferred English one first."""
        out = []
        for prop in NAME_PROPS:
            for o in self.objs(iri, prop):
                out.append({"text": o.value, "lang": o.lang or "", "preferred": prop == NAME_PROPS[0]})
        out.sort(key=lambda n: (not n["preferred"], n["lang"] != "en", n["lang"], n["text"]))
        return out

    def kind_of(self, iri: str) -> str | None:
        ki = _kind_id(iri)
        return ki[0] if ki else None

    def date_key(self, iri: str) -> str:
        return self.one(iri, XJ("earliestDate")) or self.one(iri, DCT("date"))


class Site:
    """Pages of one site: links relative to a page's folder."""

    def __init__(self, index: Index, ego: set[str]):
        self.ix = index
        self.ego = ego

    def href(self, iri: str, depth: int) -> str | None:
        path = page_path(iri)
        return "../" * depth + path if path else None

    def link(self, iri: str, depth: int, note: str = "") -> Link:
        ki = _kind_id(iri)
        if ki and ki[0] in FORWARDED:
            target = self.forward(iri)
            return Link(self.ix.label(iri), self.href(target, depth) if target else None, note)
        return Link(self.ix.label(iri), self.href(iri, depth) if iri in self.ix.out else None, note)

    def links(self, iris: Iterable[str], depth: int, dated: bool = False) -> list[Link]:
        out = [
            self.link(i, depth, date_text(self.ix.one(i, DCT("date"))) if dated and self.ix.one(i, DCT("date")) else "")
            for i in iris
        ]
        if dated:
            order = {i: (self.ix.date_key(i), i) for i in iris}
            pairs = sorted(zip(iris, out, strict=True), key=lambda p: order[p[0]])
            return [link for _, link in pairs]
        return sorted(out, key=lambda link: (link.text.lower(), link.href or ""))

    def forward(self, iri: str) -> str | None:
        """The page that describes a holding (its record) or a tenure (its office)."""
        kind = self.ix.kind_of(iri)
        if kind == "holding":
            records = self.ix.subs(iri, RICO("hasOrHadInstantiation"))
            return records[0] if records else None
        if kind == "tenure":
            office = self.ix.one(iri, XJ("office"))
            return office or None
        return None

    # ---------------------------------------------------------------- pieces shared by pages

    def names(self, iri: str) -> list[dict]:
        """Names with the records whose titles use them (the evidence of a variant)."""
        names = self.ix.names(iri)
        if self.ix.kind_of(iri) in ("person", "organisation", "place"):
            titles = self._titles()
            mentioning: dict[str, list[str]] = defaultdict(list)
            for n in names:
                if n["preferred"] or len(n["text"]) < 4:
                    continue
                pattern = re.compile(r"(?<!\w)" + re.escape(n["text"].lower()) + r"(?!\w)")
                for rec, title in titles:
                    if pattern.search(title):
                        mentioning[n["text"]].append(rec)
            for n in names:
                n["seen"] = [asdict_link(x) for x in self.links(mentioning.get(n["text"], [])[:5], 1, dated=True)]
                n["seen_more"] = max(0, len(mentioning.get(n["text"], [])) - 5)
        return names

    _title_cache: list[tuple[str, str]] | None = None

    def _titles(self) -> list[tuple[str, str]]:
        if self._title_cache is None:
            self._title_cache = sorted(
                (s, o.value.lower()) for s, p, o in self.ix.triples if p == DCT("title") and o.kind == "literal"
            )
        return self._title_cache

    def sources(self, statement: str) -> list[dict[str, str | None]]:
        """A statement's ``dcterms:source`` addresses, shortened for reading (the whole address as a title)."""
        return [
            {"text": _short_address(o.value), "href": html.web_link(o.value), "title": o.value}
            for o in self.ix.objs(statement, DCT("source"))
        ]

    def elsewhere(self, iri: str) -> list[dict[str, Any]]:
        """The entity's links to authority files, each with its evidence (``xj:AuthorityMatch`` statements);
        ``id`` is the statement's fragment, so that its IRI resolves to this part of the page."""
        from ..sources import authorities

        out = []
        for m in sorted(self.ix.subs(iri, XJ("matchOf"))):
            target = self.ix.one(m, XJ("matchTarget"))
            scheme = authorities.scheme_of_iri(target)
            out.append(
                {
                    "id": m.partition("#")[2],
                    "authority": scheme.label if scheme else "",
                    "target": target,
                    "shown": unquote(target),
                    "href": html.web_link(target),
                    "kind": {"exact": "exact match", "close": "close match", "page": "article"}.get(
                        self.ix.one(m, XJ("matchKind")), ""
                    ),
                    "evidence": self.sources(m),
                    "note": self.ix.one(m, SKOS("editorialNote")),
                }
            )
        return out

    def evidence(self, iri: str) -> list[dict[str, Any]]:
        """The evidence for the entity's facts (``xj:Evidence``): property, value, whether it is the value used,
        and its sources; ``id`` is the statement's fragment, so that its IRI resolves to this part of the page."""
        out = []
        for m in self.ix.subs(iri, XJ("evidenceFor")):
            prop = self.ix.one(m, XJ("evidenceProperty"))
            value = self.ix.one(m, XJ("evidenceValue"))
            cells = self.ix.objs(m, XJ("evidenceValue"))
            lang = cells[0].lang if cells and cells[0].lang else ""
            label = f"Name ({lang})" if prop == SKOS("prefLabel") else self.ix.prop(prop) if prop else ""
            out.append(
                {
                    "id": m.partition("#")[2],
                    "property": label,
                    "lang": lang,
                    "value": date_text(value)
                    if prop in DATE_PROPS and value
                    else self.ix.label(value)
                    if prop in PARTY_PROPS and value
                    else value,
                    "raw": value,
                    "used": self.ix.one(m, XJ("used")) == "true",
                    "unverified": self.ix.one(m, XJ("unverified")) == "true",
                    "sources": self.sources(m),
                    "note": self.ix.one(m, SKOS("editorialNote")),
                }
            )
        return sorted(out, key=lambda x: (x["property"], not x["used"], x["id"]))

    def other_facts(self, iri: str, shown: set[str], depth: int = 1) -> list[tuple[str, list[Link]]]:
        """Facts not shown elsewhere on the page, with the ontology's labels."""
        facts: dict[str, list[Link]] = defaultdict(list)
        linked = {self.ix.one(m, XJ("matchTarget")) for m in self.ix.subs(iri, XJ("matchOf"))}
        for p, o in self.ix.out.get(iri, []):
            if p in shown or p in HIDDEN or p == TYPE or p in NAME_PROPS:
                continue
            if o.kind == "iri" and o.value in linked:
                continue  # a link to an authority file: shown with its evidence
            facts[self.ix.prop(p)].append(self.value(p, o, depth))
        return sorted(facts.items())

    def value(self, prop: str, o: Cell, depth: int) -> Link:
        if o.kind == "iri":
            if _kind_id(o.value):
                return self.link(o.value, depth)
            if o.value.startswith(str(XJ(""))):  # a term of the ontology: its documentation
                return Link(self.ix.prop(o.value), "../" * depth + "ontology.html#" + o.value.rsplit("#", 1)[-1])
            web = _linkable(o.value)
            return Link(o.value, web, external=bool(web))
        if prop in (DCT("date"), XJ("birthDate"), XJ("deathDate"), SDO("startDate"), SDO("endDate")):
            return Link(date_text(o.value), note=o.value)
        return Link(o.value, lang=o.lang or "")

    def archive_link(self, iri: str) -> str | None:
        """The record's page at the archive, when it is an http(s) address on the archive's site."""
        for o in self.ix.objs(iri, SDO("url")):
            web = _linkable(o.value, ARCHIVE_HOSTS)
            if web:
                return web
        return None


def _tenure_text(edtf: str, start: str, end: str) -> str:
    """A tenure's dates at the precision the sources give (its EDTF interval), not its day bounds.

    >>> _tenure_text("1933-04/1944-08", "1933-04-01", "1944-08-31"), _tenure_text("1935-09-29/", "1935-09-29", "")
    ('April 1933 to August 1944', 'September 29, 1935 to ?')
    >>> _tenure_text("/", "1937-03-01", "1947-12-31")  # both known only within bounds
    '? to ?'
    """
    if not edtf:
        return f"{date_text(start) if start else '?'} to {date_text(end) if end else '?'}"
    first, _, last = edtf.partition("/")
    if not first:
        return f"? to {date_text(last) if last else '?'}"
    return f"{date_text(first)} to {date_text(last) if last else '?'}"


def _short_address(url: str) -> str:
    """An address as a reader takes it in: its host and the last step of its path.

    >>> _short_address("https://github.com/owner/repository/blob/0123456789abcdef/src/test/Fixtures.java")
    'github.com … Fixtures.java'
    >>> _short_address("https://en.wikipedia.org/wiki/Ma_Zhongying")
    'en.wikipedia.org/wiki/Ma_Zhongying'
    >>> _short_address("https://github.com/o/r/blob/0123456789abcdef0123/a/1937%E2%80%93Second_Sino-Japanese_War+1945.md")
    'github.com … 1937–Second_Sino-Japanese_War+1945.md'

    A long last step keeps its end, after the one ellipsis:

    >>> _short_address("https://global-en2.nina.az/wikipedia/Central_People%27s_Government_of_the_People%27s_Republic.html")
    "global-en2.nina.az … ment_of_the_People's_Republic.html"
    """
    rest = url.split("//", 1)[-1]
    if len(rest) <= 48:
        return rest
    host, _, path = rest.partition("/")
    last = unquote(path.rstrip("/").rsplit("/", 1)[-1])
    return f"{host} … {last if len(last) <= 40 else last[-34:]}"


def _linkable(value: str, hosts: tuple[str, ...] = LINK_HOSTS) -> str | None:
    """``value`` when it may become a link: an http(s) address on one of ``hosts``.

    >>> _linkable("https://digitalarchive.wilsoncenter.org/document/1"), _linkable("javascript:alert(1)")
    ('https://digitalarchive.wilsoncenter.org/document/1', None)
    >>> _linkable("https://evil.example.org/x")
    """
    web = html.web_link(value)
    if not web:
        return None
    host = re.match(r"^https?://([^/:?#]+)", web, re.IGNORECASE)
    return web if host and host.group(1).lower() in hosts else None


def asdict_link(link: Link) -> dict:
    return {"text": link.text, "href": link.href, "note": link.note, "lang": link.lang, "external": link.external}


# ------------------------------------------------------------------ page contexts


def _bar(start: str, end: str, lo: int = 1930, hi: int = 1951) -> dict:
    """Where a span sits on a bar from ``lo`` to ``hi`` (percentages), for the small timelines."""

    def pos(d: str, end_of: bool) -> float:
        y = int(d[:4]) if d[:4].isdigit() else lo
        m = int(d[5:7]) if len(d) >= 7 and d[5:7].isdigit() else (12 if end_of else 1)
        return max(0.0, min(100.0, ((y - lo) * 12 + m - (0 if end_of else 1)) / ((hi - lo) * 12) * 100))

    a, b = pos(start, False), pos(end, True)
    return {"left": round(a, 2), "width": round(max(0.6, b - a), 2)}


TICKS = [{"year": y, "left": round((y - 1930) / 21 * 100, 2)} for y in range(1930, 1951, 5)]
html.ENV.globals["ticks"] = TICKS  # the years marked on every small timeline


def record_context(site: Site, iri: str) -> dict[str, Any]:
    ix = site.ix
    edtf = ix.one(iri, DCT("date"))
    kinds = [o.value for o in ix.objs(iri, RICO("hasDocumentaryFormType"))]
    holdings = []
    for h in sorted(o.value for o in ix.objs(iri, RICO("hasOrHadInstantiation"))):
        archive = ix.one(h, RICO("hasOrHadHolder"))
        abbrev = _abbreviation(ix, archive) if archive else ""
        holdings.append(
            {
                "anchor": "holding-" + h.rsplit("/", 1)[-1],
                "iri": h,
                "citation": holding_citation(
                    abbrev or (ix.label(archive) if archive else ""),
                    ix.one(h, XJ("fond")),
                    ix.one(h, XJ("opis")),
                    ix.one(h, XJ("delo")),
                    ix.one(h, XJ("folios")),
                    ix.one(h, RICO("identifier")),
                ),
                "archive": asdict_link(site.link(archive, 1)) if archive else None,
            }
        )
    about, mentions = defaultdict(list), defaultdict(list)
    for o in ix.objs(iri, SDO("about")):
        about[ix.kind_of(o.value) or "other"].append(o.value)
    for o in ix.objs(iri, SDO("mentions")):
        mentions[ix.kind_of(o.value) or "other"].append(o.value)
    chain = _chain(ix, iri)
    e, l_ = ix.one(iri, XJ("earliestDate")), ix.one(iri, XJ("latestDate"))
    roles = {p: [o.value for o in ix.objs(iri, p)] for p in ROLES}
    title = ix.label(iri)
    kind_label = ix.label(kinds[0]) if kinds else ""
    return {
        "title": title,
        "kind": asdict_link(site.link(kinds[0], 1)) if kinds else None,
        "kind_label": kind_label,
        "number": ix.one(iri, XJ("number")),
        "title_supplied": ix.one(iri, XJ("titleSupplied")) == "true",
        "date": {
            "edtf": edtf,
            "text": date_text(edtf) if edtf else "",
            "earliest": e,
            "latest": l_,
            "note": ix.one(iri, XJ("dateNote")),
            "bar": _bar(e, l_) if e else None,
        },
        "roles": [(ix.prop(p), [asdict_link(x) for x in site.links(v, 1)]) for p, v in roles.items() if v],
        "senders": [asdict_link(x) for x in site.links(roles[SDO("sender")], 1)],
        "recipients": [asdict_link(x) for x in site.links(roles[SDO("recipient")], 1)],
        "written_at": [asdict_link(x) for x in site.links([o.value for o in ix.objs(iri, SDO("locationCreated"))], 1)],
        "holdings": holdings,
        "citations": [o.value for o in ix.objs(iri, DCT("bibliographicCitation"))],
        "description": next((o.value for o in ix.objs(iri, DCT("abstract")) if o.lang in ("", "en", None)), ""),
        "about": _grouped(site, about),
        "mentions": _grouped(site, mentions),
        "chain": chain
        and [
            {**asdict_link(site.link(r, 1, date_text(ix.one(r, DCT("date"))))), "here": r == iri, "how": how}
            for r, how in chain
        ],
        "archive_url": site.archive_link(iri),
        "other_urls": [o.value for o in ix.objs(iri, SDO("url")) if o.value != site.archive_link(iri)],
        "labels": {
            p: ix.prop(p)
            for p in (
                DCT("date"),
                SDO("sender"),
                SDO("recipient"),
                SDO("locationCreated"),
                RICO("hasOrHadInstantiation"),
                DCT("bibliographicCitation"),
                SDO("about"),
                SDO("mentions"),
                DCT("abstract"),
                XJ("number"),
                RICO("hasDocumentaryFormType"),
                XJ("dateNote"),
                XJ("repliesTo"),
                SDO("url"),
            )
        },
        "cite": _cite(ix, iri, title, edtf, kind_label, holdings),
        "others": site.other_facts(
            iri,
            {
                DCT("date"),
                DCT("title"),
                RICO("hasDocumentaryFormType"),
                XJ("number"),
                XJ("titleSupplied"),
                XJ("dateNote"),
                SDO("locationCreated"),
                RICO("hasOrHadInstantiation"),
                DCT("bibliographicCitation"),
                DCT("abstract"),
                SDO("about"),
                SDO("mentions"),
                XJ("repliesTo"),
                XJ("forwards"),
                SDO("url"),
                *ROLES,
            },
        ),
    }


def _abbreviation(ix: Index, org: str) -> str:
    """How an archive is cited: its name tagged ``en-x-abbrev``, else an all-capitals alternative name (RGASPI)."""
    names = [o for prop in NAME_PROPS for o in ix.objs(org, prop)]
    tagged = [o.value for o in names if o.lang == "en-x-abbrev"]
    if tagged:
        return tagged[0]
    caps = sorted((o.value for o in names if re.fullmatch(r"[A-Z][A-Z ]{1,11}", o.value)), key=len)
    return caps[0] if caps else ""


def _chain(ix: Index, iri: str) -> list[tuple[str, str]]:
    """The records a reply or forwarding chain joins to ``iri`` (both ways), in date order, each with how it
    relates to the record before it."""
    links = (XJ("repliesTo"), XJ("forwards"))
    seen, todo = {iri}, [iri]
    while todo:
        r = todo.pop()
        near = [o.value for p in links for o in ix.objs(r, p)] + [s for p in links for s in ix.subs(r, p)]
        for n in near:
            if n not in seen and n in ix.out:
                seen.add(n)
                todo.append(n)
    if len(seen) == 1:
        return []
    out = []
    for r in sorted(seen, key=lambda r: (ix.date_key(r), r)):
        hows = [
            f"{'replies to' if p == XJ('repliesTo') else 'forwards'} {ix.label(o.value)}"
            for p in links
            for o in ix.objs(r, p)
        ]
        out.append((r, "; ".join(hows)))
    return out


def _cite(ix: Index, iri: str, title: str, edtf: str, kind: str, holdings: list[dict]) -> dict[str, str]:
    """A citation line, BibTeX and CSL-JSON for a record, each with its stable IRI."""
    year = edtf[:4] if edtf[:4].isdigit() else ""
    held = "; ".join(h["citation"] for h in holdings)
    line = f"“{title}”, {date_text(edtf)}" + (f", {held}" if held else "") + f". xjgraph {__version__}, {iri}"
    key = "xjgraph-" + re.sub(r"[^A-Za-z0-9]+", "-", iri.rsplit("/", 1)[-1])
    bib_title = title.replace("{", "").replace("}", "")
    bibtex = "\n".join(
        [
            f"@misc{{{key},",
            f"  title = {{{bib_title}}},",
            *([f"  year = {{{year}}},"] if year else []),
            f"  note = {{{kind}{', ' + held if held else ''}}},",
            f"  howpublished = {{xjgraph {__version__}}},",
            f"  url = {{{iri}}}",
            "}",
        ]
    )
    csl: dict[str, Any] = {
        "id": key,
        "type": "manuscript",
        "title": title,
        "URL": iri,
        "genre": kind,
        "publisher": f"xjgraph {__version__}",
    }
    if held:
        csl["archive_location"] = held
    e, l_ = ix.one(iri, XJ("earliestDate")), ix.one(iri, XJ("latestDate"))
    if e and e == l_:
        csl["issued"] = {"date-parts": [[int(x) for x in e.split("-")]]}
    elif year:
        csl["issued"] = {"date-parts": [[int(year)]], "literal": edtf}
    return {"line": line, "bibtex": bibtex, "csl": json.dumps(csl, ensure_ascii=False, indent=2, sort_keys=True)}


def agent_context(site: Site, iri: str) -> dict[str, Any]:
    """A person's or an organisation's page: names, dates, sides, offices, letters by year, correspondents."""
    ix = site.ix
    sent = set(ix.subs(iri, SDO("sender")))
    received = set(ix.subs(iri, SDO("recipient")))
    years: dict[str, dict[str, int]] = defaultdict(lambda: {"sent": 0, "received": 0})
    for r in sent:
        years[ix.date_key(r)[:4]]["sent"] += 1
    for r in received:
        years[ix.date_key(r)[:4]]["received"] += 1
    partners: dict[str, dict[str, int]] = defaultdict(lambda: {"to": 0, "from": 0})
    for r in sent:
        for t in {o.value for o in ix.objs(r, SDO("recipient"))} - {iri}:
            partners[t]["to"] += 1
    for r in received:
        for s in {o.value for o in ix.objs(r, SDO("sender"))} - {iri}:
            partners[s]["from"] += 1
    ranked = sorted(partners.items(), key=lambda kv: (-(kv[1]["to"] + kv[1]["from"]), ix.label(kv[0])))
    tenures = []
    for t in sorted(ix.subs(iri, XJ("holder")), key=lambda t: (ix.one(t, SDO("startDate")), t)):
        start, end = ix.one(t, SDO("startDate")), ix.one(t, SDO("endDate"))
        tenures.append(
            {
                "office": asdict_link(site.link(ix.one(t, XJ("office")), 1)),
                "dates": ix.one(t, DCT("date")),
                "text": _tenure_text(ix.one(t, DCT("date")), start, end),
                "bar": _bar(start or "1930", end or "1950"),
                "note": ix.one(t, SKOS("editorialNote")),
            }
        )
    ident = iri.rsplit("/", 1)[-1]
    other_roles = {p: ix.subs(iri, p) for p in ROLES[2:]}
    return {
        "names": site.names(iri),
        "born": date_text(ix.one(iri, XJ("birthDate"))) if ix.one(iri, XJ("birthDate")) else "",
        "died": date_text(ix.one(iri, XJ("deathDate"))) if ix.one(iri, XJ("deathDate")) else "",
        "sides": [asdict_link(x) for x in site.links([o.value for o in ix.objs(iri, XJ("side"))], 1)],
        "notes": [o.value for o in ix.objs(iri, SKOS("editorialNote"))],
        "tenures": tenures,
        "years": [{"year": y, **c} for y, c in sorted(years.items())],
        "sent": len(sent),
        "received": len(received),
        "correspondents": [{**asdict_link(site.link(a, 1)), "to": c["to"], "from": c["from"]} for a, c in ranked],
        "ego": f"../maps/ego-{ident}.html" if ident in site.ego and ix.kind_of(iri) == "person" else "",
        "letters": [asdict_link(x) for x in site.links(sorted(sent | received), 1, dated=True)],
        "other_roles": [
            (ix.prop(p), [asdict_link(x) for x in site.links(v, 1, dated=True)]) for p, v in other_roles.items() if v
        ],
        "about": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("about")), 1, dated=True)],
        "mentioned": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("mentions")), 1, dated=True)],
        "members": [
            asdict_link(x)
            for x in site.links(ix.subs(iri, ORG("subOrganizationOf")) + ix.subs(iri, SDO("memberOf")), 1)
        ],
        "labels": {
            p: ix.prop(p)
            for p in (
                XJ("birthDate"),
                XJ("deathDate"),
                XJ("side"),
                SDO("sender"),
                SDO("recipient"),
                SDO("about"),
                ORG("holds"),
                SKOS("editorialNote"),
                SKOS("altLabel"),
            )
        },
        "others": site.other_facts(
            iri, {XJ("birthDate"), XJ("deathDate"), XJ("side"), SKOS("editorialNote"), ORG("holds")}
        ),
    }


def _grouped(site: Site, by_kind: dict[str, list[str]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Entities a record is about (or mentions), under the titles of their kinds, in the site's kind order."""
    order = sorted(by_kind.items(), key=lambda kv: PAGE_KINDS.index(kv[0]) if kv[0] in PAGE_KINDS else 99)
    return [(KIND_TITLES.get(k, "Other"), [asdict_link(x) for x in site.links(v, 1)]) for k, v in order]


def place_context(site: Site, iri: str) -> dict[str, Any]:
    ix = site.ix
    lat, long = ix.one(iri, GEO("lat")), ix.one(iri, GEO("long"))
    return {
        "names": site.names(iri),
        "lat": lat,
        "long": long,
        "within": [asdict_link(x) for x in site.links([o.value for o in ix.objs(iri, SDO("containedInPlace"))], 1)],
        "inside": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("containedInPlace")), 1)],
        "written": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("locationCreated")), 1, dated=True)],
        "about": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("about")), 1, dated=True)],
        "mentioned": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("mentions")), 1, dated=True)],
        "located": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("location")), 1)],
        "notes": [o.value for o in ix.objs(iri, SKOS("editorialNote"))],
        "labels": {
            p: ix.prop(p)
            for p in (
                GEO("lat"),
                GEO("long"),
                SDO("containedInPlace"),
                SDO("locationCreated"),
                SDO("about"),
                SDO("location"),
                SKOS("editorialNote"),
            )
        },
        "others": site.other_facts(iri, {GEO("lat"), GEO("long"), SDO("containedInPlace"), SKOS("editorialNote")}),
    }


def event_context(site: Site, iri: str) -> dict[str, Any]:
    ix = site.ix
    edtf, e, l_ = ix.one(iri, DCT("date")), ix.one(iri, XJ("earliestDate")), ix.one(iri, XJ("latestDate"))
    records = ix.subs(iri, SDO("about"))
    return {
        "names": site.names(iri),
        "date": {
            "edtf": edtf,
            "text": date_text(edtf) if edtf else "",
            "earliest": e,
            "latest": l_,
            "bar": _bar(e, l_) if e else None,
        },
        "marks": [
            {**_bar(ix.one(r, XJ("earliestDate")), ix.one(r, XJ("latestDate"))), "title": ix.label(r)}
            for r in records
            if ix.one(r, XJ("earliestDate"))
        ],
        "description": next((o.value for o in ix.objs(iri, SDO("description")) if o.lang in ("", "en", None)), ""),
        "places": [asdict_link(x) for x in site.links([o.value for o in ix.objs(iri, SDO("location"))], 1)],
        "records": [asdict_link(x) for x in site.links(records, 1, dated=True)],
        "mentioned": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("mentions")), 1, dated=True)],
        "labels": {p: ix.prop(p) for p in (DCT("date"), SDO("description"), SDO("location"), SDO("about"))},
        "others": site.other_facts(iri, {DCT("date"), SDO("description"), SDO("location")}),
    }


def office_context(site: Site, iri: str) -> dict[str, Any]:
    ix = site.ix
    holders = []
    # by start, then by end: a tenure known only within bounds (Bakulin from 1937 at the earliest) comes after
    # the one of the same earliest start that ended first (Malikov)
    for t in sorted(
        ix.subs(iri, XJ("office")), key=lambda t: (ix.one(t, SDO("startDate")), ix.one(t, SDO("endDate")) or "9999", t)
    ):
        start, end = ix.one(t, SDO("startDate")), ix.one(t, SDO("endDate"))
        holders.append(
            {
                "anchor": "tenure-" + t.rsplit("/", 1)[-1],
                "holder": asdict_link(site.link(ix.one(t, XJ("holder")), 1)),
                "text": _tenure_text(ix.one(t, DCT("date")), start, end),
                "dates": ix.one(t, DCT("date")),
                "bar": _bar(start or "1930", end or "1950"),
                "note": ix.one(t, SKOS("editorialNote")),
                # ids prefixed with the tenure's anchor: several tenures on one page have evidence-start-1
                "evidence": [{**x, "id": "tenure-" + t.rsplit("/", 1)[-1] + "-" + x["id"]} for x in site.evidence(t)],
            }
        )
    return {
        "names": site.names(iri),
        "post_in": [asdict_link(x) for x in site.links([o.value for o in ix.objs(iri, ORG("postIn"))], 1)],
        "location": [asdict_link(x) for x in site.links([o.value for o in ix.objs(iri, SDO("location"))], 1)],
        "holders": holders,
        "mail": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("recipient")), 1, dated=True)],
        "sent": [asdict_link(x) for x in site.links(ix.subs(iri, SDO("sender")), 1, dated=True)],
        "notes": [o.value for o in ix.objs(iri, SKOS("editorialNote"))],
        "labels": {
            p: ix.prop(p) for p in (ORG("postIn"), SDO("location"), XJ("holder"), SDO("recipient"), SDO("sender"))
        },
        "others": site.other_facts(iri, {ORG("postIn"), SDO("location"), SKOS("editorialNote")}),
    }


def kind_context(site: Site, iri: str) -> dict[str, Any]:
    ix = site.ix
    return {
        "names": site.names(iri),
        "records": [asdict_link(x) for x in site.links(ix.subs(iri, RICO("hasDocumentaryFormType")), 1, dated=True)],
        "see_also": [asdict_link(site.value(str(RDFS.seeAlso), o, 1)) for o in ix.objs(iri, str(RDFS.seeAlso))],
        "labels": {p: ix.prop(p) for p in (RICO("hasDocumentaryFormType"),)},
        "others": site.other_facts(iri, {str(RDFS.seeAlso)}),
    }


def side_context(site: Site, iri: str) -> dict[str, Any]:
    ix = site.ix
    members = ix.subs(iri, XJ("side"))
    return {
        "names": site.names(iri),
        "description": next((o.value for o in ix.objs(iri, SDO("description")) if o.lang in ("", "en", None)), ""),
        "people": [asdict_link(x) for x in site.links([m for m in members if ix.kind_of(m) == "person"], 1)],
        "organisations": [
            asdict_link(x) for x in site.links([m for m in members if ix.kind_of(m) == "organisation"], 1)
        ],
        "labels": {p: ix.prop(p) for p in (XJ("side"), SDO("description"))},
        "others": site.other_facts(iri, {SDO("description")}),
    }


CONTEXTS = {
    "record": record_context,
    "person": agent_context,
    "organisation": agent_context,
    "place": place_context,
    "event": event_context,
    "office": office_context,
    "kind": kind_context,
    "side": side_context,
}


# ------------------------------------------------------------------ per-entity RDF


def entity_triples(ix: Index, iri: str) -> list[tuple[str, str, Cell]]:
    """The entity's own triples, its statements of authority links (``<iri>#match-...``) and the English labels
    of what it links to (its description on the web)."""
    own = [(iri, p, o) for p, o in ix.out.get(iri, [])]
    own += [(m, p, o) for m in sorted(ix.subs(iri, XJ("matchOf"))) for p, o in ix.out.get(m, [])]
    linked = sorted({o.value for _, _, o in own if o.kind == "iri" and o.value in ix.out and o.value != iri})
    for target in linked:
        for prop in LABEL_PROPS:
            own += [
                (target, prop, o) for o in ix.objs(target, prop) if o.kind == "literal" and o.lang in (None, "", "en")
            ]
    return own


def entity_turtle(ix: Index, iri: str) -> str:
    return serialize([(f"<{s}>", f"<{p}>", _nt(o)) for s, p, o in entity_triples(ix, iri)], PREFIXES, used_only=True)


def entity_ntriples(ix: Index, iri: str) -> str:
    from .card import ntriples

    return ntriples([(Cell(s, "iri"), Cell(p, "iri"), o) for s, p, o in entity_triples(ix, iri)])


def entity_jsonld(ix: Index, iri: str) -> dict[str, Any]:
    by_subject: dict[str, list[tuple[Cell, Cell]]] = defaultdict(list)
    for s, p, o in entity_triples(ix, iri):
        by_subject[s].append((Cell(p, "iri"), o))
    nodes = [
        jsonld.node(Cell(s, "iri"), pairs, ix.compactor)
        for s, pairs in sorted(by_subject.items(), key=lambda kv: (kv[0] != iri, kv[0]))
    ]
    return {"@context": ix.context, "@graph": nodes}


# ------------------------------------------------------------------ the site


def _ontology_jsonld(ontology_dir: Path) -> str:
    """The ontology as JSON-LD, the same bytes every time: rdflib writes nodes and values in hash order, so the
    nodes are sorted by ``@id`` and each property's values by their JSON (``@list`` members keep their order)."""
    g = ontology.read(ontology_dir / "xjgraph.ttl")
    doc = json.loads(g.serialize(format="json-ld"))

    def tidy(node: Any, in_list: bool = False) -> Any:
        if isinstance(node, dict):
            return {k: tidy(v, k == "@list") for k, v in node.items()}
        if isinstance(node, list):
            items = [tidy(v) for v in node]
            return items if in_list else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return node

    graph = doc if isinstance(doc, list) else doc.get("@graph", [doc])
    nodes = sorted((tidy(n) for n in graph), key=lambda n: (str(n.get("@id", "")), json.dumps(n, sort_keys=True)))
    return json.dumps(nodes, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def _void(target) -> bytes | None:
    """The dataset's VoID description beside the dump the store was read from, when there is one."""
    path = getattr(target, "source", None)
    void = Path(path).with_name("void.ttl") if path else None
    return void.read_bytes() if void and void.is_file() else None


def _footer(sha: str) -> dict[str, str]:
    return {
        "text": "xjgraph: China and the Soviet Union in Xinjiang, 1934-1949, from the Wilson Center Digital Archive",
        "version": __version__,
        "sha256": sha,
        "licence": LICENCE,
    }


def _search_docs(entries: list[Entry]) -> list[dict[str, Any]]:
    return [
        {
            "id": i,
            "href": e.href,
            "kind": e.kind,
            "label": e.label,
            "names": " ; ".join(dict.fromkeys(n["text"] for n in e.names if n["text"] != e.label)),
            "text": e.text,
            "abstract": e.abstract,
            "year": e.date[:4] if e.date[:4].isdigit() else "",
            "side": "|".join(e.side),
        }
        for i, e in enumerate(entries)
    ]


def write_site(
    target,
    out: str | Path,
    ontology_dir: str | Path | None = None,
    with_maps: bool = True,
    workbench: bool = True,
) -> dict[str, int]:
    """Write the site into ``out`` (pages, maps in ``out/maps``, the dump, the workbench); return the number
    of pages per kind."""
    from ..resources import ontology_dir as default_ontology
    from . import ontodoc
    from . import workbench as workbench_mod

    out = Path(out)
    ontology_dir = Path(ontology_dir) if ontology_dir is not None else default_ontology()
    ix = Index(target, ontology_dir)  # a bad ontology or dump is reported before anything is written
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc}") from None
    # the site's copy of the dump: the file the store was read from, byte for byte, or (from an endpoint) its
    # triples as the build writes them; the footer gives its SHA-256
    source = getattr(target, "source", None)
    if source is not None and Path(source).is_file():
        dump_bytes = Path(source).read_bytes()
    else:
        dump_bytes = serialize([(f"<{s}>", f"<{p}>", _nt(o)) for s, p, o in ix.triples], PREFIXES).encode("utf-8")
    dump_text = dump_bytes.decode("utf-8")
    sha = hashlib.sha256(dump_bytes).hexdigest()
    write_atomic(out / "data" / "records.ttl", dump_bytes)
    footer = _footer(sha)
    text_used: list[str] = []

    def page_of(iri: str) -> str | None:
        path = page_path(iri)
        return "../" + path if path and iri in ix.out else None

    ego: set[str] = set()
    if with_maps:
        for m in maps_mod.write_maps(
            target,
            out / "maps",
            page_of=page_of,
            static="../static/",
            home="index.html",
            site="../index.html",
            install_assets=False,
            footer=footer,
            text=text_used,
        ):
            if m.file.startswith("ego-"):
                ego.add(m.file[4:-5])
    site = Site(ix, ego)
    entries: dict[str, list[Entry]] = defaultdict(list)
    forwarded: list[str] = []
    for iri in ix.out:
        ki = _kind_id(iri)
        if not ki:
            continue
        if ki[0] in FORWARDED:
            forwarded.append(iri)
            continue
        if "/" in ki[1]:
            continue
        e = Entry(
            iri, ki[0], ki[1], ix.label(iri), ix.names(iri), ix.one(iri, DCT("date")) if ki[0] == "record" else ""
        )
        e.side = [ix.label(o.value) for o in ix.objs(iri, XJ("side"))]
        e.abstract = " ".join(o.value for o in ix.objs(iri, DCT("abstract")))
        e.text = " ".join(o.value for o in ix.objs(iri, SDO("description"))) + " " + e.abstract + " " + ix.label(iri)
        entries[ki[0]].append(e)
    counts: dict[str, int] = {}
    everything: list[Entry] = []
    for kind in PAGE_KINDS:
        items = sorted(
            entries.get(kind, []),
            key=lambda e: (ix.date_key(e.iri), e.label) if kind == "record" else (e.label.lower(), e.iri),
        )
        counts[kind] = len(items)
        everything += items
        template = html.ENV.get_template(
            f"site-{kind if kind in ('record', 'place', 'event', 'office', 'kind', 'side') else 'agent'}.html"
        )
        for e in progress(items, total=len(items), desc=f"{kind} pages", unit="page"):
            context = CONTEXTS[kind](site, e.iri)
            types = sorted({ix.prop(t) if t in ix.labels else curie(t, PREFIXES) for t in ix.types(e.iri)})
            page = template.render(
                title=e.label,
                label=e.label,
                kind=kind,
                kind_title=KIND_TITLES[kind],
                iri=e.iri,
                ident=e.ident,
                types=types,
                c=context,
                elsewhere=site.elsewhere(e.iri),
                evidence=site.evidence(e.iri),
                jsonld=entity_jsonld(ix, e.iri),
                static="../static/",
                root="../",
                footer=footer,
                maps=with_maps,
            )
            # the font is subset to what the pages show: every text of the page, the notes and sources included
            text_used.append(page)
            base = out / kind / e.ident
            write_atomic(base.with_suffix(".html"), page)
            write_atomic(base.with_suffix(".ttl"), entity_turtle(ix, e.iri))
            write_atomic(base.with_suffix(".nt"), entity_ntriples(ix, e.iri))
            write_atomic(
                base.with_suffix(".jsonld"),
                json.dumps(entity_jsonld(ix, e.iri), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            )
    for iri in sorted(forwarded):
        kind, ident = _kind_id(iri)  # type: ignore[misc]
        depth = ident.count("/") + 1
        dest = site.forward(iri)
        anchor = ("#holding-" if kind == "holding" else "#tenure-") + ident.rsplit("/", 1)[-1]
        dest_page = page_path(dest) if dest else None
        href = "../" * depth + (dest_page + anchor if dest_page else "index.html")
        write_atomic(
            out / kind / f"{ident}.html",
            html.render(
                "site-forward.html",
                title=ix.label(iri),
                iri=iri,
                href=href,
                dest=ix.label(dest) if dest else "",
                evidence=site.evidence(iri),
                static="../" * depth + "static/",
                root="../" * depth,
                footer=footer,
            ),
        )
        write_atomic(out / kind / f"{ident}.ttl", entity_turtle(ix, iri))
        write_atomic(out / kind / f"{ident}.nt", entity_ntriples(ix, iri))
        write_atomic(
            out / kind / f"{ident}.jsonld",
            json.dumps(entity_jsonld(ix, iri), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        )
    write_atomic(
        out / "ontology.html", ontodoc.document(ontology_dir, target, static="static/", root="", footer=footer)
    )
    write_atomic(out / "ontology.ttl", (ontology_dir / "xjgraph.ttl").read_bytes())
    write_atomic(out / "ontology.jsonld", _ontology_jsonld(ontology_dir))
    void = _void(target)
    if void:
        write_atomic(out / "data" / "void.ttl", void)
    docs = _search_docs(everything)
    groups = [(k, KIND_TITLES[k], [e for e in everything if e.kind == k]) for k in PAGE_KINDS]
    write_atomic(
        out / "index.html",
        html.render(
            "site-index.html",
            title="China and the Soviet Union in Xinjiang, 1934-1949",
            groups=groups,
            docs=docs,
            maps=with_maps,
            workbench=workbench,
            static="static/",
            root="",
            footer=footer,
            kinds=[(k, KIND_TITLES[k]) for k in PAGE_KINDS if counts.get(k)],
            sides=sorted({s for e in everything for s in e.side}),
        ),
    )
    if workbench:
        write_atomic(out / "sparql.html", workbench_mod.page(dump_text, static="static/", root="", footer=footer))
    # the index, the forwarding pages and the workbench show names and whatever a query returns: any literal of
    # the dump (labels and names included)
    text_used.append(dump_text)
    assets.install(out / "static", "".join(text_used))
    return counts
