"""A SPARQL 1.1 endpoint reached over HTTP, answering the same results as the embedded store.

SPARQLWrapper builds and sends the request (method, content negotiation, default graph); the answer's bytes
are read here against one deadline for the whole exchange (a server that trickles its answer cannot hold a
query longer than ``timeout``), and parsed here, so an answer that is not SPARQL results is an
:class:`~xjgraph.errors.EndpointError` naming what is wrong, never a traceback.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.error
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox

from ..errors import EndpointError
from ..rdf.namespaces import XSD
from .binding import inject_values, refuse_service
from .results import Answer, Cell, Result

_ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples, text/turtle;q=0.9",
    "DESCRIBE": "application/n-triples, text/turtle;q=0.9",
}
MAX_ANSWER = 2_000_000_000  # bytes: an answer larger than this is refused rather than read into memory


class RemoteEndpoint:
    """A SPARQL 1.1 endpoint; parameters go in as a VALUES block, exactly as on the embedded store."""

    def __init__(self, url: str, graph: str | None = None):
        if not re.match(r"https?://[^/\s]+", url or ""):
            raise EndpointError(f"{url!r}: not an endpoint URL; expected http://host:port/path or https://...")
        self.url = url
        self.graph = graph
        self.allow_service = False  # SERVICE in a query would make the endpoint call other servers

    def select(
        self, query: str, bindings: Mapping[str, Cell | None] | None = None, timeout: float | None = 30
    ) -> Result:
        answer = self.query(query, bindings, timeout, form="SELECT")
        assert isinstance(answer, Result)
        return answer

    def query(
        self,
        query: str,
        bindings: Mapping[str, Cell | None] | None = None,
        timeout: float | None = 30,
        form: str = "SELECT",
    ) -> Answer:
        """Send a query of ``form`` (SELECT, ASK, CONSTRUCT or DESCRIBE); a Result, a bool, or triples."""
        refuse_service(query, self.allow_service)
        if bindings:
            query = inject_values(query, bindings)
        body, content_type = self._exchange(query, form, timeout)
        if form in ("SELECT", "ASK"):
            return _parse_results(self.url, body, form)
        return _parse_triples(self.url, body, content_type)

    def _exchange(self, query: str, form: str, timeout: float | None) -> tuple[bytes, str]:
        """The answer's bytes and content type, within ``timeout`` seconds in all."""
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["value"] = self._send(query, form, timeout)
            except BaseException as exc:  # handed to the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=run, name="xjgraph-endpoint", daemon=True)
        worker.start()
        worker.join(timeout if timeout else None)
        if worker.is_alive():
            raise EndpointError(f"{self.url}: timed out after {timeout} s (no complete answer)")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def _send(self, query: str, form: str, timeout: float | None) -> tuple[bytes, str]:
        from SPARQLWrapper import POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        client = SPARQLWrapper(self.url)
        client.setOnlyConneg(True)
        client.setMethod(POST)
        # SPARQLWrapper guesses the query type from keywords and can mistake a word in a comment
        # ("addressed" for ADD) for an update: drop comment lines and say what the query is.
        client.setQuery("\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#")))
        client.queryType = form
        client.addCustomHttpHeader("Accept", _ACCEPT[form])
        if self.graph:
            client.addDefaultGraph(self.graph)
        if timeout:
            client.setTimeout(int(max(1, timeout)))
        deadline = time.monotonic() + timeout if timeout else None
        try:
            response = client.query().response
            content_type = response.headers.get("Content-Type", "") if response.headers else ""
            chunks, size = [], 0
            while True:
                if deadline is not None and time.monotonic() > deadline:
                    raise EndpointError(f"{self.url}: timed out after {timeout} s (no complete answer)")
                chunk = response.read1(1 << 16)  # what has arrived, so the deadline is checked
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_ANSWER:
                    raise EndpointError(f"{self.url}: the answer is larger than {MAX_ANSWER:,} bytes")
                chunks.append(chunk)
            if (response.headers.get("Content-Encoding") or "").lower() not in ("", "identity"):
                raise EndpointError(
                    f"{self.url}: the answer is {response.headers.get('Content-Encoding')}-encoded, "
                    "which was not asked for"
                )
            return b"".join(chunks), content_type
        except EndpointError:
            raise
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
        except (ConnectionError, OSError, ValueError) as exc:
            raise EndpointError(f"{self.url}: cannot reach the endpoint: {exc}") from None


def _parse_results(url: str, body: bytes, form: str) -> Result | bool:
    """SPARQL 1.1 JSON results, checked: anything else is an EndpointError saying what is wrong."""

    def bad(why: str) -> EndpointError:
        return EndpointError(f"{url}: the answer is not SPARQL JSON results: {why}")

    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise bad(f"not JSON ({exc.__class__.__name__}: {str(exc)[:100]})") from None
    if not isinstance(data, dict):
        raise bad(f"a JSON {type(data).__name__}, not an object")
    if "boolean" in data:
        if not isinstance(data["boolean"], bool):
            raise bad("'boolean' is not true or false")
        return data["boolean"]
    if form == "ASK":
        raise bad("no 'boolean' in the answer to an ASK query")
    head = data.get("head")
    if not isinstance(head, dict):
        raise bad("no 'head' object")
    variables = head.get("vars", [])
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise bad("'head.vars' is not a list of names")
    results = data.get("results", {})
    bindings = results.get("bindings", []) if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise bad("'results.bindings' is not a list")
    rows = []
    for i, b in enumerate(bindings):
        if not isinstance(b, dict):
            raise bad(f"binding {i} is not an object")
        row = []
        for v in variables:
            term = b.get(v)
            if term is not None and not (isinstance(term, dict) and isinstance(term.get("value"), str)):
                raise bad(f"binding {i}, variable {v}: not an RDF term with a string value")
            row.append(_from_json(term))
        rows.append(row)
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
    return Cell(term["value"], "literal", None if dt == XSD.string else dt)


def _parse_triples(url: str, body: bytes, content_type: str) -> list[tuple[Cell, Cell, Cell]]:
    from .store import cell

    media = content_type.split(";")[0].strip().lower()
    fmt = ox.RdfFormat.TURTLE if media in ("text/turtle", "application/x-turtle") else ox.RdfFormat.N_TRIPLES
    try:
        out = []
        for quad in ox.parse(body, format=fmt):
            s, p, o = cell(quad.subject), cell(quad.predicate), cell(quad.object)
            assert s is not None and p is not None and o is not None
            out.append((s, p, o))
        return out
    except SyntaxError as exc:
        raise EndpointError(f"{url}: the answer is not {media or 'RDF'}: {exc}") from None
