"""Load and validate the curated sources under ``data/sources/`` into a :class:`~xjgraph.sources.model.Catalogue`.

Sources are TOML files: arrays of tables named ``[[side]]``, ``[[person]]``, ``[[organisation]]``,
``[[place]]``, ``[[event]]``, ``[[office]]``, ``[[tenure]]`` and ``[[record]]``, in any file under
the folder; files under ``records/`` hold only records. Every problem is reported with the file, the
entry's id and the field, and every rule of ``ontology/shapes.ttl`` has its check here
(``tests/test_validation.py`` proves the two agree).

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "s.toml").write_text('[[side]]\\nid = "soviet"\\nname = "Soviet party-state"\\n')
>>> load(d)["side"]["soviet"].get("name")
'Soviet party-state'
"""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SourceError, SourceErrors
from . import authorities, dates, evidence, urls
from .model import EXPECTED_EVIDENCE, SPECS, TABLES, Catalogue, Entity, Field

try:
    import rtoml

    _rtoml_loads: Callable[[str], dict] | None = rtoml.loads
except ImportError:  # pragma: no cover - rtoml is a dependency; tomllib is the fallback
    _rtoml_loads = None

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# BCP 47 language tags (RFC 5646): language, extlang, script, region, variants, extensions, private use
_BCP47 = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"
)
LANG_RE = re.compile(rf"^(?:{_BCP47}|x(?:-[a-z0-9]{{1,8}})+)$", re.IGNORECASE)
# characters no name, title or id may hold: controls, DEL, line and paragraph separators
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# in notes and descriptions newlines and tabs are allowed
_TEXT_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_ID_LINE_RE = re.compile(r"""^\s*id\s*=\s*["']([^"']+)["']""", re.M)


def source_files(folder: Path) -> list[Path]:
    """Every ``*.toml`` file below ``folder``, in a stable order."""
    return sorted(p for p in Path(folder).rglob("*.toml") if p.is_file())


def _in_records_folder(folder: Path, path: Path) -> bool:
    return "records" in path.relative_to(folder).parts[:-1]


@dataclass
class _Links:
    """What a batch of records refers to that can be checked only once every record is known."""

    records: list[tuple[str, str, str, str]] = field(default_factory=list)  # path, id, field, other record
    unknown: list[tuple[str, str, str, str, tuple[str, ...]]] = field(default_factory=list)  # + kinds expected
    dates: dict[str, tuple[str, str]] = field(default_factory=dict)  # record id -> (earliest, latest)
    paths: dict[str, str] = field(default_factory=dict)  # record id -> file


@dataclass
class _Loading:
    folder: Path
    cat: Catalogue
    errors: list[SourceError]
    seen: dict[str, str]  # id -> path of first definition
    record_files: list[Path]
    loose_records: list[Entity]
    unreadable_ids: set[str]  # ids defined in files that do not parse: references to them are not checked
    links: _Links = field(default_factory=_Links)


def _begin(folder: str | Path) -> _Loading:
    """Read and check every authority file (people, places, offices, ...); list the record files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(str(folder), None, None, "a folder of TOML source files", "it does not exist")
    files = source_files(folder)
    if not files:
        raise SourceError(str(folder), None, None, "at least one *.toml source file", "found none")
    state = _Loading(folder, Catalogue(), [], {}, [f for f in files if _in_records_folder(folder, f)], [], set())
    for path in (f for f in files if not _in_records_folder(folder, f)):
        for entity in _read_file(path, state.errors, state.unreadable_ids):
            if entity.kind == "publish":
                if state.cat.publish:
                    state.errors.append(
                        SourceError(entity.path, "publish", None, "one [publish] table in all the sources", "a second")
                    )
                state.cat.publish = entity.data
            elif entity.kind == "tenure":
                state.cat.tenures.append(entity)
            elif entity.kind == "record":
                state.loose_records.append(entity)  # registered with the other records
            elif _register(state.seen, entity, state.errors):
                state.cat.entities[entity.kind][entity.id] = entity
    _check_references(state, state.errors)
    _check_tenures(state.cat, state.errors)
    _check_places(state.cat, state.errors)
    _check_authority_links(state.cat, state.errors)
    _check_containment(state.cat, state.errors)
    return state


def _register(seen: dict[str, str], entity: Entity, errors: list[SourceError]) -> bool:
    if entity.id in seen:
        errors.append(
            SourceError(
                entity.path,
                entity.id,
                "id",
                "an identifier used only once across all sources",
                f"already defined in {seen[entity.id]}",
            )
        )
        return False
    seen[entity.id] = entity.path
    return True


def _check_batch(state: _Loading, entities: list[Entity], errors: list[SourceError]) -> _Links:
    """Check a batch of records against the authority data; collect what refers to other records."""
    links = _Links()
    for e in entities:
        _check_entity_refs(state, e, SPECS["record"], e.data, "", errors, links)
        d = dates.parse(e.data["date"])
        links.dates[e.id] = (d.earliest, d.latest)
        links.paths[e.id] = e.path
    return links


def _read_record_file(state: _Loading, path: Path) -> tuple[list[Entity], list[SourceError], _Links]:
    errors: list[SourceError] = []
    entities = []
    for e in _read_file(path, errors, set()):
        if e.kind != "record":
            errors.append(
                SourceError(
                    e.path, e.id, None, "only [[record]] tables in files under records/", f"found a [[{e.kind}]]"
                )
            )
        else:
            entities.append(e)
    return entities, errors, _check_batch(state, entities, errors)


def _merge(state: _Loading, records: list[Entity], errors: list[SourceError], links: _Links) -> list[Entity]:
    """Merge one batch's records into the load: ids must be new; returns the records kept."""
    state.errors.extend(errors)
    state.links.records.extend(links.records)
    state.links.unknown.extend(links.unknown)
    kept = []
    for e in records:
        if _register(state.seen, e, state.errors):
            state.links.dates[e.id] = links.dates[e.id]
            state.links.paths[e.id] = links.paths[e.id]
            kept.append(e)
    return kept


def _finish(state: _Loading) -> Catalogue:
    """Check the references between records; raise every error found."""
    known = state.links.dates
    for path, ident, field_name, other, kinds in state.links.unknown:
        what = "a record" if other in known else "not defined"
        expected = "the id of a " + " or ".join(kinds) + " defined in the sources"
        state.errors.append(SourceError(path, ident, field_name, expected, f"{other!r} is {what}"))
    edges: dict[str, list[tuple[str, str]]] = {}
    for path, ident, field_name, other in state.links.records:
        if other not in known:
            what = "an entity of another kind" if other in state.seen else "not defined"
            state.errors.append(
                SourceError(
                    path, ident, field_name, "the id of a record defined in the sources", f"{other!r} is {what}"
                )
            )
        elif known[other][0] > known[ident][1]:
            state.errors.append(
                SourceError(
                    path,
                    ident,
                    field_name,
                    "a record dated no later than this one",
                    f"{other!r} is dated after this record",
                )
            )
        else:
            edges.setdefault(ident, []).append((field_name, other))
    for cycle in _cycles(edges):
        first = cycle[0]
        chain = " -> ".join(cycle + [first])
        field_name = next(f for f, o in edges[first] if o == cycle[1 % len(cycle)])
        state.errors.append(
            SourceError(
                state.links.paths[first],
                first,
                field_name,
                "replies and forwards that lead back to earlier records, never round to the same one",
                f"{chain} is a cycle",
            )
        )
    if state.errors:
        raise SourceErrors(state.errors)
    return state.cat


def _cycles(edges: dict[str, list[tuple[str, str]]]) -> list[list[str]]:
    """Each cycle of the reply and forward links once, starting from its smallest id."""
    found: set[tuple[str, ...]] = set()
    colour: dict[str, int] = {}
    out: list[list[str]] = []
    for start in sorted(edges):
        if colour.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, i = stack.pop()
            if i == 0:
                colour[node] = 1
                path.append(node)
            nexts = sorted(o for _, o in edges.get(node, []))
            if i < len(nexts):
                stack.append((node, i + 1))
                nxt = nexts[i]
                if colour.get(nxt) == 1:
                    cycle = path[path.index(nxt) :]
                    k = cycle.index(min(cycle))
                    cycle = cycle[k:] + cycle[:k]
                    if tuple(cycle) not in found:
                        found.add(tuple(cycle))
                        out.append(cycle)
                elif not colour.get(nxt):
                    stack.append((nxt, 0))
            else:
                colour[node] = 2
                path.pop()
    return out


_STATE: _Loading | None = None  # the authority data, shared with forked workers
_CONVERT: Callable[[Catalogue, list[Entity]], Any] | None = None


def _work(path: Path) -> tuple[list[Entity], list[SourceError], _Links, Any]:
    """Worker: read, check and (if asked) convert one record file."""
    assert _STATE is not None
    records, errors, links = _read_record_file(_STATE, path)
    # records that name an unknown id fail the load once every record is known: not converted
    ok = not errors and not links.unknown
    made = _CONVERT(_STATE.cat, records) if _CONVERT is not None and ok else None
    if _CONVERT is not None:  # only what the parent needs: ids and dates, not the records
        records = [Entity("record", e.id, {"date": e.data["date"]}, e.path) for e in records]
    return records, errors, links, made


def _workers(files: list[Path]) -> int:
    total = sum(f.stat().st_size for f in files)
    if len(files) < 4 or total < 4_000_000:
        return 1
    return max(1, min(os.cpu_count() or 1, 4, len(files)))


def load_converting(
    folder: str | Path,
    convert: Callable[[Catalogue, list[Entity]], Any],
    workers: int | None = None,
    progress: Callable[[Any], Any] | None = None,
) -> tuple[Catalogue, list[Any]]:
    """Read and check every source file, calling ``convert(catalogue, records)`` on each batch of records
    as it is checked (in ``workers`` forked processes for a large collection: default one per core, up to
    four, above a few megabytes); return the catalogue, without its records, and what each call made.

    Batches are converted in a stable order (the records of authority files first, then each file under
    ``records/`` in name order), so the result does not depend on the number of workers.
    """
    return _load(folder, convert, workers, progress)


def load(folder: str | Path) -> Catalogue:
    """Read, check and cross-reference every source file below ``folder``; the whole collection in memory.

    Raises :class:`~xjgraph.errors.SourceErrors` listing every problem found.
    """
    cat, _ = _load(folder, None, 1, None)
    return cat


def _load(folder, convert, workers, progress) -> tuple[Catalogue, list[Any]]:
    global _STATE, _CONVERT
    state = _begin(folder)
    made: list[Any] = []
    loose_errors: list[SourceError] = []
    links = _check_batch(state, state.loose_records, loose_errors)
    kept = _merge(state, state.loose_records, loose_errors, links)
    if convert is not None:
        if not state.errors and not links.unknown:
            made.append(convert(state.cat, kept))
    else:
        state.cat.entities["record"].update((e.id, e) for e in kept)
    files = state.record_files
    n = workers or _workers(files)
    _STATE, _CONVERT = state, convert
    try:
        if n > 1:
            with multiprocessing.get_context("fork").Pool(n) as pool:
                results = pool.imap(_work, files, chunksize=1)
                for result in progress(results) if progress else results:
                    _collect(state, result, convert, made)
        else:
            for path in progress(files) if progress else files:
                _collect(state, _work(path), convert, made)
    finally:
        _STATE = _CONVERT = None
    return _finish(state), made


def _collect(state: _Loading, result, convert, made: list[Any]) -> None:
    records, errors, links, part = result
    kept = _merge(state, records, errors, links)
    if convert is None:
        state.cat.entities["record"].update((e.id, e) for e in kept)
    elif part is not None:
        made.append(part)


def parse_toml(path: Path) -> dict:
    """Parse a TOML file with rtoml (Rust, about six times faster than tomllib), or tomllib without it.

    Raises ValueError (TOML syntax) or UnicodeDecodeError.
    """
    text = path.read_bytes().decode("utf-8")
    if _rtoml_loads is not None:
        return _rtoml_loads(text)
    return tomllib.loads(text)


def _read_file(path: Path, errors: list[SourceError], unreadable_ids: set[str]) -> list[Entity]:
    try:
        doc = parse_toml(path)
    except UnicodeDecodeError as exc:
        errors.append(SourceError(str(path), None, None, "a UTF-8 TOML file", f"decode error: {exc}"))
        return []
    except ValueError as exc:  # tomllib.TOMLDecodeError and rtoml's TomlParsingError are ValueErrors
        errors.append(SourceError(str(path), None, None, "a valid TOML file", f"parse error: {exc}"))
        # the ids the file would define, so that references to them are not reported as well
        text = path.read_bytes().decode("utf-8", errors="replace")
        unreadable_ids.update(_ID_LINE_RE.findall(text))
        return []
    out: list[Entity] = []
    for table, entries in doc.items():
        if table == "publish":
            _read_publish(path, entries, errors, out)
            continue
        kind = table if table in TABLES else None
        if kind is None:
            errors.append(
                SourceError(
                    str(path),
                    None,
                    table,
                    "only the tables " + ", ".join(f"[[{t}]]" for t in TABLES) + " and [publish]",
                    f"found {table!r}",
                )
            )
            continue
        if not isinstance(entries, list):
            errors.append(SourceError(str(path), None, table, f"an array of tables written [[{table}]]"))
            continue
        for index, entry in enumerate(entries, 1):
            entity = _check_entry(str(path), kind, index, entry, errors)
            if entity is not None:
                out.append(entity)
    return out


def _read_publish(path: Path, entry: Any, errors: list[SourceError], out: list[Entity]) -> None:
    """The [publish] table: where the dataset is served and can be downloaded (VoID, DCAT)."""
    if not isinstance(entry, dict):
        errors.append(SourceError(str(path), None, "publish", "a table written [publish]"))
        return
    n = len(errors)
    data = _check_fields(str(path), "publish", "publish", entry, SPECS["publish"], errors)
    if len(errors) == n:
        out.append(Entity("publish", "publish", data, str(path)))


def _check_entry(path: str, kind: str, index: int, entry: Any, errors: list[SourceError]) -> Entity | None:
    spec = SPECS[kind]
    label: str
    if kind == "tenure":
        label = f"{entry.get('office', '?')}/{entry.get('holder', '?')}" if isinstance(entry, dict) else f"#{index}"
    elif isinstance(entry, dict) and isinstance(entry.get("id"), str):
        label = entry["id"]
    else:
        label = f"{kind} #{index}"
    n_before = len(errors)
    data = _check_fields(path, label, kind, entry, spec, errors)
    if "evidence" in data:
        for problem in evidence.check(kind, data, data["evidence"]):
            errors.append(SourceError(path, label, "evidence", EXPECTED_EVIDENCE, problem))
    if len(errors) > n_before:
        return None
    if kind == "tenure":
        # a start known only within bounds (an EDTF interval) is named by the year of its latest bound
        start_year = data["start"].split("/")[-1][:4]
        ident = f"{data['office']}/{data['holder']}-{start_year}"
    else:
        ident = data["id"]
    return Entity(kind, ident, data, path)


def _check_fields(
    path: str, label: str, kind: str, entry: Any, spec: dict[str, Field], errors: list[SourceError]
) -> dict[str, Any]:
    if not isinstance(entry, dict):
        errors.append(SourceError(path, label, None, f"a table of fields for a {kind}"))
        return {}
    data: dict[str, Any] = {}
    for name in entry:
        if name not in spec:
            errors.append(
                SourceError(path, label, name, f"one of the {kind} fields: " + ", ".join(spec), "unknown field")
            )
    for name, fspec in spec.items():
        value = entry.get(name)
        if value is None or value == [] or value == {}:
            if fspec.required:
                errors.append(SourceError(path, label, name, fspec.expected or f"a value ({fspec.type})", "missing"))
            continue
        checked = _check_value(path, label, name, fspec, value, errors)
        if checked is not None:
            data[name] = checked
    return data


def _text_problem(value: str, multiline: bool = False) -> str | None:
    """Why a string cannot be a value, or None: empty, blank, padded, or holding control characters."""
    if not value.strip():
        return "it is empty" if not value else "it holds only white space"
    if value != value.strip():
        return "it starts or ends with white space (the value is taken exactly as written)"
    bad = (_TEXT_CONTROL_RE if multiline else _CONTROL_RE).search(value)
    if bad:
        return f"it holds the control character U+{ord(bad.group()):04X}"
    return None


def _check_value(path: str, label: str, name: str, f: Field, value: Any, errors: list[SourceError]) -> Any:
    def bad(expected: str, got: str | None = None) -> None:
        # the field's own description, and what this value lacks when that says more
        said = f"{f.expected} ({expected})" if f.expected and expected not in f.expected else f.expected or expected
        errors.append(SourceError(path, label, name, said, got or f"got {value!r}"))

    t = f.type
    if t in ("str", "text", "slug", "url", "web", "edtf", "date", "ref"):
        if not isinstance(value, str):
            return bad("a string")
        problem = _text_problem(value, multiline=t == "text")
        if problem:
            return bad("a non-empty string", problem)
        if t == "slug" and not SLUG_RE.match(value):
            return bad("a lower-case slug of letters, digits and single hyphens, e.g. sheng-shicai")
        if t == "ref" and not SLUG_RE.match(value):
            return bad("the id of a " + " or ".join(f.refs))
        if t == "web" and not urls.WEB_RE.match(value):
            return bad("an http(s) URL")
        if t == "url" and not urls.is_canonical(value):
            return bad(
                "a canonical Digital Archive page https://digitalarchive.wilsoncenter.org/document/<slug-or-number>"
            )
        if t in ("edtf", "date"):
            try:
                dates.parse(value) if t == "edtf" else dates.parse_plain(value)
            except ValueError as exc:
                errors.append(
                    SourceError(path, label, name, dates.EXPECTED if t == "edtf" else dates.EXPECTED_PLAIN, str(exc))
                )
                return None
        if f.choices and value not in f.choices:
            return bad("one of " + ", ".join(f.choices))
        return value
    if t == "bool":
        return value if isinstance(value, bool) else bad("true or false")
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return bad("a number")
        limit = 90 if name == "lat" else 180
        if not -limit <= value <= limit:
            return bad(f"a number between -{limit} and {limit}")
        return value
    if t in ("list", "refs", "urls", "webs"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return bad("a list of strings")
        for v in value:
            problem = _text_problem(v)
            if problem:
                return bad("a list of non-empty strings", f"{v!r}: {problem}")
        if t == "urls" and not all(urls.is_canonical(v) for v in value):
            return bad("a list of canonical Digital Archive pages")
        if t == "webs" and not all(urls.WEB_RE.match(v) for v in value):
            return bad("a list of http(s) URLs")
        if t == "refs":
            wrong = [v for v in value if not SLUG_RE.match(v)]
            if wrong:
                return bad("a list of ids of " + " or ".join(f.refs))
        if t in ("refs", "urls") and len(set(value)) != len(value):
            return bad("a list without repeated values")
        return list(value)
    if t == "labels":
        return _check_labels(value, bad)
    if t == "matches":
        return _check_matches(value, f.refs[0], bad)
    if t == "evidence":
        # its shape, and how it fits the entry's own values, are checked once the entry is read (_check_entry)
        return value if isinstance(value, list) else bad("a list of tables")
    if t == "table":
        nested: list[SourceError] = []
        data = _check_fields(path, label, name, value, SPECS[name], nested)
        for err in nested:
            err.field = f"{name}.{err.field}" if err.field else name
            errors.append(SourceError(err.path, err.record, err.field, err.expected, err.got))
        return data if not nested else None
    raise AssertionError(t)


def _check_matches(value: Any, kind: str, bad: Callable[..., None]) -> Any:
    """``match``: links to authority files, each with its evidence (see :mod:`authorities`)."""
    if not isinstance(value, list) or not value:
        return bad("a list of tables")
    out: list[dict[str, Any]] = []
    for i, m in enumerate(value, 1):
        where = f"entry {i}"
        if not isinstance(m, dict):
            return bad("a list of tables", f"{where} is {m!r}")
        unknown = sorted(set(m) - {"id", "evidence", "close", "note"})
        if unknown:
            return bad("fields id, evidence, close, note", f"{where} has {', '.join(unknown)}")
        ident = m.get("id")
        if not isinstance(ident, str) or _text_problem(ident):
            return bad("an id as scheme:identifier", f"{where} has id {ident!r}")
        wrong = authorities.problem(ident, kind)
        if wrong:
            return bad("an identifier the scheme accepts", f"{where}: {wrong}")
        evidence = m.get("evidence")
        if isinstance(evidence, str):
            evidence = [evidence]
        if (
            not isinstance(evidence, list)
            or not evidence
            or not all(isinstance(v, str) and urls.WEB_RE.match(v) and not _text_problem(v) for v in evidence)
        ):
            return bad(
                "the evidence: the http(s) pages or repository files where the identifier was seen",
                f"{where} ({ident}) has evidence {m.get('evidence')!r}",
            )
        close = m.get("close", False)
        if not isinstance(close, bool):
            return bad("close = true or false", f"{where} ({ident}) has close = {close!r}")
        scheme, _ = authorities.split(ident)
        if close and scheme is not None and scheme.link == "page":
            # published as schema:sameAs: the article must be the entity's own, not one on something close to it
            return bad(
                "close = true only for an identifier (a Wikipedia article on something close is not the entity's)",
                f"{where} ({ident}) has close = true",
            )
        note = m.get("note")
        if note is not None and (not isinstance(note, str) or _text_problem(note)):
            return bad("a note as a non-empty string", f"{where} ({ident}) has note {note!r}")
        if any(o["id"] == ident for o in out):
            return bad("each identifier once", f"{ident} is given twice")
        out.append({"id": ident, "evidence": list(evidence), "close": close, **({"note": note} if note else {})})
    return out


def _check_authority_links(cat: Catalogue, errors: list[SourceError]) -> None:
    """Two entities of the sources cannot both be exactly the same authority entity."""
    seen: dict[str, Entity] = {}
    for kind in ("person", "organisation", "place", "event"):
        for e in cat[kind].values():
            for m in e.list("match"):
                if m["close"]:
                    continue
                other = seen.setdefault(m["id"], e)
                if other is not e:
                    errors.append(
                        SourceError(
                            e.path,
                            e.id,
                            "match",
                            "an authority identifier that no other entity matches exactly",
                            f"{m['id']} is also the exact match of {other.kind} {other.id!r} ({other.path})",
                        )
                    )


def _check_labels(value: Any, bad: Callable[..., None]) -> dict[str, str] | None:
    expected = 'a table of names in other scripts keyed by BCP 47 language tag, e.g. { ru = "...", zh = "..." }'
    problem = _labels_problem(value)
    if problem is not None:
        bad(expected, problem or None)
        return None
    return dict(value)


def _labels_problem(value: Any) -> str | None:
    """Why a labels table is wrong ("" when it is not a table at all), or None."""
    if not isinstance(value, dict):
        return ""
    for tag, text in value.items():
        if not isinstance(tag, str) or not LANG_RE.match(tag):
            return f"{tag!r} is not a BCP 47 language tag"
        if tag.lower() == "en":
            return "the English name goes in `name`, not in labels.en"
        if not isinstance(text, str):
            return f"labels.{tag} is not a string"
        problem = _text_problem(text)
        if problem:
            return f"labels.{tag}: {problem}"
    lowered = [t.lower() for t in value]
    if len(set(lowered)) != len(lowered):
        return "a language tag is given twice"
    return None


def _check_references(state: _Loading, errors: list[SourceError]) -> None:
    cat = state.cat
    for kind, table in cat.entities.items():
        for entity in table.values():
            if kind != "record":
                _check_entity_refs(state, entity, SPECS[kind], entity.data, "", errors)
    for tenure in cat.tenures:
        _check_entity_refs(state, tenure, SPECS["tenure"], tenure.data, "", errors)


def _check_entity_refs(
    state: _Loading,
    entity: Entity,
    spec: dict[str, Field],
    data: dict[str, Any],
    prefix: str,
    errors: list[SourceError],
    links: _Links | None = None,
) -> None:
    """Check that every reference names an entity of an allowed kind; references to records, and
    references from records to ids not found, wait until every record is known (``links``)."""
    cat = state.cat
    if entity.kind == "record" and not prefix:
        both = sorted(set(entity.list("about")) & set(entity.list("mentions")))
        if both:
            errors.append(
                SourceError(
                    entity.path,
                    entity.id,
                    "mentions",
                    "entities the record only names, not those it is about",
                    f"{', '.join(map(repr, both))} also in about",
                )
            )
    for name, f in spec.items():
        value = data.get(name)
        if value is None:
            continue
        if f.type == "table":
            _check_entity_refs(state, entity, SPECS[name], value, f"{name}.", errors, links)
            continue
        if f.type not in ("ref", "refs"):
            continue
        for ident in [value] if f.type == "ref" else value:
            if f.refs == ("record",):
                if ident == entity.id:
                    errors.append(
                        SourceError(entity.path, entity.id, prefix + name, "another record", "it names itself")
                    )
                elif links is not None:
                    links.records.append((entity.path, entity.id, prefix + name, ident))
                continue
            kind = cat.kind_of(ident)
            if kind is None and ident in state.unreadable_ids:
                continue  # defined in a file that does not parse: that error is reported already
            if kind not in f.refs:
                if kind is None and links is not None:
                    links.unknown.append((entity.path, entity.id, prefix + name, ident, f.refs))
                    continue
                what = "the id of a " + " or ".join(f.refs) + " defined in the sources"
                got = f"{ident!r} is " + (f"a {kind}" if kind else "not defined")
                errors.append(SourceError(entity.path, entity.id, prefix + name, what, got))
            elif name == "archive" and not cat["organisation"][ident].get("archive"):
                errors.append(
                    SourceError(
                        entity.path,
                        entity.id,
                        prefix + name,
                        "an organisation marked archive = true",
                        f"{ident!r} is not an archive",
                    )
                )


def _check_places(cat: Catalogue, errors: list[SourceError]) -> None:
    for place in cat["place"].values():
        if (place.get("lat") is None) != (place.get("long") is None):
            errors.append(
                SourceError(
                    place.path,
                    place.id,
                    "long" if place.get("long") is None else "lat",
                    "both lat and long, or neither when the location is not established",
                    "only one given",
                )
            )


def _check_containment(cat: Catalogue, errors: list[SourceError]) -> None:
    """A place is not inside itself, an organisation not part of itself, directly or round a cycle."""
    for kind, name in (("place", "within"), ("organisation", "part_of")):
        table = cat[kind]
        for start in sorted(table):
            chain = [start]
            nxt = table[start].get(name)
            while nxt is not None and nxt in table and nxt not in chain:
                chain.append(nxt)
                nxt = table[nxt].get(name)
            if nxt == start:
                loop = " -> ".join(chain + [start])
                errors.append(
                    SourceError(
                        table[start].path,
                        start,
                        name,
                        f"a {kind} that contains this one, never this one itself",
                        f"{loop} is a cycle",
                    )
                )


def _check_tenures(cat: Catalogue, errors: list[SourceError]) -> None:
    seen: dict[str, str] = {}
    by_office: dict[str, list[tuple[str, str, Entity]]] = {}
    for tenure in cat.tenures:
        if tenure.id in seen:
            errors.append(
                SourceError(
                    tenure.path,
                    tenure.id,
                    "start",
                    "one tenure per office, holder and start year",
                    f"already defined in {seen[tenure.id]}",
                )
            )
        seen[tenure.id] = tenure.path
        start, end = dates.parse(tenure.get("start")), dates.parse(tenure.get("end")) if tenure.get("end") else None
        if end and end.latest < start.earliest:
            errors.append(
                SourceError(
                    tenure.path,
                    tenure.id,
                    "end",
                    "an end no earlier than the start",
                    f"{end.text} is before {start.text}",
                )
            )
            continue
        # the interval the tenure certainly covers: from the latest possible start to the earliest possible end
        by_office.setdefault(tenure.get("office"), []).append(
            (start.latest, end.earliest if end else "9999-12-31", tenure)
        )
    for office, spans in by_office.items():
        entity = cat["office"].get(office)
        if entity is None or entity.get("concurrent_holders"):
            continue
        spans.sort(key=lambda s: (s[0], s[1], s[2].id))
        for (_, a_end, a), (b_start, _, b) in zip(spans, spans[1:]):
            if b_start < a_end:
                errors.append(
                    SourceError(
                        b.path,
                        b.id,
                        "start",
                        "tenures of an office that follow one another (mark the office concurrent_holders = true "
                        "if several people hold it at once)",
                        f"it starts while {a.id} still holds {office} (to {a.get('end') or 'an open end'})",
                    )
                )


__all__ = ["load", "load_converting", "parse_toml", "source_files"]
