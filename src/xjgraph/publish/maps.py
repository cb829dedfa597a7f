"""Interactive correspondence maps: self-contained HTML files that work offline.

pyvis is the bridge from networkx to vis-network's node and edge data; the page template is our own
(every pyvis template links Bootstrap from a CDN). vis-network's script and stylesheet, shipped inside
the pyvis package, are inlined, so a map is one file with no request leaving it. Positions are computed
in Python (networkx spring layout, fixed seed) and physics is off, so a map is interactive at once. The
networks come from :mod:`xjgraph.network.views`, already cut to the map limits; each link lists at most
MAX_EDGE_RECORDS of its records, so a page stays small and draws in seconds.

>>> import networkx as nx
>>> g = nx.DiGraph(); g.add_edge("a", "b", weight=1, years=[1949], records=[])
>>> html = render(g, "Test <map>", "subtitle")
>>> "Test &lt;map&gt;" in html and "https://cdn" not in html
True
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyvis  # type: ignore[import-untyped]  # pyvis ships no type information
from markupsafe import Markup
from pyvis.network import Network  # type: ignore[import-untyped]

from ..console import progress
from ..errors import OutputError
from ..files import write_atomic
from ..network import metrics as metrics_mod
from ..network.views import SECTIONS, View, views
from . import html
from .palette import color

log = logging.getLogger(__name__)

MAX_EDGE_RECORDS = 10  # records listed per link (the earliest); the link still shows its full count
LAYOUT_CORE = 400  # above this many nodes, the busiest are laid out and the rest placed around them
_VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"


@dataclass
class MapFile:
    file: str
    title: str
    note: str = ""
    nodes: int = 0
    edges: int = 0


def _vis_assets() -> tuple[str, str]:
    js = (_VIS / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return js, css


def layout(g: nx.Graph, seed: int = 7, fixed: dict[str, tuple[float, float]] | None = None) -> dict:
    """Positions in pixels from a seeded spring layout (fixed nodes keep theirs).

    Up to LAYOUT_CORE nodes are laid out together. Above that, the spring layout is run on the
    LAYOUT_CORE busiest nodes (by record count) and every other node is placed around the laid-out
    neighbour it shares most records with, on a sunflower spiral, so a 4,000-node map takes seconds
    rather than minutes and its hubs keep their spring positions.

    >>> g = nx.star_graph(5)
    >>> pos = layout(g)
    >>> sorted(pos) == list(g) and pos == layout(g)
    True
    """
    if len(g) == 0:
        return {}
    und = _ordered(metrics_mod.undirected(g))
    if len(und) <= LAYOUT_CORE:
        return _spring(und, seed, fixed, scale=250 * math.sqrt(len(g)) + 200)
    ranked = sorted(und.nodes, key=lambda n: (-und.nodes[n].get("record_count", 0), -und.degree(n), str(n)))
    core_nodes = set(ranked[:LAYOUT_CORE])
    scale = 250 * math.sqrt(len(core_nodes)) + 200
    pos = _spring(und.subgraph(core_nodes), seed, fixed, scale=scale)
    if fixed:  # fixed nodes outside the core sit where they are fixed, in the same units
        pos.update({n: (x * scale, y * scale) for n, (x, y) in fixed.items() if n in und and n not in pos})
    spacing = scale / math.sqrt(len(core_nodes)) / 3
    satellites: dict = {}
    orphans = 0
    golden = math.pi * (3 - math.sqrt(5))
    for n in ranked:
        if n in pos:
            continue
        placed = [(und.edges[n, m].get("weight", 1), str(m), m) for m in und.neighbors(n) if m in pos]
        if placed:
            anchor = max(placed)[2]
            i = satellites[anchor] = satellites.get(anchor, 0) + 1
            r, (x0, y0) = spacing * (0.6 + 0.35 * math.sqrt(i)), pos[anchor]
        else:  # nothing laid out yet to hang it on: an outer ring
            orphans += 1
            i, r, (x0, y0) = orphans, scale * 1.15 + spacing * math.sqrt(orphans), (0.0, 0.0)
        pos[n] = (x0 + r * math.cos(i * golden), y0 + r * math.sin(i * golden))
    return pos


def _ordered(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` with nodes and edges in sorted order: the spring layout depends on the order it
    is given, and a subgraph view iterates its nodes in the order of a set (so by the hash seed)."""
    h: nx.Graph = nx.Graph()
    h.add_nodes_from(sorted(g.nodes(data=True), key=lambda nd: str(nd[0])))
    h.add_edges_from(
        sorted(
            (tuple(sorted((a, b), key=str)) + (d,) for a, b, d in g.edges(data=True)),
            key=lambda e: (str(e[0]), str(e[1])),
        )
    )
    return h


def _spring(und: nx.Graph, seed: int, fixed: dict | None, scale: float) -> dict:
    if fixed and any(n in und for n in fixed):
        # spring_layout ignores `scale` when nodes are fixed: lay out in the fixed nodes' units, then scale
        pos = nx.spring_layout(
            und,
            pos={n: p for n, p in fixed.items() if n in und},
            fixed=[n for n in fixed if n in und],
            seed=seed,
            iterations=60,
            k=0.08,
        )
        return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}
    pos = nx.spring_layout(und, seed=seed, iterations=50, scale=scale)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def vis_data(
    g: nx.Graph,
    values: dict[str, dict] | None = None,
    links: dict[str, str] | None = None,
    pos: dict | None = None,
) -> tuple[list[dict], list[dict]]:
    """vis-network's node and edge records for ``g``, assembled with pyvis.

    The pyvis network is always directed, whatever ``g`` is: pyvis's undirected ``add_edge`` compares each
    new edge with every edge already added (quadratic: 7.1 s of an 11.5 s render at 10,000 links), while
    the directed one does not. ``g`` has each link once, so nothing needs that check; whether arrows are
    drawn is the page's option (``data.directed``).
    """
    pos = pos if pos is not None else layout(g)
    values = values or {}
    links = links or {}
    net = Network(directed=True)
    top = max((v.get("pagerank", 0) for v in values.values()), default=0) or 1
    max_records = max((d.get("record_count", 0) for _, d in g.nodes(data=True)), default=0) or 1
    for n in sorted(g.nodes, key=str):
        d = g.nodes[n]
        side = d.get("side", "unknown")
        if n in values:
            size = 8 + 32 * math.sqrt(values[n]["pagerank"] / top)
            m = values[n]
            metric_text = (
                f"records {m['records']} · degree {m['degree']} · in {m['in_weight']} · out "
                f"{m['out_weight']} · betweenness {m['betweenness']:.3f} · PageRank {m['pagerank']:.3f} · "
                f"brokerage {m['brokerage']} · community {m['community']}"
            )
        else:
            size = 8 + 24 * math.sqrt(d.get("record_count", 0) / max_records)
            metric_text = f"records {d.get('record_count', 0)}"
        x, y = pos.get(n, (0.0, 0.0))
        net.add_node(
            str(n),
            label=str(d.get("label", n)),
            x=round(x, 1),
            y=round(y, 1),
            size=round(size, 1),
            color=color(side),
            side=side,
            side_label=d.get("side_label", side),
            kind=d.get("kind", ""),
            aliases=list(d.get("aliases", [])),
            offices=list(d.get("offices", [])),
            record_count=d.get("record_count", 0),
            metrics=metric_text,
            map=links.get(n, ""),
            isolated=g.degree(n) == 0,
        )
    edges_sorted = sorted(g.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    for i, (a, b, d) in enumerate(edges_sorted):
        records = sorted(d.get("records", []), key=lambda r: (r["date"], r["record"]))
        net.add_edge(
            str(a),
            str(b),
            id=f"e{i}",
            width=round(1 + 2 * math.log2(d.get("weight", 1)), 2),
            records=records[:MAX_EDGE_RECORDS],
            record_total=len(records),
            years=list(d.get("years", [])),
        )
    if not g.is_directed():  # the directed pyvis network marks every edge with an arrow
        for e in net.edges:
            e.pop("arrows", None)
    return net.nodes, net.edges


def render(
    g: nx.Graph,
    title: str,
    subtitle: str,
    values: dict[str, dict] | None = None,
    links: dict[str, str] | None = None,
    pos: dict | None = None,
) -> str:
    """The HTML text of one map of ``g``."""
    nodes, edges = vis_data(g, values, links, pos)
    years = [y for e in edges for y in e["years"]] or [1934, 1949]
    sides: dict[str, dict] = {}
    for node in nodes:
        s = sides.setdefault(
            node["side"], {"id": node["side"], "label": node["side_label"], "color": node["color"], "count": 0}
        )
        s["count"] += 1
    data = {
        "nodes": nodes,
        "edges": edges,
        "directed": g.is_directed(),
        "year_min": min(years),
        "year_max": max(years),
        "max_edge_records": MAX_EDGE_RECORDS,
        "sides": sorted(sides.values(), key=lambda s: (-s["count"], s["label"])),
    }
    js, css = _vis_assets()
    return html.render("map.html", title=title, subtitle=subtitle, vis_js=Markup(js), vis_css=Markup(css), data=data)


def _geo_positions(g: nx.Graph) -> dict[str, tuple[float, float]]:
    fixed = {}
    for n, d in g.nodes(data=True):
        if d.get("kind") == "place" and d.get("lat") is not None:
            fixed[n] = (d["long"] / 60.0, -d["lat"] / 30.0)  # roughly equal spread east-west and north-south
    return fixed


def positions(v: View) -> dict:
    """Where each node of a view is drawn."""
    g = v.graph
    if v.file == "person-place":
        return layout(g, fixed=_geo_positions(g)) if g.number_of_nodes() else {}
    if v.file == "record-event":
        return {n: (x * 2, y * 2) for n, (x, y) in layout(g).items()}
    return layout(g)


def render_view(v: View) -> str:
    return render(v.graph, v.title, v.subtitle, v.metrics, v.links, pos=positions(v))


def write_maps(target, out: str | Path) -> list[MapFile]:
    """Write every map of :func:`xjgraph.network.views.views` and an index.html into ``out``; return
    what was written."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc}") from None
    written: list[tuple[str, MapFile]] = []
    for v in progress(views(target), desc="maps", unit="map"):
        m = MapFile(v.file + ".html", v.title if not v.ego else v.graph.nodes[v.ego]["label"], v.note)
        m.nodes, m.edges = v.graph.number_of_nodes(), v.graph.number_of_edges()
        log.info("map %s: %d nodes, %d links", m.file, m.nodes, m.edges)
        write_atomic(out / m.file, render_view(v))
        written.append((v.section, m))
    sections: dict[str, list[MapFile]] = {name: [] for name in SECTIONS}
    for section, m in written:
        sections[section].append(m)
    index = html.render("index.html", sections=[(name, maps) for name, maps in sections.items() if maps])
    write_atomic(out / "index.html", index)
    return [m for _, m in written] + [MapFile("index.html", "index")]
