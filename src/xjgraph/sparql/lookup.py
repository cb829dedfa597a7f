"""Names where IRIs are expected: finding an entity by any of its names, and checking that an IRI is there.

A name is looked up through ``xj:nameKey`` (the search form of every preferred and variant label in every
script), so "Filippov", "filippov" and "Сталин" all find Stalin and "Tihwa" finds Urumqi. One match is the
answer; several, or none, are a :class:`~xjgraph.errors.QueryError` that lists the candidates, or the
nearest names, with their CURIEs. The same goes for an IRI that nothing in the graph mentions.

>>> from xjgraph.resources import packaged_dump
>>> from xjgraph.sparql.store import EmbeddedStore
>>> store = EmbeddedStore.from_file(packaged_dump())
>>> find_by_name(store, "Tihwa").curie
'place:urumqi'
>>> check_iri(store, "https://w3id.org/xjgraph/place/Urumqi")
Traceback (most recent call last):
...
xjgraph.errors.QueryError: place:Urumqi is not in the graph; did you mean place:urumqi (Urumqi)?
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..errors import QueryError
from ..rdf.namespaces import BASE, PREFIXES, curie, kind_and_id, sparql
from ..sources import names
from .binding import term_to_sparql
from .results import Cell

BY_KEY = sparql(
    """
SELECT DISTINCT ?entity ?label WHERE {
  ?entity xj:nameKey ?key .
  OPTIONAL { ?entity skos:prefLabel ?label . FILTER(LANG(?label) = "en") }
}
ORDER BY ?entity
"""
)
ALL_NAMES = sparql(
    """
SELECT ?entity ?name ?label WHERE {
  ?entity skos:prefLabel|skos:altLabel ?name .
  OPTIONAL { ?entity skos:prefLabel ?label . FILTER(LANG(?label) = "en") }
}
"""
)
MENTIONED = sparql("ASK WHERE { { ?iri ?p ?o } UNION { ?s ?p ?iri } }")


@dataclass(frozen=True)
class Match:
    iri: str
    label: str

    @property
    def curie(self) -> str:
        return curie(self.iri, PREFIXES)

    def __str__(self) -> str:
        return f"{self.curie} ({self.label})" if self.label else self.curie


def _matches(rows) -> list[Match]:
    seen: dict[str, Match] = {}
    for r in rows:
        iri = r[0].value
        if iri not in seen:
            seen[iri] = Match(iri, r[1].value if r[1] is not None else "")
    return list(seen.values())


def _kind(iri: str) -> str | None:
    found = kind_and_id(iri)
    return found[0] if found else None


def find_by_name(target, text: str, prefer: str | None = None, what: str = "name") -> Match:
    """The entity known by ``text`` (any name, variant or cover name, any script), preferring entities of
    the kind ``prefer`` (person, place, ...) when several share the name."""
    key = names.key(text)
    if not key:
        raise QueryError(f"{what} {text!r} is empty")
    found = _matches(target.select(BY_KEY, {"key": Cell(key)}).rows)
    if len(found) > 1 and prefer:
        preferred = [m for m in found if _kind(m.iri) == prefer]
        found = preferred or found
    if len(found) == 1:
        return found[0]
    if found:
        listed = "\n".join(f"  {m}" for m in found)
        raise QueryError(f"{what} {text!r} names {len(found)} entities; give one of their IRIs:\n{listed}")
    near = nearest_names(target, text, prefer)
    hint = ("; the nearest names: " + "; ".join(f"{n!r} = {m}" for n, m in near)) if near else ""
    raise QueryError(f"{what} {text!r} is no name in the graph{hint}")


def nearest_names(target, text: str, prefer: str | None = None, n: int = 5) -> list[tuple[str, Match]]:
    """Names close to ``text`` (edit distance of their search forms), each with its entity."""
    by_key: dict[str, tuple[str, Match]] = {}
    for r in target.select(ALL_NAMES).rows:
        iri = r[0].value
        if prefer and _kind(iri) != prefer:
            continue
        name = r[1].value
        by_key.setdefault(names.key(name), (name, Match(iri, r[2].value if r[2] is not None else "")))
    close = difflib.get_close_matches(names.key(text), list(by_key), n=n, cutoff=0.6)
    return [by_key[k] for k in close]


def check_iri(target, iri: str) -> None:
    """Refuse an IRI that nothing in the graph mentions, suggesting IRIs of the same kind that are near."""
    if target.query(MENTIONED, {"iri": Cell(iri, "iri")}, form="ASK"):
        return
    shown = curie(iri, PREFIXES)
    kind = _kind(iri)
    hint = ""
    if kind:
        prefix = f"{BASE}{kind}/"
        rows = target.select(
            sparql(
                'SELECT DISTINCT ?entity ?label WHERE { ?entity skos:prefLabel ?label . FILTER(LANG(?label) = "en") '
                f"FILTER(STRSTARTS(STR(?entity), {term_to_sparql(Cell(prefix))})) }} ORDER BY ?entity"
            )
        ).rows
        entities = {r[0].value[len(prefix) :]: Match(r[0].value, r[1].value) for r in rows}
        local = iri[len(prefix) :]
        close = difflib.get_close_matches(local.lower(), list(entities), n=3, cutoff=0.5)
        if close:
            hint = "; did you mean " + ", ".join(str(entities[c]) for c in close) + "?"
    raise QueryError(f"{shown} is not in the graph{hint}")
