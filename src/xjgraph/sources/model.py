"""The validated model: entities read from the curated sources, with their references checked.

Each source table (``[[person]]``, ``[[record]]``, ...) has a field specification below; the
loader in :mod:`xjgraph.sources` checks every entry against it and returns a :class:`Catalogue`.

>>> spec = SPECS["place"]
>>> spec["lat"].required, spec["within"].refs
(False, ('place',))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AGENTS = ("person", "organisation")
ANY_ENTITY = ("person", "organisation", "place", "event", "office")

# Documentary forms: source value -> (ontology class local name, English label, is correspondence)
KINDS: dict[str, tuple[str, str, bool]] = {
    "letter": ("Letter", "letter", True),
    "telegram": ("Telegram", "telegram", True),
    "ciphered-telegram": ("CipheredTelegram", "ciphered telegram", True),
    "cable": ("Cable", "cable", True),
    "report": ("Report", "report", True),
    "record-of-conversation": ("RecordOfConversation", "record of conversation", False),
    "memorandum": ("Memorandum", "memorandum", False),
    "politburo-decision": ("PolitburoDecision", "Politburo decision", False),
    "minutes-excerpt": ("MinutesExcerpt", "minutes excerpt", False),
    "proposal": ("Proposal", "proposal", False),
    "log": ("Log", "log", False),
    "brochure": ("Brochure", "brochure", False),
    "policy-document": ("PolicyDocument", "policy document", False),
}


@dataclass(frozen=True)
class Field:
    """How one source field is checked: its type, whether it is required, what it may refer to."""

    type: str  # str | text | slug | bool | edtf | date | number | url | urls | web | webs | labels | list | ref | refs | table | matches | evidence
    required: bool = False
    refs: tuple[str, ...] = ()
    expected: str = ""
    choices: tuple[str, ...] = ()


def _f(type_: str, required: bool = False, refs: tuple[str, ...] = (), expected: str = "", choices=()) -> Field:
    return Field(type_, required, refs, expected, tuple(choices))


_NAMED = {
    "id": _f("slug", True),
    "name": _f("str", True, expected="the preferred English name"),
    "labels": _f("labels", expected='a table of names in other scripts keyed by language tag, e.g. { ru = "..." }'),
    "variants": _f("list", expected="a list of variant names and spellings"),
    "description": _f("text", expected="a short description in the curators' own words"),
    "note": _f("text"),
}


EXPECTED_EVIDENCE = (
    'a list of tables { field = "born", sources = ["https://..."] } (optionally value = "...", unverified = true, '
    'note = "...")'
)
EVIDENCE = Field("evidence", expected=EXPECTED_EVIDENCE)


def _match(kind: str) -> Field:
    # links to authority files (sources/authorities.py); refs carries the kind of entity they identify
    return _f("matches", refs=(kind,), expected=EXPECTED_MATCH)


EXPECTED_MATCH = (
    'a list of tables { id = "scheme:identifier", evidence = ["https://..."] } (optionally close = true, '
    'note = "..."), scheme one of wikidata, viaf, gnd, geonames, wikipedia, dbpedia'
)

SPECS: dict[str, dict[str, Field]] = {
    "side": {**_NAMED},
    "person": {
        **_NAMED,
        "born": _f("date"),
        "died": _f("date"),
        "side": _f("refs", True, ("side",), 'a list of side ids, e.g. ["soviet"]'),
        "member_of": _f("refs", refs=("organisation",)),
        "match": _match("person"),
        "evidence": EVIDENCE,
    },
    "organisation": {
        **_NAMED,
        "side": _f("refs", True, ("side",), 'a list of side ids, e.g. ["soviet"]'),
        "part_of": _f("ref", refs=("organisation",)),
        "located_in": _f("ref", refs=("place",)),
        "archive": _f("bool", expected="true for a holding archive"),
        "match": _match("organisation"),
        "evidence": EVIDENCE,
    },
    "place": {
        **_NAMED,
        "lat": _f("number", expected="a latitude in decimal degrees between -90 and 90 (omit when not established)"),
        "long": _f(
            "number", expected="a longitude in decimal degrees between -180 and 180 (omit when not established)"
        ),
        "within": _f("ref", refs=("place",)),
        "match": _match("place"),
        "evidence": EVIDENCE,
    },
    "event": {
        **_NAMED,
        "date": _f("edtf", True),
        "places": _f("refs", refs=("place",)),
        "match": _match("event"),
        "evidence": EVIDENCE,
    },
    "office": {
        **_NAMED,
        "organisation": _f("ref", True, ("organisation",)),
        "place": _f("ref", refs=("place",)),
        "concurrent_holders": _f(
            "bool", expected="true for an office several people hold at once (tenures may overlap)"
        ),
    },
    "tenure": {
        "office": _f("ref", True, ("office",)),
        "holder": _f("ref", True, ("person",)),
        "start": _f("edtf", True),
        "end": _f("edtf"),
        "note": _f("text"),
        "evidence": EVIDENCE,
    },
    "record": {
        "id": _f("slug", True),
        "kind": _f("str", True, expected="one of " + ", ".join(KINDS), choices=tuple(KINDS)),
        "title": _f("str", True, expected="the title exactly as the archive prints it"),
        "title_supplied": _f("bool"),
        "date": _f("edtf", True),
        "archive_date": _f("str", expected="the date exactly as the archive prints it"),
        "date_note": _f("text"),
        "corrected_date": _f("edtf"),
        "number": _f("str"),
        "senders": _f("refs", refs=AGENTS),
        "recipients": _f("refs", refs=AGENTS),
        "cc": _f("refs", refs=AGENTS),
        "via": _f("refs", refs=AGENTS),
        "participants": _f("refs", refs=AGENTS),
        "from_place": _f("ref", refs=("place",)),
        "about": _f("refs", refs=ANY_ENTITY),
        "mentions": _f("refs", refs=ANY_ENTITY),
        "replies_to": _f("refs", refs=("record",)),
        "forwards": _f("refs", refs=("record",)),
        "url": _f(
            "url", expected="a Digital Archive page https://digitalarchive.wilsoncenter.org/document/<slug-or-number>"
        ),
        "other_urls": _f("urls", expected="a list of canonical Digital Archive pages"),
        "listed": _f("bool", True, expected="true or false: seen on the collection's own listing"),
        "obtained_by": _f("refs", refs=("person",)),
        "translated_by": _f("refs", refs=("person",)),
        "holding": _f("table"),
        "catalogue_id": _f("str"),
        "description": _f(
            "text",
            expected="one to three sentences in the curators' own words on what the record is and does "
            "(never the archive's summary)",
        ),
        "evidence": EVIDENCE,
    },
    "publish": {
        "sparql_endpoint": _f(
            "web", expected="the public SPARQL endpoint's URL (https://...), where the dataset is served"
        ),
        "dumps": _f("webs", expected="the URLs where the dump's files can be downloaded"),
    },
    "holding": {
        "archive": _f("ref", True, ("organisation",)),
        "reference": _f(
            "str", True, expected="the archival reference as a string, e.g. f. 558, op. 11, d. 323, ll. 22-25"
        ),
        "fond": _f("str"),
        "opis": _f("str"),
        "delo": _f("str"),
        "folios": _f("str"),
        "reprint": _f("str"),
    },
}

# The source tables; a table's name is the kind of entity it holds.
TABLES = ("side", "person", "organisation", "place", "event", "office", "tenure", "record")


@dataclass
class Entity:
    """One validated entry of a source file."""

    kind: str
    id: str
    data: dict[str, Any]
    path: str

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)

    def list(self, name: str) -> list:
        return list(self.data.get(name) or [])


@dataclass
class Catalogue:
    """Everything the sources hold, by kind and id."""

    entities: dict[str, dict[str, Entity]] = field(default_factory=lambda: {k: {} for k in TABLES})
    tenures: list[Entity] = field(default_factory=list)
    publish: dict[str, Any] = field(default_factory=dict)  # where the dataset is published ([publish] table)

    def kind_of(self, ident: str) -> str | None:
        for kind, table in self.entities.items():
            if ident in table:
                return kind
        return None

    def __getitem__(self, kind: str) -> dict[str, Entity]:
        return self.entities[kind]

    def find(self, ident: str) -> Entity | None:
        kind = self.kind_of(ident)
        return self.entities[kind][ident] if kind else None
