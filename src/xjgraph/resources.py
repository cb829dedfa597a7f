"""Where xjgraph finds its files: the data shipped inside the package, and the user's dump and sources.

The saved queries, the ontology (with its shapes, context and local copies of imported vocabulary), the
page templates, the front-end bundle and a copy of the published dump are package data, so a wheel
installed anywhere works. A user's own files are found the way a user expects: the path given, else
the project layout under the working folder (``data/records.ttl``, ``data/sources``), else an error
that says what was looked for.

>>> sorted(p.name for p in queries_dir().glob("names.rq"))
['names.rq']
>>> (ontology_dir() / "shapes.ttl").is_file(), packaged_dump().is_file()
(True, True)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import DumpError, SourceError

DEFAULT_DUMP = Path("data") / "records.ttl"
DEFAULT_SOURCES = Path("data") / "sources"


def package_dir() -> Path:
    return Path(str(resources.files("xjgraph")))


def queries_dir() -> Path:
    """The saved queries shipped with xjgraph (``queries/`` of the repository)."""
    return package_dir() / "queries"


def ontology_dir() -> Path:
    """The ontology, shapes, JSON-LD context and imported vocabulary (``ontology/`` of the repository)."""
    return package_dir() / "ontology"


def packaged_dump() -> Path:
    """The copy of ``data/records.ttl`` shipped with this version of xjgraph (for examples and doctests)."""
    return package_dir() / "data" / "records.ttl"


def dump_path(given: str | Path | None = None) -> Path:
    """The dump a command reads: ``given``, else ``./data/records.ttl``; a :class:`DumpError` names what
    was looked for when there is none."""
    if given is not None:
        path = Path(given)
        if not path.is_file():
            raise DumpError(f"{path}: no such file; run `xjgraph build` first")
        return path
    if DEFAULT_DUMP.is_file():
        return DEFAULT_DUMP
    raise DumpError(
        f"no dump: looked for {DEFAULT_DUMP} under {Path.cwd()}; run `xjgraph build` in the project folder, "
        f"or give the dump with --data FILE (the dataset shipped with xjgraph is {packaged_dump()})"
    )


def sources_path(given: str | Path | None = None) -> Path:
    """The sources folder: ``given``, else ``./data/sources``."""
    path = Path(given) if given is not None else DEFAULT_SOURCES
    if not path.is_dir():
        looked = "" if given is not None else f" (looked under {Path.cwd()}; give the folder with --sources DIR)"
        raise SourceError(str(path), None, None, "a folder of TOML source files", "it does not exist" + looked)
    return path
