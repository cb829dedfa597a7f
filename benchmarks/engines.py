"""pyoxigraph and maplib side by side in one run: load, peak memory, every saved query, the network stage.

For each size a synthetic collection is generated (generate.py) and built; each engine's load time and peak
memory are measured in a fresh process of its own; then, in one process holding both, every saved query runs
--runs times on each engine, interleaved (oxigraph, maplib, oxigraph, ...), with the same bound query text, and
the medians and their ratio are printed, with whether the rows and their order agree. The network stage
(``graphs.correspondence``) is timed the same way. It prints figures; it is not a test.

    python benchmarks/engines.py --sizes 10000 100000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD = """
import json, resource, sys, time
t = time.perf_counter()
if sys.argv[1] == "oxigraph":
    from xjgraph.sparql.store import EmbeddedStore as S
else:
    from xjgraph.sparql.columnar import MaplibStore as S
store = S.from_file(sys.argv[2])
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def dump_for(size: int, work: Path) -> Path:
    src, out = work / f"syn-{size}", work / f"syn-{size}.ttl"
    if not out.is_file():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--records", str(size), "--out", str(src)],
            check=True,
            capture_output=True,
        )
        from xjgraph.rdf.build import build

        build(src, out, ROOT / "ontology")
    return out


def load_figures(engine: str, path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", LOAD, engine, str(path)], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default="/tmp/xjgraph-engines")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    from xjgraph.network import graphs
    from xjgraph.sparql import columnar, saved
    from xjgraph.sparql.store import EmbeddedStore

    for size in args.sizes:
        path = dump_for(size, work)
        print(f"\n## {size:,} records ({path.stat().st_size / 1e6:.0f} MB of Turtle)\n")
        for engine in ("oxigraph", "maplib"):
            f = load_figures(engine, path)
            print(f"load {engine:<9} {f['seconds']:7.2f} s   peak {f['peak_mb']:7.0f} MB")
        ox, ml = EmbeddedStore.from_file(path), columnar.MaplibStore.from_file(path)
        print(
            "\n| query | rows | oxigraph | maplib | oxigraph / maplib | same rows and order |\n|---|---|---|---|---|---|"
        )
        for name, q in sorted(saved.load_all().items()):
            times: dict[str, list[float]] = {"ox": [], "ml": []}
            answers = {}
            for _ in range(args.runs):
                for key, store in (("ox", ox), ("ml", ml)):
                    t = time.perf_counter()
                    answers[key] = saved.run(q, store)
                    times[key].append(time.perf_counter() - t)
            a, b = (statistics.median(times[k]) for k in ("ox", "ml"))
            same = answers["ox"].rows == answers["ml"].rows
            print(
                f"| {name} | {len(answers['ox'].rows)} | {a:.3f} s | {b:.3f} s | {a / b:.1f}x | {'yes' if same else 'NO'} |"
            )
        nets: dict[str, list[float]] = {"ox": [], "ml": []}
        for _ in range(args.runs):
            for key, store in (("ox", ox), ("ml", ml)):
                t = time.perf_counter()
                graphs.correspondence(store)
                nets[key].append(time.perf_counter() - t)
        a, b = (statistics.median(nets[k]) for k in ("ox", "ml"))
        print(f"| network stage (graphs.correspondence) | | {a:.3f} s | {b:.3f} s | {a / b:.1f}x | |")
        del ox, ml
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
