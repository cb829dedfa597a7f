"""The networks the maps draw, each with its metrics, made one at a time from the graph.

:func:`views` yields the whole correspondence network, an ego network per busy person, the three
periods, people and places, and records and events. Each is built when it is asked for and released
when the consumer moves on, so at archive scale only one large network is held at a time. Networks
larger than MAX_MAP_NODES nodes or MAX_MAP_EDGES links are cut to their busiest part (:func:`limit`),
and the view says so.

>>> from xjgraph.resources import packaged_dump
>>> from xjgraph.sparql.store import EmbeddedStore
>>> [v.file for v in views(EmbeddedStore.from_file(packaged_dump()))][:2]
['network', 'ego-beria']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

import networkx as nx

from . import graphs, metrics

PERIODS = [
    ("1934/1937", "1934-1937: Sheng Shicai and Moscow"),
    ("1938/1943", "1938-1943: the Soviet presence and the 1942 break"),
    ("1944/1949", "1944-1949: the East Turkestan Republic and the Communist victory"),
]
EGO_MIN_RECORDS = 3
MAX_MAP_NODES = 4000  # larger networks are filtered to the agents with most records, so maps stay fast
MAX_EGO_MAPS = 100  # ego maps for at most this many people (those with most records)
MAX_EGO_NODES = 500  # and each with at most this many correspondents (those with most records)
MAX_MAP_EDGES = 10_000  # links beyond this are dropped, lightest first
SECTIONS = (  # the order of the index page
    "The whole network",
    "Periods",
    "People, places and events",
    "Ego maps (people with most records, at least three)",
)


@dataclass
class View:
    """One network to draw: where it goes, what it is called, and the figures shown with it."""

    section: str
    file: str  # the page's name without .html
    title: str
    subtitle: str
    note: str  # what the index says of it
    graph: nx.Graph
    metrics: dict[str, dict] | None = None
    ego: str | None = None  # the person an ego network is drawn around
    period: str | None = None
    links: dict[str, str] = field(default_factory=dict)  # node -> the page of its own ego network


G = TypeVar("G", bound=nx.Graph)


def limit(
    g: G, max_nodes: int = MAX_MAP_NODES, keep: str | None = None, max_edges: int = MAX_MAP_EDGES
) -> tuple[G, str]:
    """``g`` itself when small enough; else the subgraph of the ``max_nodes`` nodes with most records
    (always including ``keep``) and at most ``max_edges`` links, and a note saying so. Links are chosen
    so that no node loses all of them (each node's heaviest first, ``keep``'s own before any), then the
    heaviest of the rest.

    >>> g = nx.DiGraph([(f"n{i}", "hub", {"weight": i}) for i in range(6)] + [("n5", "n4", {"weight": 9})])
    >>> nx.set_node_attributes(g, {f"n{i}": {"record_count": i} for i in range(6)} | {"hub": {"record_count": 9}})
    >>> small, note = limit(g, max_nodes=4, max_edges=3)
    >>> sorted(small.edges), note
    ([('n3', 'hub'), ('n5', 'hub'), ('n5', 'n4')], ' (the 4 with most records of 7; 3 of 4 links)')
    """
    notes = []
    if g.number_of_nodes() > max_nodes:
        ranked = sorted(g.nodes, key=lambda n: (n != keep, -g.nodes[n].get("record_count", 0), str(n)))
        g = g.subgraph(ranked[:max_nodes]).copy()
        notes.append(f"the {max_nodes:,} with most records of {len(ranked):,}")
    if g.number_of_edges() > max_edges:
        total = g.number_of_edges()
        ranked_edges = sorted(
            g.edges(data="weight", default=1),
            key=lambda e: (keep not in (e[0], e[1]), -e[2], str(e[0]), str(e[1])),
        )
        chosen: list = []
        covered: set = set()
        for a, b, _ in ranked_edges:  # each node's heaviest link, so the cut leaves nobody adrift
            if a not in covered or b not in covered:
                chosen.append((a, b))
                covered.update((a, b))
        taken = set(chosen)
        chosen += [(a, b) for a, b, _ in ranked_edges if (a, b) not in taken]
        h = g.__class__()
        h.graph.update(g.graph)
        h.add_nodes_from(g.nodes(data=True))
        h.add_edges_from((a, b, g.edges[a, b]) for a, b in chosen[:max_edges])
        g = h
        notes.append(f"{max_edges:,} of {total:,} links")
    return g, (" (" + "; ".join(notes) + ")") if notes else ""


def ego_file(node: str) -> str:
    return "ego-" + node.rsplit("/", 1)[-1]


def _whole_and_ego(target) -> Iterator[View]:
    """The whole network and the ego networks drawn from it.

    A generator of its own so the whole network is released when it is exhausted, before the next
    networks are built (at 300,000 records that is several hundred megabytes).
    """
    whole = graphs.correspondence(target)
    full, full_note = limit(whole)
    people = sorted(
        (
            n
            for n, d in whole.nodes(data=True)
            if d.get("kind") == "person" and d.get("record_count", 0) >= EGO_MIN_RECORDS
        ),
        key=lambda n: (-whole.nodes[n]["record_count"], n),
    )
    people = sorted(people[:MAX_EGO_MAPS])
    links = {n: ego_file(n) + ".html" for n in people}
    s = metrics.summary(whole)
    # node sizes and figures from the whole network, so they compare across ego maps
    whole_metrics = metrics.compute(full)
    yield View(
        SECTIONS[0],
        "network",
        "Correspondence network, 1934-1949",
        "who wrote to whom" + full_note,
        f"{s['nodes']} agents, {s['edges']} links, {s['records']} records{full_note}",
        full,
        whole_metrics,
        links=links,
    )
    for n in people:
        # one step either way: nx.ego_graph(undirected=True) would copy the whole network for each person
        one_step = whole.subgraph({n, *whole.predecessors(n), *whole.successors(n)})
        ego, note = limit(one_step, MAX_EGO_NODES, keep=n, max_edges=MAX_EGO_NODES * 4)
        label = whole.nodes[n]["label"]
        yield View(
            SECTIONS[3],
            ego_file(n),
            f"{label}: correspondents",
            "one step from " + label + note,
            f"{whole.nodes[n]['record_count']} records{note}",
            ego,
            whole_metrics,
            ego=n,
            links=links,
        )


def views(target) -> Iterator[View]:
    """Every network the maps draw, in the order of the index, each built when it is asked for."""
    links: dict[str, str] = {}
    for v in _whole_and_ego(target):
        links = v.links
        yield v
    for period, title in PERIODS:
        g, note = limit(graphs.correspondence(target, period))
        yield View(
            SECTIONS[1],
            "period-" + period.replace("/", "-"),
            title,
            f"records dated {period.replace('/', '-')}{note}",
            f"{g.number_of_nodes()} agents{note}",
            g,
            metrics.compute(g),
            period=period,
            links=links,
        )
    pp, note = limit(graphs.place_flows(target))
    yield View(
        SECTIONS[2],
        "person-place",
        "People and places",
        "who wrote from or about which place" + note,
        f"{pp.number_of_nodes()} nodes; places at their coordinates{note}",
        pp,
        links=links,
    )
    re_, note = limit(graphs.record_event(target))
    if re_.number_of_nodes():
        yield View(
            SECTIONS[2],
            "record-event",
            "Records and events",
            "which records concern which events" + note,
            f"{re_.number_of_nodes()} nodes{note}",
            re_,
        )
