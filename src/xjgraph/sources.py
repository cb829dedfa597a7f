"""Load and validate the curated sources under ``data/sources/`` into a :class:`~xjgraph.model.Catalogue`.

Sources are TOML files: arrays of tables named ``[[side]]``, ``[[person]]``, ``[[organisation]]``,
``[[place]]``, ``[[event]]``, ``[[office]]``, ``[[tenure]]`` and ``[[record]]``, in any file under
the folder. Every problem is reported with the file, the entry's id and the field.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "s.toml").write_text('[[side]]\\nid = "soviet"\\nname = "Soviet party-state"\\n')
>>> load(d)["side"]["soviet"].get("name")
'Soviet party-state'
"""

from __future__ import annotations

import math
import re
import tomllib

try:
    import rtoml
except ImportError:  # pragma: no cover - rtoml is a dependency; tomllib is the fallback
    rtoml = None
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import dates, urls
from .errors import SourceError, SourceErrors
from .model import SPECS, TABLES, Catalogue, Entity, Field

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def source_files(folder: Path) -> list[Path]:
    """Every ``*.toml`` file below ``folder``, in a stable order."""
    return sorted(p for p in Path(folder).rglob("*.toml") if p.is_file())


def _in_records_folder(folder: Path, path: Path) -> bool:
    return "records" in path.relative_to(folder).parts[:-1]


@dataclass
class Loading:
    """The state of a load in progress: the authority data, the ids seen, and what is left to check."""

    folder: Path
    cat: Catalogue
    errors: list[SourceError]
    seen: dict[str, str]  # id -> path of first definition
    record_files: list[Path]
    loose_records: list[Entity]
    record_dates: dict[str, str] = field(default_factory=dict)  # record id -> earliest date
    deferred: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # path, id, field, target, latest


def begin(folder: str | Path) -> Loading:
    """Read and check every authority file (people, places, offices, ...); list the record files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(str(folder), None, None, "a folder of TOML source files", "it does not exist")
    files = source_files(folder)
    if not files:
        raise SourceError(str(folder), None, None, "at least one *.toml source file", "found none")
    state = Loading(folder, Catalogue(), [], {}, [f for f in files if _in_records_folder(folder, f)], [])
    for path in (f for f in files if not _in_records_folder(folder, f)):
        for entity in _read_file(path, state.errors):
            if entity.kind == "tenure":
                state.cat.tenures.append(entity)
            elif _register(state.seen, entity, state.errors):
                if entity.kind == "record":
                    state.loose_records.append(entity)
                else:
                    state.cat.entities[entity.kind][entity.id] = entity
    _check_references(state.cat, state.errors)
    _check_tenures(state.cat, state.errors)
    _check_places(state.cat, state.errors)
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


def read_record_file(cat: Catalogue, path: Path) -> tuple[list[Entity], list[SourceError], list]:
    """Read one record file and check its records against the authority data (not against other files).

    Returns the records, the errors, and the references to other records still to check.
    """
    errors: list[SourceError] = []
    entities = []
    for e in _read_file(path, errors):
        if e.kind != "record":
            errors.append(
                SourceError(
                    e.path, e.id, None, "only [[record]] tables in files under records/", f"found a [[{e.kind}]]"
                )
            )
        else:
            entities.append(e)
    return check_records(cat, entities, errors)


def check_records(cat: Catalogue, entities: list[Entity], errors: list[SourceError] | None = None):
    """Check records' references to the authority data; defer those to other records."""
    errors = [] if errors is None else errors
    deferred: list = []
    for e in entities:
        _check_entity_refs(cat, e, SPECS["record"], e.data, "", errors, deferred)
    return (
        entities,
        errors,
        [(e.path, e.id, f, target, dates.parse(e.data["date"]).latest) for e, f, target in deferred],
    )


def add_records(state: Loading, records: list[Entity], errors: list[SourceError], deferred: list) -> list[Entity]:
    """Merge one file's records into the load: ids must be new; returns the records kept."""
    state.errors.extend(errors)
    state.deferred.extend(deferred)
    kept = []
    for e in records:
        if _register(state.seen, e, state.errors):
            state.record_dates[e.id] = dates.parse(e.data["date"]).earliest
            kept.append(e)
    return kept


def finish(state: Loading) -> Catalogue:
    """Check the references between records; raise every error found."""
    for path, ident, field_name, other, latest in state.deferred:
        if other not in state.record_dates:
            what = "an entity of another kind" if other in state.seen else "not defined"
            state.errors.append(
                SourceError(
                    path, ident, field_name, "the id of a record defined in the sources", f"{other!r} is {what}"
                )
            )
        elif state.record_dates[other] > latest:
            state.errors.append(
                SourceError(
                    path,
                    ident,
                    field_name,
                    "a record dated no later than this one",
                    f"{other!r} is dated after this record",
                )
            )
    if state.errors:
        raise SourceErrors(state.errors)
    return state.cat


def load(folder: str | Path) -> Catalogue:
    """Read, check and cross-reference every source file below ``folder``; the whole collection in memory.

    Authority files are read first, then the files under ``records/``. Raises
    :class:`~xjgraph.errors.SourceErrors` listing every problem found.
    """
    state = begin(folder)
    batches = [check_records(state.cat, state.loose_records)]
    batches += [read_record_file(state.cat, path) for path in state.record_files]
    for records, errors, deferred in batches:
        for e in add_records(state, records, errors, deferred):
            state.cat.entities["record"][e.id] = e
    return finish(state)


def parse_toml(path: Path) -> dict:
    """Parse a TOML file with rtoml (Rust, about six times faster than tomllib), or tomllib without it.

    Raises ValueError (TOML syntax) or UnicodeDecodeError.
    """
    text = path.read_bytes().decode("utf-8")
    if rtoml is not None:
        return rtoml.loads(text)
    return tomllib.loads(text)


def _read_file(path: Path, errors: list[SourceError]) -> list[Entity]:
    try:
        doc = parse_toml(path)
    except UnicodeDecodeError as exc:
        errors.append(SourceError(str(path), None, None, "a UTF-8 TOML file", f"decode error: {exc}"))
        return []
    except ValueError as exc:  # tomllib.TOMLDecodeError and rtoml's TomlParsingError are ValueErrors
        errors.append(SourceError(str(path), None, None, "a valid TOML file", f"parse error: {exc}"))
        return []
    out: list[Entity] = []
    for table, entries in doc.items():
        kind = table if table in TABLES else None
        if kind is None:
            errors.append(
                SourceError(
                    str(path),
                    None,
                    table,
                    "only the tables " + ", ".join(f"[[{t}]]" for t in TABLES),
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


def _check_entry(path: str, kind: str, index: int, entry: Any, errors: list[SourceError]) -> Entity | None:
    spec = SPECS[kind]
    if kind == "tenure":
        label = f"{entry.get('office', '?')}/{entry.get('holder', '?')}" if isinstance(entry, dict) else f"#{index}"
    else:
        label = entry.get("id") if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"{kind} #{index}"
    n_before = len(errors)
    data = _check_fields(path, label, kind, entry, spec, errors)
    if len(errors) > n_before:
        return None
    if kind == "tenure":
        start_year = data["start"][:4]
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
        if value is None or value == "" or value == []:
            if fspec.required:
                errors.append(SourceError(path, label, name, fspec.expected or f"a value ({fspec.type})", "missing"))
            continue
        checked = _check_value(path, label, name, fspec, value, errors)
        if checked is not None:
            data[name] = checked
    return data


def _check_value(path: str, label: str, name: str, f: Field, value: Any, errors: list[SourceError]) -> Any:
    def bad(expected: str) -> None:
        errors.append(SourceError(path, label, name, f.expected or expected, f"got {value!r}"))

    t = f.type
    if t in ("str", "slug", "url", "edtf", "ref"):
        if not isinstance(value, str):
            return bad("a string")
        value = value.strip()
        if t == "slug" and not SLUG_RE.match(value):
            return bad("a lower-case slug of letters, digits and single hyphens, e.g. sheng-shicai")
        if t == "ref" and not SLUG_RE.match(value):
            return bad("the id of a " + " or ".join(f.refs))
        if t == "url" and not urls.is_canonical(value):
            return bad(
                "a canonical Digital Archive page https://digitalarchive.wilsoncenter.org/document/<slug-or-number>"
            )
        if t == "edtf":
            try:
                dates.parse(value)
            except ValueError as exc:
                errors.append(SourceError(path, label, name, dates.EXPECTED, str(exc)))
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
    if t in ("list", "refs", "urls"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return bad("a list of strings")
        items = [v.strip() for v in value]
        if t == "urls" and not all(urls.is_canonical(v) for v in items):
            return bad("a list of canonical Digital Archive pages")
        if t == "refs":
            wrong = [v for v in items if not SLUG_RE.match(v)]
            if wrong:
                return bad("a list of ids of " + " or ".join(f.refs))
            if len(set(items)) != len(items):
                return bad("a list without repeated ids")
        return items
    if t == "labels":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and LANG_RE.match(k) and isinstance(v, str) and v for k, v in value.items()
        ):
            return bad("a table of names keyed by language tag")
        return dict(value)
    if t == "table":
        nested: list[SourceError] = []
        data = _check_fields(path, label, name, value, SPECS[name], nested)
        for err in nested:
            err.field = f"{name}.{err.field}" if err.field else name
            errors.append(SourceError(err.path, err.record, err.field, err.expected, err.got))
        return data if not nested else None
    raise AssertionError(t)


def _check_references(cat: Catalogue, errors: list[SourceError]) -> None:
    for kind, table in cat.entities.items():
        for entity in table.values():
            if kind != "record":
                _check_entity_refs(cat, entity, SPECS[kind], entity.data, "", errors)
    for tenure in cat.tenures:
        _check_entity_refs(cat, tenure, SPECS["tenure"], tenure.data, "", errors)


def _check_entity_refs(
    cat: Catalogue,
    entity: Entity,
    spec: dict[str, Field],
    data: dict[str, Any],
    prefix: str,
    errors: list[SourceError],
    deferred: list | None = None,
) -> None:
    """Check that every reference names an entity of an allowed kind; references to records are deferred."""
    for name, f in spec.items():
        value = data.get(name)
        if value is None:
            continue
        if f.type == "table":
            _check_entity_refs(cat, entity, SPECS[name], value, f"{name}.", errors)
            continue
        if f.type not in ("ref", "refs"):
            continue
        for ident in [value] if f.type == "ref" else value:
            if f.refs == ("record",):
                if ident == entity.id:
                    errors.append(
                        SourceError(entity.path, entity.id, prefix + name, "another record", "it names itself")
                    )
                elif deferred is not None:
                    deferred.append((entity, prefix + name, ident))
                continue
            kind = cat.kind_of(ident)
            if kind not in f.refs:
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


def _check_tenures(cat: Catalogue, errors: list[SourceError]) -> None:
    seen: dict[str, str] = {}
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
        start, end = tenure.get("start"), tenure.get("end")
        if end and dates.parse(end).latest < dates.parse(start).earliest:
            errors.append(
                SourceError(
                    tenure.path, tenure.id, "end", "an end no earlier than the start", f"{end} is before {start}"
                )
            )
