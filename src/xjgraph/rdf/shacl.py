"""SHACL validation of the generated graph against ``ontology/shapes.ttl`` (pySHACL).

A failure is a :class:`~xjgraph.errors.ShapeError` whose ``violations`` carry, for each result, the
focus node, the path, the constraint component, the shape's message and the value, as data (in the
manner of pySHACL's validation report), and whose text lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from ..errors import ShapeError
from . import ontology


@dataclass(frozen=True, order=True)
class Violation:
    """One result of a SHACL report."""

    focus: str
    path: str  # the property's IRI, or "" for a node-level constraint
    component: str  # the constraint component's local name, e.g. "MinCountConstraintComponent"
    message: str
    value: str = ""
    shape: str = ""  # the IRI of the node shape (or property shape) that holds the constraint

    def __str__(self) -> str:
        line = f"{self.focus}: {('<' + self.path + '>') if self.path else '-'}: {self.component}: {self.message}"
        return line + (f" (value {self.value})" if self.value else "")


def shapes_graph(ontology_dir: str | Path) -> Graph:
    return ontology.shapes(ontology_dir)


def violations(data: Graph, ontology_dir: str | Path, shapes: Graph | None = None) -> list[Violation]:
    """Every violation of the shapes in ``data`` (empty when it conforms)."""
    try:
        conforms, report, _ = pyshacl.validate(
            data,
            shacl_graph=shapes if shapes is not None else shapes_graph(ontology_dir),
            inference="none",
            advanced=True,
            allow_warnings=True,
        )
    except TypeError:
        # pySHACL cannot compare an ill-typed literal (an xsd:date of year 0) with another (sh:lessThanOrEquals):
        # report the ill-typed literals themselves, then validate the rest without them
        found = _ill_typed(data)
        if not found:
            raise
        rest = Graph()
        for t in data:
            if not (isinstance(t[2], Literal) and t[2].ill_typed):
                rest.add(t)
        return sorted(set(found) | set(violations(rest, ontology_dir, shapes)))
    if conforms:
        return []
    out = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        component = report.value(result, SH.sourceConstraintComponent)
        value = report.value(result, SH.value)
        shape = report.value(result, SH.sourceShape)
        out.add(
            Violation(
                str(report.value(result, SH.focusNode)),
                str(path) if isinstance(path, URIRef) else "",
                str(component).rsplit("#", 1)[-1] if component is not None else "",
                str(report.value(result, SH.resultMessage) or ""),
                value.n3() if value is not None else "",
                str(shape) if isinstance(shape, URIRef) else "",
            )
        )
    return sorted(out)


def _ill_typed(data: Graph) -> list[Violation]:
    out = set()
    for s, p, o in data:
        if isinstance(o, Literal) and o.ill_typed:
            message = f"{o!s} is not a valid {o.datatype}"
            out.add(Violation(str(s), str(p), "DatatypeConstraintComponent", message, o.n3()))
    return sorted(out)


def check(data: Graph, ontology_dir: str | Path, limit: int = 20) -> None:
    """Raise :class:`ShapeError` listing up to ``limit`` violations when ``data`` does not conform."""
    found = violations(data, ontology_dir)
    if not found:
        return
    lines = [str(v) for v in found]
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    error = ShapeError(
        f"the graph does not conform to {Path(ontology_dir) / 'shapes.ttl'}:\n" + "\n".join(lines[:limit]) + more
    )
    error.violations = found
    raise error
