"""The ontology is OWL 2 DL and consistent with the data, as OWL tools see it.

OWL API's OWL 2 DL profile check and the HermiT reasoner, both from the HermiT jar that owlready2 ships, run
through ``tests/owl/OwlCheck.java`` (compiled here with the JDK that ``scripts/system-deps.sh`` installs) on the
ontology alone and on the ontology with the dump and its VoID description; imports resolve through
``ontology/catalog-v001.xml``, so nothing is fetched. Beside them, ROBOT's report rules the issue named: unique
labels, a definition on every local term.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .conftest import DUMP, ONTOLOGY, ROOT

XJ = Namespace("https://w3id.org/xjgraph/ontology#")
HEADER = (
    "\n<urn:xjgraph:check> a <http://www.w3.org/2002/07/owl#Ontology> ;"
    " <http://www.w3.org/2002/07/owl#imports> <https://w3id.org/xjgraph/ontology> .\n"
)


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    spec = importlib.util.find_spec("owlready2")
    assert spec and spec.origin, "owlready2 (a test dependency) carries the HermiT jar: pip install -e '.[test]'"
    jar = Path(spec.origin).parent / "hermit" / "HermiT.jar"
    assert jar.is_file(), jar
    for tool in ("java", "javac"):
        assert shutil.which(tool), f"{tool} is missing: scripts/system-deps.sh installs default-jdk-headless"
    classes = tmp_path_factory.mktemp("owlcheck")
    subprocess.run(["javac", "-cp", str(jar), "-d", str(classes), str(ROOT / "tests/owl/OwlCheck.java")], check=True)

    def run(document: Path, catalog: Path = ONTOLOGY / "catalog-v001.xml") -> tuple[int, list[str]]:
        done = subprocess.run(
            ["java", "-cp", f"{jar}:{classes}", "OwlCheck", str(catalog), str(document)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert "Exception" not in done.stderr, done.stderr[-2000:]
        return done.returncode, done.stdout.splitlines()

    return run


def _with_data(tmp_path: Path, *files: Path) -> Path:
    doc = tmp_path / "all.ttl"
    doc.write_text("".join(f.read_text(encoding="utf-8") + "\n" for f in files) + HEADER, encoding="utf-8")
    return doc


def test_the_ontology_is_owl2_dl_and_its_imports_resolve_locally(checker):
    code, out = checker(ONTOLOGY / "xjgraph.ttl")
    assert code == 0, out
    assert out[0].endswith("(imports closure: 10 ontologies)"), out
    assert out[-1].endswith("consistent") and not any(x.startswith("profile:") for x in out)


def test_the_ontology_with_the_dump_and_void_is_owl2_dl_and_consistent(checker, tmp_path):
    code, out = checker(_with_data(tmp_path, DUMP, DUMP.with_name("void.ttl")))
    assert code == 0, out
    assert int(out[0].split()[1]) > 4000, out  # the data was read, not only the header


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, folder)
    return folder


def test_the_profile_check_refuses_punning(checker, tmp_path):
    # the defect the issue found: a data property made a sub-property of an annotation property
    folder = _copy(tmp_path)
    onto = folder / "xjgraph.ttl"
    onto.write_text(onto.read_text(encoding="utf-8") + "\nxj:nameKey rdfs:subPropertyOf skos:hiddenLabel .\n")
    code, out = checker(onto, folder / "catalog-v001.xml")
    assert code == 1 and any(x.startswith("profile:") and "hiddenLabel" in x for x in out), out


def test_the_reasoner_finds_data_that_contradicts_the_ontology(checker, tmp_path):
    # date notes are language-tagged text: a range of xsd:string makes every record with one inconsistent
    folder = _copy(tmp_path)
    onto = folder / "xjgraph.ttl"
    onto.write_text(onto.read_text(encoding="utf-8") + "\nxj:dateNote rdfs:range xsd:string .\n")
    doc = _with_data(tmp_path, DUMP)
    code, out = checker(doc, folder / "catalog-v001.xml")
    assert code == 1 and "inconsistent" in out, out


def _ontology() -> Graph:
    g = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    for f in sorted((ONTOLOGY / "imports").glob("*.ttl")):
        g.parse(f)
    return g


def test_labels_are_unique_and_every_local_term_is_defined():
    g = _ontology()
    seen: dict[str, object] = {}
    for term, label in g.subject_objects(RDFS.label):
        if not str(term).startswith(str(XJ)):
            continue
        key = str(label).casefold()
        assert key not in seen, f"{term} and {seen[key]} share the label {label!r}"
        seen[key] = term
    local = {
        s
        for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
        for s in g.subjects(RDF.type, t)
        if str(s).startswith(str(XJ))
    }
    assert len(local) > 40
    undefined = sorted(str(t) for t in local if not list(g.objects(t, SKOS.definition)))
    assert not undefined, undefined


def test_the_header_is_annotations_and_imports_every_local_copy():
    g = _ontology()
    onto = next(g.subjects(RDF.type, OWL.Ontology, unique=True))
    header = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    onto = next(header.subjects(RDF.type, OWL.Ontology))
    imported = set(header.objects(onto, OWL.imports))
    declared = {
        o for f in (ONTOLOGY / "imports").glob("*.ttl") for o in Graph().parse(f).subjects(RDF.type, OWL.Ontology)
    }
    # void-dcat.ttl declares two ontologies; the VoID one is imported and the file is read as a whole
    assert declared - imported <= {next(iter(s for s in declared if "dcat" in str(s)))}
    for p in header.predicates(onto):
        if p in (RDF.type, OWL.imports, OWL.versionIRI):
            continue
        kinds = set(g.objects(p, RDF.type)) | (
            {OWL.AnnotationProperty} if str(p).startswith(str(OWL)) or p == RDFS.seeAlso else set()
        )
        assert OWL.AnnotationProperty in kinds, f"{p} on the ontology header is not an annotation property"
