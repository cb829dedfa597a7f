"""The columnar engine: maplib (polars DataFrames) holding the dump in memory, for whole-archive queries.

An optional engine beside pyoxigraph (``pip install 'xjgraph[scale]'``), chosen with ``--engine maplib``.
It answers the same :class:`~xjgraph.sparql.results.Result` as the embedded store, through one adapter
(:func:`to_result`) from maplib's typed solution mappings, and keeps a query's answer columnar
(:meth:`MaplibStore.frame`, a polars DataFrame of the same cells) where the consumer does not need Python
values. It has no on-disk store and loads about twice as slowly as pyoxigraph; pyoxigraph stays the default,
the engine of ``serve`` and the low-memory on-disk store.

Its SPARQL differs from pyoxigraph's in ways the adapter evens out, each measured on the saved queries:

- ``ASK`` is not supported: it is answered as ``SELECT * ... LIMIT 1``;
- an ``UNDEF`` in a one-row ``VALUES`` block makes it panic: an unbound parameter is left out of the block,
  which means the same (:func:`~xjgraph.sparql.binding.inject_values` does so for every engine);
- ``COUNT`` is typed ``xsd:unsignedInt`` where SPARQL says ``xsd:integer``, and decimals come with twelve
  digits: numbers are given their canonical lexical form;
- a Rust panic poisons the model for every later query: the adapter turns it into a :class:`QueryError`
  and loads the dump again before the next query.

>>> from xjgraph.resources import packaged_dump
>>> store = MaplibStore.from_file(packaged_dump())  # doctest: +SKIP
>>> store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://www.ica.org/standards/RiC/ontology#Record> }").values()  # doctest: +SKIP
[[113]]
"""

from __future__ import annotations

import datetime
import decimal
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import QueryError, UsageError
from ..rdf.namespaces import RDF, XSD
from . import dump
from .binding import inject_values, mask_strings_and_comments, query_form, refuse_service
from .results import Answer, Cell, Result

log = logging.getLogger(__name__)

INSTALL_HINT = "the maplib engine is an optional extra: pip install 'xjgraph[scale]' (or use --engine oxigraph)"
LANG_STRING = str(RDF) + "langString"
_COUNT_TYPES = {str(XSD) + t for t in ("unsignedInt", "unsignedLong", "long", "int")}
_ASK_RE = re.compile(r"\bASK\b", re.IGNORECASE)


def _maplib() -> Any:
    try:
        import maplib
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return maplib


def available() -> bool:
    """Whether the maplib engine can be used here."""
    try:
        _maplib()
    except UsageError:
        return False
    return True


def lexical(value: Any) -> str:
    """A native value from a DataFrame as the canonical lexical form pyoxigraph gives it.

    >>> lexical(decimal.Decimal("2.500000000000")), lexical(1000.0), lexical(True)
    ('2.5', '1000', 'true')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return {"nan": "NaN", "inf": "INF", "-inf": "-INF"}[repr(value)]
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value)


def _literal_cell(value: Any, datatype: str) -> Cell:
    if datatype in _COUNT_TYPES:  # maplib's COUNT: SPARQL 1.1 says xsd:integer
        datatype = XSD.integer
    return Cell(lexical(value), "literal", None if datatype == XSD.string else datatype)


def _column(series: Any, rdf_type: Any) -> list[Cell | None]:
    """One column of a solution mapping as cells, by its RDF type (``IRI``, ``Literal(dt)``, ``Multi``), read a
    field at a time from the DataFrame; a value that repeats (a name, a kind, a date) is one cell."""
    text = repr(rdf_type)
    cache: dict[Any, Cell | None] = {None: None}
    if text.startswith(("RDFType.IRI", "RDFType.Blank")):
        kind = "iri" if text.startswith("RDFType.IRI") else "bnode"
        return [cache[v] if v in cache else cache.setdefault(v, Cell(v, kind)) for v in series.to_list()]
    if text.startswith("RDFType.Literal"):
        datatype = text.split('"')[1]
        if datatype == LANG_STRING:
            fields = series.struct.fields
            texts = series.struct.field(fields[0]).to_list()
            langs = series.struct.field("l").to_list()
            out: list[Cell | None] = []
            for t, lang in zip(texts, langs, strict=True):
                key = (t, lang) if t is not None else None
                c = cache.get(key, _MISSING)
                if c is _MISSING:
                    c = cache[key] = Cell(t, "literal", None, lang)
                out.append(c)  # type: ignore[arg-type]
            return out
        return [cache[v] if v in cache else cache.setdefault(v, _literal_cell(v, datatype)) for v in series.to_list()]
    if text.startswith("RDFType.Multi"):
        return _multi_column(series)
    return [None] * len(series)  # RDFType.None: never bound


_MISSING = object()


def _multi_column(series: Any) -> list[Cell | None]:
    """A column of several types: a struct with one field per type (``I`` for IRIs, ``B`` for blank nodes,
    ``<datatype>`` for literals, ``l`` for the language of ``<rdf:langString>``), one of them set per row."""
    fields = series.struct.fields
    columns = {f: series.struct.field(f).to_list() for f in fields}
    langs = columns.get("l")
    out: list[Cell | None] = []
    for i in range(len(series)):
        cell = None
        for f in fields:
            v = columns[f][i]
            if v is None or f == "l":
                continue
            if f == "I":
                cell = Cell(v, "iri")
            elif f == "B":
                cell = Cell(v, "bnode")
            elif f.strip("<>") == LANG_STRING:
                cell = Cell(v, "literal", None, langs[i] if langs else None)
            else:
                cell = _literal_cell(v, f.strip("<>"))
            break
        out.append(cell)
    return out


def to_result(mappings: Any) -> Result:
    """maplib's ``SolutionMappings`` as a :class:`Result` (the one adapter from this engine to the store layer)."""
    frame = mappings.mappings
    variables = list(frame.columns)
    columns = [_column(frame.get_column(v), mappings.rdf_types.get(v)) for v in variables]
    rows = [list(r) for r in zip(*columns, strict=True)] if columns else []
    return Result(variables, rows)


class MaplibStore:
    """The dump in a maplib model, answering SELECT and ASK like :class:`~xjgraph.sparql.store.EmbeddedStore`."""

    engine = "maplib"

    def __init__(self, model: Any, source: Path | None = None, allow_service: bool = False):
        self.model = model
        self.source = source
        self.allow_service = allow_service
        self._poisoned = False

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> MaplibStore:
        """A model loaded from the dump (``path``, else ``./data/records.ttl``)."""
        found = dump.require(path)
        return cls(cls._load(found), Path(found))

    @staticmethod
    def _load(found: Path) -> Any:
        maplib = _maplib()
        model = maplib.Model()
        try:
            model.read(str(found), format="turtle")
            # build the default indexes now: left to the first queries that need them, some later answers
            # came out wrong (the saved query people counted 0 records for some after active-across-the-break)
            model.create_index()
        except Exception as exc:  # maplib raises its own exception types for syntax errors
            raise QueryError(f"{found}: maplib could not read the dump: {exc}") from None
        return model

    def __len__(self) -> int:
        [[n]] = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()
        return int(n)

    def _mappings(self, query: str, bindings: Mapping[str, Cell | None] | None) -> Any:
        refuse_service(query, self.allow_service)
        if bindings:
            query = inject_values(query, bindings, keep_unbound=True)
        if self._poisoned and self.source is not None:
            log.info("reloading %s after a panic in the maplib engine", self.source)
            self.model, self._poisoned = self._load(self.source), False
        try:
            return self.model.query(query, solution_mappings=True)
        except BaseException as exc:  # a Rust panic is a BaseException (pyo3's PanicException)
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            if type(exc).__name__ == "PanicException":
                self._poisoned = True
                raise QueryError(f"the maplib engine failed on this query (a panic): {str(exc)[:300]}") from None
            message = str(exc)
            if "pars" in message.lower():
                raise QueryError(f"query does not parse (maplib): {message}") from None
            raise QueryError(f"query failed (maplib): {message}") from None

    def frame(self, query: str, bindings: Mapping[str, Cell | None] | None = None) -> Any:
        """The answer as maplib's polars DataFrame (typed columns, no Python values): for consumers that stay
        columnar, such as a CSV writer or a table handed to networkx in bulk."""
        return self._mappings(query, bindings).mappings

    def select(
        self, query: str, bindings: Mapping[str, Cell | None] | None = None, timeout: float | None = None
    ) -> Result:
        """The rows of a SELECT query (``bindings`` bound as a VALUES block); ``timeout`` is not enforced."""
        if query_form(query) != "SELECT":
            raise QueryError("expected a SELECT query")
        return to_result(self._mappings(query, bindings))

    def query(
        self,
        query: str,
        bindings: Mapping[str, Cell | None] | None = None,
        timeout: float | None = None,
        form: str | None = None,
    ) -> Answer:
        """SELECT rows, or an ASK answer; CONSTRUCT and DESCRIBE need the oxigraph engine."""
        form = (form or query_form(query)).upper()
        if form == "ASK":
            masked = mask_strings_and_comments(query)
            m = _ASK_RE.search(masked)
            assert m is not None
            select = query[: m.start()] + "SELECT *" + query[m.end() :] + "\nLIMIT 1"
            return bool(to_result(self._mappings(select, bindings)).rows)
        if form == "SELECT":
            return to_result(self._mappings(query, bindings))
        raise QueryError(f"the maplib engine answers SELECT and ASK only; run {form} with --engine oxigraph")
