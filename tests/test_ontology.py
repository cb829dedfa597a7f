"""The ontology: parses, documents its local terms, and declares every imported term it or the dump uses."""

from __future__ import annotations

import shutil

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from xjgraph.cli import main
from xjgraph.errors import SourceError
from xjgraph.rdf.namespaces import XJ

from .conftest import DUMP, ONTOLOGY

BUILTIN = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2001/XMLSchema#",
    "http://www.w3.org/ns/shacl#",
    "https://w3id.org/xjgraph/",
)


def _imports() -> Graph:
    g = Graph()
    for path in sorted((ONTOLOGY / "imports").glob("*.ttl")):
        g.parse(path)
    return g


def test_ontology_header():
    g = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    ont = URIRef("https://w3id.org/xjgraph/ontology")
    assert (ont, RDF.type, OWL.Ontology) in g
    assert g.value(ont, OWL.versionInfo) is not None
    assert g.value(ont, URIRef("http://purl.org/dc/terms/license")) is not None


def test_every_local_term_is_labelled_commented_and_anchored():
    g = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(XJ))}
    assert len(terms) > 20
    for t in terms:
        assert g.value(t, RDFS.label) is not None, t
        assert g.value(t, RDFS.comment) is not None, t
    for t in terms:
        if (t, RDF.type, OWL.Class) in g and t != URIRef(XJ.Side):
            assert g.value(t, RDFS.subClassOf) is not None, t


def test_every_term_used_is_declared_locally():
    imports = _imports()
    declared = set(imports.subjects(RDF.type, None))
    ontology = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    used = set()
    for path in (ONTOLOGY / "xjgraph.ttl", ONTOLOGY / "shapes.ttl", DUMP, DUMP.with_name("void.ttl")):
        g = Graph().parse(path)
        for _s, p, o in g:
            used.add(p)
            if p == RDF.type or p in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.range, RDFS.domain):
                used.add(o)
    missing = sorted(
        str(t)
        for t in used
        if isinstance(t, URIRef) and not str(t).startswith(BUILTIN) and t not in declared and "shacl" not in str(t)
    )
    assert not missing, f"declare these in ontology/imports/: {missing}"
    local_used = {t for t in used if str(t).startswith(str(XJ))}
    assert local_used <= set(ontology.subjects()), local_used - set(ontology.subjects())


@pytest.mark.parametrize(
    "argv,broken",
    [
        (["build", "--out", "{tmp}/records.ttl"], "shapes.ttl"),
        (["docs", "--out", "{tmp}/doc.html"], "xjgraph.ttl"),
        (["docs", "--out", "{tmp}/doc.html"], "imports/dcterms.ttl"),
        (["site", "--no-maps", "--out", "{tmp}/site"], "imports/skos.ttl"),
    ],
)
def test_a_missing_or_malformed_ontology_file_is_a_source_error(tmp_path, capsys, argv, broken):
    """The ontology is input too: a missing folder or a file that is not Turtle is reported by file and
    line with the bad-source exit code, and nothing is written."""
    folder = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, folder)
    with open(folder / broken, "a", encoding="utf-8") as fh:
        fh.write('\n<a> <b> "never closed .\n')
    line = (folder / broken).read_text(encoding="utf-8").count("\n")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main([*argv, "--ontology", str(folder)]) == SourceError.exit_code
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert f"{folder / broken}: record 'line {line}': expected valid Turtle" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing may be written"
    assert main([*argv, "--ontology", str(tmp_path / "absent")]) == SourceError.exit_code
    err = capsys.readouterr().err.strip()
    assert "no such file" in err and str(tmp_path / "absent") in err and len(err.splitlines()) == 1, err


def test_the_namespace_module_declares_the_terms_of_the_ontology():
    """rdf/namespaces.py lists xj's terms exactly as the ontology declares them, and only terms of other
    vocabularies that ontology/imports declares, so a misspelt term is an error in Python and in the data."""
    from xjgraph.rdf import namespaces as ns

    g = _imports()
    g.parse(ONTOLOGY / "xjgraph.ttl")
    declared = {str(s) for s in g.subjects() if isinstance(s, URIRef)}
    local = {s[len(str(ns.XJ)) :] for s in declared if s.startswith(str(ns.XJ))}
    assert set(ns.XJ.terms) == local
    for vocab in (ns.SCHEMA, ns.DCTERMS, ns.SKOS, ns.RICO, ns.ORG, ns.GEO, ns.VOID, ns.DCAT, ns.VANN):
        assert {vocab[t] for t in vocab.terms} <= declared, vocab.prefix
    with pytest.raises(AttributeError, match="xj:sidee"):
        ns.XJ.sidee  # noqa: B018
