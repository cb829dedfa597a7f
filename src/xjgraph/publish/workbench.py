"""The SPARQL workbench of the site (``sparql.html``): YASGUI with every saved query as a tab and its parameters
as a form, answered by Oxigraph compiled to WebAssembly over the site's own copy of the dump.

Nothing is fetched: the dump, the queries and the engine are in the page and its ``static/`` scripts, so the
workbench works from ``file://`` and from any static host. The page exposes ``window.xjgraphSparql(text)``,
a Promise of the SPARQL JSON results, and ``window.xjgraphQueries`` (each saved query with its text bound to
its defaults, the same text ``xjgraph query NAME`` sends).

>>> html = page("<https://w3id.org/x> <https://w3id.org/p> \\"</script>\\" .\\n")
>>> "</script>\\"" not in html and "correspondence-between" in html
True
"""

from __future__ import annotations

from typing import Any

from ..rdf.namespaces import PREFIXES
from ..sparql import saved
from ..sparql.binding import inject_values
from . import html

MAX_TRIPLES = 2_000_000  # above this, the browser is not given the whole dump (the page says so)


def queries() -> list[dict[str, Any]]:
    """Every saved query as the workbench shows it: header, parameters, text, and text bound to its defaults."""
    out = []
    for name, q in sorted(saved.load_all().items()):
        bindings = q.bindings()
        out.append(
            {
                "name": name,
                "title": q.title,
                "description": q.description,
                "params": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "default": p.default,
                        "doc": p.doc,
                        "help": saved.TYPE_DOCS.get(p.type, p.type),
                    }
                    for p in q.params.values()
                ],
                "columns": q.columns,
                "text": q.text,
                "bound": inject_values(q.text, bindings) if bindings else q.text,
            }
        )
    return out


def page(dump_text: str, static: str = "static/", root: str = "", footer: dict | None = None) -> str:
    """The workbench page with ``dump_text`` (Turtle) as its data."""
    triples = dump_text.count(" .\n")  # enough to say whether the dump is too large to give a browser
    data = {
        "dump": dump_text if triples <= MAX_TRIPLES else "",
        "too_large": triples > MAX_TRIPLES,
        "prefixes": PREFIXES,
        "queries": queries(),
    }
    return html.render("sparql.html", title="SPARQL workbench", data=data, static=static, root=root, footer=footer)
