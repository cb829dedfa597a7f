"""The build stage: curated sources -> validated model -> RDF -> ``data/records.ttl`` (and ``void.ttl``).

Records are converted file by file as they are read, one subject at a time, so memory grows with the
Turtle text rather than with a graph. The source checks run on every record and cover every rule of the
shapes (``tests/test_validation.py`` proves it); SHACL itself runs on the whole graph up to
``FULL_SHACL_RECORDS`` records, and above that on a seeded sample of records together with every entity
they refer to (``xjgraph validate --full`` runs it on everything).

>>> import tempfile, pathlib
>>> from xjgraph.resources import package_dir, ontology_dir
>>> out = pathlib.Path(tempfile.mkdtemp()) / "records.ttl"
>>> summary = build(package_dir() / "data" / "sources", out, ontology_dir(), shacl="off")
>>> summary.counts["record"] > 0
True
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ..console import progress
from ..files import write_together
from ..sources import Catalogue, Entity, load_converting
from ..version import __version__
from . import convert, turtle, void
from .namespaces import PREFIXES, VOID_PREFIXES
from .shacl import check as check_shapes

log = logging.getLogger(__name__)

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

    def __init__(self) -> None:
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
        # the statements of an entity's authority links (<entity#match-...>) go with the entity
        parts: dict[str, list[str]] = {}
        for s in self.authority:
            if "#" in s:
                parts.setdefault(s.split("#", 1)[0] + ">", []).append(s)
        frontier = list(direct)
        while frontier:  # everything they reach, so that every sh:class check has its target's types
            nxt = []
            for s in frontier:
                if s not in chosen:
                    chosen[s] = self.authority[s]
                    nxt += [o for _, o in self.authority[s] if o in self.authority]
                    nxt += parts.get(s, [])
            frontier = nxt
        # links to records outside the sample (answers, forwards) are left out here: the source checks
        # have verified that each names an earlier record
        for subject, pairs in sample:
            chosen[subject] = [
                (p, o) for p, o in pairs if p not in (convert.P_REPLIES, convert.P_FORWARDS) or o in chosen
            ]
        namer = turtle.Namer(PREFIXES)
        return turtle.join((turtle.block(s, pairs, namer) for s, pairs in chosen.items()), PREFIXES)


def _convert_batch(cat: Catalogue, records: list[Entity]) -> _Writer:
    """Convert one batch of checked records (in a worker process for a large collection)."""
    part = _Writer()
    part.records = len(records)
    for subject, pairs in convert.record_subjects(cat, records):
        part.add(subject, pairs, record=True)
    return part


def _mode(shacl_mode: str | bool, records: int) -> str:
    if shacl_mode is True or shacl_mode == "auto":
        return "full" if records <= FULL_SHACL_RECORDS else "sample"
    if shacl_mode is False:
        return "off"
    return str(shacl_mode)


def build(
    sources_dir: str | Path,
    output: str | Path,
    ontology_dir: str | Path,
    shacl: str | bool = "auto",
    workers: int | None = None,
    publish: dict | None = None,
) -> Summary:
    """Load and check the sources, convert them, validate the graph, and write ``output`` with the
    VoID/DCAT description as ``void.ttl`` beside it, both or neither.

    ``shacl`` is ``"auto"`` (whole graph up to FULL_SHACL_RECORDS records, else a sample), ``"full"``,
    ``"sample"`` or ``"off"``. Record files are converted by ``workers`` processes (default: one per
    core, up to four, for collections of more than a few megabytes). Nothing is written unless every
    check passes. ``publish`` overrides the sources' [publish] table (``sparql_endpoint``, ``dumps``).
    """
    log.info("reading %s", sources_dir)
    cat, parts = load_converting(
        sources_dir, _convert_batch, workers, progress=lambda it: progress(it, desc="record files", unit="file")
    )
    w = _Writer()
    for part in parts:
        w.merge(part)
    for subject, pairs in convert.subjects(cat):
        w.add(subject, pairs)
    mode = _mode(shacl, w.records)
    if mode in ("full", "sample"):
        log.info("SHACL (%s) against %s", mode, Path(ontology_dir) / "shapes.ttl")
        g = Graph()
        g.parse(data=w.text() if mode == "full" else w.sample_text(), format="turtle")
        # every node of the sample graph is validated: pyshacl's focus_nodes option compares each node with
        # the whole list (quadratic), which costs more than validating the few context entities too
        check_shapes(g, Path(ontology_dir))
    description = turtle.serialize(
        void.describe(w.stats, __version__, {**cat.publish, **(publish or {})}), VOID_PREFIXES
    )
    w.blocks.sort(key=lambda kb: kb[0])
    output = Path(output)
    dump_text = (text if i == 0 else "\n" + text for i, (_, text) in enumerate(w.blocks))
    changed = write_together(
        {output: _chain(turtle.header(PREFIXES) + "\n", dump_text), output.with_name("void.ttl"): description}
    )
    counts = {"record": w.records, **{k: len(cat[k]) for k in ("person", "organisation", "place", "event", "office")}}
    counts["tenure"] = len(cat.tenures)
    n_sample = sum(1 for s, _ in w.sampled() if "/record/" in s)
    label = mode if mode != "sample" else f"sample of {n_sample} records and the entities they refer to"
    return Summary(output, w.stats.triples, counts, changed[output], label)


def _chain(head: str, rest):
    yield head
    yield from rest
