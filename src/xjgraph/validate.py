"""SHACL validation of the generated graph against ``ontology/shapes.ttl``.

Errors name the focus node, the path and the rule broken, in the manner of pySHACL's report.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from .dump import read_ontology
from .errors import ShapeError


def shapes_graph(ontology_dir: Path) -> Graph:
    return read_ontology(Path(ontology_dir) / "shapes.ttl")


def check(data: Graph, ontology_dir: Path, limit: int = 20) -> None:
    """Raise :class:`ShapeError` listing up to ``limit`` violations when ``data`` does not conform."""
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(ontology_dir),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if conforms:
        return
    lines = []
    results = sorted(report.subjects(RDF.type, SH.ValidationResult), key=str)
    for result in results:
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        component = report.value(result, SH.sourceConstraintComponent)
        value = report.value(result, SH.value)
        comp = str(component).rsplit("#", 1)[-1] if isinstance(component, URIRef) else component
        line = f"{focus}: {path.n3() if path is not None else '-'}: {comp}: {message}"
        if value is not None:
            line += f" (value {value.n3()})"
        lines.append(line)
    lines = sorted(set(lines))
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    raise ShapeError(
        f"the graph does not conform to {ontology_dir / 'shapes.ttl'}:\n" + "\n".join(lines[:limit]) + more
    )
