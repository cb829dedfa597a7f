"""Coverage report of the curation: what ``xjgraph stats`` prints.

>>> from xjgraph import sources
>>> from xjgraph.resources import package_dir
>>> report = compute(sources.load(package_dir() / "data" / "sources"))
>>> report.unresolved_names
[]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from . import evidence
from .model import KINDS, Catalogue
from .titles import TitleReader


@dataclass
class Report:
    records: int = 0
    by_kind: Counter = field(default_factory=Counter)
    by_year: Counter = field(default_factory=Counter)
    with_parties: int = 0
    with_places: int = 0
    with_events: int = 0
    with_citation: int = 0
    with_url: int = 0
    unresolved_names: list[str] = field(default_factory=list)
    unreferenced: list[str] = field(default_factory=list)
    # authority links: per kind of entity, how many there are, how many have a link, and links per scheme
    entities: Counter = field(default_factory=Counter)
    linked: Counter = field(default_factory=Counter)
    links: dict[str, Counter] = field(default_factory=dict)
    busy: list[str] = field(default_factory=list)  # agents in more than two records
    busy_linked: list[str] = field(default_factory=list)
    # evidence: per kind, the facts (dates, coordinates) and how many have a source or are marked unverified
    facts: Counter = field(default_factory=Counter)
    evidenced: Counter = field(default_factory=Counter)
    disputed: list[str] = field(default_factory=list)  # facts with values the curators set aside
    parties_unsourced: list[str] = field(default_factory=list)  # parties the title does not name, no source

    @property
    def busy_unlinked(self) -> list[str]:
        return [a for a in self.busy if a not in self.busy_linked]


def compute(cat: Catalogue) -> Report:
    """Count the records by kind and year, the coverage of each kind of link, and the loose ends."""
    r = Report()
    reader = TitleReader(cat)
    referenced: set[str] = set()
    mentions: Counter = Counter()
    for rec in cat["record"].values():
        for role in ("senders", "recipients", "cc", "via", "participants", "about", "mentions"):
            mentions.update(set(rec.list(role)))
        r.records += 1
        r.by_kind[rec.get("kind")] += 1
        r.by_year[rec.get("date")[:4]] += 1
        parties = rec.list("senders") + rec.list("recipients") + rec.list("participants")
        if parties:
            r.with_parties += 1
        linked = (
            parties
            + rec.list("via")
            + rec.list("cc")
            + rec.list("about")
            + rec.list("mentions")
            + rec.list("obtained_by")
            + rec.list("translated_by")
        )
        if rec.get("from_place"):
            linked.append(rec.get("from_place"))
        if rec.get("holding"):
            r.with_citation += 1
            linked.append(rec.get("holding")["archive"])
        kinds = [cat.kind_of(i) for i in linked]
        r.with_places += "place" in kinds
        r.with_events += "event" in kinds
        r.with_url += bool(rec.get("url"))
        referenced.update(linked)
        if not rec.get("title_supplied"):
            p = reader.read(rec.get("title"), rec.get("date"))
            r.unresolved_names.extend(f"{rec.id}: {name}" for name in p.unresolved)
        # a party the title does not name needs a source of its own
        unstated = unstated_parties(reader, rec.data)
        sourced = {(e["field"], e.get("value")) for e in rec.list("evidence") if evidence.used("record", rec.data, e)}
        r.facts[PARTY_LABEL] += len(unstated)
        r.evidenced[PARTY_LABEL] += len(set(unstated) & sourced)
        r.parties_unsourced.extend(f"{rec.id}: {f} {i}" for f, i in unstated if (f, i) not in sourced)
    # entities reached only through other entities still count as referenced
    for kind, fields in (
        ("person", ("member_of",)),
        ("organisation", ("part_of", "located_in")),
        ("place", ("within",)),
        ("event", ("places",)),
        ("office", ("organisation", "place")),
    ):
        for e in cat[kind].values():
            for f in fields:
                v = e.get(f)
                referenced.update(v if isinstance(v, list) else [v] if v else [])
    for t in cat.tenures:
        referenced.update([t.get("holder"), t.get("office")])
        have = evidence.facts("tenure", t.data)
        r.facts["tenure"] += len(have)
        r.evidenced["tenure"] += len(evidence.covered("tenure", t.data) & set(have))
        for entry in t.list("evidence"):
            if not evidence.used("tenure", t.data, entry):
                r.disputed.append(f"tenure {t.id}: {entry['field']}")
    for kind in ("person", "organisation", "place", "event", "office"):
        r.unreferenced.extend(f"{kind} {i}" for i in sorted(cat[kind]) if i not in referenced)
    for kind in ("person", "organisation", "place", "event"):
        r.links[kind] = Counter()
        for e in cat[kind].values():
            r.entities[kind] += 1
            schemes = {m["id"].partition(":")[0] for m in e.list("match")}
            r.links[kind].update(schemes)
            r.linked[kind] += bool(schemes)
            if kind in ("person", "place", "event") and (kind != "person" or mentions[e.id] > 1):
                label = "person (in more than one record)" if kind == "person" else kind
                have = evidence.facts(kind, e.data)
                done = evidence.covered(kind, e.data) & set(have)
                r.facts[label] += len(have)
                r.evidenced[label] += len(done)
                for entry in e.list("evidence"):
                    if not evidence.used(kind, e.data, entry):
                        r.disputed.append(f"{kind} {e.id}: {entry['field']}")
            if kind in ("person", "organisation") and mentions[e.id] > 2:
                r.busy.append(f"{kind} {e.id}")
                if schemes:
                    r.busy_linked.append(f"{kind} {e.id}")
    return r


PARTY_LABEL = "record party (not in its title)"
PARTY_FIELDS = ("senders", "recipients", "participants")


def unstated_parties(reader: TitleReader, data: dict) -> list[tuple[str, str]]:
    """The record's senders, recipients and participants that its title does not name, as (field, id).

    A title the curators supplied names nobody. The title reader resolves names, offices and aliases:

    >>> from xjgraph import sources
    >>> from xjgraph.resources import package_dir
    >>> reader = TitleReader(sources.load(package_dir() / "data" / "sources"))
    >>> unstated_parties(reader, {"title": "Letter to the Soviet Ambassador in Chongqing", "date": "1942-07-07",
    ...                           "senders": ["nkid"], "recipients": ["panyushkin"]})
    [('senders', 'nkid')]
    """
    if data.get("title_supplied"):
        named: set[str] = set()
    else:
        p = reader.read(data.get("title") or "", str(data.get("date") or ""))
        named = {*p.senders, *p.recipients, *p.participants, *p.via, *p.about, *p.offices.values()}
    return [(f, i) for f in PARTY_FIELDS for i in data.get(f) or [] if i not in named]


def _share(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.0f}%)" if total else "0/0"


def format_report(r: Report) -> str:
    lines = [f"records: {r.records}", "", "by kind:"]
    lines += [f"  {KINDS[k][1]:<24} {n}" for k, n in sorted(r.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))]
    lines += ["", "by year:"] + [f"  {y}  {n}" for y, n in sorted(r.by_year.items())]
    lines += [
        "",
        "coverage:",
        f"  senders, recipients or participants resolved  {_share(r.with_parties, r.records)}",
        f"  with places                                   {_share(r.with_places, r.records)}",
        f"  with events                                   {_share(r.with_events, r.records)}",
        f"  with an archival citation                     {_share(r.with_citation, r.records)}",
        f"  with a Digital Archive page                   {_share(r.with_url, r.records)}",
        "",
        "authority links (entities with at least one; entities with a link to each authority file):",
    ]
    for kind in ("person", "organisation", "place", "event"):
        per = ", ".join(f"{k} {n}" for k, n in sorted(r.links.get(kind, {}).items())) or "none"
        lines.append(f"  {kind:<13} {_share(r.linked[kind], r.entities[kind]):<14} {per}")
    lines += [
        f"  people and organisations in more than two records  {_share(len(r.busy_linked), len(r.busy))}",
        f"  of them without a link: {len(r.busy_unlinked)}",
    ]
    lines += [f"    {a}" for a in r.busy_unlinked]
    lines += ["", "evidence (facts with a source, or marked unverified):"]
    for label in ("person (in more than one record)", "tenure", "event", "place", PARTY_LABEL):
        lines.append(f"  {label:<34} {_share(r.evidenced[label], r.facts[label])}")
    lines += [f"    {p}" for p in r.parties_unsourced]
    lines.append(f"  facts where sources disagree (values set aside are kept): {len(sorted(set(r.disputed)))}")
    lines += [f"    {d}" for d in sorted(set(r.disputed))]
    lines += [
        "",
        f"names in titles that resolve to nothing: {len(r.unresolved_names)}",
    ]
    lines += [f"  {n}" for n in r.unresolved_names]
    lines += [f"entities no record references: {len(r.unreferenced)}"]
    lines += [f"  {n}" for n in r.unreferenced]
    return "\n".join(lines)
