"""Benchmark: the saved queries on Virtuoso Open Source 7 (Debian), for comparison with the embedded store.

Prints figures; it is not a test. Virtuoso is started on loopback with buffers for about 2 GB of memory
(NumberOfBuffers 170000), results up to 1,000,000 rows, no query time limit and one thread per query, and
the dump is bulk-loaded into a graph. Every saved query then runs through xjgraph's SPARQL client (HTTP and
JSON included, as `xjgraph query --endpoint` would) next to the embedded store, alternating, median of
--runs, and the last rows of both are compared. The server is stopped after. Usage:
python benchmarks/virtuoso.py DUMP [--runs N]

With more threads per query, Virtuoso 7.2.5 silently dropped hundreds of edge-list's rows at 300,000
records; with one, it dropped one row on some starts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.servers import virtuoso_server  # noqa: E402
from xjgraph.sparql import saved as queries  # noqa: E402
from xjgraph.sparql.endpoint import RemoteEndpoint  # noqa: E402
from xjgraph.sparql.store import EmbeddedStore  # noqa: E402

GRAPH = "https://w3id.org/xjgraph/graph/records"
SETTINGS = {
    ("Parameters", "NumberOfBuffers"): "170000",
    ("Parameters", "MaxDirtyBuffers"): "130000",
    ("SPARQL", "ResultSetMaxRows"): "1000000",
    ("SPARQL", "MaxQueryExecutionTime"): "0",
    ("SPARQL", "MaxQueryCostEstimationTime"): "0",
}


def _peak_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024
    return 0


def _values(result) -> list[str]:
    return sorted(str([c.value if c else None for c in row]) for row in result.rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", help="a Turtle dump written by xjgraph build")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    dump = Path(args.dump).resolve()
    t = time.perf_counter()
    store = EmbeddedStore.from_file(dump)
    print(f"embedded store: {len(store.store):,} triples loaded in {time.perf_counter() - t:.1f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="xjgraph-bench-") as tmp:
        (Path(tmp) / "records.ttl").symlink_to(dump)
        t = time.perf_counter()
        with virtuoso_server(SETTINGS, load=(Path(tmp), GRAPH)) as (url, pid):
            print(f"virtuoso: loaded in {time.perf_counter() - t:.1f} s, peak {_peak_mb(pid):,} MB", flush=True)
            endpoint = RemoteEndpoint(url, GRAPH)
            print("| query | rows | embedded (median) | Virtuoso (median) | same rows |")
            print("|---|---|---|---|---|")
            for name, q in queries.load_all(ROOT / "queries").items():
                ours, theirs = [], []
                for _ in range(args.runs):
                    t = time.perf_counter()
                    local = queries.run(q, store)
                    ours.append(time.perf_counter() - t)
                    t = time.perf_counter()
                    remote = queries.run(q, endpoint, timeout=3600)
                    theirs.append(time.perf_counter() - t)
                same = "yes" if _values(local) == _values(remote) else "**no**"
                print(
                    f"| {name} | {len(local.rows):,} | {statistics.median(ours):.3f} s | "
                    f"{statistics.median(theirs):.3f} s | {same} |",
                    flush=True,
                )
            print(f"virtuoso peak: {_peak_mb(pid):,} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
