"""Links to the authority files others use, each with the evidence that it names the same entity.

A source entry may carry ``match``, a list of tables such as::

    match = [
      { id = "wikidata:Q855", evidence = ["https://github.com/<owner>/<repo>/blob/<commit>/<path>"] },
      { id = "geonames:1234567", evidence = ["https://..."], close = true, note = "the modern prefecture" },
    ]

``id`` is ``scheme:value`` with a scheme of :data:`SCHEMES`; ``evidence`` the pages or public repository
files where the identifier was seen naming this entity (only identifiers seen go in); ``close = true`` for a
partial match (a modern prefecture for a historical district), published as ``skos:closeMatch`` instead of
``skos:exactMatch``; an English Wikipedia article is published as ``schema:sameAs``.

>>> authority_iri("wikidata:Q855"), authority_iri("geonames:1234567")
('http://www.wikidata.org/entity/Q855', 'https://sws.geonames.org/1234567/')
>>> problem("viaf:Q1", "person"), problem("geonames:12", "person")
('viaf needs digits, e.g. viaf:123456789', 'geonames identifies places, not a person')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Scheme:
    """An authority file: the form of its identifiers, its IRIs, what it may identify."""

    name: str
    label: str
    pattern: str  # the identifier, without the scheme
    template: str  # the IRI, with {} for the identifier
    kinds: tuple[str, ...]
    example: str
    homepage: str
    link: str = "exact"  # "exact": skos:exactMatch (closeMatch if close); "page": schema:sameAs

    def iri(self, value: str) -> str:
        """The IRI of ``value``: a title is percent-encoded as its site writes it (Wikipedia's canonical
        addresses escape the apostrophe and every letter outside ASCII, DBpedia's resource IRIs keep both).

        >>> SCHEMES["wikipedia"].iri("Yan'an"), SCHEMES["dbpedia"].iri("Yan'an")
        ('https://en.wikipedia.org/wiki/Yan%27an', "http://dbpedia.org/resource/Yan'an")
        >>> SCHEMES["wikipedia"].iri("Central_People's_Government_(1949–1954)")
        'https://en.wikipedia.org/wiki/Central_People%27s_Government_(1949%E2%80%931954)'
        >>> SCHEMES["wikipedia"].iri("Ürümqi"), SCHEMES["dbpedia"].iri("Ürümqi")
        ('https://en.wikipedia.org/wiki/%C3%9Cr%C3%BCmqi', 'http://dbpedia.org/resource/Ürümqi')
        """
        safe = _TITLE_SAFE.get(self.name)
        if safe is None:
            return self.template.format(value)
        if self.name in _IRI_TITLES:
            return self.template.format("".join(c if ord(c) > 127 else quote(c, safe=safe) for c in value))
        return self.template.format(quote(value, safe=safe))

    @property
    def iri_pattern(self) -> str:
        """A regular expression every IRI of this scheme matches (for the shapes and the tests)."""
        head, _, tail = self.template.partition("{}")
        return "^" + re.escape(head) + ("[^\\s/?#]+" if self.name in _TITLED else self.pattern) + re.escape(tail) + "$"


_AGENTS_ETC = ("person", "organisation", "place", "event")
# library authority files name people and corporate bodies, and places too (VIAF's geographic clusters, GND's
# Geografika); correspSearch links letters through them for people and organisations only
_LIBRARY = ("person", "organisation", "place")
# schemes whose identifier is a page title, with the characters each site leaves unescaped in it
_TITLE_SAFE = {"wikipedia": "()!,-_.~*:", "dbpedia": "()',-_.!~*:"}
_TITLED = tuple(_TITLE_SAFE)
# schemes whose IRIs are IRIs proper: letters outside ASCII stay as they are (DBpedia's own linksets write
# <http://dbpedia.org/resource/Ürümqi>), where a URI would percent-encode them
_IRI_TITLES = ("dbpedia",)
_TITLE = r"[^\s#|<>\[\]{}/?]+"

SCHEMES: dict[str, Scheme] = {
    s.name: s
    for s in (
        Scheme(
            "wikidata",
            "Wikidata",
            r"Q[1-9][0-9]*",
            "http://www.wikidata.org/entity/{}",
            _AGENTS_ETC,
            "wikidata:Q855",
            "https://www.wikidata.org/",
        ),
        Scheme(
            "viaf",
            "VIAF",
            r"[1-9][0-9]{1,21}",
            "http://viaf.org/viaf/{}",
            _LIBRARY,
            "viaf:123456789",
            "https://viaf.org/",
        ),
        Scheme(
            "gnd",
            "GND",
            r"(1[012]?[0-9]{7}[0-9X]|[47][0-9]{6}-[0-9]|[1-9][0-9]{0,7}-[0-9X]|3[0-9]{7}[0-9X])",
            "https://d-nb.info/gnd/{}",
            _LIBRARY,
            "gnd:123456789",
            "https://d-nb.info/",
        ),
        Scheme(
            "geonames",
            "GeoNames",
            r"[1-9][0-9]{0,9}",
            "https://sws.geonames.org/{}/",
            ("place",),
            "geonames:1234567",
            "https://www.geonames.org/",
        ),
        Scheme(
            "wikipedia",
            "English Wikipedia",
            _TITLE,
            "https://en.wikipedia.org/wiki/{}",
            _AGENTS_ETC,
            "wikipedia:Sheng_Shicai",
            "https://en.wikipedia.org/",
            link="page",
        ),
        Scheme(
            "dbpedia",
            "DBpedia",
            _TITLE,
            "http://dbpedia.org/resource/{}",
            _AGENTS_ETC,
            "dbpedia:Sheng_Shicai",
            "https://www.dbpedia.org/",
        ),
    )
}

# the authority files correspSearch links letters through (its Schematron's list), best first
CORRESPSEARCH_AGENTS = ("viaf", "gnd")
CORRESPSEARCH_PLACES = ("geonames",)

EXPECTED = (
    'a table { id = "scheme:identifier", evidence = ["https://..."] } (optionally close = true, note = '
    '"..."), scheme one of ' + ", ".join(SCHEMES)
)


def split(ident: str) -> tuple[Scheme | None, str]:
    scheme, _, value = ident.partition(":")
    return SCHEMES.get(scheme), value


def problem(ident: str, kind: str) -> str | None:
    """Why ``ident`` cannot identify an entity of ``kind``, or None."""
    scheme, value = split(ident)
    if scheme is None:
        return f"{ident!r}: the scheme must be one of " + ", ".join(SCHEMES)
    if not re.fullmatch(scheme.pattern, value):
        what = "a title with underscores for spaces" if scheme.name in _TITLED else "digits"
        if scheme.name == "wikidata":
            what = "Q and digits"
        return f"{scheme.name} needs {what}, e.g. {scheme.example}"
    if kind not in scheme.kinds:
        kinds = [f"{k}s" for k in scheme.kinds]
        listed = ", ".join(kinds[:-1]) + " and " + kinds[-1] if len(kinds) > 1 else kinds[0]
        article = "an" if kind[0] in "aeiou" else "a"
        return f"{scheme.name} identifies {listed}, not {article} {kind}"
    return None


def authority_iri(ident: str) -> str:
    """The IRI of a checked ``scheme:identifier``."""
    scheme, value = split(ident)
    assert scheme is not None, ident
    return scheme.iri(value)


def scheme_of_iri(iri: str) -> Scheme | None:
    """The scheme an authority IRI belongs to, or None."""
    for s in SCHEMES.values():
        if re.match(s.iri_pattern, iri):
            return s
    return None
