"""Where SPARQL runs: an embedded pyoxigraph store loaded from the dump, or any SPARQL 1.1 endpoint.

Both return the same :class:`Result`: variable names and rows of :class:`Cell`, so everything
downstream of the graph works the same on either.

>>> store = EmbeddedStore.from_file("data/records.ttl")
>>> result = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://www.ica.org/standards/RiC/ontology#Record> }")
>>> int(result.rows[0][0].value) >= 111
True
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from . import dump
from .errors import EndpointError, QueryError

XSD = "http://www.w3.org/2001/XMLSchema#"


class Cell(NamedTuple):
    """One value of a result row: an IRI, a literal (with datatype or language) or a blank node.

    A named tuple rather than a dataclass: large results build hundreds of thousands of them, and a
    tuple is built more than twice as fast (0.56 µs against 1.4 µs).

    >>> Cell("1944-11-12", "literal", "http://www.w3.org/2001/XMLSchema#date").python()
    '1944-11-12'
    """

    value: str
    kind: str = "literal"  # iri | literal | bnode
    datatype: str | None = None
    lang: str | None = None

    def __str__(self) -> str:
        return self.value

    def python(self):
        """The value as int, float or bool where its datatype says so, else the string."""
        if self.kind == "literal" and self.datatype:
            local = self.datatype.removeprefix(XSD)
            try:
                if local in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"):
                    return int(self.value)
                if local in ("decimal", "double", "float"):
                    return float(self.value)
                if local == "boolean":
                    return self.value in ("true", "1")
            except ValueError:
                return self.value
        return self.value


@dataclass
class Result:
    variables: list[str]
    rows: list[list[Cell | None]]

    def dicts(self) -> list[dict[str, str | None]]:
        """Each row as {variable: plain string value, or None where unbound}."""
        return [self._as_dict(row) for row in self.rows]

    def drain(self) -> Iterator[dict[str, str | None]]:
        """The rows as :meth:`dicts` gives them, one at a time, each released from the result as it is
        yielded, so a large result is not held twice; the result is empty afterwards.

        >>> r = Result(["x"], [[Cell("a")], [None]])
        >>> list(r.drain()), r.rows
        ([{'x': 'a'}, {'x': None}], [])
        """
        rows, self.rows = self.rows, []
        rows.reverse()
        while rows:
            yield self._as_dict(rows.pop())

    def _as_dict(self, row: list[Cell | None]) -> dict[str, str | None]:
        return {v: (c.value if c is not None else None) for v, c in zip(self.variables, row)}


def term_to_sparql(cell: Cell) -> str:
    """A term in SPARQL syntax, escaped: for VALUES blocks sent to remote endpoints."""
    if cell.kind == "iri":
        if re.search(r'[\x00-\x20<>"{}|^`\\]', cell.value):
            raise QueryError(f"not a valid IRI: {cell.value!r}")
        return f"<{cell.value}>"
    text = json.dumps(cell.value, ensure_ascii=False)  # JSON string escapes are valid SPARQL string escapes
    if cell.lang:
        return f"{text}@{cell.lang}"
    if cell.datatype and cell.datatype != XSD + "string":
        return f"{text}^^<{cell.datatype}>"
    return text


_MISSING = object()


def _from_ox(term) -> Cell | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Cell(term.value, "iri")
    if isinstance(term, ox.BlankNode):
        return Cell(term.value, "bnode")
    dt = term.datatype.value if term.datatype is not None else None
    if term.language:
        return Cell(term.value, "literal", None, term.language)
    return Cell(term.value, "literal", None if dt == XSD + "string" else dt)


class EmbeddedStore:
    """An in-memory pyoxigraph store holding the Turtle dump."""

    def __init__(self, store: ox.Store):
        self.store = store

    @classmethod
    def from_file(cls, path: str | Path) -> EmbeddedStore:
        path = dump.require(path)
        store = ox.Store()
        # load(), not bulk_load(): for the in-memory store it was measured faster to load (20-24 s against
        # 26-27 s at 6.4 million triples), with a lower peak (2.2 GB against 2.4 GB) and queries ~14% faster
        try:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise dump.syntax_error(path, exc) from None
        return cls(store)

    @classmethod
    def on_disk(cls, path: str | Path, directory: str | Path) -> EmbeddedStore:
        """An on-disk pyoxigraph store in ``directory``, loaded from the dump at ``path`` the first time and
        reused while the dump's bytes are unchanged (a SHA-256 of the dump is kept beside it).

        Opening it again takes milliseconds instead of a full load, and it needs far less memory than the
        in-memory store; queries over the whole collection run about 1.3 to 4 times slower.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     first = EmbeddedStore.on_disk("data/records.ttl", d)
        ...     again = EmbeddedStore.on_disk("data/records.ttl", d)
        ...     len(first.store) == len(again.store) == len(EmbeddedStore.from_file("data/records.ttl").store)
        True
        """
        import hashlib
        import os
        import shutil

        path, directory = dump.require(path), Path(directory)
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        stamp = directory / "dump.sha256"
        current = directory / "store"
        try:
            if stamp.read_text(encoding="ascii").strip() == digest.hexdigest() and current.is_dir():
                return cls(ox.Store.read_only(str(current)))
        except OSError:
            pass
        fresh = directory / f"store.loading-{os.getpid()}"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(fresh, ignore_errors=True)
            store = ox.Store(str(fresh))
            store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
            store.flush()
            store.optimize()  # compact what the bulk load wrote: reads are much slower before
            del store
            stamp.unlink(missing_ok=True)  # no stamp while the store is being replaced
            shutil.rmtree(current, ignore_errors=True)
            fresh.rename(current)
        except SyntaxError as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            raise dump.syntax_error(path, exc) from None
        except OSError as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            raise QueryError(f"{path}: could not load it into {directory}: {exc}") from None
        tmp = stamp.with_suffix(".tmp")
        tmp.write_text(digest.hexdigest() + "\n", encoding="ascii")
        tmp.replace(stamp)
        return cls(ox.Store.read_only(str(current)))

    def select(self, query: str, bindings: dict[str, Cell] | None = None, timeout: float | None = None) -> Result:
        # pyoxigraph's substitutions only bind projected variables, so parameters go in as a VALUES
        # block, exactly as for remote endpoints: same semantics on both.
        if bindings:
            query = inject_values(query, bindings)
        try:
            solutions = self.store.query(query)
        except SyntaxError as exc:
            raise QueryError(f"query does not parse: {exc}") from None
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("only SELECT queries are supported")
        variables = [v.value for v in solutions.variables]
        # terms repeat across rows (names, kinds, dates): convert each distinct term once
        cache: dict = {None: None}
        columns = range(len(variables))
        rows = []
        for sol in solutions:
            row = []
            for i in columns:
                term = sol[i]
                cell = cache.get(term, _MISSING)
                if cell is _MISSING:
                    cell = cache[term] = _from_ox(term)
                row.append(cell)
            rows.append(row)
        return Result(variables, rows)


class RemoteEndpoint:
    """A SPARQL 1.1 endpoint reached over HTTP with SPARQLWrapper; parameters go in as a VALUES block."""

    def __init__(self, url: str, graph: str | None = None):
        if not re.match(r"https?://[^/\s]+", url or ""):
            raise EndpointError(f"{url!r}: not an endpoint URL; expected http://host:port/path or https://...")
        self.url = url
        self.graph = graph

    def select(self, query: str, bindings: dict[str, Cell] | None = None, timeout: float | None = 30) -> Result:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        if bindings:
            query = inject_values(query, bindings)
        client = SPARQLWrapper(self.url)
        client.setOnlyConneg(True)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        # SPARQLWrapper guesses the query type from keywords and can mistake a word in a comment
        # ("addressed" for ADD) for an update: drop comment lines and say it is a SELECT.
        client.setQuery("\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#")))
        client.queryType = "SELECT"
        if self.graph:
            client.addDefaultGraph(self.graph)
        if timeout:
            client.setTimeout(int(max(1, timeout)))
        try:
            data = client.queryAndConvert()
        except TimeoutError:
            raise EndpointError(f"{self.url}: timed out after {timeout} s") from None
        except SPARQLWrapperException as exc:
            text = str(exc).strip()
            kind = text.split(":", 1)[0] if text else exc.__class__.__name__
            body = text.split("Response:", 1)[1].strip() if "Response:" in text else ""
            detail = " ".join(body.replace("\\n", " ").split())[:300]
            raise EndpointError(f"{self.url}: the endpoint refused the query ({kind}): {detail}") from None
        except urllib.error.HTTPError as exc:
            raise EndpointError(f"{self.url}: HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise EndpointError(f"{self.url}: timed out after {timeout} s") from None
            raise EndpointError(f"{self.url}: cannot reach the endpoint: {reason}") from None
        except (ConnectionError, OSError) as exc:
            raise EndpointError(f"{self.url}: cannot reach the endpoint: {exc}") from None
        if not isinstance(data, dict) or "head" not in data:
            raise EndpointError(f"{self.url}: the answer is not SPARQL JSON results")
        variables = data["head"].get("vars", [])
        rows = []
        for b in data.get("results", {}).get("bindings", []):
            rows.append([_from_json(b.get(v)) for v in variables])
        return Result(variables, rows)


def _from_json(term: dict | None) -> Cell | None:
    if term is None:
        return None
    kind = term.get("type")
    if kind == "uri":
        return Cell(term["value"], "iri")
    if kind == "bnode":
        return Cell(term["value"], "bnode")
    # Virtuoso says "typed-literal" where the standard says "literal"
    dt = term.get("datatype")
    if term.get("xml:lang"):
        return Cell(term["value"], "literal", None, term["xml:lang"])
    return Cell(term["value"], "literal", None if dt == XSD + "string" else dt)


_WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def inject_values(query: str, bindings: dict[str, Cell]) -> str:
    """Bind variables by a VALUES block at the start of every WHERE group (the query's and its subqueries').

    Values are serialised as escaped RDF terms, never pasted as text: a string such as
    ``"} ; DROP ALL ; #`` stays one literal. A subquery sees the parameters too, so a saved query can
    aggregate inside a subquery with a parameter; one that does not use them is joined with one row.

    >>> print(inject_values("SELECT ?x WHERE { ?x ?p ?o }", {"o": Cell('"} ; DROP ALL ; #')}))
    SELECT ?x WHERE { VALUES (?o) { ("\\"} ; DROP ALL ; #") } ?x ?p ?o }
    """
    stripped = _mask_strings_and_comments(query)
    starts = [m.end() for m in _WHERE_RE.finditer(stripped)]
    if not starts:
        raise QueryError("cannot bind parameters: the query has no WHERE { ... } group")
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"not a variable name: {name!r}")
    block = (
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


def _mask_strings_and_comments(query: str) -> str:
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
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", query[i:]):
            j = i + re.match(r"<[^\s<>\"{}|^`\\]*>", query[i:]).end()
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)
