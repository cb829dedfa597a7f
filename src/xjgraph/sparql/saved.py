"""Saved SPARQL queries: ``queries/*.rq`` files with a header block, typed parameters, and output formats.

A header is a block of ``#`` comment lines at the top of the file::

    # title: Correspondence between two people
    # description: Every record sent between two agents, both directions, in date order.
    # param: a iri person:stalin -- the first person or organisation
    # param: from from-date 1934 -- the start of the period (EDTF: its first day)
    # param: match match possibly -- possibly: dates that may fall in the period; certainly: that do
    # column: date -- the record's EDTF date
    # example: xjgraph query correspondence-between --param a=person:mao-zedong

>>> q = SavedQuery.parse("x.rq", "# title: T\\n# param: n integer 3 -- how many\\nSELECT ?n WHERE {}\\n")
>>> q.params["n"].type, q.params["n"].default
('integer', '3')
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..console import render
from ..errors import QueryError
from ..rdf.namespaces import PREFIXES, XSD, curie, expand, kind_and_id, sparql_prefixes
from ..resources import queries_dir
from ..sources import dates, names, urls
from . import lookup
from .results import Cell, Result

# iri: an IRI, a CURIE or a name (resolved through the names); string; name (bound in search form);
# date and from-date: an EDTF date, bound as its first day; to-date: an EDTF date, bound as its last day;
# integer; match: possibly or certainly; url: a Digital Archive page (mirrors and PDFs mapped to it)
TYPES = ("iri", "string", "name", "date", "from-date", "to-date", "integer", "match", "url")
TYPE_DOCS = {
    "iri": "an IRI, a CURIE such as person:stalin, or a name in any script",
    "string": "text",
    "name": "a name, variant or cover name (case and spacing ignored)",
    "date": "an EDTF date (its first day is used)",
    "from-date": "an EDTF date such as 1944, 1944-06 or 1944-06-12 (the period starts on its first day)",
    "to-date": "an EDTF date such as 1944, 1944-06 or 1944-06-12 (the period ends on its last day)",
    "integer": "a whole number",
    "match": "possibly (the record's dates may fall in the period) or certainly (they all do)",
    "url": "a Digital Archive page",
}
MATCHES = ("possibly", "certainly")
_HEADER_RE = re.compile(r"^#\s*(title|description|param|column|example):\s*(.*)$")
_PARAM_RE = re.compile(r"^([A-Za-z_]\w*)\s+(\w[\w-]*)\s+(\S+)\s*(?:--\s*(.*))?$")
_IRI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+")
ANY = "any"  # the default of an iri parameter that may be left unbound


@dataclass
class Param:
    name: str
    type: str
    default: str
    doc: str = ""

    @property
    def kind(self) -> str | None:
        """For an iri parameter, the kind of entity its default is (person, place, ...): preferred when a
        name given for it names entities of several kinds."""
        if self.type != "iri" or self.default == ANY:
            return None
        found = kind_and_id(expand(self.default, PREFIXES))
        return found[0] if found else None


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
        q.title = q.title or path.stem  # a plain query file needs no header
        for p in q.params.values():
            coerce(q, p, p.default)  # defaults must be valid values of their type
        return q

    def bindings(self, given: dict[str, str] | None = None) -> dict[str, Cell | None]:
        """Typed values for every parameter: the given ones, else the defaults (None: left unbound).

        A name given for an iri parameter comes back as a Cell of kind "name", for :func:`run` to resolve.
        """
        given = dict(given or {})
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            known = ", ".join(self.params) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {unknown[0]!r} (its parameters: {known})")
        return {name: coerce(self, p, given.get(name, p.default)) for name, p in self.params.items()}

    def describe(self) -> str:
        """The header as a person reads it: title, description, parameters, columns, examples."""
        lines = [f"{self.name}: {self.title}", ""]
        if self.description:
            lines += textwrap.wrap(self.description, 100) + [""]
        if self.params:
            lines.append("parameters:")
            for p in self.params.values():
                lines.append(f"  {p.name} ({p.type}: {TYPE_DOCS.get(p.type, p.type)}), default {p.default}")
                if p.doc:
                    lines.append(f"      {p.doc}")
            lines.append("")
        if self.columns:
            lines.append("columns:")
            lines += [f"  {c}: {doc}" if doc else f"  {c}" for c, doc in self.columns.items()]
            lines.append("")
        for e in self.examples:
            lines.append(f"example: {e}")
        lines.append(f"file: {self.path}")
        return "\n".join(lines) + "\n"


def _looks_like_iri(raw: str) -> bool:
    text = raw.strip()
    if text.startswith("<") and text.endswith(">"):
        return True
    prefix, colon, local = text.partition(":")
    return bool(colon) and (prefix in PREFIXES or local.startswith("//") or prefix in ("urn", "mailto"))


def coerce(q: SavedQuery, p: Param, raw: str) -> Cell | None:
    """Check ``raw`` against the parameter's type and return it as an RDF term (None: unbound)."""

    def bad(expected: str) -> QueryError:
        return QueryError(f"query {q.name!r}: parameter {p.name!r} must be {expected}, not {raw!r}")

    if p.type == "iri":
        if raw.strip() == ANY:
            return None
        if not _looks_like_iri(raw):
            if not names.key(raw):
                raise bad(TYPE_DOCS["iri"])
            return Cell(raw.strip(), "name")  # resolved against the graph by run()
        value = expand(raw, PREFIXES)
        if not _IRI_RE.fullmatch(value):
            raise bad("an IRI such as person:stalin or <https://w3id.org/xjgraph/person/stalin>, or a name")
        return Cell(value, "iri")
    if p.type in ("date", "from-date", "to-date"):
        try:
            d = dates.parse(raw.strip())
        except ValueError as exc:
            raise bad(f"an EDTF date such as 1944, 1944-06, 1944-06-12 or 1944/1945 ({exc})") from None
        return Cell(d.latest if p.type == "to-date" else d.earliest, "literal", XSD.date)
    if p.type == "match":
        if raw.strip() not in MATCHES:
            raise bad("possibly or certainly")
        return Cell(raw.strip(), "literal")
    if p.type == "url":
        try:
            page = urls.canonical(raw)
        except ValueError:
            raise bad(
                "a Digital Archive page such as https://digitalarchive.wilsoncenter.org/document/121852"
            ) from None
        return Cell(page, "iri")
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


def run(
    q: SavedQuery,
    target,
    params: dict[str, str] | None = None,
    timeout: float | None = None,
    note: Callable[[str], None] | None = None,
) -> Result:
    """Run a saved query on an :class:`~xjgraph.sparql.store.EmbeddedStore` or a
    :class:`~xjgraph.sparql.endpoint.RemoteEndpoint`.

    A name given for an iri parameter is resolved to the one entity it names (said through ``note``), and
    an IRI given is checked to be in the graph: a name that names several entities or none, and an IRI
    nothing mentions, are a :class:`QueryError` listing candidates, not an empty answer.
    """
    bindings = q.bindings(params)
    for name, value in list(bindings.items()):
        if value is None or name not in (params or {}):
            continue
        p = q.params[name]
        if value.kind == "name":
            found = lookup.find_by_name(target, value.value, p.kind, what=f"{name}={value.value!r}:")
            if note:
                note(f"{name}: {value.value!r} is {found}")
            bindings[name] = Cell(found.iri, "iri")
        elif p.type == "iri":
            lookup.check_iri(target, value.value)
    if note and "match" in q.params:
        how = (bindings["match"] or Cell("possibly")).value
        note(
            f"dates matched {how}: "
            + (
                "a record counts when its dates may fall in the period (--param match=certainly for only those that do)"
                if how == "possibly"
                else "a record counts when all its possible dates fall in the period"
            )
        )
    return target.select(q.text, bindings, timeout=timeout)


# ------------------------------------------------------------------ output


def format_result(result: Result, fmt: str = "table", width: int | None = None, wrap: bool = True) -> str:
    """Render rows as a table (IRIs as CURIEs, wrapped to the terminal), CSV, TSV, JSON or Markdown."""
    if fmt == "json":
        return render(result.variables, result.values(), "json")
    if fmt not in ("table", "csv", "tsv", "md"):
        raise QueryError(f"unknown format {fmt!r}: use table, csv, tsv, json or md")
    short = fmt in ("table", "md")
    rows = [[_show(c, short) for c in row] for row in result.rows]
    text = render(result.variables, rows, fmt, width=width, wrap=wrap)
    return text if text.endswith("\n") else text + "\n"


def _show(c: Cell | None, short: bool) -> str:
    if c is None:
        return ""
    if c.kind == "iri" and short:
        return curie(c.value, PREFIXES)
    return c.value
