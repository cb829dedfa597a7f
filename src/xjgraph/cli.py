"""The ``xjgraph`` command line: parses arguments, calls the library, turns errors into exit codes.

Exit codes: 0 success, 1 other error, 2 usage error, 3 bad source, 4 graph fails SHACL,
5 query error, 6 endpoint error or timeout, 7 output cannot be written (the README lists them).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import QueryError, UsageError, XjgraphError
from .version import __version__

log = logging.getLogger("xjgraph")

STORE_DIR_HELP = (
    "keep an on-disk store of the dump in this folder and reuse it while the dump is unchanged: opens at once "
    "and needs less memory than the default in-memory store, but whole-collection queries run slower"
)
DATA_HELP = "the Turtle dump (default: data/records.ttl under the working folder)"
ENGINE_HELP = (
    "the embedded engine holding the dump: oxigraph (default; in memory, or on disk with --store-dir) or maplib "
    "(columnar, faster on whole-collection queries of a large dump, slower to load; pip install 'xjgraph[scale]')"
)


def _ontology(args: argparse.Namespace) -> Path:
    from .resources import ontology_dir

    return Path(args.ontology) if getattr(args, "ontology", None) else ontology_dir()


def _cmd_build(args: argparse.Namespace) -> int:
    from .rdf.build import build
    from .resources import DEFAULT_DUMP, sources_path

    out = args.out or DEFAULT_DUMP
    publish: dict = {}
    if args.endpoint:
        publish["sparql_endpoint"] = args.endpoint
    if args.dump:
        publish["dumps"] = args.dump
    for url in [args.endpoint or "", *(args.dump or [])]:
        if url and not url.startswith(("http://", "https://")):
            raise UsageError(f"{url!r} is not an http(s) URL")
    summary = build(
        sources_path(args.sources), out, _ontology(args), shacl="off" if args.no_shacl else args.shacl, publish=publish
    )
    for line in summary.lines():
        print(line)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Graph

    from .rdf.shacl import check
    from .sparql.dump import require, syntax_error

    path = require(args.data)
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except SyntaxError as exc:
        raise syntax_error(path, exc) from None
    check(g, _ontology(args))
    print(f"{path}: {len(g)} triples conform to {_ontology(args) / 'shapes.ttl'}")
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from .resources import sources_path
    from .sources import coverage, load

    cat = load(sources_path(args.sources))
    report = coverage.compute(cat)
    print(coverage.format_report(report))
    return 0 if report.unresolved_names == [] or not args.strict else 1


def _cmd_add(args: argparse.Namespace) -> int:
    from .files import write_atomic
    from .resources import sources_path
    from .sources import drafting, load

    if not args.jsonl and not (args.title and args.date):
        raise UsageError("xjgraph add needs --title and --date, or --jsonl FILE")
    cat = load(sources_path(args.sources))
    if args.jsonl:
        drafts = drafting.drafts_from_jsonl(cat, Path(args.jsonl))
    else:
        drafts = [drafting.draft(cat, args.title, args.date, url=args.url)]
    text = drafting.to_toml(drafts)
    if args.out:
        write_atomic(Path(args.out), text)
        print(f"{args.out}: {len(drafts)} draft records for a curator to confirm")
    else:
        sys.stdout.write(text)
    return 0


def _parse_params(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        name, eq, value = pair.partition("=")
        if not eq or not name:
            raise QueryError(f"--param takes NAME=VALUE, not {pair!r}")
        out[name.strip()] = value
    return out


def _note(text: str) -> None:
    """Something the user should know about an answer, on standard error (the answer itself is on stdout)."""
    from .console import safe

    print(f"xjgraph: {safe(text)}", file=sys.stderr)


def _cmd_query(args: argparse.Namespace) -> int:
    from .console import render
    from .sparql import saved

    if args.list:
        rows = []
        for name, q in saved.load_all(args.queries).items():
            defaults = ", ".join(f"{p.name}={p.default}" for p in q.params.values())
            rows.append([name, q.title, defaults])
        sys.stdout.write(render(["query", "title", "parameters (defaults)"], rows, footer=False) + "\n")
        return 0
    if not args.name:
        raise QueryError("name a saved query or a .rq file, or use --list")
    q = saved.find(args.name, args.queries)
    if args.describe:
        sys.stdout.write(q.describe())
        return 0
    params = _parse_params(args.param)
    q.bindings(params)  # bad parameters are reported before the dump is loaded
    result = saved.run(q, _target(args), params, timeout=args.timeout, note=_note)
    sys.stdout.write(saved.format_result(result, args.format, wrap=not args.no_wrap))
    return 0


GRAPH_FORMATS = ("ttl", "nt", "jsonld")


def _cmd_sparql(args: argparse.Namespace) -> int:
    from .console import render
    from .rdf.namespaces import PREFIXES
    from .sparql import adhoc, saved
    from .sparql.results import Cell, Result

    if args.prefixes:
        sys.stdout.write(render(["prefix", "namespace"], [[p + ":", ns] for p, ns in PREFIXES.items()], footer=False))
        sys.stdout.write("\n")
        return 0
    if args.file and args.query:
        raise UsageError("give the query inline, with -f FILE, or on standard input (-), not two of them")
    if args.file:
        try:
            text, source = Path(args.file).read_text(encoding="utf-8"), args.file
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{args.file}: cannot read the query: {exc}") from None
    elif args.query == "-" or (args.query is None and not sys.stdin.isatty()):
        text, source = sys.stdin.read(), "standard input"
    elif args.query:
        text, source = args.query, "query"
    else:
        raise UsageError("give a SPARQL query: inline, with -f FILE, or - for standard input")
    prepared = adhoc.prepare(text, allow_service=args.allow_service, source=source)
    graph_form = prepared.form in ("CONSTRUCT", "DESCRIBE")
    fmt = args.format or ("ttl" if graph_form else "table")
    if graph_form != (fmt in GRAPH_FORMATS):
        wanted = "ttl, nt or jsonld" if graph_form else "table, csv, tsv, json or md"
        raise UsageError(f"a {prepared.form} query prints as {wanted}, not {fmt}")
    answer = adhoc.run(_target(args), prepared, timeout=args.timeout)
    if isinstance(answer, bool):
        answer = Result(
            ["ask"], [[Cell("true" if answer else "false", "literal", "http://www.w3.org/2001/XMLSchema#boolean")]]
        )
    if isinstance(answer, Result):
        sys.stdout.write(saved.format_result(answer, fmt, wrap=not args.no_wrap))
        return 0
    sys.stdout.write(_graph_text(answer, fmt))
    return 0


def _graph_text(triples, fmt: str) -> str:
    from .publish import card, jsonld
    from .rdf import ontology
    from .resources import ontology_dir

    if fmt == "ttl":
        return card.turtle(triples)
    if fmt == "nt":
        return card.ntriples(triples)
    grouped: dict = {}
    for s, p, o in sorted(triples):  # by subject, then predicate and object: the same bytes every time
        grouped.setdefault(s, []).append((p, o))
    return jsonld.document(grouped.items(), ontology.context(ontology_dir()))


def _cmd_show(args: argparse.Namespace) -> int:
    from .publish import card
    from .rdf.namespaces import PREFIXES, expand
    from .sources import urls
    from .sparql import lookup
    from .sparql.results import Cell

    target = _target(args)
    what = args.entity.strip()
    if what.startswith(("http://", "https://")) and urls.is_archive(what):
        rows = target.select(
            "SELECT ?record WHERE { { ?record <https://schema.org/url> ?url } UNION "
            "{ ?record <https://schema.org/sameAs> ?url } } ORDER BY ?record",
            {"url": Cell(urls.canonical(what), "iri")},
        ).rows
        if not rows:
            raise QueryError(f"no record has the archive page {urls.canonical(what)}")
        iri = rows[0][0].value
    elif what.startswith("<") or what.startswith(("http://", "https://", "urn:")) or what.split(":", 1)[0] in PREFIXES:
        iri = expand(what, PREFIXES)
        lookup.check_iri(target, iri)
    else:
        found = lookup.find_by_name(target, what)
        _note(f"{what!r} is {found}")
        iri = found.iri
    if args.format == "card":
        sys.stdout.write(card.card(target, iri))
    else:
        sys.stdout.write(_graph_text(card.triples(target, iri), args.format))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .sparql import server

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be a port number from 1 to 65535 (0: any free port), not {args.port}")
    return server.serve(args.data, args.port, cors=not args.no_cors, allow_service=args.allow_service)


def _cmd_load(args: argparse.Namespace) -> int:
    from .sparql import server

    n = server.load(args.data, args.endpoint, args.graph, timeout=args.timeout)
    print(f"{args.endpoint}: graph <{args.graph}> replaced with {n} triples")
    return 0


def _target(args: argparse.Namespace):
    from .sparql.columnar import MaplibStore
    from .sparql.endpoint import RemoteEndpoint
    from .sparql.store import EmbeddedStore

    allow = bool(getattr(args, "allow_service", False))
    target: RemoteEndpoint | EmbeddedStore | MaplibStore
    engine = getattr(args, "engine", None) or "oxigraph"
    if engine == "maplib" and (getattr(args, "endpoint", None) or getattr(args, "store_dir", None)):
        raise UsageError("--engine maplib holds the dump in memory: it does not go with --endpoint or --store-dir")
    if engine == "maplib":
        target = MaplibStore.from_file(args.data)
    elif getattr(args, "endpoint", None):
        target = RemoteEndpoint(args.endpoint, getattr(args, "graph", None))
    elif getattr(args, "store_dir", None):
        target = EmbeddedStore.on_disk(args.data, args.store_dir)
    else:
        target = EmbeddedStore.from_file(args.data)
    target.allow_service = allow
    return target


def _cmd_metrics(args: argparse.Namespace) -> int:
    import json

    from .console import render
    from .network import graphs, metrics

    graphs.period_bounds(args.period)  # a bad period is reported before the dump is loaded
    g = graphs.correspondence(_target(args), args.period)
    rows = metrics.ranked(metrics.compute(g))
    if args.format == "json":
        print(json.dumps({"summary": metrics.summary(g), "nodes": rows}, ensure_ascii=False, indent=2))
        return 0
    if args.format == "table":
        s = metrics.summary(g)
        print(
            f"{s['nodes']} agents, {s['edges']} links, {s['records']} records, reciprocity {s['reciprocity']}, "
            f"{s['components']} components"
        )
        cols = metrics.COLUMNS[1:]  # every column but the IRI
    else:
        cols = metrics.COLUMNS
    sys.stdout.write(render(cols, [[r[c] for c in cols] for r in rows], args.format, footer=False).rstrip("\n") + "\n")
    return 0


def _cmd_maps(args: argparse.Namespace) -> int:
    from .publish import maps

    written = maps.write_maps(_target(args), args.out)
    print(f"{args.out}: {len(written)} files; open {args.out}/index.html")
    return 0


def _is_day(text: str) -> bool:
    from .sources import dates

    try:
        return dates.parse_plain(text).precision == "day"
    except ValueError:
        return False


def _cmd_export(args: argparse.Namespace) -> int:
    from .files import write_atomic
    from .network import graphs
    from .publish import cmif, dataset, netfiles

    if args.period and args.format not in ("gexf", "graphml", "csv"):
        raise UsageError(f"--period selects part of the network (gexf, graphml, csv); {args.format} exports it all")
    if args.format in dataset.FORMATS and (args.endpoint or args.store_dir):
        raise UsageError(
            f"{args.format} is a copy of the dump (--data); it cannot be read from --endpoint or --store-dir"
        )
    graphs.period_bounds(args.period)  # a bad period is reported before the dump is loaded
    if args.modified is not None and args.format != "gexf":
        raise UsageError("--modified is written only into GEXF files")
    if args.modified is not None and not _is_day(args.modified):
        raise UsageError(f"--modified {args.modified!r}: expected a day as YYYY-MM-DD")
    if args.format in dataset.FORMATS:
        dataset.export(args.data, args.format, args.out, _ontology(args))
        print(f"{args.out}: {args.format}")
        return 0
    if args.format == "cmif":
        xml = cmif.build(_target(args))
        write_atomic(Path(args.out), xml)
        print(f"{args.out}: {cmif.count_letters(xml)} letters")
        return 0
    target = _target(args)
    g = graphs.correspondence(target, args.period)
    if args.format in ("gexf", "graphml"):
        netfiles.network_file(g, args.out, args.format, args.modified)
        print(f"{args.out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    else:
        for path in netfiles.csv_tables(g, args.out, graphs.place_flows(target, args.period)):
            print(path)
    return 0


def _cmd_site(args: argparse.Namespace) -> int:
    from .publish import site

    counts = site.write_site(_target(args), args.out, _ontology(args), with_maps=not args.no_maps)
    print(f"{args.out}: " + ", ".join(f"{n} {k} pages" for k, n in counts.items()) + f"; open {args.out}/index.html")
    return 0


def _cmd_docs(args: argparse.Namespace) -> int:
    from .files import write_atomic
    from .publish import ontodoc

    target = _target(args) if args.data or args.endpoint else _default_target()
    write_atomic(Path(args.out), ontodoc.document(_ontology(args), target))
    print(f"{args.out}: ontology documentation")
    return 0


def _default_target():
    """The store of ./data/records.ttl when there is one (docs are written without examples otherwise)."""
    from .resources import DEFAULT_DUMP
    from .sparql.store import EmbeddedStore

    return EmbeddedStore.from_file(DEFAULT_DUMP) if DEFAULT_DUMP.is_file() else None


def _cmd_plot(args: argparse.Namespace) -> int:
    from .publish import plots

    out = plots.plot(args.name, _target(args), args.out)
    print(f"{out}: {out.stat().st_size} bytes")
    return 0


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="count", default=argparse.SUPPRESS, help="say what is done (-vv: more)"
    )
    ap = argparse.ArgumentParser(
        prog="xjgraph", description="Knowledge graph of the Soviet records on Xinjiang, 1934-1949.", parents=[common]
    )
    ap.add_argument("--version", action="version", version=f"xjgraph {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_, parents=[common])

    def paths(p: argparse.ArgumentParser) -> None:
        p.add_argument("--sources", help="folder of curated TOML sources (default: data/sources)")
        p.add_argument("--ontology", help="ontology folder with shapes.ttl (default: the one shipped with xjgraph)")

    def source(p: argparse.ArgumentParser) -> None:
        p.add_argument("--endpoint", help="read the graph from this SPARQL endpoint instead of the dump")
        p.add_argument("--graph", help="with --endpoint: the graph to query as the default graph")
        p.add_argument("--data", help=DATA_HELP)
        p.add_argument("--store-dir", help=STORE_DIR_HELP)
        p.add_argument("--engine", choices=("oxigraph", "maplib"), default="oxigraph", help=ENGINE_HELP)

    p = command("build", "validate the sources and write data/records.ttl")
    paths(p)
    p.add_argument("--out", help="Turtle dump to write (default: data/records.ttl)")
    p.add_argument(
        "--shacl",
        choices=("auto", "full", "sample", "off"),
        default="auto",
        help="SHACL validation: the whole graph, a sample of records, or none; auto = whole graph up to "
        "5,000 records (default: %(default)s)",
    )
    p.add_argument("--no-shacl", action="store_true", help="same as --shacl off")
    p.add_argument(
        "--endpoint", help="the public SPARQL endpoint to name in void.ttl (default: [publish] in the sources)"
    )
    p.add_argument(
        "--dump",
        action="append",
        metavar="URL",
        help="a URL where the dump can be downloaded, for void.ttl (repeatable)",
    )
    p.set_defaults(func=_cmd_build)

    p = command("validate", "check the whole dump against the SHACL shapes")
    p.add_argument("--data", help=DATA_HELP)
    p.add_argument("--ontology", help="ontology folder with shapes.ttl (default: the one shipped with xjgraph)")
    p.set_defaults(func=_cmd_validate)

    p = command("stats", "coverage report of the curation")
    paths(p)
    p.add_argument("--strict", action="store_true", help="exit 1 when a name in a title resolves to nothing")
    p.set_defaults(func=_cmd_stats)

    p = command("add", "draft source records from a title and date, or from a catalogue-shaped JSONL file")
    paths(p)
    p.add_argument("--title")
    p.add_argument("--date", help="the date as the archive prints it (October 14, 1949) or as EDTF")
    p.add_argument("--url")
    p.add_argument("--jsonl", help="a JSONL file shaped like the catalogue")
    p.add_argument("--out", help="write the drafts to this TOML file instead of standard output")
    p.set_defaults(func=_cmd_add)

    p = command("query", "run a saved SPARQL query on the embedded store or an endpoint")
    p.add_argument("name", nargs="?", help="a saved query name (see --list) or a .rq file")
    p.add_argument("--list", action="store_true", help="list the saved queries with their parameters")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="a query parameter (repeatable)")
    p.add_argument("--format", choices=("table", "csv", "tsv", "json", "md"), default="table")
    p.add_argument("--timeout", type=float, default=60, help="seconds to wait for an endpoint (default: %(default)s)")
    p.add_argument("--queries", help="folder of saved queries (default: the ones shipped with xjgraph)")
    p.add_argument("--describe", action="store_true", help="print the query's title, parameters and columns")
    p.add_argument("--no-wrap", action="store_true", help="one line per row in tables, however wide")
    p.add_argument("--allow-service", action="store_true", help="let SERVICE clauses call other servers")
    source(p)
    p.set_defaults(func=_cmd_query)

    p = command("sparql", "run your own SPARQL query (inline, -f FILE or - for standard input)")
    p.add_argument("query", nargs="?", help="the query text, or - to read it from standard input")
    p.add_argument("-f", "--file", help="read the query from this file (a header block is optional)")
    p.add_argument("--prefixes", action="store_true", help="list the prefixes every query has declared")
    p.add_argument(
        "--format",
        choices=("table", "csv", "tsv", "json", "md", *GRAPH_FORMATS),
        help="table, csv, tsv, json or md for SELECT and ASK (default table); ttl, nt or jsonld for CONSTRUCT "
        "and DESCRIBE (default ttl)",
    )
    p.add_argument("--no-wrap", action="store_true", help="one line per row in tables, however wide")
    p.add_argument("--timeout", type=float, default=60, help="seconds to wait for an endpoint (default: %(default)s)")
    p.add_argument("--allow-service", action="store_true", help="let SERVICE clauses call other servers")
    source(p)
    p.set_defaults(func=_cmd_sparql)

    p = command("show", "one entity as a readable card, or its triples")
    p.add_argument("entity", help="a name in any script, a CURIE (person:stalin), an IRI or a Digital Archive page")
    p.add_argument("--format", choices=("card", *GRAPH_FORMATS), default="card")
    source(p)
    p.set_defaults(func=_cmd_show)

    p = command("serve", "serve the graph as a read-only SPARQL endpoint on 127.0.0.1")
    p.add_argument("--port", type=int, default=7878, help="port on 127.0.0.1 (default: %(default)s)")
    p.add_argument("--data", help=DATA_HELP)
    p.add_argument(
        "--no-cors", action="store_true", help="refuse pages of other origins (answered by default: loopback only)"
    )
    p.add_argument("--allow-service", action="store_true", help="let SERVICE clauses call other servers")
    p.set_defaults(func=_cmd_serve)

    p = command("load", "replace a named graph on a SPARQL Update endpoint with the dump")
    p.add_argument("--endpoint", required=True, help="the SPARQL 1.1 Update endpoint URL")
    p.add_argument(
        "--graph", default="https://w3id.org/xjgraph/graph/records", help="named graph (default: %(default)s)"
    )
    p.add_argument("--data", help=DATA_HELP)
    p.add_argument("--timeout", type=float, default=120)
    p.set_defaults(func=_cmd_load)

    p = command("metrics", "network metrics of the correspondence network")
    p.add_argument("--period", help="an EDTF date or interval, e.g. 1944/1949")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    source(p)
    p.set_defaults(func=_cmd_metrics)

    p = command("maps", "write the interactive HTML maps and their index")
    p.add_argument("--out", default="out/maps", help="folder to write (default: %(default)s)")
    source(p)
    p.set_defaults(func=_cmd_maps)

    p = command("export", "export the dataset (jsonld, nt, ttl, cmif) or the network (gexf, graphml, csv)")
    p.add_argument("--format", required=True, choices=("jsonld", "nt", "ttl", "cmif", "gexf", "graphml", "csv"))
    p.add_argument("--out", required=True, help="a file, or a folder for csv")
    p.add_argument("--ontology", help="ontology folder with context.jsonld (default: the one shipped with xjgraph)")
    p.add_argument("--period", help="an EDTF date or interval, e.g. 1944/1949")
    p.add_argument(
        "--modified",
        metavar="YYYY-MM-DD",
        help="write this date as the GEXF file's last-modified date (by default none, so the bytes depend only on "
        "the data)",
    )
    source(p)
    p.set_defaults(func=_cmd_export)

    p = command("site", "write the static site of entity pages with search")
    p.add_argument("--out", default="out/site", help="folder to write (default: %(default)s)")
    p.add_argument("--ontology", help="ontology folder (default: the one shipped with xjgraph)")
    p.add_argument("--no-maps", action="store_true", help="leave the maps out of the site")
    source(p)
    p.set_defaults(func=_cmd_site)

    p = command("docs", "write the HTML documentation of the ontology")
    p.add_argument("--out", default="out/ontology.html")
    p.add_argument("--ontology", help="ontology folder (default: the one shipped with xjgraph)")
    p.add_argument("--data", help="the dump the examples are taken from (default: data/records.ttl if there)")
    p.add_argument("--endpoint", help="take the examples from this SPARQL endpoint")
    p.add_argument("--graph", help="with --endpoint: the graph to query as the default graph")
    p.set_defaults(func=_cmd_docs)

    p = command("plot", "draw a plot as PNG: timeline, correspondents or brokers")
    p.add_argument("name", choices=("timeline", "correspondents", "brokers"))
    p.add_argument("--out", required=True, help="the PNG file to write")
    source(p)
    p.set_defaults(func=_cmd_plot)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from .console import setup_logging

    setup_logging(getattr(args, "verbose", 0))
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
