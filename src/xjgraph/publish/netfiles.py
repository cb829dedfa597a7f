"""Exports of the correspondence network for Gephi (GEXF, GraphML) and Palladio (CSV node and edge tables).

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.DiGraph(); g.add_node("a", label="A", aliases=["x"]); g.add_edge("a", "a", weight=1, records=[], years=[])
>>> p = pathlib.Path(tempfile.mkdtemp()) / "n.graphml"
>>> network_file(g, p, "graphml")
>>> p.read_text().count("<node ")
1
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

from ..errors import OutputError
from ..files import write_atomic
from .html import xml_text


def _x(value):
    """Text made fit for XML (GEXF and GraphML are XML); other values as they are."""
    return xml_text(value) if isinstance(value, str) else value


def _flat(g: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes, as GEXF and GraphML require."""
    h: nx.Graph = nx.DiGraph() if g.is_directed() else nx.Graph()
    for n, d in g.nodes(data=True):
        h.add_node(
            n,
            **{
                k: _x("; ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v)
                for k, v in d.items()
                if v is not None and not isinstance(v, dict)
            },
        )
    for a, b, d in g.edges(data=True):
        recs = d.get("records", [])
        h.add_edge(
            a,
            b,
            weight=d.get("weight", len(recs)),
            first=_x(min((r["date"] for r in recs), default="")),
            last=_x(max((r["date"] for r in recs), default="")),
            records=_x("; ".join(r["record"] for r in recs)),
            titles=_x(" | ".join(r["title"] for r in recs)),
        )
    return h


def network_file(g: nx.Graph, path: str | Path, fmt: str) -> None:
    """Write ``g`` as GEXF or GraphML to ``path`` (atomically)."""
    buf = io.BytesIO()
    h = _flat(g)
    if fmt == "gexf":
        nx.write_gexf(h, buf)
    elif fmt == "graphml":
        nx.write_graphml(h, buf)
    else:
        raise OutputError(f"unknown network format {fmt!r}")
    write_atomic(Path(path), buf.getvalue().decode("utf-8"))


def csv_tables(g: nx.DiGraph, folder: str | Path) -> list[Path]:
    """``nodes.csv`` and ``edges.csv`` (one row per record, with its date) for Palladio."""
    folder = Path(folder)
    nodes = io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(["id", "label", "kind", "side", "records", "aliases"])
    for n, d in sorted(g.nodes(data=True), key=lambda x: str(x[0])):
        w.writerow(
            [
                n,
                d.get("label", ""),
                d.get("kind", ""),
                d.get("side_label", ""),
                d.get("record_count", 0),
                "; ".join(d.get("aliases", [])),
            ]
        )
    edges = io.StringIO()
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(["source", "target", "source_label", "target_label", "record", "date", "year", "kind", "title", "url"])
    for a, b, d in sorted(g.edges(data=True), key=lambda x: (str(x[0]), str(x[1]))):
        for r in sorted(d.get("records", []), key=lambda r: (r["date"], r["record"])):
            w.writerow(
                [
                    a,
                    b,
                    g.nodes[a].get("label", ""),
                    g.nodes[b].get("label", ""),
                    r["record"],
                    r["date"],
                    r["year"],
                    r["kind"],
                    r["title"],
                    r["url"],
                ]
            )
    out = [folder / "nodes.csv", folder / "edges.csv"]
    write_atomic(out[0], nodes.getvalue())
    write_atomic(out[1], edges.getvalue())
    return out
