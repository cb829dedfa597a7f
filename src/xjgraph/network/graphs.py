"""Networks built from the graph through SPARQL, so they work on the embedded store and on any endpoint.

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
SELECT ?entity ?name WHERE { ?entity skos:prefLabel|skos:altLabel ?name }
ORDER BY ?entity STR(?name) LANG(?name)
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
SELECT ?record ?source ?target ?date ?e ?kind ?title ?url WHERE {
  ?record schema:sender ?source ; schema:recipient ?target ; dcterms:date ?date ;
          xj:earliestDate ?e ; xj:latestDate ?l ; dcterms:title ?title ;
          rico:hasDocumentaryFormType/skos:prefLabel ?kind .
  FILTER(?l >= ?from && ?e <= ?to)
  OPTIONAL { ?record schema:url ?url }
}
ORDER BY ?e ?record ?source ?target
"""
)

AGENT_PLACES = sparql(
    """
SELECT ?agent ?place ?relation ?record ?date ?e ?title ?url WHERE {
  {
    ?record schema:sender ?agent ; schema:locationCreated ?place .
    BIND("wrote from" AS ?relation)
  } UNION {
    VALUES ?role { schema:sender schema:recipient xj:participant }
    ?record ?role ?agent ; schema:about ?place .
    ?place a schema:Place .
    BIND("concerned with" AS ?relation)
  }
  ?record dcterms:date ?date ; xj:earliestDate ?e ; xj:latestDate ?l ; dcterms:title ?title .
  FILTER(?l >= ?from && ?e <= ?to)
  OPTIONAL { ?record schema:url ?url }
}
ORDER BY ?agent ?place ?e ?record ?relation
"""
)

PLACES = sparql(
    """
SELECT ?place ?name ?lat ?long WHERE {
  ?place a schema:Place ; skos:prefLabel ?name . FILTER(LANG(?name) = "en")
  OPTIONAL { ?place geo:lat ?lat ; geo:long ?long }
}
ORDER BY ?place
"""
)

RECORD_EVENTS = sparql(
    """
SELECT ?record ?event ?event_name ?event_date ?date ?e ?title ?url WHERE {
  ?record schema:about ?event ; dcterms:date ?date ; xj:earliestDate ?e ; xj:latestDate ?l ; dcterms:title ?title .
  ?event a schema:Event ; skos:prefLabel ?event_name ; dcterms:date ?event_date . FILTER(LANG(?event_name) = "en")
  FILTER(?l >= ?from && ?e <= ?to)
  OPTIONAL { ?record schema:url ?url }
}
ORDER BY ?event ?e ?record
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
    names = defaultdict(list)
    for r in _rows(target, NAMES):
        names[r["entity"]].append(r["name"])
    offices = defaultdict(list)
    for r in _rows(target, OFFICES):
        offices[r["agent"]].append(f"{r['office']} ({r['tenure']})")
    for iri, a in info.items():
        a["aliases"] = sorted(set(n for n in names.get(iri, []) if n != a["label"]))
        a["offices"] = offices.get(iri, [])
        a["side"] = a["sides"][0].rsplit("/", 1)[-1] if a["sides"] else "unknown"
        a["side_label"] = a["side_labels"][0] if a["side_labels"] else "unknown"
    return info


def _record(r: dict) -> dict:
    return {
        "record": r["record"],
        "date": r["date"],
        "year": int(r["e"][:4]),
        "kind": r.get("kind") or "",
        "title": r["title"],
        "url": r.get("url") or "",
    }


def correspondence(target, period: str | None = None) -> nx.DiGraph:
    """People and organisations as nodes; sender -> recipient edges weighted by records, carrying the records."""
    info = _agent_info(target)
    g: nx.DiGraph = nx.DiGraph(kind="correspondence", period=period or "")
    made: dict[tuple, dict] = {}  # one dict per record, shared by all its links (a record may link many pairs)
    for r in _rows(target, RECORD_EDGES, _period(period)):
        for node in (r["source"], r["target"]):
            if node not in g:
                g.add_node(
                    node,
                    **info.get(
                        node,
                        {
                            "label": node,
                            "kind": "unknown",
                            "side": "unknown",
                            "side_label": "unknown",
                            "aliases": [],
                            "offices": [],
                        },
                    ),
                    records=set(),
                )
        key = (r["record"], r["date"], r["kind"], r["title"], r["url"])
        rec = made.get(key)
        if rec is None:
            rec = made[key] = _record(r)
        if g.has_edge(r["source"], r["target"]):
            g.edges[r["source"], r["target"]]["records"].append(rec)
        else:
            g.add_edge(r["source"], r["target"], records=[rec])
        g.nodes[r["source"]]["records"].add(r["record"])
        g.nodes[r["target"]]["records"].add(r["record"])
    for _, _, d in g.edges(data=True):
        d["weight"] = len({x["record"] for x in d["records"]})
        d["years"] = sorted({x["year"] for x in d["records"]})
    for _, d in g.nodes(data=True):
        d["record_count"] = len(d.pop("records"))
    return g


def person_place(target, period: str | None = None) -> nx.Graph:
    """Agents and places: an agent wrote from a place or took part in a record concerning it."""
    info = _agent_info(target)
    places = {r["place"]: r for r in _rows(target, PLACES)}
    g: nx.Graph = nx.Graph(kind="person-place", period=period or "")
    made: dict[tuple, dict] = {}
    for r in _rows(target, AGENT_PLACES, _period(period)):
        agent, place = r["agent"], r["place"]
        if agent not in g:
            g.add_node(
                agent,
                **info.get(
                    agent,
                    {
                        "label": agent,
                        "side": "unknown",
                        "side_label": "unknown",
                        "aliases": [],
                        "offices": [],
                        "kind": "unknown",
                    },
                ),
            )
        if place not in g:
            p = places.get(place, {})
            g.add_node(
                place,
                label=p.get("name") or place,
                kind="place",
                side="place",
                side_label="place",
                aliases=[],
                offices=[],
                lat=float(p["lat"]) if p.get("lat") else None,
                long=float(p["long"]) if p.get("long") else None,
            )
        if not g.has_edge(agent, place):
            g.add_edge(agent, place, records=[], seen=set())
        d = g.edges[agent, place]
        if r["record"] not in d["seen"]:
            d["seen"].add(r["record"])
            # one dict per record and relation, shared by the links it makes (sender and recipient alike)
            key = (r["record"], r["relation"], r["date"], r["title"], r["url"])
            rec = made.get(key)
            if rec is None:
                rec = made[key] = _record(r) | {"kind": r["relation"]}
            d["records"].append(rec)
    for _, _, d in g.edges(data=True):
        del d["seen"]
        d["weight"] = len(d["records"])
        d["years"] = sorted({x["year"] for x in d["records"]})
    for n, d in g.nodes(data=True):
        d["record_count"] = len({x["record"] for _, _, e in g.edges(n, data=True) for x in e["records"]})
    return g


def record_event(target, period: str | None = None) -> nx.Graph:
    """Records and the events they concern, as a bipartite graph."""
    g: nx.Graph = nx.Graph(kind="record-event", period=period or "")
    for r in _rows(target, RECORD_EVENTS, _period(period)):
        if r["event"] not in g:
            g.add_node(
                r["event"],
                label=r["event_name"],
                kind="event",
                side="event",
                side_label="event",
                aliases=[],
                offices=[r["event_date"]],
                record_count=0,
            )
        if r["record"] not in g:
            g.add_node(
                r["record"],
                label=f"{r['date']} {r['title']}",
                kind="record",
                side="record",
                side_label="record",
                aliases=[],
                offices=[],
                record_count=1,
                url=r.get("url") or "",
            )
        g.nodes[r["event"]]["record_count"] += 1
        g.add_edge(r["record"], r["event"], weight=1, records=[_record(r)], years=[int(r["e"][:4])])
    return g
