"""A researcher's own SPARQL query: any form, the project's prefixes predeclared, errors a person can read.

:func:`prepare` checks a query before any engine sees it: it is parsed by pyoxigraph with the project's
prefixes declared (so line and column numbers are those of the text as written), its form is found
(SELECT, ASK, CONSTRUCT, DESCRIBE), an update or a federated query (``SERVICE``, unless allowed) is refused,
and a syntax error is reported with the line, a caret under the column and, for a prefix nobody declared,
the prefix. :func:`run` sends it to the embedded store or an endpoint.

>>> prepare("SELECT ?name WHERE { person:stalin skos:prefLabel ?name }").form
'SELECT'
>>> print(prepare("SELECT * WHERE {\\n?s foaf:name ?o }", source="query").text)
Traceback (most recent call last):
...
xjgraph.errors.QueryError: query: line 2, column 4: unknown prefix 'foaf:' (declare it with PREFIX foaf: <...>; xjgraph sparql --prefixes lists the declared ones)
  ?s foaf:name ?o }
     ^
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import QueryError
from ..rdf.namespaces import PREFIXES, sparql_prefixes
from .binding import mask_strings_and_comments, query_form, refuse_service
from .results import Answer, Cell

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_RE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_POSITION_RE = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_PREFIXED_RE = re.compile(r"(?<![\w?$:.-])([A-Za-z](?:[\w.-]*\w)?)?:(?=[\w%\\]|\s|$)")
_DECLARED_RE = re.compile(r"\bPREFIX\s+([A-Za-z](?:[\w.-]*\w)?)?:", re.IGNORECASE)


@dataclass(frozen=True)
class Prepared:
    text: str  # the query as written
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE

    @property
    def full(self) -> str:
        """The text an engine is sent: the project's PREFIX block, then the query."""
        return sparql_prefixes() + self.text


def prepare(text: str, allow_service: bool = False, source: str = "query") -> Prepared:
    """Check a query and find its form; a :class:`QueryError` says what is wrong and where."""
    if not text.strip():
        raise QueryError(f"{source}: the query is empty")
    masked = mask_strings_and_comments(text)
    update = _UPDATE_RE.match(masked)
    if update:
        raise QueryError(
            f"{source}: {update.group(1).upper()} is an update; xjgraph sparql runs queries "
            "(SELECT, ASK, CONSTRUCT, DESCRIBE), and the data is read-only"
        )
    try:
        ox.Store().query(text, prefixes=PREFIXES)  # parsing only: the store is empty and nothing is read
    except SyntaxError as exc:
        raise QueryError(syntax_message(text, str(exc.msg or exc), source)) from None
    refuse_service(text, allow_service)
    return Prepared(text, query_form(text))


def syntax_message(text: str, why: str, source: str = "query") -> str:
    """``source: line L, column C: reason`` with the line and a caret under the column."""
    m = _POSITION_RE.match(why)
    if not m:
        return f"{source}: the query does not parse: {why}"
    line, column, reason = int(m.group(1)), int(m.group(2)), " ".join(m.group(3).split())
    lines = text.split("\n")
    unknown = unknown_prefixes(text) if "Prefix not found" in reason else []
    if unknown:
        p = unknown[0]
        reason = (
            f"unknown prefix {p + ':'!r} (declare it with PREFIX {p}: <...>; xjgraph sparql --prefixes lists "
            "the declared ones)"
        )
        # point at the prefix itself rather than where the parser gave up
        for i, candidate in enumerate(lines, 1):
            hit = re.search(rf"(?<![\w?$:.-]){re.escape(p)}:", mask_strings_and_comments(candidate))
            if hit:
                line, column = i, hit.start() + 1
                break
    elif len(reason) > 200:
        reason = reason[:200].rsplit(",", 1)[0] + ", ..."
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"{source}: line {line}, column {column}: {reason}\n  {shown}\n  {' ' * max(0, column - 1)}^"


def unknown_prefixes(text: str) -> list[str]:
    """The prefixes a query uses that neither it nor the project declares, in order of first use."""
    masked = mask_strings_and_comments(text)
    declared = set(PREFIXES) | {m.group(1) or "" for m in _DECLARED_RE.finditer(masked)}
    out: list[str] = []
    for m in _PREFIXED_RE.finditer(masked):
        p = m.group(1) or ""
        if p not in declared and p not in out:
            out.append(p)
    return out


def run(target, prepared: Prepared, timeout: float | None = None, bindings: dict[str, Cell] | None = None) -> Answer:
    """Run a prepared query on an embedded store or an endpoint."""
    return target.query(prepared.full, bindings, timeout=timeout, form=prepared.form)
