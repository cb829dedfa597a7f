"""Benchmark: how fast the slowest saved queries could possibly be on the embedded store.

Prints figures; it is not a test. For each saved query that reads the whole collection, its *floor* is the
join it cannot avoid (the properties of every record its answer is made from), counted by the engine with
no names, no ordering, no grouping and no rows handed to Python. Any way of writing the query costs at least
that, so a floor above 1 s means no rewrite brings the query under 1 s on this engine. The floors take the
queries' default parameters, and the listing queries' floors count exactly their rows.

Beside each floor it times the query's *engine share*: the query's own solutions iterated in the engine,
ordered and named as the saved query asks, but with no term turned into a Python value. With
``--baseline NAME ...`` it also loads the dump into rdflib's default store in the same process and times
those queries there, alternating with the embedded store, to show how fast 20x rdflib would have to be.

Usage: python benchmarks/floors.py DUMP [--runs N] [--baseline correspondence-chains uncertain-dates]

>>> [f.name for f in FLOORS][:2]
['edge-list', 'active-across-the-break']
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from xjgraph.rdf.namespaces import sparql_prefixes  # noqa: E402
from xjgraph.sparql import saved as queries  # noqa: E402
from xjgraph.sparql.binding import inject_values  # noqa: E402
from xjgraph.sparql.store import EmbeddedStore  # noqa: E402

PREFIXES = sparql_prefixes()
ROLES = "VALUES ?role { schema:sender schema:recipient xj:participant xj:intermediary }"
# both ends of a reply or forward: the later record's date, date bound and title, the earlier's date and title
LINK = (
    "?record dcterms:date ?d ; xj:earliestDate ?e ; dcterms:title ?t . ?earlier dcterms:date ?d2 ; dcterms:title ?t2 ."
)


class Floor(NamedTuple):
    name: str  # the saved query
    pattern: str  # the join it cannot avoid
    same_rows: bool  # the pattern has exactly the query's rows (a listing, not an aggregate)


FLOORS = [
    Floor(
        "edge-list",
        "?r schema:sender ?s ; schema:recipient ?t ; xj:earliestDate ?e ; xj:latestDate ?l . "
        "FILTER(?l >= ?from && ?e <= ?to)",
        False,
    ),
    Floor(
        "active-across-the-break",
        f"{{ SELECT ?r ?p WHERE {{ ?r xj:latestDate ?l . FILTER(?l <= ?until) {ROLES} ?r ?role ?p }} }} UNION "
        f"{{ SELECT ?r ?p WHERE {{ ?r xj:earliestDate ?e . FILTER(?e >= ?since) {ROLES} ?r ?role ?p }} }}",
        False,
    ),
    Floor(
        "uncertain-dates",
        "?r a rico:Record ; xj:datePrecision ?p ; dcterms:date ?d ; xj:earliestDate ?e ; xj:latestDate ?l ; "
        'dcterms:title ?t . FILTER(?p != "day")',
        True,
    ),
    Floor(
        "correspondence-chains",
        f"{{ ?record xj:repliesTo ?earlier . {LINK} }} UNION {{ ?record xj:forwards ?earlier . {LINK} }}",
        True,
    ),
    Floor("records-per-side", "?r schema:sender ?s ; xj:earliestDate ?d . ?s xj:side ?side .", False),
    Floor(
        "intermediaries",
        "?r xj:intermediary ?v ; schema:sender ?s ; schema:recipient ?t ; dcterms:date ?d ; xj:earliestDate ?e ; "
        "dcterms:title ?ti .",
        True,
    ),
    Floor("mentioned-never-writing", "?r schema:about ?p . ?p a schema:Person .", False),
]


def measure(store: EmbeddedStore, folder: str | Path = ROOT / "queries", runs: int = 5) -> list[dict]:
    """Median seconds and rows of each slow saved query and of its floor, side by side."""
    saved = queries.load_all(folder)
    out = []
    for floor in FLOORS:
        q = saved[floor.name]
        counted = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { " + floor.pattern + " }"
        query_s, floor_s, engine_s, rows, count, iterated = [], [], [], 0, 0, 0
        for _ in range(runs):  # alternate, so all three see the same machine
            t = time.perf_counter()
            rows = len(queries.run(q, store).rows)
            query_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            count = int(store.select(counted, q.bindings()).rows[0][0].value)  # the query's own parameters
            floor_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            iterated = engine_share(store, q)
            engine_s.append(time.perf_counter() - t)
        assert iterated == rows, (floor.name, iterated, rows)
        out.append(
            {
                "query": floor.name,
                "rows": rows,
                "seconds": statistics.median(query_s),
                "engine_seconds": statistics.median(engine_s),
                "floor_rows": count,
                "floor_seconds": statistics.median(floor_s),
                "same_rows": floor.same_rows,
            }
        )
    return out


def _text(q: queries.SavedQuery) -> str:
    """The saved query's text with its default parameters bound, as queries.run binds them."""
    return inject_values(q.text, q.bindings()) if q.params else q.text


def engine_share(store: EmbeddedStore, q: queries.SavedQuery) -> int:
    """Iterate the saved query's solutions inside pyoxigraph without reading a term; return how many."""
    return sum(1 for _ in store.store.query(_text(q)))


def baseline(dump: str | Path, store: EmbeddedStore, names: list[str], runs: int = 5) -> list[dict]:
    """Each named saved query on rdflib's default in-memory store and on the embedded store, alternately."""
    from rdflib import Graph

    t = time.perf_counter()
    g = Graph()
    g.parse(str(dump), format="turtle")
    print(f"rdflib parsed {len(g):,} triples in {time.perf_counter() - t:.1f} s", flush=True)
    saved = queries.load_all(ROOT / "queries")
    out = []
    for name in names:
        q = saved[name]
        text = _text(q)
        ours, engine, theirs = [], [], []
        for _ in range(runs):
            t = time.perf_counter()
            rows = len(queries.run(q, store).rows)
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            engine_share(store, q)
            engine.append(time.perf_counter() - t)
            t = time.perf_counter()
            their_rows = len(list(g.query(text)))
            theirs.append(time.perf_counter() - t)
        assert rows == their_rows, (name, rows, their_rows)
        out.append(
            {
                "query": name,
                "rows": rows,
                "rdflib_seconds": statistics.median(theirs),
                "seconds": statistics.median(ours),
                "engine_seconds": statistics.median(engine),
            }
        )
    return out


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(cells) + " |" for cells in [header, ["---"] * len(header), *rows])


def baseline_table(figures: list[dict]) -> str:
    header = ["query", "rows", "rdflib (median)", "20x needs", "embedded store (median)", "speed-up", "engine share"]
    rows = [
        [
            f["query"],
            f"{f['rows']:,}",
            f"{f['rdflib_seconds']:.3f} s",
            f"<= {f['rdflib_seconds'] / 20:.3f} s",
            f"{f['seconds']:.3f} s",
            f"{f['rdflib_seconds'] / f['seconds']:.1f}x",
            f"{f['engine_seconds']:.3f} s",
        ]
        for f in figures
    ]
    return _markdown(header, rows)


def table(figures: list[dict]) -> str:
    header = [
        "query",
        "rows",
        "query (median)",
        "engine share",
        "floor: joined rows",
        "floor (median)",
        "floor / query",
    ]
    rows = [
        [
            f["query"],
            f"{f['rows']:,}",
            f"{f['seconds']:.2f} s",
            f"{f['engine_seconds']:.2f} s",
            f"{f['floor_rows']:,}",
            f"{f['floor_seconds']:.2f} s",
            f"{f['floor_seconds'] / f['seconds']:.0%}",
        ]
        for f in figures
    ]
    return _markdown(header, rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", help="a Turtle dump written by xjgraph build")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baseline", nargs="*", default=[], metavar="QUERY", help="also time these queries on rdflib")
    ap.add_argument("--no-floors", action="store_true", help="only the rdflib comparison")
    args = ap.parse_args()
    t = time.perf_counter()
    store = EmbeddedStore.from_file(args.dump)
    print(f"loaded {len(store.store):,} triples in {time.perf_counter() - t:.1f} s", flush=True)
    if not args.no_floors:
        print(table(measure(store, runs=args.runs)), flush=True)
    if args.baseline:
        print(baseline_table(baseline(args.dump, store, args.baseline, runs=args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
