"""Draft source records for a curator to confirm, from a title and a date or a catalogue-shaped JSONL file.

The drafts use the title reader for kind, number and parties, the archive's date converted to EDTF,
the canonical page address, and the archival reference read from the citation. Summaries are never
copied: a curator reads them and fills ``about`` in.

>>> parse_citation("RGASPI f. 17, op. 162, d. 20, l. 26. Obtained by Jamil Hasanli and translated by Gary Goldberg.")["fond"]
'17'
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import SourceError
from . import dates, urls
from .model import Catalogue
from .titles import TitleReader

ARCHIVES = [
    ("PRC FMA", "prc-fma"),
    ("RGASPI", "rgaspi"),
    ("APRF", "aprf"),
    ("GARF", "garf"),
    ("AVPRF", "avprf"),
    ("Library of Congress", "library-of-congress"),
]


def slugify(text: str, words: int = 6) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    stop = {"of", "the", "a", "an", "to", "from", "and", "in", "on", "cde", "cdes", "for", "with", "no"}
    kept = [p for p in parts if p not in stop][:words]
    return "-".join(kept) or "untitled"


def parse_citation(text: str) -> dict[str, Any]:
    """Split a Digital Archive citation into archive, reference, fond/opis/delo/folios and contributors."""
    out: dict[str, Any] = {}
    for label, ident in ARCHIVES:
        if label in text:
            out["archive"] = ident
            break
    body = re.split(r"\.\s+(?:Obtained|Translated|Reprinted)", text)[0]
    for label, _ in ARCHIVES:
        body = body.replace(label, "")
    body = re.sub(r"^.*History and Public Policy Program Digital Archive,\s*", "", body)
    out["reference"] = body.strip(" ,:;.")
    patterns = {
        "fond": r"\b(?:F\.|f\.|Fond)\s*(R?-?\d+\w*)",
        "opis": r"\b(?:Op\.|op\.|Opis')\s*(\d+)",
        "delo": r"\b(?:D\.|d\.|Delo)\s*(\d+)",
        "folios": r"\b(?:Ll\.|ll\.|L\.|l\.)\s*([\d\-]+)",
    }
    for key, pattern in patterns.items():
        m = re.search(pattern, body)
        if m:
            out[key] = m.group(1)
    m = re.search(r"Reprinted in (.+?\)),? pp?\.\s*([\d\-]+)", text)
    if m:
        out["reprint"] = f"{m.group(1)}, pp. {m.group(2)}"
    m = re.search(r"[Oo]btained by ([A-Z][\w.]+(?: [A-Z][\w.]+)*)", text)
    out["obtained_by_name"] = m.group(1) if m else None
    m = re.search(r"[Tt]ranslated (?:for CWIHP )?by ([A-Z][\w.]+(?: [A-Z][\w.]+)*)", text)
    out["translated_by_name"] = m.group(1) if m else None
    return out


def draft(
    cat: Catalogue,
    title: str,
    date: str,
    url: str | None = None,
    listed: bool = False,
    citation: str | None = None,
    catalogue_id: str | None = None,
    taken: set[str] | None = None,
    reader: TitleReader | None = None,
) -> dict[str, Any]:
    """One draft record as a dict of source fields (pass ``reader`` to reuse its alias index across drafts)."""
    archive_date = date
    try:
        edtf_date = date if dates.EDTF_RE.match(date) else dates.from_archive(date)
        dates.parse(edtf_date)
    except ValueError as exc:
        raise SourceError("(input)", catalogue_id or title, "date", dates.EXPECTED, str(exc)) from None
    reader = reader or TitleReader(cat)
    p = reader.read(title, edtf_date) if title else None
    rec: dict[str, Any] = {}
    base = f"{edtf_date}-{slugify(title) if title else 'untitled'}"
    ident, n = base, 2
    existing = set(cat["record"]) | (taken or set())
    while ident in existing:
        ident, n = f"{base}-{n}", n + 1
    if taken is not None:
        taken.add(ident)
    rec["id"] = ident
    rec["kind"] = p.kind if p and p.kind else "report"
    rec["title"] = title or "[untitled]"
    if not title:
        rec["title_supplied"] = True
    rec["date"] = edtf_date
    if archive_date != edtf_date:
        rec["archive_date"] = archive_date
    if p and p.number:
        rec["number"] = p.number
    for key in ("senders", "recipients", "via", "participants"):
        if p and getattr(p, key):
            rec[key] = getattr(p, key)
    if p and p.from_place:
        rec["from_place"] = p.from_place
    if p and p.about:
        rec["about"] = p.about
    if url:
        rec["url"] = urls.canonical(url)
    rec["listed"] = bool(listed)
    if citation:
        c = parse_citation(citation)
        people = {name: pid for pid, e in cat["person"].items() for name in [e.get("name"), *e.list("variants")]}
        for key in ("obtained_by", "translated_by"):
            name = c.pop(f"{key}_name", None)
            name = name.rstrip(".") if name else name
            if name and name in people:
                rec[key] = [people[name]]
        if "archive" in c:
            rec["holding"] = {k: v for k, v in c.items() if v}
    if catalogue_id:
        rec["catalogue_id"] = catalogue_id
    if p and p.unresolved:
        rec["unresolved"] = p.unresolved
    return rec


def drafts_from_jsonl(cat: Catalogue, path: Path) -> list[dict[str, Any]]:
    """Draft every line of a catalogue-shaped JSONL file that is not yet in the sources."""
    known = {e.get("catalogue_id") for e in cat["record"].values()}
    out: list[dict[str, Any]] = []
    taken: set[str] = set()
    reader = TitleReader(cat)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(str(path), None, None, "a readable UTF-8 JSONL file", str(exc)) from None
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(str(path), f"line {lineno}", None, "one JSON object per line", str(exc)) from None
        if not isinstance(row, dict):
            raise SourceError(str(path), f"line {lineno}", None, "one JSON object per line", f"got {row!r:.60}")
        if row.get("catalogue_id") in known:
            continue
        where = f"line {lineno}" + (f" ({row['catalogue_id']})" if row.get("catalogue_id") else "")
        for key in ("date", "title"):
            if key not in row:
                raise SourceError(str(path), where, key, "a catalogue field", "missing")
            if not isinstance(row[key], str) and not (key == "title" and row[key] is None):
                raise SourceError(str(path), where, key, "a string", f"got {row[key]!r:.60}")
        try:
            drafted = draft(
                cat,
                row.get("title") or "",
                row["date"],
                row.get("url"),
                row.get("in_collection_listing", False),
                row.get("citation"),
                row.get("catalogue_id"),
                taken,
                reader,
            )
        except SourceError as exc:
            raise SourceError(str(path), where, exc.field, exc.expected, exc.got) from None
        out.append(drafted)
    return out


def _q(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_q(v) for v in value) + "]"
    # a TOML basic string: JSON's escapes are TOML's, but TOML also forbids a raw DEL (U+007F)
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007F")


def to_toml(drafts: list[dict[str, Any]]) -> str:
    """TOML text of the drafts in the source format; unresolved names become comments."""
    lines = [
        "# Drafts from `xjgraph add`: confirm every field against the record before moving it into data/sources.",
        "",
    ]
    for rec in drafts:
        lines.append("[[record]]")
        for key, value in rec.items():
            if key == "holding":
                continue
            if key == "unresolved":
                lines.append(f"# unresolved names: {', '.join(value)}")
                continue
            lines.append(f"{key} = {_q(value)}")
        if "holding" in rec:
            lines.append("[record.holding]")
            for key, value in rec["holding"].items():
                lines.append(f"{key} = {_q(value)}")
        lines.append("")
    return "\n".join(lines)
