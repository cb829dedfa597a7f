"""The embedded store: pyoxigraph holding the Turtle dump, in memory or on disk.

It answers the same :class:`~xjgraph.sparql.results.Result` as a remote endpoint
(:mod:`xjgraph.sparql.endpoint`), so everything downstream of the graph works the same on either.

>>> from xjgraph.resources import packaged_dump
>>> store = EmbeddedStore.from_file(packaged_dump())
>>> result = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://www.ica.org/standards/RiC/ontology#Record> }")
>>> int(result.rows[0][0].value) >= 111
True
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from ..errors import DumpError, OutputError, QueryError
from ..files import pid_alive
from ..rdf.namespaces import XSD
from . import dump
from .binding import inject_values, refuse_service
from .results import Answer, Cell, Result

log = logging.getLogger(__name__)


_MISSING = object()


def cell(term) -> Cell | None:
    """A pyoxigraph term as a :class:`Cell`."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Cell(term.value, "iri")
    if isinstance(term, ox.BlankNode):
        return Cell(term.value, "bnode")
    dt = term.datatype.value if term.datatype is not None else None
    if term.language:
        return Cell(term.value, "literal", None, term.language)
    return Cell(term.value, "literal", None if dt == XSD.string else dt)


class EmbeddedStore:
    """A pyoxigraph store holding the Turtle dump."""

    def __init__(self, store: ox.Store, lock: int | None = None, allow_service: bool = False):
        self.store = store
        self._lock = lock  # a shared lock on an on-disk store's folder, held while the store is open
        self.allow_service = allow_service
        self.source: Path | None = None  # the dump it was loaded from, when it was

    def __del__(self) -> None:
        if getattr(self, "_lock", None) is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)  # type: ignore[arg-type]

    def __len__(self) -> int:
        return len(self.store)

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> EmbeddedStore:
        """An in-memory store loaded from the dump (``path``, else ``./data/records.ttl``)."""
        found = dump.require(path)
        store = ox.Store()
        # load(), not bulk_load(): for the in-memory store it was measured faster to load (20-24 s against
        # 26-27 s at 6.4 million triples), with a lower peak (2.2 GB against 2.4 GB) and queries ~14% faster
        try:
            store.load(path=str(found), format=ox.RdfFormat.TURTLE)
        except SyntaxError as exc:
            raise dump.syntax_error(found, exc) from None
        made = cls(store)
        made.source = Path(found)
        return made

    @classmethod
    def on_disk(cls, path: str | Path | None, directory: str | Path) -> EmbeddedStore:
        """An on-disk pyoxigraph store in ``directory``, loaded from the dump the first time and reused while
        the dump's bytes are unchanged.

        Opening it again takes milliseconds instead of a full load, and it needs far less memory than the
        in-memory store; queries over the whole collection run about 1.3 to 4 times slower. Each dump has
        its own store (``store-<sha256 prefix>``), made in a folder of its own and renamed into place when
        complete, so several processes can use one ``directory`` at once: one loads while the others wait
        on a lock, readers hold a shared lock on the store they read, and a store is removed only once a
        newer one exists and nobody reads it.

        >>> import tempfile
        >>> from xjgraph.resources import packaged_dump
        >>> with tempfile.TemporaryDirectory() as d:
        ...     first = EmbeddedStore.on_disk(packaged_dump(), d)
        ...     again = EmbeddedStore.on_disk(packaged_dump(), d)
        ...     len(first) == len(again) == len(EmbeddedStore.from_file(packaged_dump()))
        True
        """
        found, directory = dump.require(path), Path(directory)
        digest = hashlib.sha256()
        with open(found, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        name = "store-" + digest.hexdigest()[:16]
        current = directory / name
        try:
            directory.mkdir(parents=True, exist_ok=True)
            reader = os.open(directory / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"{directory}: cannot keep a store there: {exc}") from None
        try:
            fcntl.flock(reader, fcntl.LOCK_SH)  # held while this store is open
            if not current.is_dir():
                loader = os.open(directory / "lock", os.O_RDWR | os.O_CREAT, 0o666)
                try:
                    fcntl.flock(loader, fcntl.LOCK_EX)  # one loader at a time; the others wait, then reuse
                    if not current.is_dir():
                        log.info("loading %s into the on-disk store %s", found, current)
                        cls._load_into(found, directory, current)
                        cls._remove_unused(directory, keep=name)
                finally:
                    os.close(loader)
            try:
                store = ox.Store.read_only(str(current))
            except OSError as exc:
                raise QueryError(f"{current}: cannot open the on-disk store: {exc}") from None
        except BaseException:
            os.close(reader)
            if not current.is_dir():  # nothing was made: leave no lock file for it
                (directory / f"{name}.lock").unlink(missing_ok=True)
            raise
        made = cls(store, reader)
        made.source = Path(found)
        return made

    @staticmethod
    def _load_into(found: Path, directory: Path, current: Path) -> None:
        fresh = directory / f"{current.name}.loading-{os.getpid()}"
        try:
            shutil.rmtree(fresh, ignore_errors=True)
            store = ox.Store(str(fresh))
            store.bulk_load(path=str(found), format=ox.RdfFormat.TURTLE)
            store.flush()
            store.optimize()  # compact what the bulk load wrote: reads are much slower before
            del store
            fresh.rename(current)
        except SyntaxError as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            raise dump.syntax_error(found, exc) from None
        except OSError as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            raise OutputError(f"{found}: could not load it into {directory}: {exc}") from None

    @staticmethod
    def _remove_unused(directory: Path, keep: str) -> None:
        """Remove the stores of older dumps that no process reads, and loads that were interrupted."""
        for entry in sorted(directory.iterdir()):
            if not entry.name.startswith("store-") or entry.name.startswith(keep) or entry.suffix == ".lock":
                continue
            if ".loading-" in entry.name:
                pid = entry.name.rsplit("-", 1)[-1]
                if pid.isdigit() and pid_alive(int(pid)):
                    continue
                shutil.rmtree(entry, ignore_errors=True)
                continue
            lock_path = directory / f"{entry.name}.lock"
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue  # somebody still reads it
            try:
                shutil.rmtree(entry, ignore_errors=True)
                lock_path.unlink(missing_ok=True)
            finally:
                os.close(fd)

    def _query(self, query: str, bindings: Mapping[str, Cell | None] | None):
        refuse_service(query, self.allow_service)
        # pyoxigraph's substitutions only bind projected variables, so parameters go in as a VALUES
        # block, exactly as for remote endpoints: same semantics on both.
        if bindings:
            query = inject_values(query, bindings)
        try:
            return self.store.query(query)
        except SyntaxError as exc:
            raise QueryError(f"query does not parse: {exc}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def query(
        self,
        query: str,
        bindings: Mapping[str, Cell | None] | None = None,
        timeout: float | None = None,
        form: str | None = None,
    ) -> Answer:
        """Run a query of any form: rows for SELECT, a bool for ASK, triples for CONSTRUCT and DESCRIBE."""
        answer = self._query(query, bindings)
        if isinstance(answer, ox.QuerySolutions):
            return self._rows(answer)
        if isinstance(answer, ox.QueryBoolean):
            return bool(answer)
        try:
            out = []
            for t in answer:
                s, p, o = cell(t.subject), cell(t.predicate), cell(t.object)
                assert s is not None and p is not None and o is not None
                out.append((s, p, o))
            return out
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def select(
        self, query: str, bindings: Mapping[str, Cell | None] | None = None, timeout: float | None = None
    ) -> Result:
        """The rows of a SELECT query (``bindings`` bound as a VALUES block)."""
        solutions = self._query(query, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return self._rows(solutions)

    def _rows(self, solutions: ox.QuerySolutions) -> Result:
        variables = [v.value for v in solutions.variables]
        # terms repeat across rows (names, kinds, dates): convert each distinct term once
        cache: dict = {None: None}
        columns = range(len(variables))
        rows = []
        try:
            for sol in solutions:
                row = []
                for i in columns:
                    term = sol[i]
                    c = cache.get(term, _MISSING)
                    if c is _MISSING:
                        c = cache[term] = cell(term)
                    row.append(c)
                rows.append(row)
        except (OSError, RuntimeError, ValueError) as exc:  # errors raised while the results are read
            raise QueryError(f"query failed: {exc}") from None
        return Result(variables, rows)

    def ntriples(self) -> bytes:
        """Every triple as N-Triples, one per line in sorted order (pyoxigraph escapes every character
        that would end a line, U+2028 included)."""
        try:
            text = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
        except (OSError, ValueError) as exc:
            raise DumpError(f"cannot serialise the store: {exc}") from None
        lines = sorted(line for line in text.split(b"\n") if line)
        return b"\n".join(lines) + b"\n"
