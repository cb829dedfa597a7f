"""Network metrics with networkx: degree, weighted in/out degree, betweenness, PageRank, reciprocity,
brokerage between sides, and communities.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("a", side="soviet"); g.add_node("b", side="ccp"); g.add_node("c", side="etr")
>>> g.add_edge("a", "b", weight=2); g.add_edge("b", "c", weight=1)
>>> compute(g)["b"]["brokerage"]
1
"""

from __future__ import annotations

import networkx as nx

SAMPLE_ABOVE = 2000
BETWEENNESS_SAMPLE = 500  # at most this many sources for the estimate
BETWEENNESS_BUDGET = 10_000_000  # and at most about this many edge visits (sources x edges)
COLUMNS = [
    "node",
    "label",
    "side",
    "records",
    "degree",
    "in_weight",
    "out_weight",
    "betweenness",
    "pagerank",
    "reciprocity",
    "brokerage",
    "community",
]


def compute(g: nx.DiGraph) -> dict[str, dict]:
    """Per-node metrics of a directed, weighted correspondence graph."""
    if g.number_of_nodes() == 0:
        return {}
    und = undirected(g)
    # exact betweenness is O(nodes x edges); above SAMPLE_ABOVE nodes it is estimated from a seeded
    # sample of sources, fewer on dense graphs so the cost stays near BETWEENNESS_BUDGET edge visits
    k = None
    if len(g) > SAMPLE_ABOVE:
        k = max(50, min(BETWEENNESS_SAMPLE, BETWEENNESS_BUDGET // max(1, g.number_of_edges())))
    betweenness = nx.betweenness_centrality(g, normalized=True, k=k, seed=1 if k else None)
    pagerank = nx.pagerank(g, weight="weight") if g.number_of_edges() else {n: 1 / len(g) for n in g}
    reciprocity: dict = nx.reciprocity(g, list(g.nodes)) if g.number_of_edges() else {}  # type: ignore[assignment]
    communities = sorted(
        nx.community.louvain_communities(und, weight="weight", seed=1), key=lambda c: (-len(c), min(c))
    )
    community_of = {n: i for i, c in enumerate(communities) for n in c}
    out = {}
    for n in g.nodes:
        side = g.nodes[n].get("side", "unknown")
        out[n] = {
            "node": n,
            "label": g.nodes[n].get("label", n),
            "side": side,
            "records": g.nodes[n].get("record_count", 0),
            "degree": und.degree(n),
            "in_weight": g.in_degree(n, weight="weight"),
            "out_weight": g.out_degree(n, weight="weight"),
            "betweenness": round(betweenness[n], 6),
            "pagerank": round(pagerank[n], 6),
            "reciprocity": round(reciprocity.get(n) or 0.0, 6),
            "brokerage": brokerage(g, n),
            "community": community_of[n],
        }
    return out


def undirected(g: nx.Graph) -> nx.Graph:
    """The links of ``g`` without direction: weights of a -> b and b -> a summed, nodes keeping only
    their record count. Unlike ``g.to_undirected()`` nothing else is copied (a link's records can be
    thousands), so this is cheap on large networks.

    >>> g = nx.DiGraph([("a", "b", {"weight": 2, "records": ["r1", "r2"]}), ("b", "a", {"weight": 1})])
    >>> undirected(g).edges["a", "b"]
    {'weight': 3}
    """
    if not g.is_directed():
        return g
    und: nx.Graph = nx.Graph()
    und.add_nodes_from((n, {"record_count": d.get("record_count", 0)}) for n, d in g.nodes(data=True))
    for a, b, w in g.edges(data="weight", default=1):
        if und.has_edge(a, b):
            und.edges[a, b]["weight"] += w
        else:
            und.add_edge(a, b, weight=w)
    return und


def brokerage(g: nx.DiGraph, n) -> int:
    """Pairs (a, b) with a -> n -> b where a and b are on different sides (so a != b).

    Counted per side in O(degree): all pairs minus the pairs on the same side.

    >>> g = nx.DiGraph([("a", "n"), ("b", "n"), ("n", "c"), ("n", "a")])
    >>> nx.set_node_attributes(g, {"a": "x", "b": "y", "c": "x", "n": "x"}, "side")
    >>> brokerage(g, "n")  # b -> n -> c and b -> n -> a
    2
    """
    into: dict = {}
    out: dict = {}
    for a in g.predecessors(n):
        side = g.nodes[a].get("side")
        into[side] = into.get(side, 0) + 1
    for b in g.successors(n):
        side = g.nodes[b].get("side")
        out[side] = out.get(side, 0) + 1
    same = sum(count * out.get(side, 0) for side, count in into.items())
    return sum(into.values()) * sum(out.values()) - same


def summary(g: nx.DiGraph) -> dict:
    """Whole-network figures."""
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "records": len({r["record"] for _, _, d in g.edges(data=True) for r in d.get("records", [])}),
        "reciprocity": round(nx.overall_reciprocity(g), 6) if g.number_of_edges() else 0.0,
        "components": nx.number_weakly_connected_components(g) if len(g) else 0,
    }


def ranked(values: dict[str, dict]) -> list[dict]:
    return sorted(values.values(), key=lambda r: (-r["pagerank"], r["label"]))
