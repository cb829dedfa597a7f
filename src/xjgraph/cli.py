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

    summary = build(args.sources, args.out, args.ontology, shacl=not args.no_shacl)
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


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="xjgraph", description="Knowledge graph of the Soviet records on Xinjiang, 1934-1949."
    )
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="validate the sources and write data/records.ttl")
    _paths(p)
    p.add_argument("--out", default="data/records.ttl", help="Turtle dump to write (default: %(default)s)")
    p.add_argument("--no-shacl", action="store_true", help="skip SHACL validation of the generated graph")
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


if __name__ == "__main__":
    sys.exit(main())
