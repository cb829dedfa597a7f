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

    def on_records(self, cat, batch) -> None:
        self.records += len(batch)
        for subject, pairs in graph.record_subjects(cat, batch):
            self.add(subject, pairs, record=True)

    def text(self) -> str:
        return turtle.join(self.blocks, PREFIXES)

    def sample_text(self) -> str:
        """The sampled records, their holdings' archives, and every entity they reach in two steps."""
        chosen: dict[str, list] = dict(self.sample)
        frontier = [o for _, pairs in self.sample for _, o in pairs if o in self.authority]
        for _ in range(3):
            nxt = []
            for s in frontier:
                if s not in chosen:
                    chosen[s] = self.authority[s]
                    nxt += [o for _, o in self.authority[s] if o in self.authority]
            frontier = nxt
        # links to records outside the sample (answers, forwards) are left out here: the source checks
        # have verified that each names an earlier record
        for subject, pairs in self.sample:
            chosen[subject] = [(p, o) for p, o in pairs
                               if p not in (graph.P_REPLIES, graph.P_FORWARDS) or o in chosen]
        namer = turtle.Namer(PREFIXES)
        return turtle.join((turtle.block(s, pairs, namer) for s, pairs in chosen.items()), PREFIXES)


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file and a rename; return whether it changed."""
    path = Path(path)
    data = text.encode("utf-8")
    if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
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


def build(sources_dir: str | Path, output: str | Path, ontology_dir: str | Path, shacl: str | bool = "auto") -> Summary:
    """Load and check the sources, convert them, validate the graph, and write ``output`` atomically,
    with the VoID/DCAT description as ``void.ttl`` beside it.

    ``shacl`` is ``"auto"`` (whole graph up to FULL_SHACL_RECORDS records, else a sample), ``"full"``,
    ``"sample"`` or ``"off"``. Nothing is written unless every check passes.
    """
    if shacl is True:
        shacl = "auto"
    elif shacl is False:
        shacl = "off"
    w = _Writer()
    cat = sources.load(sources_dir, on_records=w.on_records, keep_records=False)
    for subject, pairs in graph.subjects(cat):
        w.add(subject, pairs)
    text = w.text()
    mode = shacl if shacl != "auto" else ("full" if w.records <= FULL_SHACL_RECORDS else "sample")
    if mode in ("full", "sample"):
        g = Graph()
        g.parse(data=text if mode == "full" else w.sample_text(), format="turtle")
        validate.check(g, Path(ontology_dir))
    description = turtle.serialize(void.describe(w.stats, __version__), void.VOID_PREFIXES)
    changed = write_atomic(Path(output), text)
    write_atomic(Path(output).with_name("void.ttl"), description)
    counts = {"record": w.records, **{k: len(cat[k]) for k in ("person", "organisation", "place", "event", "office")}}
    counts["tenure"] = len(cat.tenures)
    label = mode if mode != "sample" else f"sample of {len(w.sample)} records and the entities they reach"
    return Summary(Path(output), w.stats.triples, counts, changed, label)
