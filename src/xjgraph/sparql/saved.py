"""Saved SPARQL queries: ``queries/*.rq`` files with a header block, typed parameters, and output formats.

A header is a block of ``#`` comment lines at the top of the file::

    # title: Correspondence between two people
    # description: Every record sent between two agents, both directions, in date order.
    # param: a iri person:stalin -- the first person or organisation
    # param: from date 1934-01-01 -- the earliest date
    # column: date -- the record's EDTF date
    # example: xjgraph query correspondence-between --param a=person:mao-zedong

>>> q = SavedQuery.parse("x.rq", "# title: T\\n# param: n integer 3 -- how many\\nSELECT ?n WHERE {}\\n")
>>> q.params["n"].type, q.params["n"].default
('integer', '3')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..console import render
from ..errors import QueryError
from ..rdf.namespaces import PREFIXES, XSD, curie, expand, sparql_prefixes
from ..resources import queries_dir
from ..sources import names
from .results import Cell, Result

TYPES = ("iri", "string", "name", "date", "integer")
_HEADER_RE = re.compile(r"^#\s*(title|description|param|column|example):\s*(.*)$")
_PARAM_RE = re.compile(r"^([A-Za-z_]\w*)\s+(\w+)\s+(\S+)\s*(?:--\s*(.*))?$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Param:
    name: str
    type: str
    default: str
    doc: str = ""


@dataclass
class SavedQuery:
    """A query file: its header (title, description, typed parameters, columns, examples) and its text.

    ``text`` is what is sent to an engine: the project's PREFIX block, then the file as written.
    """

    name: str
    path: str
    body: str
    title: str = ""
    description: str = ""
    params: dict[str, Param] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return sparql_prefixes() + self.body

    @classmethod
    def parse(cls, path: str | Path, text: str) -> SavedQuery:
        path = Path(path)
        q = cls(path.stem, str(path), text)
        for line in text.splitlines():
            if not line.startswith("#"):
                if line.strip():
                    break
                continue
            m = _HEADER_RE.match(line)
            if not m:
                continue
            key, value = m.group(1), m.group(2).strip()
            if key == "title":
                q.title = value
            elif key == "description":
                q.description = (q.description + " " + value).strip()
            elif key == "example":
                q.examples.append(value)
            elif key == "column":
                name, _, doc = value.partition("--")
                q.columns[name.strip()] = doc.strip()
            elif key == "param":
                pm = _PARAM_RE.match(value)
                if not pm or pm.group(2) not in TYPES:
                    raise QueryError(
                        f"{path}: bad param line {value!r}: expected 'NAME TYPE DEFAULT -- doc', "
                        f"TYPE one of {', '.join(TYPES)}"
                    )
                q.params[pm.group(1)] = Param(pm.group(1), pm.group(2), pm.group(3), (pm.group(4) or "").strip())
        if not q.title:
            raise QueryError(f"{path}: the header needs a '# title:' line")
        for p in q.params.values():
            coerce(q, p, p.default)  # defaults must be valid values of their type
        return q

    def bindings(self, given: dict[str, str] | None = None) -> dict[str, Cell]:
        """Typed values for every parameter: the given ones, else the defaults."""
        given = dict(given or {})
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {unknown[0]!r} (its parameters: {known})")
        return {name: coerce(self, p, given.get(name, p.default)) for name, p in self.params.items()}


def coerce(q: SavedQuery, p: Param, raw: str) -> Cell:
    """Check ``raw`` against the parameter's type and return it as an RDF term."""

    def bad(expected: str) -> QueryError:
        return QueryError(f"query {q.name!r}: parameter {p.name!r} must be {expected}, not {raw!r}")

    if p.type == "iri":
        value = expand(raw, PREFIXES)
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+", value):
            raise bad("an IRI such as person:stalin or <https://w3id.org/xjgraph/person/stalin>")
        return Cell(value, "iri")
    if p.type == "date":
        if not _DATE_RE.match(raw):
            raise bad("a date YYYY-MM-DD")
        import datetime

        try:
            datetime.date.fromisoformat(raw)
        except ValueError:
            raise bad("a real calendar date YYYY-MM-DD") from None
        return Cell(raw, "literal", XSD.date)
    if p.type == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            raise bad("a whole number")
        return Cell(str(int(raw)), "literal", XSD.integer)
    if p.type == "name":
        # bound as a search key, the form of xj:nameKey, so "FILIPPOV" and "filippov" find the same
        if not names.key(raw):
            raise bad("a name")
        return Cell(names.key(raw), "literal")
    return Cell(raw, "literal")


def load_all(root: str | Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query in ``root`` (default: the queries shipped with xjgraph), by name."""
    folder = Path(root) if root is not None else queries_dir()
    if not folder.is_dir():
        raise QueryError(f"{folder}: no such folder of saved queries")
    return {path.stem: _read(path) for path in sorted(folder.glob("*.rq"))}


def _read(path: Path) -> SavedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query: {exc}") from None
    return SavedQuery.parse(path, text)


def find(name_or_file: str, root: str | Path | None = None) -> SavedQuery:
    """A saved query by name (from ``root``, default the queries shipped with xjgraph), or a query file by path."""
    path = Path(name_or_file)
    if path.suffix == ".rq":
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return _read(path)
    folder = Path(root) if root is not None else queries_dir()
    candidate = folder / f"{name_or_file}.rq"
    if candidate.is_file():
        return _read(candidate)
    known = ", ".join(load_all(folder)) if folder.is_dir() else "none"
    raise QueryError(f"unknown query {name_or_file!r} (saved queries: {known})")


def run(q: SavedQuery, target, params: dict[str, str] | None = None, timeout: float | None = None) -> Result:
    """Run a saved query on an :class:`~xjgraph.sparql.store.EmbeddedStore` or a
    :class:`~xjgraph.sparql.endpoint.RemoteEndpoint`."""
    return target.select(q.text, q.bindings(params), timeout=timeout)


# ------------------------------------------------------------------ output


def format_result(result: Result, fmt: str = "table", width: int | None = None, wrap: bool = True) -> str:
    """Render rows as a table (IRIs as CURIEs, wrapped to the terminal), CSV, TSV, JSON or Markdown."""
    if fmt == "json":
        return render(result.variables, result.values(), "json")
    if fmt not in ("table", "csv", "tsv", "md"):
        raise QueryError(f"unknown format {fmt!r}: use table, csv, tsv, json or md")
    short = fmt in ("table", "md")
    rows = [[_show(c, short) for c in row] for row in result.rows]
    return render(result.variables, rows, fmt, width=width, wrap=wrap)


def _show(c: Cell | None, short: bool) -> str:
    if c is None:
        return ""
    if c.kind == "iri" and short:
        return curie(c.value, PREFIXES)
    return c.value
