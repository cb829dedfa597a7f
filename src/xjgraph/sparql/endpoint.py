"""A SPARQL 1.1 endpoint reached over HTTP with SPARQLWrapper, answering the same
:class:`~xjgraph.sparql.results.Result` as the embedded store.
"""

from __future__ import annotations

import re
import socket
import urllib.error

from ..errors import EndpointError
from ..rdf.namespaces import XSD
from .binding import inject_values
from .results import Cell, Result


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
    return Cell(term["value"], "literal", None if dt == XSD.string else dt)
