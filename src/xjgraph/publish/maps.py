"""Interactive maps: correspondence networks, people and places, records and events, as pages that work
offline (a folder of pages with its ``static/`` front-end files; nothing is fetched).

The networks come from :mod:`xjgraph.network.views`. For the correspondence maps, positions are computed here
(a seeded spring layout of the largest connected group, the small groups packed in a strip below it) and
pyvis turns the networkx network into vis-network's node and edge records, which the page draws with
vis-network from npm (``static/map.js``). People and places are drawn on a basemap of Natural Earth land with
d3-geo (``static/geo.js``), records and events on a time axis (``static/timeline.js``). Every page carries its
data as JSON inside the page, every record with its local page (in the site) and its archive page.

>>> import networkx as nx
>>> g = nx.DiGraph(); g.add_node("a", label="A"); g.add_node("b", label="B")
>>> g.add_edge("a", "b", weight=1, records=[{"record": "r", "date": "1949", "e": "1949-01-01", "l": "1949-12-31",
...     "year": 1949, "kind": "letter", "title": "T", "url": ""}])
>>> html = render(g, "Test <map>", "subtitle")
>>> "Test &lt;map&gt;" in html and "https://" not in html.split("xj-data")[0]
True
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network  # type: ignore[import-untyped]  # pyvis ships no type information

from ..console import progress
from ..errors import OutputError
from ..files import write_atomic
from ..network import metrics as metrics_mod
from ..network.views import PERIODS, SECTIONS, View, views
from . import assets, html
from .palette import SIDE_COLORS, color

log = logging.getLogger(__name__)

LAYOUT_CORE = 400  # above this many nodes, the busiest are laid out and the rest placed around them
MAX_MAP_RECORDS = 20_000  # records listed with their titles in one page; beyond, links keep only their dates
PRESETS = [
    {"label": label.split(":")[0], "from": p.split("/")[0] + "-01", "to": p.split("/")[1] + "-12"}
    for p, label in PERIODS
]
PageOf = Callable[[str], str | None]


@dataclass
class MapFile:
    file: str
    title: str
    note: str = ""
    nodes: int = 0
    edges: int = 0


# ------------------------------------------------------------------ layout


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
        pos = nx.spring_layout(
            und,
            pos={n: p for n, p in fixed.items() if n in und},
            fixed=[n for n in fixed if n in und],
            seed=seed,
            iterations=60,
            k=0.08,
        )
        return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}
    pos = nx.spring_layout(und, seed=seed, iterations=80, scale=scale)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def network_layout(g: nx.Graph) -> tuple[dict, set]:
    """Positions with the largest connected group laid out in the middle and every smaller group packed, each
    laid out on its own, in rows below it (so the first view can fit the main group and be readable); and
    the nodes of the main group.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos, main = network_layout(g)
    >>> sorted(main), pos["x"][1] > max(pos[n][1] for n in main)
    (['a', 'b', 'c'], True)
    """
    und = metrics_mod.undirected(g)
    groups = sorted((sorted(c, key=str) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    if not groups:
        return {}, set()
    main = set(groups[0])
    pos = layout(g.subgraph(main))
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    x0, x1, y = min(xs), max(xs), max(ys) + 260
    x = x0
    row_height = 0.0
    for group in groups[1:]:
        sub = g.subgraph(group)
        radius = 110 * math.sqrt(len(group))
        local = (
            layout(sub)
            if len(group) > 2
            else {n: (i * 220.0 - 110.0 * (len(group) - 1), 0.0) for i, n in enumerate(group)}
        )
        lx = [p[0] for p in local.values()]
        ly = [p[1] for p in local.values()]
        cx, cy = (min(lx) + max(lx)) / 2, (min(ly) + max(ly)) / 2
        span = max(max(lx) - min(lx), 2 * radius) + 220
        if x + span > x1 and x > x0:
            x, y = x0, y + row_height + 200
            row_height = 0.0
        scale = min(1.0, 2 * radius / max(1.0, max(lx) - min(lx), max(ly) - min(ly)))
        for n, (px, py) in local.items():
            pos[n] = (x + span / 2 + (px - cx) * scale, y + (py - cy) * scale)
        row_height = max(row_height, (max(ly) - min(ly)) * scale)
        x += span
    return pos, main


# ------------------------------------------------------------------ page data


def _records_table(
    pairs: list[tuple[Any, Any, dict]], page_of: PageOf | None
) -> tuple[list[dict], dict[tuple, list[int]]]:
    """The records of a network's links as a list (each once, in date order) and each link's record indexes."""
    seen: dict[str, dict] = {}
    parties: dict[str, tuple[set, set]] = {}
    for a, b, d in pairs:
        for r in d.get("records", []):
            seen.setdefault(r["record"], r)
            s, t = parties.setdefault(r["record"], (set(), set()))
            s.add(a)
            t.add(b)
    ordered = sorted(seen.values(), key=lambda r: (r["e"], r["record"]))
    index = {r["record"]: i for i, r in enumerate(ordered)}
    records = [
        _record_out(r, sorted(parties[r["record"]][0]), sorted(parties[r["record"]][1]), page_of, i < MAX_MAP_RECORDS)
        for i, r in enumerate(ordered)
    ]
    links = {(a, b): sorted(index[r["record"]] for r in d.get("records", [])) for a, b, d in pairs}
    return records, links


def _record_out(r: dict, senders, recipients, page_of: PageOf | None, full: bool = True) -> dict:
    out = {"id": r["record"], "date": r["date"], "e": r["e"], "l": r["l"], "from": senders, "to": recipients}
    if full:
        out |= {
            "kind": r.get("kind", ""),
            "title": r.get("title", ""),
            "url": r.get("url", ""),
            "page": (page_of(r["record"]) if page_of else None) or "",
        }
    return out


def _span(records: list[dict]) -> dict:
    if not records:
        return {"from": "1934-01", "to": "1949-12"}
    return {"from": min(r["e"] for r in records)[:4] + "-01", "to": max(r["l"] for r in records)[:4] + "-12"}


def _sides(nodes: list[dict]) -> list[dict]:
    sides: dict[str, dict] = {}
    for n in nodes:
        s = sides.setdefault(
            n["side"], {"id": n["side"], "label": n.get("side_label", n["side"]), "color": n["color"], "agents": 0}
        )
        s["agents"] += 1
    return sorted(sides.values(), key=lambda s: (-s["agents"], s["label"]))


def vis_data(
    g: nx.Graph,
    values: dict[str, dict] | None = None,
    links: dict[str, str] | None = None,
    pos: dict | None = None,
    page_of: PageOf | None = None,
    main: set | None = None,
) -> tuple[list[dict], list[dict], list[dict]]:
    """vis-network's node and edge records for ``g``, assembled with pyvis, and the records they carry.

    The pyvis network is always directed, whatever ``g`` is: pyvis's undirected ``add_edge`` compares each
    new edge with every edge already added (quadratic: 7.1 s of an 11.5 s render at 10,000 links), while
    the directed one does not. ``g`` has each link once, so nothing needs that check; whether arrows are
    drawn is the page's option (``data.directed``).
    """
    if pos is None:
        pos, main = network_layout(g)
    main = main if main is not None else set(g.nodes)
    values = values or {}
    links = links or {}
    records, record_links = _records_table(list(g.edges(data=True)), page_of)
    net = Network(directed=True)
    degree = metrics_mod.undirected(g)
    for n in sorted(g.nodes, key=str):
        d = g.nodes[n]
        side = d.get("side", "unknown")
        x, y = pos.get(n, (0.0, 0.0))
        m = values.get(n, {})
        net.add_node(
            str(n),
            label=str(d.get("label", n)),
            x=round(x, 1),
            y=round(y, 1),
            color=color(side),
            side=side,
            side_label=d.get("side_label", side),
            kind=d.get("kind", ""),
            names=list(d.get("names", [])),
            aliases=list(d.get("aliases", [])),
            offices=list(d.get("offices", [])),
            records=d.get("record_count", 0),
            sent=d.get("sent", 0),
            received=d.get("received", 0),
            correspondents=degree.degree(n) if n in degree else 0,
            metrics={
                "pagerank": m.get("pagerank", 0),
                "betweenness": m.get("betweenness", 0),
                "degree": degree.degree(n) if n in degree else 0,
            },
            page=(page_of(n) if page_of else None) or "",
            ego=links.get(n, ""),
            main=n in main,
            isolated=g.degree(n) == 0,
        )
    for i, (a, b) in enumerate(sorted(g.edges, key=lambda e: (str(e[0]), str(e[1])))):
        net.add_edge(str(a), str(b), id=f"e{i}", rec=record_links[(a, b)])
    if not g.is_directed():  # the directed pyvis network marks every edge with an arrow
        for e in net.edges:
            e.pop("arrows", None)
    return net.nodes, net.edges, records


def network_data(v: View, page_of: PageOf | None = None, pos: dict | None = None) -> dict:
    """The data of a correspondence map page."""
    g = v.graph
    if pos is None:
        pos, main = network_layout(g)
    else:
        und = metrics_mod.undirected(g)
        main = max(nx.connected_components(und), key=len, default=set()) if len(und) else set()
    nodes, edges, records = vis_data(g, v.metrics, v.links, pos, page_of, main)
    data: dict[str, Any] = {
        "kind": "network",
        "file": v.file,
        "title": v.title,
        "subtitle": v.subtitle,
        "directed": g.is_directed(),
        "nodes": nodes,
        "edges": edges,
        "records": records,
        "sides": _sides(nodes),
        "range": _span(records),
        "presets": PRESETS,
        "ego": v.ego,
        "note": ""
        if len(records) <= MAX_MAP_RECORDS
        else f"Titles are listed for the first {MAX_MAP_RECORDS:,} records.",
    }
    return data


def _agents(info: dict[str, dict], page_of: PageOf | None) -> dict[str, dict]:
    return {
        a: {
            "label": d.get("label", a),
            "side": d.get("side", "unknown"),
            "side_label": d.get("side_label", ""),
            "names": d.get("names", []),
            "aliases": d.get("aliases", []),
            "page": (page_of(a) if page_of else None) or "",
        }
        for a, d in sorted(info.items())
    }


def places_data(v: View, page_of: PageOf | None = None) -> dict:
    """The data of the people-and-places page: places, flows between them, records, people."""
    g = v.graph
    parties = g.graph.get("parties", {})
    ordered = sorted(g.graph.get("records", {}).values(), key=lambda r: (r["e"], r["record"]))
    index = {r["record"]: i for i, r in enumerate(ordered)}
    records = []
    for r in ordered:
        senders, recipients = parties.get(r["record"], ([], []))
        records.append(_record_out(r, senders, recipients, page_of))
    places = []
    for p in sorted(g.nodes, key=str):
        d = g.nodes[p]
        places.append(
            {
                "id": p,
                "label": d["label"],
                "names": d.get("names", []),
                "lat": d.get("lat"),
                "long": d.get("long"),
                "within": d.get("within", ""),
                "records": d.get("record_count", 0),
                "written": sorted(index[r["record"]] for r in d.get("written", [])),
                "about": sorted(index[r["record"]] for r in d.get("about", [])),
                "writers": dict(sorted(d.get("writers", {}).items())),
                "concerned": dict(sorted(d.get("concerned", {}).items())),
                "page": (page_of(p) if page_of else None) or "",
            }
        )
    flows = [
        {"id": f"f{i}", "from": a, "to": b, "rec": sorted(index[r["record"]] for r in d["records"])}
        for i, (a, b, d) in enumerate(sorted(g.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))))
    ]
    return {
        "kind": "places",
        "file": v.file,
        "title": v.title,
        "subtitle": v.subtitle,
        "places": places,
        "flows": flows,
        "records": records,
        "agents": _agents(g.graph.get("agents", {}), page_of),
        "range": _span(records),
        "presets": PRESETS,
        "focus": _focus(places),
        "note": v.note,
    }


def _focus(places: list[dict]) -> dict:
    """The area the places map opens on: around the weighted median of the places (by their records), the places
    within 28 degrees of longitude and 14 of latitude of it, with a margin (so Xinjiang and its neighbours, not
    the whole of Eurasia, when most records are about Xinjiang).

    >>> p = lambda lat, long, n: {"lat": lat, "long": long, "records": n}
    >>> _focus([p(43.8, 87.6, 30), p(44.0, 81.3, 10), p(55.8, 37.6, 12)])["west"] < 81.3
    True
    """
    located = [p for p in places if p["lat"] is not None and p["records"]]
    if not located:
        return {"west": 60.0, "east": 115.0, "north": 52.0, "south": 30.0}

    def median(key: str) -> float:
        ranked = sorted(located, key=lambda p: p[key])
        half, n = sum(p["records"] for p in ranked) / 2, 0
        for p in ranked:
            n += p["records"]
            if n >= half:
                return float(p[key])
        return float(ranked[-1][key])

    lat0, long0 = median("lat"), median("long")
    near = [p for p in located if abs(p["long"] - long0) <= 28 and abs(p["lat"] - lat0) <= 14] or located
    west, east = min(p["long"] for p in near), max(p["long"] for p in near)
    south, north = min(p["lat"] for p in near), max(p["lat"] for p in near)
    mx, my = max(3.0, (east - west) * 0.08), max(2.0, (north - south) * 0.08)
    return {"west": west - mx, "east": east + mx, "north": min(85.0, north + my), "south": max(-85.0, south - my)}


def timeline_data(v: View, page_of: PageOf | None = None) -> dict:
    """The data of the records-and-events page."""
    g = v.graph
    recs = sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "record"), key=lambda n: (g.nodes[n]["e"], n))
    index = {n: i for i, n in enumerate(recs)}
    records = []
    for n in recs:
        d = g.nodes[n]
        out = _record_out({**d, "kind": d.get("form", "")}, [], [], page_of)
        out["events"] = sorted(m for m in g.neighbors(n) if g.nodes[m].get("kind") == "event")
        records.append(out)
    events = []
    for n in sorted((n for n, d in g.nodes(data=True) if d.get("kind") == "event"), key=lambda n: (g.nodes[n]["e"], n)):
        d = g.nodes[n]
        events.append(
            {
                "id": n,
                "label": d["label"],
                "names": d.get("names", []),
                "date": d["date"],
                "e": d["e"],
                "l": d["l"],
                "page": (page_of(n) if page_of else None) or "",
                "records": sorted(index[m] for m in g.neighbors(n)),
            }
        )
    span = _span(records + [{"e": e["e"], "l": e["l"]} for e in events])
    return {
        "kind": "timeline",
        "file": v.file,
        "title": v.title,
        "subtitle": v.subtitle,
        "events": events,
        "records": records,
        "agents": {},
        "range": span,
        "presets": PRESETS,
        "note": v.note,
    }


# ------------------------------------------------------------------ pages

MAP_FILES = ("style.css", "map.js", "geo.js", "timeline.js", "world.js")
NETWORK_FILES = ("style.css", "map.js")
SCRIPTS = {"network": ("map.js", "graph"), "places": ("geo.js", "geo"), "timeline": ("timeline.js", "timeline")}


def page(
    data: dict, static: str = "static/", home: str = "index.html", site: str = "", footer: dict | None = None
) -> str:
    """The HTML of one map page: its data as JSON in the page, the front-end files from ``static``."""
    script, stage = SCRIPTS[data["kind"]]
    return html.render(
        "map.html",
        title=data["title"],
        subtitle=data["subtitle"],
        data=data,
        static=static,
        script=script,
        stage=stage,
        home=home,
        site=site,
        scripts=["world.js"] if data["kind"] == "places" else [],
        version=(footer or {}).get("version", ""),
    )


def render(
    g: nx.Graph,
    title: str,
    subtitle: str,
    values: dict[str, dict] | None = None,
    links: dict[str, str] | None = None,
    pos: dict | None = None,
) -> str:
    """The HTML of a correspondence map of ``g`` (its front-end files are expected in ``static/`` beside it:
    :func:`write_page` puts them there). ``pos`` gives positions; else :func:`network_layout` computes them."""
    v = View("", "map", title, subtitle, "", g, values, links=links or {})
    data = network_data(v, pos=pos)
    return page(data)


def write_page(
    g: nx.Graph,
    path: str | Path,
    title: str,
    subtitle: str = "",
    values: dict[str, dict] | None = None,
    pos: dict | None = None,
) -> Path:
    """Write a correspondence map of ``g`` to ``path``, with its front-end files in ``static/`` beside it.

    >>> import tempfile
    >>> g = nx.DiGraph([("a", "b")])
    >>> write_page(g, Path(tempfile.mkdtemp()) / "m.html", "A map").with_name("static").joinpath("map.js").is_file()
    True
    """
    path = Path(path)
    v = View("", path.stem, title, subtitle, "", g, values)
    data = network_data(v, pos=pos)
    write_atomic(path, page(data))
    assets.install(path.parent / "static", _text_of(data), NETWORK_FILES)
    return path


def _text_of(data: dict) -> str:
    """All the text a page shows, to know which characters its font must have."""
    parts: list[str] = [data.get("title", ""), data.get("subtitle", "")]
    for key in ("nodes", "places", "events"):
        for n in data.get(key, []):
            parts.append(n.get("label", ""))
            parts += [x["text"] for x in n.get("names", [])]
            parts += n.get("aliases", [])
    for a in data.get("agents", {}).values():
        parts.append(a["label"])
        parts += [x["text"] for x in a.get("names", [])]
    parts += [r.get("title", "") for r in data.get("records", [])]
    return "".join(parts)


def write_maps(
    target,
    out: str | Path,
    page_of: PageOf | None = None,
    static: str = "static/",
    home: str = "index.html",
    site: str = "",
    install_assets: bool = True,
    footer: dict | None = None,
    text: list[str] | None = None,
) -> list[MapFile]:
    """Write every map of :func:`xjgraph.network.views.views` and an ``index.html`` into ``out``, with the
    front-end files in ``out/static`` (or, with ``install_assets=False``, where ``static`` points: the text the
    pages show is then added to ``text``, for the font of the tree); return what was written. ``page_of`` gives
    the local page of an entity, ``site`` the site's index (when the maps are part of the site)."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc}") from None
    written: list[tuple[str, MapFile]] = []
    text = text if text is not None else []
    for v in progress(views(target), desc="maps", unit="map"):
        if v.file == "person-place":
            data = places_data(v, page_of)
        elif v.file == "record-event":
            data = timeline_data(v, page_of)
        else:
            data = network_data(v, page_of)
        title = v.title if not v.ego else v.graph.nodes[v.ego]["label"]
        m = MapFile(v.file + ".html", title, v.note, v.graph.number_of_nodes(), v.graph.number_of_edges())
        log.info("map %s: %d nodes, %d links", m.file, m.nodes, m.edges)
        write_atomic(out / m.file, page(data, static, home, site, footer))
        text.append(_text_of(data))
        written.append((v.section, m))
    sections: dict[str, list[MapFile]] = {name: [] for name in SECTIONS}
    for section, m in written:
        sections[section].append(m)
    index = html.render(
        "index.html",
        title="Correspondence maps",
        sections=[(n, ms) for n, ms in sections.items() if ms],
        static=static,
        site=site,
        footer=footer,
    )
    write_atomic(out / "index.html", index)
    if install_assets:
        assets.install(out / "static", "".join(text), MAP_FILES)
    return [m for _, m in written] + [MapFile("index.html", "index")]


__all__ = [
    "SIDE_COLORS",
    "MapFile",
    "layout",
    "network_layout",
    "page",
    "render",
    "vis_data",
    "write_maps",
    "write_page",
]
