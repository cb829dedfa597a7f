"""Parameters bound into query text as a ``VALUES`` block of escaped RDF terms, never spliced as text.

The same text goes to the embedded store and to any endpoint, so a parameter means the same on both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from ..errors import QueryError
from ..rdf.namespaces import XSD
from .results import Cell


def term_to_sparql(cell: Cell | None) -> str:
    """A term in SPARQL syntax, escaped, for VALUES blocks (None is UNDEF: the variable stays unbound)."""
    if cell is None:
        return "UNDEF"
    if cell.kind == "iri":
        if re.search(r'[\x00-\x20<>"{}|^`\\]', cell.value):
            raise QueryError(f"not a valid IRI: {cell.value!r}")
        return f"<{cell.value}>"
    text = json.dumps(cell.value, ensure_ascii=False)  # JSON string escapes are valid SPARQL string escapes
    if cell.lang:
        return f"{text}@{cell.lang}"
    if cell.datatype and cell.datatype != XSD.string:
        return f"{text}^^<{cell.datatype}>"
    return text


_WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORM_RE = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_SERVICE_RE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def refuse_service(query: str, allow_service: bool) -> None:
    """Refuse a federated query (``SERVICE``) unless it is allowed: it would send requests to other hosts.

    >>> refuse_service("SELECT * { ?s ?p 'SERVICE' } # SERVICE", False)
    >>> refuse_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", False)
    Traceback (most recent call last):
    ...
    xjgraph.errors.QueryError: the query uses SERVICE, which would send requests to other servers; allow it explicitly with --allow-service if that is what you want
    """
    if not allow_service and _SERVICE_RE.search(mask_strings_and_comments(query)):
        raise QueryError(
            "the query uses SERVICE, which would send requests to other servers; "
            "allow it explicitly with --allow-service if that is what you want"
        )


_IRI_RE = re.compile(r"<[^\s<>\"{}|^`\\]*>")


def inject_values(query: str, bindings: Mapping[str, Cell | None], keep_unbound: bool = False) -> str:
    """Bind variables by a VALUES block at the start of every WHERE group (the query's and its subqueries').

    Values are serialised as escaped RDF terms, never pasted as text: a string such as
    ``"} ; DROP ALL ; #`` stays one literal. A subquery sees the parameters too, so a saved query can
    aggregate inside a subquery with a parameter; one that does not use them is joined with one row.

    >>> print(inject_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": Cell('"} ; DROP ALL ; #')}))
    SELECT ?x WHERE { VALUES (?o) { ("\\"} ; DROP ALL ; #") } ?x ?p ?o }

    A parameter bound to None is left unbound, without a VALUES entry:

    >>> inject_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": None})
    'SELECT ?x WHERE { ?x ?p ?o }'

    ``keep_unbound`` keeps such a variable in scope, unbound, by an OPTIONAL group that matches nothing, where
    the query tests it with ``BOUND``, for an engine (maplib) that refuses an expression on a variable no
    pattern binds (``!BOUND(?kind)``):

    >>> inject_values("SELECT ?x WHERE { ?x ?p ?y FILTER(!BOUND(?k) || ?y = ?k) }", {"k": None}, keep_unbound=True)
    'SELECT ?x WHERE { OPTIONAL { BIND(1 AS ?k) FILTER(false) } ?x ?p ?y FILTER(!BOUND(?k) || ?y = ?k) }'
    """
    stripped = mask_strings_and_comments(query)
    starts = [m.end() for m in _WHERE_RE.finditer(stripped)]
    if not starts:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } group")
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"not a variable name: {name!r}")
    # an unbound parameter is left out: a one-row VALUES block with UNDEF joins as the identity, so leaving
    # it out means the same, and one engine (maplib) panics on UNDEF in VALUES
    names = sorted(n for n, v in bindings.items() if v is not None)
    unbound = (
        sorted(
            n
            for n, v in bindings.items()
            if v is None and re.search(rf"\bBOUND\s*\(\s*\?{n}\s*\)", stripped, re.IGNORECASE)
        )
        if keep_unbound
        else []
    )
    if not names and not unbound:
        return query
    block = ""
    if unbound:
        block += " OPTIONAL { " + " ".join(f"BIND(1 AS ?{n})" for n in unbound) + " FILTER(false) }"
    if names:
        block += (
            " VALUES ("
            + " ".join(f"?{n}" for n in names)
            + ") { ("
            + " ".join(term_to_sparql(bindings[n]) for n in names)
            + ") }"
        )
    out, last = [], 0
    for pos in starts:
        out += [query[last:pos], block]
        last = pos
    out.append(query[last:])
    return "".join(out)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first form keyword outside strings, IRIs and comments.

    >>> query_form("# ASK\\nPREFIX ex: <http://example.org/ASK> CONSTRUCT { ?s ?p 'SELECT' } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    found = _FORM_RE.search(mask_strings_and_comments(query))
    return found.group(1).upper() if found else "SELECT"


def mask_strings_and_comments(query: str) -> str:
    """The query with string contents and comments blanked out, same length, for safe searching."""
    out = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            q3 = query[i : i + 3]
            if q3 in ('"""', "'''"):
                j = query.find(q3, i + 3)
                j = n if j < 0 else j + 3
            else:
                j = i + 1
                while j < n and query[j] != c:
                    j += 2 if query[j] == "\\" else 1
                j = min(j + 1, n)
            out.append(" " * (j - i))
            i = j
        elif c == "<" and (m := _IRI_RE.match(query, i)):
            j = m.end()
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)
