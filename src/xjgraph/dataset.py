"""The dataset in other RDF serialisations: JSON-LD (with ``ontology/context.jsonld``), N-Triples and Turtle.

Each output is deterministic and parses back to a graph isomorphic to ``data/records.ttl``.
"""

from __future__ import annotations

import json
from pathlib import Path

from .build import write_atomic
from .dump import read_graph, require
from .errors import OutputError

FORMATS = ("jsonld", "nt", "ttl")


def load_context(ontology_dir: str | Path = "ontology") -> dict:
    path = Path(ontology_dir) / "context.jsonld"
    try:
        return json.loads(path.read_text(encoding="utf-8"))["@context"]
    except (OSError, ValueError, KeyError) as exc:
        raise OutputError(f"{path}: cannot read the JSON-LD context: {exc}") from None


def _sorted_json(value):
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def serialize(dump: str | Path, fmt: str, ontology_dir: str | Path = "ontology") -> str:
    """The dump as ``fmt`` text."""
    path = require(dump)
    if fmt == "ttl":
        return path.read_text(encoding="utf-8")
    g = read_graph(path)
    if fmt == "nt":
        lines = sorted(line for line in g.serialize(format="nt").splitlines() if line.strip())
        return "\n".join(lines) + "\n"
    if fmt == "jsonld":
        context = load_context(ontology_dir)
        doc = json.loads(g.serialize(format="json-ld", context=context, auto_compact=True))
        graph = doc.get("@graph", [])
        doc["@graph"] = sorted((_sorted_json(node) for node in graph), key=lambda n: n.get("@id", ""))
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    raise OutputError(f"unknown dataset format {fmt!r}: use one of {', '.join(FORMATS)}")


def export(dump: str | Path, fmt: str, out: str | Path, ontology_dir: str | Path = "ontology") -> Path:
    write_atomic(Path(out), serialize(dump, fmt, ontology_dir))
    return Path(out)
