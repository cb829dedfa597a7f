"""Networks built from the graph through SPARQL, so they work on the embedded store and on any endpoint.

- :func:`correspondence`: people and organisations, sender -> recipient links weighted by records;
- :func:`place_flows`: places, with links from where a record was written to where its recipient was;
- :func:`record_event`: records and the events they concern.

Counts are records, never recipient links: a letter to three people is one record sent.

>>> from xjgraph.resources import packaged_dump
>>> from xjgraph.sparql.store import EmbeddedStore
>>> net = correspondence(EmbeddedStore.from_file(packaged_dump()))
>>> net.nodes["https://w3id.org/xjgraph/person/stalin"]["label"]
'Joseph Stalin'
>>> net.edges["https://w3id.org/xjgraph/person/kovalev", "https://w3id.org/xjgraph/person/stalin"]["weight"]
3
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import networkx as nx

from ..errors import QueryError
from ..rdf.namespaces import XSD, sparql
from ..sources import dates
from ..sparql.results import Cell

AGENTS = sparql(
    """
SELECT ?agent ?type ?name ?side ?side_name WHERE {
  VALUES ?type { schema:Person schema:Organization }
  ?agent a ?type ; skos:prefLabel ?name . FILTER(LANG(?name) = "en")
  OPTIONAL { ?agent xj:side ?side . ?side skos:prefLabel ?side_name . FILTER(LANG(?side_name) = "en") }
}
ORDER BY ?agent ?side
"""
)

# names sorted as plain strings, then by language: SPARQL leaves the order of language-tagged literals to
# each engine, and the maps should list aliases alike from the embedded store and from an endpoint
NAMES = sparql(
    """
SELECT ?entity ?name ?lang ?preferred WHERE {
  { ?entity skos:prefLabel ?name . BIND(true AS ?preferred) } UNION { ?entity skos:altLabel ?name . BIND(false AS ?preferred) }
  BIND(LANG(?name) AS ?lang)
}
ORDER BY ?entity DESC(?preferred) STR(?name) ?lang
"""
)

OFFICES = sparql(
    """
SELECT ?agent ?office ?tenure WHERE {
  ?t xj:holder ?agent ; xj:office/skos:prefLabel ?office ; dcterms:date ?tenure .
  FILTER(LANG(?office) = "en")
}
ORDER BY ?agent ?tenure
"""
)

RECORD_EDGES = sparql(
    """
SELECT ?record ?source ?target ?date ?e ?l ?kind ?title ?url WHERE {
  ?record schema:sender ?source ; schema:recipient ?target ; dcterms:date ?date ;
          xj:earliestDate ?e ; xj:latestDate ?l ; dcterms:title ?title ;
          rico:hasDocumentaryFormType/skos:prefLabel ?kind .
  FILTER(?l >= ?from && ?e <= ?to)
  OPTIONAL { ?record schema:url ?url }
}
ORDER BY ?e ?record ?source ?target
"""
)

# every record an agent sent or received in the period, whether or not the other party is named: the figures
# the maps show for an agent, the same as its page in the site
ROLE_COUNTS = sparql(
    """
SELECT ?agent ?role (COUNT(DISTINCT ?record) AS ?n) WHERE {
  # a UNION, not VALUES ?role and ?record ?role ?agent: maplib 0.20 lost the bound period in that shape
  { ?record schema:sender ?agent . BIND(schema:sender AS ?role) }
  UNION { ?record schema:recipient ?agent . BIND(schema:recipient AS ?role) }
  ?record xj:earliestDate ?e ; xj:latestDate ?l .
  FILTER(?l >= ?from && ?e <= ?to)
}
GROUP BY ?agent ?role
ORDER BY ?agent ?role
"""
)

PLACES = sparql(
    """
SELECT ?place ?name ?lat ?long ?within WHERE {
  ?place a schema:Place ; skos:prefLabel ?name . FILTER(LANG(?name) = "en")
  OPTIONAL { ?place geo:lat ?lat ; geo:long ?long }
  OPTIONAL { ?place schema:containedInPlace ?within }
}
ORDER BY ?place
"""
)

# each record with the place it was written at, the places it concerns, and its parties
PLACE_RECORDS = sparql(
    """
SELECT ?record ?date ?e ?l ?kind ?title ?url ?written ?about ?sender ?recipient WHERE {
  ?record a rico:Record ; dcterms:date ?date ; xj:earliestDate ?e ; xj:latestDate ?l ; dcterms:title ?title ;
          rico:hasDocumentaryFormType/skos:prefLabel ?kind .
  FILTER(?l >= ?from && ?e <= ?to)
  OPTIONAL { ?record schema:locationCreated ?written }
  OPTIONAL { ?record schema:about ?about . ?about a schema:Place }
  OPTIONAL { ?record schema:sender ?sender }
  OPTIONAL { ?record schema:recipient ?recipient }
  OPTIONAL { ?record schema:url ?url }
  FILTER(BOUND(?written) || BOUND(?about))
}
ORDER BY ?e ?record
"""
)

# where an agent was: the seats of the offices they held (with the tenure's dates) and of organisations
SEATS = sparql(
    """
SELECT ?agent ?place ?start ?end WHERE {
  {
    ?t xj:holder ?agent ; xj:office/schema:location ?place ; schema:startDate ?start .
    OPTIONAL { ?t schema:endDate ?end }
  } UNION {
    ?agent a schema:Organization ; schema:location ?place .
  }
}
ORDER BY ?agent ?start ?place
"""
)

RECORD_EVENTS = sparql(
    """
SELECT ?record ?event ?date ?e ?l ?kind ?title ?url WHERE {
  ?record schema:about ?event ; dcterms:date ?date ; xj:earliestDate ?e ; xj:latestDate ?l ; dcterms:title ?title ;
          rico:hasDocumentaryFormType/skos:prefLabel ?kind .
  ?event a schema:Event .
  FILTER(?l >= ?from && ?e <= ?to)
  OPTIONAL { ?record schema:url ?url }
}
ORDER BY ?event ?e ?record
"""
)

EVENTS = sparql(
    """
SELECT ?event ?name ?date ?e ?l WHERE {
  ?event a schema:Event ; skos:prefLabel ?name ; dcterms:date ?date ; xj:earliestDate ?e ; xj:latestDate ?l .
  FILTER(LANG(?name) = "en")
}
ORDER BY ?e ?event
"""
)

ALL_TIME = ("0001-01-01", "9999-12-31")


def period_bounds(period: str | None) -> tuple[str, str]:
    """``1934/1937`` or any EDTF date or interval -> inclusive xsd:date bounds; None -> all time.

    >>> period_bounds("1934/1937")
    ('1934-01-01', '1937-12-31')
    """
    if not period:
        return ALL_TIME
    try:
        d = dates.parse(period)
    except ValueError as exc:
        raise QueryError(f"period {period!r}: expected an EDTF date or interval such as 1944/1949; {exc}") from None
    return d.earliest, d.latest


def _period(period: str | None) -> dict[str, Cell]:
    lo, hi = period_bounds(period)
    return {"from": Cell(lo, "literal", XSD.date), "to": Cell(hi, "literal", XSD.date)}


def _rows(target, query: str, bindings=None) -> Iterator[dict[str, Any]]:
    """Each row as {variable: plain value}, released as it is used so a large result is not held twice."""
    return target.select(query, bindings).drain()


def names_of(target) -> dict[str, list[dict[str, str]]]:
    """Every entity's names: the preferred ones first, each {"text", "lang", "preferred"}."""
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in _rows(target, NAMES):
        out[r["entity"]].append({"text": r["name"], "lang": r["lang"] or "", "preferred": r["preferred"] == "true"})
    return out


def _agent_info(target) -> dict[str, dict]:
    info: dict[str, dict] = {}
    for r in _rows(target, AGENTS):
        a = info.setdefault(
            r["agent"],
            {
                "label": r["name"],
                "kind": "person" if r["type"].endswith("Person") else "organisation",
                "sides": [],
                "side_labels": [],
            },
        )
        if r["side"] and r["side"] not in a["sides"]:
            a["sides"].append(r["side"])
            a["side_labels"].append(r["side_name"])
    names = names_of(target)
    offices = defaultdict(list)
    for r in _rows(target, OFFICES):
        offices[r["agent"]].append(f"{r['office']} ({r['tenure']})")
    for iri, a in info.items():
        a["names"] = [{"text": n["text"], "lang": n["lang"]} for n in names.get(iri, []) if n["preferred"]]
        a["aliases"] = sorted({n["text"] for n in names.get(iri, []) if n["text"] != a["label"]})
        a["offices"] = offices.get(iri, [])
        a["side"] = a["sides"][0].rsplit("/", 1)[-1] if a["sides"] else "unknown"
        a["side_label"] = a["side_labels"][0] if a["side_labels"] else "unknown"
    return info


def _unknown(iri: str) -> dict:
    return {
        "label": iri,
        "kind": "unknown",
        "side": "unknown",
        "side_label": "unknown",
        "names": [],
        "aliases": [],
        "offices": [],
        "sides": [],
        "side_labels": [],
    }


def _record(r: dict) -> dict:
    return {
        "record": r["record"],
        "date": r["date"],
        "e": r["e"],
        "l": r["l"],
        "year": int(r["e"][:4]),
        "kind": r.get("kind") or "",
        "title": r["title"],
        "url": r.get("url") or "",
    }


def correspondence(target, period: str | None = None) -> nx.DiGraph:
    """People and organisations as nodes; sender -> recipient edges weighted by records, carrying the records.

    Each node has ``sent`` and ``received`` (distinct records, also those whose other party is not named),
    ``record_count`` (the records of its links), ``names`` (the
    preferred name in every script, with its language) and ``aliases``.
    """
    info = _agent_info(target)
    g: nx.DiGraph = nx.DiGraph(kind="correspondence", period=period or "")
    made: dict[str, dict] = {}  # one dict per record, shared by all its links (a record may link many pairs)
    sent: dict[str, set] = defaultdict(set)
    received: dict[str, set] = defaultdict(set)
    for r in _rows(target, RECORD_EDGES, _period(period)):
        for node in (r["source"], r["target"]):
            if node not in g:
                g.add_node(node, **info.get(node, _unknown(node)))
        rec = made.get(r["record"])
        if rec is None:
            rec = made[r["record"]] = _record(r)
        if g.has_edge(r["source"], r["target"]):
            g.edges[r["source"], r["target"]]["records"].append(rec)
        else:
            g.add_edge(r["source"], r["target"], records=[rec])
        sent[r["source"]].add(r["record"])
        received[r["target"]].add(r["record"])
    for _, _, d in g.edges(data=True):
        d["weight"] = len({x["record"] for x in d["records"]})
        d["years"] = sorted({x["year"] for x in d["records"]})
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    for r in _rows(target, ROLE_COUNTS, _period(period)):
        totals[r["agent"]][r["role"].rsplit("/", 1)[-1]] = int(r["n"])
    for n, d in g.nodes(data=True):
        # records are counted once however many recipients they have, and also when the other party is not
        # named (such a record draws no link): the figures agree with the agent's page in the site
        d["sent"] = max(len(sent[n]), totals[n].get("sender", 0))
        d["received"] = max(len(received[n]), totals[n].get("recipient", 0))
        d["record_count"] = len(sent[n] | received[n])
    return g


def _seats(target) -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for r in _rows(target, SEATS):
        out[r["agent"]].append((r["place"], r["start"] or "0001-01-01", r["end"] or "9999-12-31"))
    return out


def place_flows(target, period: str | None = None) -> nx.DiGraph:
    """Places as nodes (coordinates, names, the records written there and about them, who wrote there); links
    from the place a record was written at to where its recipient was, weighted by records.

    Where a recipient was is read from the graph, not guessed: the place the recipient wrote from nearest in
    time (within two years), else the seat of an office the recipient held at the date, else the seat of the
    recipient organisation. A record whose recipient's place is none of these makes no link.
    """
    places: dict[str, dict] = {}
    for r in _rows(target, PLACES):
        places[r["place"]] = r
    names = names_of(target)
    agents = _agent_info(target)
    rows = list(_rows(target, PLACE_RECORDS, _period(period)))
    records: dict[str, dict] = {}
    written: dict[str, str] = {}
    parties: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    about: dict[str, set] = defaultdict(set)
    for r in rows:
        records.setdefault(r["record"], _record(r))
        if r["written"]:
            written[r["record"]] = r["written"]
        if r["about"]:
            about[r["record"]].add(r["about"])
        if r["sender"]:
            parties[r["record"]][0].add(r["sender"])
        if r["recipient"]:
            parties[r["record"]][1].add(r["recipient"])
    # where each agent wrote from, and when
    wrote: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rec_iri, place in written.items():
        for s in parties[rec_iri][0]:
            wrote[s].append((records[rec_iri]["e"], place))
    seats = _seats(target)

    def where(agent: str, day: str) -> str | None:
        near = [(abs(_days(day) - _days(e)), place) for e, place in wrote.get(agent, [])]
        near = [x for x in near if x[0] <= 730]
        if near:
            return min(near)[1]
        for place, start, end in seats.get(agent, []):
            if start <= day <= end:
                return place
        return None

    g: nx.DiGraph = nx.DiGraph(kind="places", period=period or "")

    def node(place: str) -> dict:
        if place not in g:
            p = places.get(place, {})
            g.add_node(
                place,
                label=p.get("name") or place,
                kind="place",
                side="place",
                names=[{"text": n["text"], "lang": n["lang"]} for n in names.get(place, [])],
                lat=float(p["lat"]) if p.get("lat") else None,
                long=float(p["long"]) if p.get("long") else None,
                within=p.get("within") or "",
                written=[],
                about=[],
                writers=defaultdict(int),
                concerned=defaultdict(int),
            )
        return g.nodes[place]

    for rec_id, rec in records.items():
        senders, recipients = parties[rec_id]
        src = written.get(rec_id)
        if src:
            at = node(src)
            at["written"].append(rec)
            for s in senders:
                at["writers"][s] += 1
            for t in recipients:
                dst = where(t, rec["e"])
                if dst and dst != src:
                    node(dst)
                    if not g.has_edge(src, dst):
                        g.add_edge(src, dst, records=[])
                    if rec not in g.edges[src, dst]["records"]:
                        g.edges[src, dst]["records"].append(rec)
        for p in about.get(rec_id, ()):
            on = node(p)
            on["about"].append(rec)
            for a in senders | recipients:
                on["concerned"][a] += 1
    for _, _, d in g.edges(data=True):
        d["weight"] = len(d["records"])
    for _, d in g.nodes(data=True):
        d["writers"], d["concerned"] = dict(d["writers"]), dict(d["concerned"])
        d["record_count"] = len({r["record"] for r in d["written"] + d["about"]})
    g.graph["agents"] = {a: agents[a] for a in {x for s, t in parties.values() for x in s | t} if a in agents}
    g.graph["records"] = records
    g.graph["parties"] = {k: (sorted(s), sorted(t)) for k, (s, t) in parties.items()}
    return g


def _days(iso: str) -> int:
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    return y * 372 + m * 31 + d  # an order-preserving day count, enough for "within two years"


def record_event(target, period: str | None = None) -> nx.Graph:
    """Records and the events they concern, as a bipartite graph; events carry their date bounds."""
    g: nx.Graph = nx.Graph(kind="record-event", period=period or "")
    events = {r["event"]: r for r in _rows(target, EVENTS)}
    names = names_of(target)
    for r in _rows(target, RECORD_EVENTS, _period(period)):
        ev = events.get(r["event"])
        if ev is None:
            continue
        if r["event"] not in g:
            g.add_node(
                r["event"],
                label=ev["name"],
                kind="event",
                side="event",
                date=ev["date"],
                e=ev["e"],
                l=ev["l"],
                names=[{"text": n["text"], "lang": n["lang"]} for n in names.get(r["event"], [])],
                record_count=0,
            )
        if r["record"] not in g:
            # "kind" is what the node is (a record); the record's documentary form is kept as "form"
            g.add_node(
                r["record"],
                **{
                    **_record(r),
                    "form": r.get("kind") or "",
                    "label": r["title"],
                    "kind": "record",
                    "side": "record",
                    "record_count": 1,
                },
            )
        g.nodes[r["event"]]["record_count"] += 1
        g.add_edge(r["record"], r["event"], weight=1)
    return g
