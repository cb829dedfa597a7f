"""Read Digital Archive titles: propose kind, number, senders, recipients, intermediaries and participants.

Names are resolved through the aliases (preferred and variant names) of people, organisations,
places and offices; a title that names only an office resolves, through the tenures, to the person
who held it on the record's date.

>>> from xjgraph import sources
>>> from xjgraph.resources import package_dir
>>> cat = sources.load(package_dir() / "data" / "sources")
>>> p = TitleReader(cat).read("Ciphered Telegram No. 4159 from Filipov [Stalin] to Kovalev", "1949-10-14")
>>> p.kind, p.number, p.senders, p.recipients
('ciphered-telegram', '4159', ['stalin'], ['kovalev'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import dates
from .model import Catalogue

_INITIALS_RE = re.compile(r"\b([A-Z])\.\s+(?=[A-Z]\.)")
_TOKEN_RE = re.compile(r"[\w'().\-\[\]\"]+", re.UNICODE)
MAX_ALIAS_TOKENS = 16

# Words that introduce a name without being part of it.
RANK_PHRASES = ("general commissar of state security",)
HONORIFICS = {
    "cde",
    "cdes",
    "comrade",
    "comrades",
    "mr",
    "dr",
    "general",
    "general-major",
    "marshal",
    "the",
    "governer",
    "commander-in-chief",
    "deputy",
    "soviet",
    "ambassador",
}

# (pattern at the start of a title, kind), first match wins
KIND_PATTERNS: list[tuple[str, str]] = [
    (r"ciphered telegram|cyper|cipher\b", "ciphered-telegram"),
    (r"cable|telegram with message", "cable"),
    (r"paraphrase of telegram|telegram", "telegram"),
    (r"(information )?letter|translation of (a )?letter|translation of message|message", "letter"),
    (r"(special )?report", "report"),
    (r"memorandum of conversation", "memorandum"),
    (r"record of (a )?(conversation|meeting)|a conversation between|conversation", "record-of-conversation"),
    (r"exce[pr]+t (on [\w ]+ )?from minutes", "minutes-excerpt"),
    (r"excerpt from operations log", "log"),
    (r"politburo decisions?|vkp\(b\) cc politburo decree", "politburo-decision"),
    (r"concerning\b", "politburo-decision"),
    (r"proposals?\b", "proposal"),
    (r"guidelines\b", "policy-document"),
]


def normalise(text: str) -> str:
    """Fold case, quotes and spacing of initials so that variants compare equal."""
    text = text.replace("’", "'").replace("‘", "'")
    text = _INITIALS_RE.sub(r"\1.", text)
    return text


def tokens(text: str) -> list[str]:
    out = []
    for raw in _TOKEN_RE.findall(normalise(text)):
        tok = raw.strip('[]"').lower()
        if tok.endswith("'s"):
            tok = tok[:-2]
        tok = tok.rstrip(".,:;")
        if tok:
            out.append(tok)
    return out


@dataclass
class Match:
    start: int
    end: int
    kind: str
    ident: str
    text: str


@dataclass
class Proposal:
    """What the title reader proposes for one title."""

    title: str
    kind: str | None = None
    number: str | None = None
    senders: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    from_place: str | None = None
    about: list[str] = field(default_factory=list)
    offices: dict[str, str] = field(default_factory=dict)  # office id -> person id it resolved to
    unresolved: list[str] = field(default_factory=list)  # names in the title that resolve to nothing
    party_text: list[str] = field(default_factory=list)  # the phrases read as parties


class TitleReader:
    """Resolve names in titles against the aliases and office tenures of a catalogue."""

    def __init__(self, cat: Catalogue):
        self.cat = cat
        self.aliases: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for kind in ("person", "organisation", "place", "office", "event"):
            for e in cat[kind].values():
                names = [e.get("name"), *e.list("variants"), *(e.get("labels") or {}).values()]
                for name in names:
                    key = tuple(tokens(name))
                    if key and (kind, e.id) not in self.aliases.setdefault(key, []):
                        self.aliases[key].append((kind, e.id))

    # ------------------------------------------------------------------ name matching
    def matches(self, text: str) -> list[Match]:
        """Longest alias matches in ``text``, left to right, without overlaps."""
        toks = tokens(text)
        out: list[Match] = []
        i = 0
        while i < len(toks):
            for n in range(min(MAX_ALIAS_TOKENS, len(toks) - i), 0, -1):
                key = tuple(toks[i : i + n])
                if n == 1 and key[0] in HONORIFICS:
                    continue
                hits = self.aliases.get(key)
                if hits:
                    kind, ident = _prefer(hits)
                    out.append(Match(i, i + n, kind, ident, " ".join(key)))
                    i += n
                    break
            else:
                i += 1
        return out

    def resolve_office(self, office: str, date: str) -> str | None:
        """The person who held ``office`` on ``date`` (EDTF), or None when no single holder is known."""
        d = dates.parse(date)
        candidates = []
        for t in self.cat.tenures:
            if t.get("office") != office:
                continue
            start = dates.parse(t.get("start")).earliest
            end = dates.parse(t.get("end")).latest if t.get("end") else "9999-12-31"
            if start <= d.latest and end >= d.earliest:
                candidates.append((start, t.get("holder")))
        if not candidates:
            return None
        holders = {h for _, h in candidates}
        if len(holders) == 1:
            return holders.pop()
        before = [c for c in candidates if c[0] <= d.earliest]
        return max(before)[1] if before else None

    def resolve_party(self, chunk: str, date: str, proposal: Proposal) -> list[str]:
        """The agents a party phrase names ("Cde. L. Beria", "the Soviet Ambassador in Chongqing")."""
        found = self.matches(chunk)
        people = [m.ident for m in found if m.kind == "person"]
        if people:
            return list(dict.fromkeys(people))
        for m in found:
            if m.kind == "office":
                holder = self.resolve_office(m.ident, date)
                if holder:
                    proposal.offices[m.ident] = holder
                    return [holder]
                proposal.unresolved.append(f"{chunk.strip()} (no holder of {m.ident} on {date})")
                return []
        orgs = [m.ident for m in found if m.kind == "organisation"]
        if orgs:
            return orgs[:1]
        if any(m.kind == "place" for m in found):
            return []  # an apposition such as "Moscow" or "Ottawa"
        words = [w for w in tokens(chunk) if w not in HONORIFICS]
        if words:
            proposal.unresolved.append(chunk.strip())
        return []

    def resolve_parties(self, phrase: str, date: str, proposal: Proposal) -> list[str]:
        """Split a list of parties ("Cdes. Stalin, Molotov, and Voroshilov") and resolve each."""
        out: list[str] = []
        proposal.party_text.append(phrase)
        parts = re.split(r"(,\s*(?:and\s+)?|\s+and\s+)", phrase)
        previous_person = False
        for index in range(0, len(parts), 2):
            chunk = parts[index]
            after_comma = index > 0 and parts[index - 1].strip().startswith(",") and "and" not in parts[index - 1]
            if not chunk.strip() or " ".join(tokens(chunk)) in RANK_PHRASES:
                continue
            idents = self.resolve_party(chunk, date, proposal)
            kinds = {self.cat.kind_of(i) for i in idents}
            if previous_person and after_comma and kinds == {"organisation"}:
                continue  # an apposition: "L.D. Wilgress, Canadian Embassy, Moscow"
            if idents:
                previous_person = "person" in kinds
            for ident in idents:
                if ident not in out:
                    out.append(ident)
        return out

    def split_parties(self, left_right: list[tuple[str, str]], date: str, p: Proposal) -> tuple[list[str], list[str]]:
        """Of several ways to split "X to Y", take the first where both sides resolve without leftovers."""
        best = None
        for left, right in left_right:
            trial = Proposal(p.title)
            senders = self.resolve_parties(left, date, trial) if left.strip() else []
            recipients = self.resolve_parties(right, date, trial)
            ok = recipients and (senders or not left.strip()) and not trial.unresolved
            if ok or best is None:
                best = (left, right)
            if ok:
                break
        assert best is not None  # the loop ran at least once
        left, right = best
        return (self.resolve_parties(left, date, p) if left.strip() else []), self.resolve_parties(right, date, p)

    # ------------------------------------------------------------------ the reader
    def read(self, title: str, date: str) -> Proposal:
        """Propose what ``title`` says about a record dated ``date`` (EDTF)."""
        p = Proposal(title)
        t = normalise(title).strip()
        low = t.lower()
        for pattern, kind in KIND_PATTERNS:
            if re.match(pattern, low):
                p.kind = kind
                break
        if p.kind is None and "brochure" in low:
            p.kind = "brochure"
        number = re.search(r"\bNo\.\s*(\d+)", t)
        if number:
            p.number = number.group(1)
        body = re.sub(r"^.*?\bNo\.\s*\d+,?\s*", "", t) if number else t
        body = re.sub(r",?\s*'[^']*'$", "", body)  # a quoted report title at the end

        conv = re.search(
            r"\b(?:conversation|meeting)\s+(?:between|of)\s+(.+?)(?:\s+(?:which occurred|on \d).*)?$", body, re.I
        )
        conv_with = re.search(r"\bconversation with\s+(.+)$", body, re.I)
        if p.kind in ("record-of-conversation", "memorandum") and (conv or conv_with):
            if conv:
                phrase = re.sub(r"\s+with\s+", " and ", conv.group(1))
                p.participants = self.resolve_parties(phrase, date, p)
            elif conv_with:
                p.participants = self.resolve_parties(conv_with.group(1), date, p)
        else:
            self._read_correspondence(body, date, p)
        if (
            p.kind in ("politburo-decision", "minutes-excerpt")
            and not p.senders
            and "politburo" in self.cat["organisation"]
        ):
            p.senders = ["politburo"]  # a decision of the VKP(b) CC Politburo is authored by the Politburo
        named = set(p.senders + p.recipients + p.via + p.participants)
        for text in p.party_text:
            named.update(m.ident for m in self.matches(text))
        for m in self.matches(title):
            if m.kind == "office":
                continue
            if m.ident not in named and m.ident not in p.about and m.ident != p.from_place:
                p.about.append(m.ident)
        return p

    def _read_correspondence(self, body: str, date: str, p: Proposal) -> None:
        via = re.search(r"\s+via\s+(.+)$", body)
        if via:
            p.via = self.resolve_parties(via.group(1), date, p)
            body = body[: via.start()]
        sent_from = re.search(r"\bfrom\s+(.+?)\s+in\s+([A-Z][\w']+)$", body)
        m = re.search(r"(?:\bfrom|^(?:translation of a )?letter of)\s+(.+?)\s+(?:to|for)\s+(.+)$", body, re.I)
        if m and not re.match(r"(?i)excerpt|exceprt|concerning|the truth|information about|report of", body):
            rest = body[m.start(1) :]
            p.senders, p.recipients = self.split_parties(_splits(rest, ("to", "for")), date, p)
            return
        if sent_from:
            p.senders = self.resolve_parties(sent_from.group(1), date, p)
            places = [x.ident for x in self.matches(sent_from.group(2)) if x.kind == "place"]
            p.from_place = places[0] if places else None
            return
        m = re.search(r"^(?:cable|report|message)?,?\s*(?:with message\s+)?from\s+(.+)$", body, re.I)
        if m and p.kind in ("cable", "report", "letter", "telegram"):
            p.senders = self.resolve_parties(m.group(1), date, p)
            return
        m = re.search(r"^(?:(?:cable|report|letter),\s*)?(.+?)\s+to\s+(.+)$", body, re.I)
        if m and not re.match(
            r"(?i)(concerning|excerpt|exceprt|the (?:truth|distribution|situation|communist)|guidelines|democratic|information|"
            r"proposals|politburo|vkp)",
            body,
        ):
            rest = re.sub(
                r"(?i)^(?:(?:cable|report|letter),\s*)?(letter|report|cable|telegram|ciphered telegram|cyper|"
                r"message)?\s*",
                "",
                body,
            )
            p.senders, p.recipients = self.split_parties(_splits(rest, ("to",)), date, p)
            if p.kind is None and (p.senders or p.recipients):
                p.kind = "letter"
            return
        m = re.search(r"^(?:letter|report|cable|telegram)\s+(?:to|for)\s+(.+)$", body, re.I)
        if m:
            p.recipients = self.resolve_parties(m.group(1), date, p)
            return
        m = re.search(r"^report of\s+(.+?)\s+about\b", body, re.I)
        if m:
            p.senders = self.resolve_parties(m.group(1), date, p)
            return
        m = re.search(r"^report from (?:the )?(.+?)(?:,|$)", body, re.I)
        if m:
            p.senders = self.resolve_parties(m.group(1), date, p)


def _splits(text: str, words: tuple[str, ...]) -> list[tuple[str, str]]:
    """Every way to cut ``text`` at one of ``words`` (" to ", " for "), leftmost first."""
    out = []
    for m in re.finditer(r"\s+(?:{})\s+".format("|".join(words)), text):
        out.append((text[: m.start()], text[m.end() :]))
    return out or [("", text)]


def _prefer(hits: list[tuple[str, str]]) -> tuple[str, str]:
    """Where one alias names several things, prefer a person, then an office, an organisation, a place."""
    order = {"person": 0, "office": 1, "organisation": 2, "place": 3, "event": 4}
    return min(hits, key=lambda h: order[h[0]])
