"""The build stage: curated sources -> validated model -> RDF -> ``data/records.ttl`` (and ``void.ttl``).

Records are converted file by file as they are read, one subject at a time, so memory grows with the
Turtle text rather than with a graph. SHACL: a collection of up to ``FULL_SHACL_RECORDS`` records is
validated whole; a larger one is validated on a seeded sample of records together with every entity
they refer to (the source checks, which cover the same rules, always run on everything).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "records.ttl"
>>> summary = build("data/sources", out, "ontology", shacl="off")
>>> summary.counts["record"] > 0
True
"""

from __future__ import annotations

import filecmp
import multiprocessing
import os
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import __version__, graph, sources, turtle, validate, void
from .errors import OutputError
from .namespaces import PREFIXES

FULL_SHACL_RECORDS = 5000
SAMPLE_ONE_IN = 256  # with a larger collection, validate the records whose id hashes to 0 modulo this
SAMPLE_MAX = 200  # and at most this many of them (the lowest hashes)


@dataclass
class Summary:
    """What a build produced."""

    output: Path
    triples: int
    counts: dict[str, int] = field(default_factory=dict)
    changed: bool = True
    shacl: str = "full"

    def lines(self) -> list[str]:
        parts = ", ".join(f"{n} {k}s" for k, n in self.counts.items())
        state = "written" if self.changed else "unchanged"
        return [f"{self.output}: {self.triples} triples ({state}; SHACL: {self.shacl})", parts]


class _Writer:
    """Collects the Turtle blocks of every subject, the VoID counts, and the SHACL sample."""

    def __init__(self):
        self.namer = turtle.Namer(PREFIXES)
        self.blocks: list[tuple[str, str]] = []
        self.stats = void.Stats()
        self.records = 0
        self.sample: list[tuple[str, list]] = []
        self.authority: dict[str, list] = {}

    def add(self, subject: str, pairs: list, record: bool = False) -> None:
        self.blocks.append(turtle.block(subject, pairs, self.namer))
        self.stats.add(subject, pairs)
        if record:
            # a record and its holding share the last segment of their IRIs, so they are sampled together
            if zlib.crc32(subject.rsplit("/", 1)[-1].encode()) % SAMPLE_ONE_IN == 0:
                self.sample.append((subject, pairs))
        else:
            self.authority[subject] = pairs

    def merge(self, part: _Writer) -> None:
        """Take over what a worker converted."""
        self.blocks.extend(part.blocks)
        self.stats.merge(part.stats)
        self.records += part.records
        self.sample.extend(part.sample)

    def convert(self, cat, records) -> None:
        self.records += len(records)
        for subject, pairs in graph.record_subjects(cat, records):
            self.add(subject, pairs, record=True)

    def text(self) -> str:
        return turtle.join(self.blocks, PREFIXES)

    def sampled(self) -> list[tuple[str, list]]:
        def key(item):
            return zlib.crc32(item[0].rsplit("/", 1)[-1].encode()), item[0]

        return sorted(self.sample, key=key)[: 2 * SAMPLE_MAX]

    def sample_text(self) -> str:
        """The sampled records with every entity they reach."""
        sample = self.sampled()
        chosen: dict[str, list] = dict(sample)
        direct = {o for _, pairs in sample for _, o in pairs if o in self.authority}
        frontier = list(direct)
        while frontier:  # everything they reach, so that every sh:class check has its target's types
            nxt = []
            for s in frontier:
                if s not in chosen:
                    chosen[s] = self.authority[s]
                    nxt += [o for _, o in self.authority[s] if o in self.authority]
            frontier = nxt
        # links to records outside the sample (answers, forwards) are left out here: the source checks
        # have verified that each names an earlier record
        for subject, pairs in sample:
            chosen[subject] = [(p, o) for p, o in pairs if p not in (graph.P_REPLIES, graph.P_FORWARDS) or o in chosen]
        namer = turtle.Namer(PREFIXES)
        return turtle.join((turtle.block(s, pairs, namer) for s, pairs in chosen.items()), PREFIXES)


_STATE: sources.Loading | None = None  # the authority data, shared with forked workers


def _convert_file(path: Path):
    """Worker: read, check and convert one record file; return the records' ids and what was made."""
    cat = _STATE.cat
    records, errors, deferred = sources.read_record_file(cat, path)
    part = _Writer()
    if not errors:
        part.convert(cat, records)
    stubs = [sources.Entity("record", e.id, {"date": e.data["date"]}, e.path) for e in records]
    return stubs, errors, deferred, part


def _workers(n_files: int, total_bytes: int) -> int:
    if n_files < 4 or total_bytes < 4_000_000:
        return 1
    return max(1, min(os.cpu_count() or 1, 4, n_files))


def write_atomic(path: Path, text: str | None = None, chunks=None) -> bool:
    """Write ``text`` (or the strings of ``chunks``, streamed) to ``path`` through a temporary file and a
    rename; return whether the content changed (an unchanged file is left as it was)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                if text is not None:
                    fh.write(text)
                for chunk in chunks or ():
                    fh.write(chunk)
            if path.exists() and filecmp.cmp(tmp, path, shallow=False):
                Path(tmp).unlink()
                return False
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc}") from exc
    return True


def build(
    sources_dir: str | Path,
    output: str | Path,
    ontology_dir: str | Path,
    shacl: str | bool = "auto",
    workers: int | None = None,
) -> Summary:
    """Load and check the sources, convert them, validate the graph, and write ``output`` atomically,
    with the VoID/DCAT description as ``void.ttl`` beside it.

    ``shacl`` is ``"auto"`` (whole graph up to FULL_SHACL_RECORDS records, else a sample), ``"full"``,
    ``"sample"`` or ``"off"``. Record files are converted by ``workers`` processes (default: one per
    core, up to four, for collections of more than a few megabytes). Nothing is written unless every
    check passes.
    """
    if shacl is True:
        shacl = "auto"
    elif shacl is False:
        shacl = "off"
    global _STATE
    w = _Writer()
    state = sources.begin(sources_dir)
    cat = state.cat
    loose, errors, deferred = sources.check_records(cat, state.loose_records)
    kept = sources.add_records(state, loose, errors, deferred)
    if not state.errors:
        w.convert(cat, kept)
    files = state.record_files
    n = workers or _workers(len(files), sum(f.stat().st_size for f in files))
    _STATE = state
    try:
        if n > 1:
            with multiprocessing.get_context("fork").Pool(n) as pool:
                results = pool.imap(_convert_file, files, chunksize=1)
                for stubs, errors, deferred, part in results:
                    sources.add_records(state, stubs, errors, deferred)
                    w.merge(part)
        else:
            for path in files:
                stubs, errors, deferred, part = _convert_file(path)
                sources.add_records(state, stubs, errors, deferred)
                w.merge(part)
    finally:
        _STATE = None
    sources.finish(state)
    for subject, pairs in graph.subjects(cat):
        w.add(subject, pairs)
    mode = shacl if shacl != "auto" else ("full" if w.records <= FULL_SHACL_RECORDS else "sample")
    if mode == "full":
        g = Graph()
        g.parse(data=w.text(), format="turtle")
        validate.check(g, Path(ontology_dir))
    elif mode == "sample":
        g = Graph()
        g.parse(data=w.sample_text(), format="turtle")
        # every node of the sample graph is validated: pyshacl's focus_nodes option compares each node with
        # the whole list (quadratic), which costs more than validating the few context entities too
        validate.check(g, Path(ontology_dir))
    description = turtle.serialize(void.describe(w.stats, __version__), void.VOID_PREFIXES)
    w.blocks.sort(key=lambda kb: kb[0])
    changed = write_atomic(
        Path(output),
        turtle.header(PREFIXES) + "\n",
        chunks=(text if i == 0 else "\n" + text for i, (_, text) in enumerate(w.blocks)),
    )
    write_atomic(Path(output).with_name("void.ttl"), description)
    counts = {"record": w.records, **{k: len(cat[k]) for k in ("person", "organisation", "place", "event", "office")}}
    counts["tenure"] = len(cat.tenures)
    n_sample = sum(1 for s, _ in w.sampled() if "/record/" in s)
    label = mode if mode != "sample" else f"sample of {n_sample} records and the entities they refer to"
    return Summary(Path(output), w.stats.triples, counts, changed, label)
