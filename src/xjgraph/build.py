"""The build stage: curated sources -> validated model -> RDF -> ``data/records.ttl``.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "records.ttl"
>>> summary = build("data/sources", out, "ontology", shacl=False)
>>> summary.counts["record"] > 0
True
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import __version__, graph, sources, turtle, validate, void
from .errors import OutputError
from .model import Catalogue
from .namespaces import PREFIXES


@dataclass
class Summary:
    """What a build produced."""

    output: Path
    triples: int
    counts: dict[str, int] = field(default_factory=dict)
    changed: bool = True

    def lines(self) -> list[str]:
        parts = ", ".join(f"{n} {k}s" for k, n in self.counts.items())
        state = "written" if self.changed else "unchanged"
        return [f"{self.output}: {self.triples} triples ({state})", parts]


def render(cat: Catalogue) -> tuple[str, int, str]:
    """The Turtle text of the catalogue, its number of triples, and the Turtle of its VoID description."""
    triples = set(graph.triples(cat))
    description = set(void.triples(triples, __version__))
    return turtle.serialize(triples, PREFIXES), len(triples), turtle.serialize(description, void.VOID_PREFIXES)


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file and a rename; return whether it changed."""
    path = Path(path)
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
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


def build(sources_dir: str | Path, output: str | Path, ontology_dir: str | Path, shacl: bool = True) -> Summary:
    """Load and check the sources, convert them, validate the graph, and write ``output`` atomically,
    with the VoID/DCAT description as ``void.ttl`` beside it.

    Nothing is written unless every check passes, so a good dump is never replaced by a bad one.
    """
    cat = sources.load(sources_dir)
    text, n, description = render(cat)
    if shacl:
        g = Graph()
        g.parse(data=text, format="turtle")
        validate.check(g, Path(ontology_dir))
    changed = write_atomic(Path(output), text)
    write_atomic(Path(output).with_name("void.ttl"), description)
    counts = {k: len(cat[k]) for k in ("record", "person", "organisation", "place", "event", "office")}
    counts["tenure"] = len(cat.tenures)
    return Summary(Path(output), n, counts, changed)
