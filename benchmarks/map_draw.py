"""Benchmark: how long a map takes to become interactive in headless Chromium, by number of nodes.

Prints figures; it is not a test. Synthetic correspondence networks (preferential attachment, so a few
agents have most of the mail) are written by xjgraph.publish.maps.write_page with positions computed in Python,
opened from disk in Debian's chromium, and timed from navigation start to the page's ready mark (the first
drawing, names placed). Then the time brush is moved through the years 60 times (filter and redraw per
frame, as a drag does) and the mean and 95th-percentile frame times are printed with the frame rate they
allow. Goals (issue 16): interactive within 3 s at 5,000 nodes, the brush at 30 frames a second or better.
Usage: python benchmarks/map_draw.py [SIZES...]  (default 1000 3000 5000)

It first prints pyvis's share of building an undirected map at the map limits (10,000 links), the way the
maps built it before (pyvis's undirected network, whose add_edge compares each edge with every edge already
added) and the way they build it now (maps.vis_data: pyvis's directed network, arrows left to the page).
Add --pyvis-only to print only that.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import Page, chromium  # noqa: E402

from xjgraph.network import metrics  # noqa: E402
from xjgraph.publish import maps  # noqa: E402

SIDES = ["soviet", "xinjiang-provincial", "guomindang", "ccp", "etr", "other-powers"]


def synthetic(n: int, seed: int = 1) -> nx.DiGraph:
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.DiGraph()
    for node in base.nodes:
        side = SIDES[node % len(SIDES)]
        g.add_node(
            f"p{node}",
            label=f"Person {node}",
            side=side,
            side_label=side,
            kind="person",
            aliases=[f"Alias {node}"],
            offices=[],
            record_count=0,
        )
    for a, b in base.edges:
        src, dst = (f"p{a}", f"p{b}") if rng.random() < 0.5 else (f"p{b}", f"p{a}")
        k = rng.randint(1, 4)
        recs = [
            {
                "record": f"r{a}-{b}-{i}",
                "date": f"{1934 + rng.randint(0, 15)}-{rng.randint(1, 12):02d}-01",
                "year": 1934,
                "kind": "letter",
                "title": f"Letter {a} to {b}",
                "url": "",
            }
            for i in range(k)
        ]
        for r in recs:
            r["year"] = int(r["date"][:4])
            r["e"] = r["l"] = r["date"]
        g.add_edge(src, dst, weight=k, records=recs, years=sorted({r["year"] for r in recs}))
        g.nodes[src]["record_count"] += k
        g.nodes[dst]["record_count"] += k
    return g


def pyvis_share(n_nodes: int = 4000, n_links: int = 10_000) -> None:
    """Time the undirected pyvis build of before against maps.vis_data, on the same graph."""
    from pyvis.network import Network

    rng = random.Random(3)
    und = nx.Graph()
    for i in range(n_nodes):
        und.add_node(f"n{i}", label=f"Node {i}", side=SIDES[i % len(SIDES)], record_count=1)
    while und.number_of_edges() < n_links:
        a, b = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if a != b:
            und.add_edge(f"n{a}", f"n{b}", weight=1, records=[], years=[1944])
    pos = {n: (float(i), float(i % 97)) for i, n in enumerate(und.nodes)}
    t = time.perf_counter()
    old = Network(directed=False)
    for n, d in und.nodes(data=True):
        old.add_node(n, label=d["label"], x=pos[n][0], y=pos[n][1])
    for i, (a, b, d) in enumerate(sorted(und.edges(data=True), key=lambda e: (e[0], e[1]))):
        old.add_edge(a, b, id=f"e{i}", width=1, records=d["records"], years=d["years"])
    before = time.perf_counter() - t
    t = time.perf_counter()
    nodes, edges, _ = maps.vis_data(und, pos=pos)
    after = time.perf_counter() - t
    assert len(edges) == len(old.edges) == und.number_of_edges() and len(nodes) == len(old.nodes)
    t = time.perf_counter()
    maps.render(und, "pyvis share", "benchmark", pos=pos)
    whole = time.perf_counter() - t
    print(
        f"pyvis, undirected map of {n_nodes:,} nodes and {n_links:,} links: before (undirected add_edge) "
        f"{before:.2f} s; now (maps.vis_data) {after:.3f} s, {before / after:.0f}x faster; the whole render "
        f"now {whole:.2f} s"
    )


def main(sizes: list[int]) -> None:
    print(
        f"{'nodes':>6} {'edges':>6} {'metrics s':>10} {'layout s':>9} {'render s':>9} {'HTML MB':>8} "
        f"{'interactive ms':>15} {'brush ms/frame':>15} {'p95':>6} {'fps':>5}"
    )
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for n in sizes:
            g = synthetic(n)
            t0 = time.perf_counter()
            values = metrics.compute(g)
            tm = time.perf_counter()
            pos = maps.layout(g)
            t1 = time.perf_counter()
            path = maps.write_page(g, Path(tmp) / f"map-{n}.html", f"synthetic {n}", "benchmark", values, pos=pos)
            t2 = time.perf_counter()
            page = Page(browser, 1440, 900)
            page.open(path, timeout=120000)
            ready = page.page.evaluate("window.xjReady")
            drawn = page.page.evaluate("network.body.nodeIndices.length")
            assert drawn == n and not page.errors and not page.external, (drawn, page.errors, page.external)
            frames = page.page.evaluate("xjApi.brushFrames(60)")
            page.close()
            print(
                f"{n:>6} {g.number_of_edges():>6} {tm - t0:>10.1f} {t1 - tm:>9.1f} {t2 - t1:>9.2f} "
                f"{path.stat().st_size / 1e6:>8.1f} {ready:>15.0f} {frames['mean']:>15.1f} {frames['p95']:>6.1f} "
                f"{1000 / frames['mean']:>5.0f}"
            )


if __name__ == "__main__":
    pyvis_share()
    if "--pyvis-only" not in sys.argv:
        main([int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 3000, 5000])
