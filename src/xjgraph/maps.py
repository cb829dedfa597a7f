"""Interactive correspondence maps: pyvis networks in self-contained HTML files that work offline.

pyvis assembles the nodes and edges; the page template is our own, because every pyvis template
links Bootstrap from a CDN. vis-network's script and stylesheet, shipped inside the pyvis package,
are inlined, so a map is one file with no request leaving it. Positions are computed in Python
(networkx spring layout, fixed seed) and physics is off, so a map is interactive at once.

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
    """Positions in pixels from a seeded spring layout (fixed nodes keep theirs)."""
    if len(g) == 0:
        return {}
    und = g.to_undirected() if g.is_directed() else g
    scale = 250 * math.sqrt(len(g)) + 200
    if fixed:
        # spring_layout ignores `scale` when nodes are fixed: lay out in the fixed nodes' units, then scale
        pos = nx.spring_layout(
            und,
            pos={n: p for n, p in fixed.items() if n in und},
            fixed=[n for n in fixed if n in und] or None,
            seed=seed,
            iterations=60,
            k=0.08,
        )
        return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}
    iterations = 50 if len(g) < 2000 else 25
    pos = nx.spring_layout(und, seed=seed, iterations=iterations, scale=scale)
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
            records=records,
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


def limit(g: nx.Graph, max_nodes: int = MAX_MAP_NODES, keep: str | None = None) -> tuple[nx.Graph, str]:
    """``g`` itself when small enough; else the subgraph of the ``max_nodes`` nodes with most records
    (always including ``keep``), and a note saying so."""
    if g.number_of_nodes() <= max_nodes:
        return g, ""
    ranked = sorted(g.nodes, key=lambda n: (n != keep, -g.nodes[n].get("record_count", 0), str(n)))
    return g.subgraph(ranked[:max_nodes]).copy(), f" (the {max_nodes:,} with most records of {len(g):,})"


def write_maps(target, out: str | Path) -> list[MapFile]:
    """Write every map and an index.html into ``out``; return what was written.

    Networks larger than MAX_MAP_NODES are filtered to the nodes with most records (the page says so),
    and ego maps are drawn for at most MAX_EGO_MAPS people, so that every page stays interactive.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, MapFile]] = []

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

    def emit(section: str, m: MapFile, g: nx.Graph, html: str) -> None:
        m.nodes, m.edges = g.number_of_nodes(), g.number_of_edges()
        write_atomic(out / m.file, html)
        written.append((section, m))

    s = metrics_mod.summary(whole)
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
            metrics_mod.compute(full),
            ego_links,
        ),
    )
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
    for n in people:
        ego, note = limit(nx.ego_graph(whole, n, radius=1, undirected=True), MAX_EGO_NODES, keep=n)
        label = whole.nodes[n]["label"]
        emit(
            "Ego maps (people with most records, at least three)",
            MapFile(ego_links[n], label, f"{whole.nodes[n]['record_count']} records{note}"),
            ego,
            render(
                ego, f"{label}: correspondents", "one step from " + label + note, metrics_mod.compute(ego), ego_links
            ),
        )
    sections: dict[str, list[MapFile]] = {}
    for section, m in written:
        sections.setdefault(section, []).append(m)
    index = _env.get_template("index.html").render(sections=list(sections.items()))
    write_atomic(out / "index.html", index)
    return [m for _, m in written] + [MapFile("index.html", "index")]
