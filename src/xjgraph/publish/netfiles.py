"""Exports of the correspondence network for Gephi (GEXF 1.3, GraphML) and Palladio (CSV tables).

Both XML files are written by hand with lxml, so that they are valid against their own schemas (GEXF 1.3's
XSD, GraphML 1.0's XSD) and the same bytes for the same graph: no export-day timestamp unless one is asked for.

- GEXF is dynamic: every link carries one spell per record (its EDTF bounds as start and end), every node
  its active span, with ``timeformat="date"``, so Gephi's timeline filters the network by date.
- GraphML ids are XML-safe (``n0``, ``e0``, in IRI order); the IRI is the ``iri`` data of each node.
- Palladio gets dates its validator accepts (full ``YYYY-MM-DD``; a ``start``/``end`` pair for month and year
  precision), a ``coordinates`` column ``"lat,lon"`` for places and a people-places table for its map.

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.DiGraph(); g.add_node("a", label="A", aliases=["x"])
>>> g.add_edge("a", "a", weight=1, records=[{"record": "r", "date": "1944", "e": "1944-01-01",
...     "l": "1944-12-31", "year": 1944, "kind": "letter", "title": "T", "url": ""}])
>>> p = pathlib.Path(tempfile.mkdtemp()) / "n.graphml"
>>> network_file(g, p, "graphml")
>>> p.read_text().count("<node ")
1
>>> palladio_dates("1944-06")
('', '1944-06-01', '1944-06-30')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from lxml import etree

from ..errors import OutputError
from ..files import write_atomic
from ..sources import dates
from ..version import __version__
from .html import xml_text
from .palette import color

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# (name, GEXF type, GraphML type) of the values written for every node and every link
NODE_ATTRS = [
    ("kind", "string", "string"),
    ("side", "string", "string"),
    ("side_label", "string", "string"),
    ("sent", "integer", "int"),
    ("received", "integer", "int"),
    ("record_count", "integer", "int"),
    ("aliases", "string", "string"),
    ("first", "string", "string"),
    ("last", "string", "string"),
]
EDGE_ATTRS = [
    ("records", "string", "string"),
    ("titles", "string", "string"),
    ("dates", "string", "string"),
    ("first", "string", "string"),
    ("last", "string", "string"),
]


def _x(value) -> str:
    """A value as XML-safe text."""
    return xml_text(value if isinstance(value, str) else str(value))


def _records(d: dict) -> list[dict]:
    return sorted(d.get("records", []), key=lambda r: (r["e"], r["l"], r["record"]))


def _node_values(g: nx.DiGraph, n) -> dict[str, Any]:
    d = g.nodes[n]
    recs = [r for _, _, e in g.in_edges(n, data=True) for r in e.get("records", [])]
    recs += [r for _, _, e in g.out_edges(n, data=True) for r in e.get("records", [])]
    return {
        "label": d.get("label") or str(n),
        "kind": d.get("kind", ""),
        "side": d.get("side", ""),
        "side_label": d.get("side_label", ""),
        "sent": int(d.get("sent", 0)),
        "received": int(d.get("received", 0)),
        "record_count": int(d.get("record_count", 0)),
        "aliases": "; ".join(d.get("aliases", [])),
        "first": min((r["e"] for r in recs), default=""),
        "last": max((r["l"] for r in recs), default=""),
    }


def _edge_values(d: dict) -> dict[str, Any]:
    recs = _records(d)
    return {
        "weight": int(d.get("weight", len({r["record"] for r in recs}))),
        "records": "; ".join(r["record"] for r in recs),
        "titles": " | ".join(r["title"] for r in recs),
        "dates": "; ".join(r["date"] for r in recs),
        "first": min((r["e"] for r in recs), default=""),
        "last": max((r["l"] for r in recs), default=""),
    }


def _edges(g: nx.DiGraph) -> list[tuple[str, str, dict]]:
    return sorted(g.edges(data=True), key=lambda x: (str(x[0]), str(x[1])))


def gexf(g: nx.DiGraph, modified: str | None = None) -> bytes:
    """``g`` as GEXF 1.3 with spells; ``modified`` (``YYYY-MM-DD``) is written as ``lastmodifieddate`` if given."""
    E = f"{{{GEXF_NS}}}"
    root = etree.Element(E + "gexf", nsmap={None: GEXF_NS, "xsi": XSI}, version="1.3")  # type: ignore[dict-item]
    root.set(f"{{{XSI}}}schemaLocation", f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd")
    meta = etree.SubElement(root, E + "meta")
    if modified:
        meta.set("lastmodifieddate", modified)
    etree.SubElement(meta, E + "creator").text = f"xjgraph {__version__}"
    etree.SubElement(meta, E + "description").text = (
        "Correspondence network of the Soviet records on Xinjiang, 1934-1949: senders and recipients, "
        "one link per direction, one spell per record"
    )
    nodes = sorted(g.nodes, key=str)
    values = {n: _node_values(g, n) for n in nodes}
    spans = [(v["first"], v["last"]) for v in values.values() if v["first"]]
    graph = etree.SubElement(
        root, E + "graph", defaultedgetype="directed", mode="dynamic", timeformat="date", timerepresentation="interval"
    )
    if spans:
        graph.set("start", min(s for s, _ in spans))
        graph.set("end", max(e for _, e in spans))
    for cls, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        block = etree.SubElement(graph, E + "attributes", {"class": cls, "mode": "static"})
        for i, (name, typ, _) in enumerate(attrs):
            etree.SubElement(block, E + "attribute", id=f"{cls[0]}{i}", title=name, type=typ)
    xnodes = etree.SubElement(graph, E + "nodes", count=str(len(nodes)))
    for n in nodes:
        v = values[n]
        el = etree.SubElement(xnodes, E + "node", id=_x(n), label=_x(v["label"]))
        if v["first"]:
            el.set("start", str(v["first"]))
            el.set("end", str(v["last"]))
        atts = etree.SubElement(el, E + "attvalues")
        for i, (name, _, _) in enumerate(NODE_ATTRS):
            if v[name] != "":
                etree.SubElement(atts, E + "attvalue", {"for": f"n{i}", "value": _x(v[name])})
        hexcolor = color(str(v["side"])).lstrip("#")
        etree.SubElement(
            el, E + "color", r=str(int(hexcolor[0:2], 16)), g=str(int(hexcolor[2:4], 16)), b=str(int(hexcolor[4:6], 16))
        )
        etree.SubElement(el, E + "size", value=str(4 + 2 * int(v["record_count"]) ** 0.5))
    edges = _edges(g)
    xedges = etree.SubElement(graph, E + "edges", count=str(len(edges)))
    for i, (a, b, d) in enumerate(edges):
        v = _edge_values(d)
        el = etree.SubElement(xedges, E + "edge", id=str(i), source=_x(a), target=_x(b), weight=str(v["weight"]))
        atts = etree.SubElement(el, E + "attvalues")
        for j, (name, _, _) in enumerate(EDGE_ATTRS):
            if v[name] != "":
                etree.SubElement(atts, E + "attvalue", {"for": f"e{j}", "value": _x(v[name])})
        spells = etree.SubElement(el, E + "spells")
        for r in _records(d):
            etree.SubElement(spells, E + "spell", start=r["e"], end=r["l"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def graphml(g: nx.DiGraph) -> bytes:
    """``g`` as GraphML 1.0: ids ``n0``, ``n1``... in IRI order, the IRI as the ``iri`` data of each node."""
    E = f"{{{GRAPHML_NS}}}"
    root = etree.Element(E + "graphml", nsmap={None: GRAPHML_NS, "xsi": XSI})  # type: ignore[dict-item]
    root.set(f"{{{XSI}}}schemaLocation", f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
    keys = [("node", "label", "string"), ("node", "iri", "string")]
    keys += [("node", name, typ) for name, _, typ in NODE_ATTRS]
    keys += [("edge", "weight", "int")] + [("edge", name, typ) for name, _, typ in EDGE_ATTRS]
    ids = {}
    for i, (scope, name, typ) in enumerate(keys):
        ids[scope, name] = f"d{i}"
        root.append(etree.Element(E + "key", {"id": f"d{i}", "for": scope, "attr.name": name, "attr.type": typ}))
    graph = etree.SubElement(root, E + "graph", id="correspondence", edgedefault="directed")
    nodes = sorted(g.nodes, key=str)
    nid = {n: f"n{i}" for i, n in enumerate(nodes)}
    for n in nodes:
        el = etree.SubElement(graph, E + "node", id=nid[n])
        v = {"iri": n, **_node_values(g, n)}
        for scope, name, _ in keys:
            if scope == "node" and v.get(name, "") != "":
                etree.SubElement(el, E + "data", key=ids[scope, name]).text = _x(v[name])
    for i, (a, b, d) in enumerate(_edges(g)):
        el = etree.SubElement(graph, E + "edge", id=f"e{i}", source=nid[a], target=nid[b])
        v = _edge_values(d)
        for scope, name, _ in keys:
            if scope == "edge" and v.get(name, "") != "":
                etree.SubElement(el, E + "data", key=ids[scope, name]).text = _x(v[name])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def network_file(g: nx.DiGraph, path: str | Path, fmt: str, modified: str | None = None) -> None:
    """Write ``g`` as GEXF or GraphML to ``path`` (atomically)."""
    if fmt == "gexf":
        data = gexf(g, modified)
    elif fmt == "graphml":
        data = graphml(g)
    else:
        raise OutputError(f"unknown network format {fmt!r}")
    write_atomic(Path(path), data.decode("utf-8"))


def palladio_dates(date: str, earliest: str | None = None, latest: str | None = None) -> tuple[str, str, str]:
    """``(date, start, end)`` for Palladio from an EDTF date and its bounds: ``date`` is the day where the
    source gives one and empty otherwise; ``start`` and ``end`` are always full days.

    >>> palladio_dates("1944-06-17"), palladio_dates("1944")
    (('1944-06-17', '1944-06-17', '1944-06-17'), ('', '1944-01-01', '1944-12-31'))
    >>> palladio_dates("1944-06?", "1944-06-01", "1944-06-30")
    ('', '1944-06-01', '1944-06-30')
    """
    if earliest and latest:
        start, end = earliest, latest
    else:
        bounds = dates.parse(date)
        start, end = bounds.earliest, bounds.latest
    day = start if start == end else ""
    return day, start, end


def _coordinates(d: dict) -> str:
    return f"{d['lat']},{d['long']}" if d.get("lat") is not None and d.get("long") is not None else ""


def _write(rows: Iterable[list], header: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def csv_tables(g: nx.DiGraph, folder: str | Path, places: nx.DiGraph | None = None) -> list[Path]:
    """Palladio's tables: ``nodes.csv`` (people and organisations), ``edges.csv`` (one row per record and link,
    with ``date``/``start``/``end``) and, given the place network ``places``, ``places.csv`` (with
    ``coordinates``) and ``people-places.csv`` (who wrote from or about which place, per record)."""
    folder = Path(folder)
    tables: dict[str, str] = {}
    tables["nodes.csv"] = _write(
        (
            [
                n,
                d.get("label", ""),
                d.get("kind", ""),
                d.get("side_label", ""),
                d.get("record_count", 0),
                d.get("sent", 0),
                d.get("received", 0),
                "; ".join(d.get("aliases", [])),
            ]
            for n, d in sorted(g.nodes(data=True), key=lambda x: str(x[0]))
        ),
        ["id", "label", "kind", "side", "records", "sent", "received", "aliases"],
    )
    edge_rows = []
    for a, b, d in _edges(g):
        for r in _records(d):
            day, start, end = palladio_dates(r["date"], r["e"], r["l"])
            edge_rows.append(
                [
                    a,
                    b,
                    g.nodes[a].get("label", ""),
                    g.nodes[b].get("label", ""),
                    r["record"],
                    day,
                    start,
                    end,
                    r["date"],
                    r["year"],
                    r["kind"],
                    r["title"],
                    r["url"],
                ]
            )
    tables["edges.csv"] = _write(
        edge_rows,
        [
            "source",
            "target",
            "source_label",
            "target_label",
            "record",
            "date",
            "start",
            "end",
            "edtf",
            "year",
            "kind",
            "title",
            "url",
        ],
    )
    if places is not None:
        tables["places.csv"] = _write(
            (
                [
                    p,
                    d.get("label", ""),
                    _coordinates(d),
                    d.get("within", ""),
                    len(d.get("written", [])),
                    len(d.get("about", [])),
                ]
                for p, d in sorted(places.nodes(data=True), key=lambda x: str(x[0]))
            ),
            ["id", "label", "coordinates", "within", "written_here", "about_it"],
        )
        agents = places.graph.get("agents", {})
        parties = places.graph.get("parties", {})
        rows = []
        for p, d in sorted(places.nodes(data=True), key=lambda x: str(x[0])):
            for relation, recs in (("wrote from", d.get("written", [])), ("wrote about", d.get("about", []))):
                for r in sorted(recs, key=lambda r: (r["e"], r["record"])):
                    senders = parties.get(r["record"], ([], []))[0]
                    day, start, end = palladio_dates(r["date"], r["e"], r["l"])
                    for s in senders or [""]:
                        rows.append(
                            [
                                s,
                                agents.get(s, {}).get("label", "") if s else "",
                                relation,
                                p,
                                d.get("label", ""),
                                _coordinates(d),
                                r["record"],
                                r["title"],
                                day,
                                start,
                                end,
                            ]
                        )
        tables["people-places.csv"] = _write(
            rows,
            [
                "agent",
                "agent_label",
                "relation",
                "place",
                "place_label",
                "coordinates",
                "record",
                "title",
                "date",
                "start",
                "end",
            ],
        )
    out = []
    for name, text in tables.items():
        write_atomic(folder / name, text)
        out.append(folder / name)
    return out
