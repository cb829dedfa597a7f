"""Interactive correspondence maps: pyvis networks in self-contained HTML files that work offline.

pyvis assembles the nodes and edges; the page template is our own, because every pyvis template
links Bootstrap from a CDN. vis-network's script and stylesheet, shipped inside the pyvis package,
are inlined, so a map is one file with no request leaving it. Positions are computed in Python
(networkx spring layout, fixed seed) and physics is off, so a map is interactive at once. Large
networks are cut to the busiest MAX_MAP_NODES nodes and the heaviest MAX_MAP_EDGES links, and each
link lists at most MAX_EDGE_RECORDS of its records, so a page stays small and draws in seconds.

>>> import networkx as nx
>>> g = nx.DiGraph(); g.add_edge("a", "b", weight=1, years=[1949], records=[])
>>> html = render(g, "Test <map>", "subtitle")
>>> "Test &lt;map&gt;" in html and "https://cdn" not in html
True
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from . import metrics as metrics_mod
from . import network as network_mod
from .build import write_atomic
from .errors import OutputError

SIDE_COLORS = {
    "soviet": "#d62728",
    "xinjiang-provincial": "#ff7f0e",
    "guomindang": "#1f77b4",
    "ccp": "#8c1aff",
    "etr": "#2ca02c",
    "other-powers": "#7f7f7f",
    "scholarship": "#bcbd22",
    "place": "#17becf",
    "event": "#e377c2",
    "record": "#8c564b",
    "unknown": "#c7c7c7",
}
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
MAX_EDGE_RECORDS = 10  # records listed per link (the earliest); the link still shows its full count
SECTIONS = (  # the order of the index page
    "The whole network",
    "Periods",
    "People, places and events",
    "Ego maps (people with most records, at least three)",
)
LAYOUT_CORE = 400  # above this many nodes, the busiest are laid out and the rest placed around them

_env = Environment(loader=PackageLoader("xjgraph", "templates"), autoescape=select_autoescape(["html"]))
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


def _json_for_script(obj) -> str:
    """JSON that cannot close the <script> element it sits in."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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
    und = metrics_mod.undirected(g)
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


def render(
    g: nx.Graph,
    title: str,
    subtitle: str,
    values: dict[str, dict] | None = None,
    links: dict[str, str] | None = None,
    pos: dict | None = None,
) -> str:
    """The HTML text of one map of ``g``."""
    pos = pos if pos is not None else layout(g)
    values = values or {}
    links = links or {}
    net = Network(directed=g.is_directed())
    top = max((v.get("pagerank", 0) for v in values.values()), default=0) or 1
    max_records = max((d.get("record_count", 0) for _, d in g.nodes(data=True)), default=0) or 1
    order = sorted(g.nodes, key=str)
    for n in order:
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
            color=SIDE_COLORS.get(side, SIDE_COLORS["unknown"]),
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
    nodes, edges = net.nodes, net.edges
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
    return _env.get_template("map.html").render(
        title=title, subtitle=subtitle, vis_js=Markup(js), vis_css=Markup(css), data_json=Markup(_json_for_script(data))
    )


def _geo_positions(g: nx.Graph) -> dict[str, tuple[float, float]]:
    fixed = {}
    for n, d in g.nodes(data=True):
        if d.get("kind") == "place" and d.get("lat") is not None:
            fixed[n] = (d["long"] / 60.0, -d["lat"] / 30.0)  # roughly equal spread east-west and north-south
    return fixed


def limit(
    g: nx.Graph, max_nodes: int = MAX_MAP_NODES, keep: str | None = None, max_edges: int = MAX_MAP_EDGES
) -> tuple[nx.Graph, str]:
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


def _whole_and_ego_maps(target, emit) -> dict[str, str]:
    """The whole network's map and the ego maps drawn from it; returns each ego map's file by person.

    A function of its own so the whole network is released when it returns, before write_maps builds
    the next networks (at 300,000 records that is several hundred megabytes).
    """
    whole = network_mod.correspondence(target)
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
    ego_links = {n: f"ego-{n.rsplit('/', 1)[-1]}.html" for n in people}

    s = metrics_mod.summary(whole)
    whole_metrics = metrics_mod.compute(full)
    emit(
        "The whole network",
        MapFile(
            "network.html",
            "Correspondence network, 1934-1949",
            f"{s['nodes']} agents, {s['edges']} links, {s['records']} records{full_note}",
        ),
        full,
        render(
            full,
            "Correspondence network, 1934-1949",
            "who wrote to whom" + full_note,
            whole_metrics,
            ego_links,
        ),
    )
    for n in people:
        # one step either way: nx.ego_graph(undirected=True) would copy the whole network for each person
        one_step = whole.subgraph({n, *whole.predecessors(n), *whole.successors(n)})
        ego, note = limit(one_step, MAX_EGO_NODES, keep=n, max_edges=MAX_EGO_NODES * 4)
        label = whole.nodes[n]["label"]
        # node sizes and figures from the whole network, so they compare across ego maps
        emit(
            "Ego maps (people with most records, at least three)",
            MapFile(ego_links[n], label, f"{whole.nodes[n]['record_count']} records{note}"),
            ego,
            render(ego, f"{label}: correspondents", "one step from " + label + note, whole_metrics, ego_links),
        )
    return ego_links


def write_maps(target, out: str | Path) -> list[MapFile]:
    """Write every map and an index.html into ``out``; return what was written.

    Networks larger than MAX_MAP_NODES are filtered to the nodes with most records (the page says so),
    and ego maps are drawn for at most MAX_EGO_MAPS people, so that every page stays interactive.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc}") from None
    written: list[tuple[str, MapFile]] = []

    def emit(section: str, m: MapFile, g: nx.Graph, html: str) -> None:
        m.nodes, m.edges = g.number_of_nodes(), g.number_of_edges()
        write_atomic(out / m.file, html)
        written.append((section, m))

    ego_links = _whole_and_ego_maps(target, emit)
    for period, title in PERIODS:
        g, note = limit(network_mod.correspondence(target, period))
        slug = period.replace("/", "-")
        emit(
            "Periods",
            MapFile(f"period-{slug}.html", title, f"{g.number_of_nodes()} agents{note}"),
            g,
            render(g, title, f"records dated {period.replace('/', '-')}{note}", metrics_mod.compute(g), ego_links),
        )
    pp, note = limit(network_mod.person_place(target))
    emit(
        "People, places and events",
        MapFile(
            "person-place.html", "People and places", f"{pp.number_of_nodes()} nodes; places at their coordinates{note}"
        ),
        pp,
        render(
            pp,
            "People and places",
            "who wrote from or about which place" + note,
            None,
            ego_links,
            pos=layout(pp, fixed=_geo_positions(pp)) if pp.number_of_nodes() else {},
        ),
    )
    re_, note = limit(network_mod.record_event(target))
    if re_.number_of_nodes():
        rpos = {n: (x * 2, y * 2) for n, (x, y) in layout(re_).items()}
        emit(
            "People, places and events",
            MapFile("record-event.html", "Records and events", f"{re_.number_of_nodes()} nodes{note}"),
            re_,
            render(re_, "Records and events", "which records concern which events" + note, None, None, pos=rpos),
        )
    sections: dict[str, list[MapFile]] = {name: [] for name in SECTIONS}
    for section, m in written:
        sections[section].append(m)
    sections = {name: maps for name, maps in sections.items() if maps}
    index = _env.get_template("index.html").render(sections=list(sections.items()))
    write_atomic(out / "index.html", index)
    return [m for _, m in written] + [MapFile("index.html", "index")]
