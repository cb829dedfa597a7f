"""Benchmark: how long a map takes to become interactive in headless Chromium, by number of nodes.

Prints figures; it is not a test. Synthetic correspondence networks (preferential attachment, so a few
agents have most of the mail) are rendered by xjgraph.publish.maps.render with positions computed in Python,
opened from disk in Debian's chromium, and timed from navigation start to vis-network's first
`afterDrawing`. Usage: python benchmarks/map_draw.py [SIZES...]  (default 1000 3000 5000)
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
                "date": f"{1934 + rng.randint(0, 15)}-01-01",
                "year": 1934,
                "kind": "letter",
                "title": f"Letter {a} to {b}",
                "url": "",
            }
            for i in range(k)
        ]
        for r in recs:
            r["year"] = int(r["date"][:4])
        g.add_edge(src, dst, weight=k, records=recs, years=sorted({r["year"] for r in recs}))
        g.nodes[src]["record_count"] += k
        g.nodes[dst]["record_count"] += k
    return g


def main(sizes: list[int]) -> None:
    print(
        f"{'nodes':>6} {'edges':>6} {'metrics s':>10} {'layout s':>9} {'render s':>9} {'HTML MB':>8} "
        f"{'interactive ms':>15}"
    )
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for n in sizes:
            g = synthetic(n)
            t0 = time.perf_counter()
            values = metrics.compute(g)
            tm = time.perf_counter()
            pos = maps.layout(g)
            t1 = time.perf_counter()
            html = maps.render(g, f"synthetic {n}", "benchmark", values, pos=pos)
            t2 = time.perf_counter()
            path = Path(tmp) / f"map-{n}.html"
            path.write_text(html, encoding="utf-8")
            page = Page(browser)
            page.open(path, timeout=120000)
            ready = page.page.evaluate("window.xjReady")
            drawn = page.page.evaluate("network.body.nodeIndices.length")
            assert drawn == n and not page.errors and not page.external, (drawn, page.errors, page.external)
            page.close()
            print(
                f"{n:>6} {g.number_of_edges():>6} {tm - t0:>10.1f} {t1 - tm:>9.1f} {t2 - t1:>9.2f} "
                f"{len(html) / 1e6:>8.1f} {ready:>15.0f}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 3000, 5000])
