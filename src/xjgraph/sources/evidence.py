"""Evidence per fact: which source supports a person's dates, a tenure's start and end, an event's date, a
place's coordinates, a name in a script; where sources disagree, the rejected values with theirs.

A source entry may carry ``evidence``, a list of tables::

    evidence = [
      { field = "born", value = "1895-12-03", sources = ["https://..."] },
      { field = "born", value = "1897", sources = ["https://..."], note = "older sources" },
      { field = "died", unverified = true },
    ]

``field`` names one of the entry's own fields (:data:`FIELDS`), ``labels.<lang>`` for a name in one script,
``variants`` with the ``value`` of one other name (an alias, a transcription) the entry lists, and for a record
``senders``, ``recipients`` or ``participants`` with the ``value`` of one party's id (where the title does not
name the party, the record's own page is the usual source, with the passage's place in it in ``note``);
``value`` defaults to the entry's value of that field, and an entry whose value differs from it is a value the
curators did not use (published with ``xj:used false``). ``sources`` are http(s) pages or repository files at a
commit; ``unverified = true`` says that no source was found, which is an honest value where a guess is not.

>>> check("person", {"born": "1897"}, [{"field": "born", "sources": ["https://example.org/a"]}])
[]
>>> check("person", {"born": "1897"}, [{"field": "died", "sources": ["https://example.org/a"]}])
["evidence entry 1: the field 'died' has no value here; give value = ... for a value the sources offer instead"]
>>> used("person", {"born": "1897"}, {"field": "born", "value": "1895"})
False
"""

from __future__ import annotations

import re
from typing import Any

from . import urls

# the fields evidence may be given for, by kind (the RDF stage maps each to its property: rdf/convert.py)
FIELDS: dict[str, tuple[str, ...]] = {
    "person": ("name", "variants", "born", "died"),
    "organisation": ("name", "variants"),
    "place": ("name", "variants", "lat", "long"),
    "event": ("name", "variants", "date"),
    "tenure": ("start", "end"),
    "record": ("senders", "recipients", "participants"),
}
# fields whose value is a list: an evidence entry names the one member it supports
LISTS = ("variants", "senders", "recipients", "participants")
KINDS = tuple(FIELDS)
_LABEL = re.compile(r"^labels\.([A-Za-z0-9-]+)$")

EXPECTED = (
    'a list of tables { field = "born", sources = ["https://..."] } (optionally value = "...", unverified = true, '
    'note = "...")'
)


def current(data: dict[str, Any], field: str) -> str | None:
    """The entry's own value of ``field`` as text (``labels.ru``: its Russian name), or None."""
    m = _LABEL.match(field)
    if m:
        return (data.get("labels") or {}).get(m.group(1))
    if field in LISTS:
        return None  # a list: each entry names one of its values
    value = data.get(field)
    if value is None:
        return None
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def value_of(data: dict[str, Any], entry: dict[str, Any]) -> str | None:
    v = entry.get("value")
    if v is None:
        return current(data, entry["field"])
    return f"{v:.4f}" if isinstance(v, float) else str(v)


def used(kind: str, data: dict[str, Any], entry: dict[str, Any]) -> bool:
    """Whether the entry supports the value the sources use (rather than one the curators set aside).

    >>> used("person", {"variants": ["Koba"]}, {"field": "variants", "value": "Koba"})
    True
    """
    if entry["field"] in LISTS:
        return entry.get("value") in (data.get(entry["field"]) or [])
    return value_of(data, entry) == current(data, entry["field"])


def check(kind: str, data: dict[str, Any], entries: Any) -> list[str]:
    """What is wrong with an entry's ``evidence`` list, one message per problem."""
    if not isinstance(entries, list) or not entries:
        return ["evidence must be a list of tables"]
    out: list[str] = []
    fields = FIELDS.get(kind, ())
    for i, e in enumerate(entries, 1):
        where = f"evidence entry {i}"
        if not isinstance(e, dict):
            out.append(f"{where} is {e!r}, not a table")
            continue
        unknown = sorted(set(e) - {"field", "value", "sources", "unverified", "note"})
        if unknown:
            out.append(f"{where} has unknown fields {', '.join(unknown)}")
            continue
        field = e.get("field")
        if not isinstance(field, str) or not (field in fields or (_LABEL.match(field) and "name" in fields)):
            allowed = ", ".join(list(fields) + (["labels.<lang>"] if "name" in fields else []))
            out.append(f"{where}: field {field!r} is not one of {allowed}")
            continue
        value = e.get("value")
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
            out.append(f"{where}: value {value!r} is not text or a number")
            continue
        if field == "variants" and not isinstance(value, str):
            out.append(f"{where}: evidence for variants gives value = the name it supports")
            continue
        if field in LISTS and field != "variants" and value not in (data.get(field) or []):
            out.append(f"{where}: evidence for {field} gives value = the id of one of the record's {field}")
            continue
        if value is None and current(data, field) is None:
            out.append(
                f"{where}: the field {field!r} has no value here; give value = ... for a value the sources offer"
                " instead"
            )
            continue
        sources = e.get("sources")
        unverified = e.get("unverified", False)
        if not isinstance(unverified, bool):
            out.append(f"{where}: unverified = {unverified!r} is not true or false")
            continue
        if unverified:
            if sources:
                out.append(f"{where}: unverified = true cannot have sources")
            elif not used(kind, data, e):
                out.append(f"{where}: unverified = true is said of the value in use, not of another")
            continue
        if (
            not isinstance(sources, list)
            or not sources
            or not all(isinstance(s, str) and urls.WEB_RE.match(s) for s in sources)
        ):
            out.append(f"{where} ({field}): sources must be http(s) addresses (or say unverified = true)")
            continue
        note = e.get("note")
        if note is not None and (not isinstance(note, str) or not note.strip() or note != note.strip()):
            out.append(f"{where}: note {note!r} is not a non-empty string")
    return out


def facts(kind: str, data: dict[str, Any]) -> list[str]:
    """The evidenced fields the entry has a value for (what coverage counts)."""
    return [f for f in FIELDS.get(kind, ()) if current(data, f) is not None and f != "name"]


def covered(kind: str, data: dict[str, Any]) -> set[str]:
    """The fields whose value in use has evidence (a source, or a statement that none was found)."""
    return {e["field"] for e in data.get("evidence") or [] if used(kind, data, e)}
