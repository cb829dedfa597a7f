"""The ``xjgraph`` command line: parses arguments, calls the library, turns errors into exit codes.

Exit codes: 0 success, 1 other error, 2 usage error, 3 bad source, 4 graph fails SHACL,
5 query error, 6 endpoint error or timeout, 7 output cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import XjgraphError


def _paths(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sources", default="data/sources", help="folder of curated TOML sources (default: %(default)s)")
    p.add_argument("--ontology", default="ontology", help="ontology folder with shapes.ttl (default: %(default)s)")


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    summary = build(args.sources, args.out, args.ontology, shacl="off" if args.no_shacl else args.shacl)
    for line in summary.lines():
        print(line)
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from . import sources, stats

    cat = sources.load(args.sources)
    report = stats.compute(cat)
    print(stats.format_report(report))
    return 0 if report.unresolved_names == [] or not args.strict else 1


def _cmd_add(args: argparse.Namespace) -> int:
    from . import curate, sources

    cat = sources.load(args.sources)
    if args.jsonl:
        drafts = curate.drafts_from_jsonl(cat, Path(args.jsonl))
    elif args.title and args.date:
        drafts = [curate.draft(cat, args.title, args.date, url=args.url)]
    else:
        raise XjgraphError("xjgraph add needs --title and --date, or --jsonl FILE")
    text = curate.to_toml(drafts)
    if args.out:
        from .build import write_atomic

        write_atomic(Path(args.out), text)
        print(f"{args.out}: {len(drafts)} draft records for a curator to confirm")
    else:
        sys.stdout.write(text)
    return 0


def _parse_params(pairs: list[str]) -> dict[str, str]:
    from .errors import QueryError

    out = {}
    for pair in pairs or []:
        name, eq, value = pair.partition("=")
        if not eq or not name:
            raise QueryError(f"--param takes NAME=VALUE, not {pair!r}")
        out[name.strip()] = value
    return out


def _cmd_query(args: argparse.Namespace) -> int:
    from . import queries
    from .errors import QueryError

    if args.list:
        for name, q in queries.load_all(args.queries).items():
            params = ", ".join(f"{p.name}={p.default}" for p in q.params.values())
            print(f"{name:<28} {q.title}" + (f"  [{params}]" if params else ""))
        return 0
    if not args.name:
        raise QueryError("name a saved query or a .rq file, or use --list")
    q = queries.find(args.name, args.queries)
    params = _parse_params(args.param)
    result = queries.run(q, _target(args), params, timeout=args.timeout)
    sys.stdout.write(queries.format_result(result, args.format))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from . import server

    server.serve(args.data, args.port)
    return 0


def _cmd_load(args: argparse.Namespace) -> int:
    from . import server

    n = server.load(args.data, args.endpoint, args.graph, timeout=args.timeout)
    print(f"{args.endpoint}: graph <{args.graph}> replaced with {n} triples")
    return 0


STORE_DIR_HELP = (
    "keep an on-disk store of the dump in this folder and reuse it while the dump is unchanged: opens at once "
    "and needs less memory than the default in-memory store, but whole-collection queries run slower"
)


def _target(args: argparse.Namespace):
    from .store import EmbeddedStore, RemoteEndpoint

    if getattr(args, "endpoint", None):
        return RemoteEndpoint(args.endpoint, getattr(args, "graph", None))
    if getattr(args, "store_dir", None):
        return EmbeddedStore.on_disk(args.data, args.store_dir)
    return EmbeddedStore.from_file(args.data)


def _cmd_metrics(args: argparse.Namespace) -> int:
    import csv
    import json

    from . import metrics, network

    network.period_bounds(args.period)  # a bad period is reported before the dump is loaded
    g = network.correspondence(_target(args), args.period)
    rows = metrics.ranked(metrics.compute(g))
    if args.format == "json":
        print(json.dumps({"summary": metrics.summary(g), "nodes": rows}, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=metrics.COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    else:
        s = metrics.summary(g)
        print(
            f"{s['nodes']} agents, {s['edges']} links, {s['records']} records, reciprocity {s['reciprocity']}, "
            f"{s['components']} components"
        )
        cols = metrics.COLUMNS[1:]  # every column but the IRI
        print("  ".join(f"{c:>11}" if c != "label" else f"{c:<28}" for c in cols))
        for r in rows:
            print("  ".join(f"{str(r[c])[:28]:<28}" if c == "label" else f"{r[c]!s:>11}" for c in cols))
    return 0


def _cmd_maps(args: argparse.Namespace) -> int:
    from . import maps

    written = maps.write_maps(_target(args), args.out)
    print(f"{args.out}: {len(written)} files; open {args.out}/index.html")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from . import cmif, dataset, export, network
    from .build import write_atomic
    from .errors import UsageError

    if args.period and args.format not in ("gexf", "graphml", "csv"):
        raise UsageError(f"--period selects part of the network (gexf, graphml, csv); {args.format} exports it all")
    if args.format in dataset.FORMATS and (args.endpoint or args.store_dir):
        raise UsageError(
            f"{args.format} is a copy of the dump (--data); it cannot be read from --endpoint or --store-dir"
        )
    network.period_bounds(args.period)  # a bad period is reported before the dump is loaded
    if args.format in dataset.FORMATS:
        dataset.export(args.data, args.format, args.out, args.ontology)
        print(f"{args.out}: {args.format}")
        return 0
    if args.format == "cmif":
        xml = cmif.build(_target(args))
        write_atomic(Path(args.out), xml.decode("utf-8"))
        print(f"{args.out}: {cmif.count_letters(xml)} letters")
        return 0
    g = network.correspondence(_target(args), args.period)
    if args.format in ("gexf", "graphml"):
        export.network_file(g, args.out, args.format)
        print(f"{args.out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    else:
        for path in export.csv_tables(g, args.out):
            print(path)
    return 0


def _cmd_site(args: argparse.Namespace) -> int:
    from . import site

    counts = site.write_site(_target(args), args.out, args.ontology, args.data, with_maps=not args.no_maps)
    print(f"{args.out}: " + ", ".join(f"{n} {k} pages" for k, n in counts.items()) + f"; open {args.out}/index.html")
    return 0


def _cmd_docs(args: argparse.Namespace) -> int:
    from . import ontodoc
    from .build import write_atomic

    write_atomic(Path(args.out), ontodoc.document(args.ontology, args.data))
    print(f"{args.out}: ontology documentation")
    return 0


def _cmd_plot(args: argparse.Namespace) -> int:
    from . import plots

    out = plots.plot(args.name, _target(args), args.out)
    print(f"{out}: {out.stat().st_size} bytes")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="xjgraph", description="Knowledge graph of the Soviet records on Xinjiang, 1934-1949."
    )
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="validate the sources and write data/records.ttl")
    _paths(p)
    p.add_argument("--out", default="data/records.ttl", help="Turtle dump to write (default: %(default)s)")
    p.add_argument(
        "--shacl",
        choices=("auto", "full", "sample", "off"),
        default="auto",
        help="SHACL validation: the whole graph, a sample of records, or none; auto = whole graph up to "
        "5,000 records (default: %(default)s)",
    )
    p.add_argument("--no-shacl", action="store_true", help="same as --shacl off")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("stats", help="coverage report of the curation")
    _paths(p)
    p.add_argument("--strict", action="store_true", help="exit 1 when a name in a title resolves to nothing")
    p.set_defaults(func=_cmd_stats)

    p = sub.add_parser("add", help="draft source records from a title and date, or from a catalogue-shaped JSONL file")
    _paths(p)
    p.add_argument("--title")
    p.add_argument("--date", help="the date as the archive prints it (October 14, 1949) or as EDTF")
    p.add_argument("--url")
    p.add_argument("--jsonl", help="a JSONL file shaped like the catalogue")
    p.add_argument("--out", help="write the drafts to this TOML file instead of standard output")
    p.set_defaults(func=_cmd_add)

    p = sub.add_parser("query", help="run a saved SPARQL query on the embedded store or an endpoint")
    p.add_argument("name", nargs="?", help="a saved query name (see --list) or a .rq file")
    p.add_argument("--list", action="store_true", help="list the saved queries with their parameters")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="a query parameter (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "json", "md"), default="table")
    p.add_argument("--endpoint", help="a SPARQL 1.1 query endpoint URL instead of the embedded store")
    p.add_argument("--graph", help="with --endpoint: the graph to query as the default graph")
    p.add_argument("--timeout", type=float, default=60, help="seconds to wait for an endpoint (default: %(default)s)")
    p.add_argument("--queries", default="queries", help="folder of saved queries (default: %(default)s)")
    p.add_argument("--data", default="data/records.ttl", help="the Turtle dump (default: %(default)s)")
    p.add_argument("--store-dir", help=STORE_DIR_HELP)
    p.set_defaults(func=_cmd_query)

    p = sub.add_parser("serve", help="serve the graph as a read-only SPARQL endpoint on 127.0.0.1")
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--data", default="data/records.ttl")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("load", help="replace a named graph on a SPARQL Update endpoint with the dump")
    p.add_argument("--endpoint", required=True, help="the SPARQL 1.1 Update endpoint URL")
    p.add_argument(
        "--graph", default="https://w3id.org/xjgraph/graph/records", help="named graph (default: %(default)s)"
    )
    p.add_argument("--data", default="data/records.ttl")
    p.add_argument("--timeout", type=float, default=120)
    p.set_defaults(func=_cmd_load)

    def _source(p: argparse.ArgumentParser) -> None:
        p.add_argument("--endpoint", help="read the graph from this SPARQL endpoint instead of the dump")
        p.add_argument("--graph", help="with --endpoint: the graph to query as the default graph")
        p.add_argument("--data", default="data/records.ttl")
        p.add_argument("--store-dir", help=STORE_DIR_HELP)

    p = sub.add_parser("metrics", help="network metrics of the correspondence network")
    p.add_argument("--period", help="an EDTF date or interval, e.g. 1944/1949")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _source(p)
    p.set_defaults(func=_cmd_metrics)

    p = sub.add_parser("maps", help="write the interactive HTML maps and their index")
    p.add_argument("--out", default="out/maps", help="folder to write (default: %(default)s)")
    _source(p)
    p.set_defaults(func=_cmd_maps)

    p = sub.add_parser("export", help="export the dataset (jsonld, nt, ttl, cmif) or the network (gexf, graphml, csv)")
    p.add_argument("--format", required=True, choices=("jsonld", "nt", "ttl", "cmif", "gexf", "graphml", "csv"))
    p.add_argument("--out", required=True, help="a file, or a folder for csv")
    p.add_argument("--ontology", default="ontology", help="ontology folder with context.jsonld (default: %(default)s)")
    p.add_argument("--period", help="an EDTF date or interval, e.g. 1944/1949")
    _source(p)
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("site", help="write the static site of entity pages with search")
    p.add_argument("--out", default="out/site", help="folder to write (default: %(default)s)")
    p.add_argument("--ontology", default="ontology")
    p.add_argument("--no-maps", action="store_true", help="leave the maps out of the site")
    _source(p)
    p.set_defaults(func=_cmd_site)

    p = sub.add_parser("docs", help="write the HTML documentation of the ontology")
    p.add_argument("--out", default="out/ontology.html")
    p.add_argument("--ontology", default="ontology")
    p.add_argument("--data", default="data/records.ttl", help="the dump the examples are taken from")
    p.set_defaults(func=_cmd_docs)

    p = sub.add_parser("plot", help="draw a plot as PNG: timeline, correspondents or brokers")
    p.add_argument("name", choices=("timeline", "correspondents", "brokers"))
    p.add_argument("--out", required=True, help="the PNG file to write")
    _source(p)
    p.set_defaults(func=_cmd_plot)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except XjgraphError as exc:
        print(f"xjgraph {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
