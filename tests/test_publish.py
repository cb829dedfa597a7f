"""Publishing: VoID/DCAT, RDF serialisations, CMIF, ontology documentation, and the static entity site."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from lxml import etree, html
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from xjgraph.cli import main
from xjgraph.publish import cmif, dataset, ontodoc
from xjgraph.sparql.store import EmbeddedStore

from .conftest import DUMP, ONTOLOGY, ROOT

VOID = "http://rdfs.org/ns/void#"
CMIF_SCHEMA = ROOT.parent / "shared" / "cmif" / "cmi-customization.rng"
TEI = "{http://www.tei-c.org/ns/1.0}"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dump():
    return Graph().parse(DUMP)


@pytest.fixture(scope="module")
def store():
    return EmbeddedStore.from_file(DUMP)


def test_void_describes_the_dump(dump):
    g = Graph().parse(DUMP.with_name("void.ttl"))
    ds = URIRef("https://w3id.org/xjgraph/dataset")
    assert (ds, RDF.type, URIRef(VOID + "Dataset")) in g
    assert (ds, RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")) in g
    assert g.value(ds, URIRef(VOID + "triples")) == Literal(len(dump), datatype=XSD.integer)
    assert int(g.value(ds, URIRef(VOID + "entities"))) == len(set(dump.subjects()))
    records = URIRef("https://w3id.org/xjgraph/dataset#class-rico-Record")
    assert int(g.value(records, URIRef(VOID + "entities"))) == len(
        set(dump.subjects(RDF.type, URIRef("https://www.ica.org/standards/RiC/ontology#Record")))
    )
    dct = "http://purl.org/dc/terms/"
    assert str(g.value(ds, URIRef(dct + "license"))) == "https://creativecommons.org/licenses/by/4.0/"
    assert "Digital Archive" in str(g.value(ds, URIRef(dct + "description")))
    assert str(g.value(ds, URIRef(dct + "source"))).startswith("https://digitalarchive.wilsoncenter.org/collection/")
    period = g.value(ds, URIRef(dct + "temporal"))
    assert str(g.value(period, URIRef("http://www.w3.org/ns/dcat#startDate"))).startswith("1934")
    assert str(g.value(period, URIRef("http://www.w3.org/ns/dcat#endDate"))).startswith("1949")
    # no endpoint is claimed unless one is configured ([publish] in the sources, or build --endpoint)
    assert g.value(ds, URIRef(VOID + "sparqlEndpoint")) is None
    assert "127.0.0.1" not in DUMP.with_name("void.ttl").read_text(encoding="utf-8")
    assert len(list(g.objects(ds, URIRef(VOID + "exampleResource")))) >= 3
    assert URIRef("https://schema.org/") in set(g.objects(ds, URIRef(VOID + "vocabulary")))
    # the distributions data/sources/publish.toml names, and no others
    assert {str(o) for o in g.objects(ds, URIRef("http://www.w3.org/ns/dcat#distribution"))} == {
        "https://w3id.org/xjgraph/data/records.ttl"
    }


def test_void_names_the_endpoint_and_dumps_it_is_given(tmp_path, capsys):
    out = tmp_path / "records.ttl"
    argv = ["build", "--out", str(out), "--no-shacl", "--endpoint", "https://example.org/sparql"]
    assert main([*argv, "--dump", "https://example.org/records.ttl", "--dump", "https://example.org/records.nt"]) == 0
    g = Graph().parse(out.with_name("void.ttl"))
    ds = URIRef("https://w3id.org/xjgraph/dataset")
    assert str(g.value(ds, URIRef("http://rdfs.org/ns/void#sparqlEndpoint"))) == "https://example.org/sparql"
    assert {str(o) for o in g.objects(ds, URIRef("http://rdfs.org/ns/void#dataDump"))} == {
        "https://example.org/records.ttl",
        "https://example.org/records.nt",
    }
    assert main(["build", "--out", str(out), "--no-shacl", "--endpoint", "127.0.0.1:7878"]) == 2


@pytest.mark.parametrize("fmt,parse_as", [("jsonld", "json-ld"), ("nt", "nt"), ("ttl", "turtle")])
def test_serialisations_round_trip_and_are_deterministic(tmp_path, dump, fmt, parse_as, capsys):
    out = tmp_path / f"records.{fmt}"
    assert main(["export", "--format", fmt, "--out", str(out)]) == 0
    first = out.read_bytes()
    assert main(["export", "--format", fmt, "--out", str(out)]) == 0
    assert out.read_bytes() == first
    g = Graph().parse(out, format=parse_as)
    assert isomorphic(g, dump)
    if fmt == "jsonld":
        doc = json.loads(first)
        assert doc["@context"]["sender"] == {"@id": "schema:sender", "@type": "@id"}
        assert json.loads((ONTOLOGY / "context.jsonld").read_text())["@context"] == doc["@context"]


def _cmif(store) -> etree._Element:
    return etree.fromstring(cmif.build(store))


def test_cmif_validates_against_the_correspsearch_schema(store):
    if not CMIF_SCHEMA.exists():
        pytest.skip(f"the CMIF schema is not at {CMIF_SCHEMA} (shared/ is absent)")
    schema = etree.RelaxNG(etree.parse(str(CMIF_SCHEMA)))
    doc = _cmif(store)
    assert schema.validate(doc), schema.error_log


def test_cmif_structure_follows_the_rules(store):
    doc = _cmif(store)
    header = doc.find(f"{TEI}teiHeader/{TEI}fileDesc")
    assert header.findtext(f"{TEI}titleStmt/{TEI}title")
    assert header.findtext(f"{TEI}titleStmt/{TEI}editor")
    pub = header.find(f"{TEI}publicationStmt")
    assert pub.find(f"{TEI}idno").get("type") == "url"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", pub.find(f"{TEI}date").get("when"))
    assert "by/4.0" in pub.find(f"{TEI}availability/{TEI}licence").get("target")
    bibl = header.find(f"{TEI}sourceDesc/{TEI}bibl")
    bid = bibl.get("{http://www.w3.org/XML/1998/namespace}id")
    assert re.fullmatch(r"[A-Za-z_][\w.-]*", bid) and bibl.get("type") == "online"
    letters = doc.findall(f".//{TEI}correspDesc")
    messages = store.select("""PREFIX schema: <https://schema.org/>
        SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a schema:Message ; schema:sender ?s ; schema:recipient ?t }""")
    assert len(letters) == int(messages.rows[0][0].value) > 50
    for desc in letters:
        assert desc.get("source") == f"#{bid}" and desc.get("ref").startswith("https://")
        actions = desc.findall(f"{TEI}correspAction")
        assert [a.get("type") for a in actions] == ["sent", "received"]
        for a in actions:
            names = [c for c in a if c.tag in (f"{TEI}persName", f"{TEI}orgName")]
            assert names and all(n.text for n in names)
            for n in names:  # the project IRI, after the VIAF or GND IRI where the sources give one
                *authority, own = n.get("ref").split(" ")
                assert own.startswith("https://w3id.org/xjgraph/"), n.get("ref")
                assert all(i.startswith(cmif.AGENT_AUTHORITIES) for i in authority), n.get("ref")
            order = [c.tag.split("}")[1] for c in a]
            assert order == sorted(order, key=lambda t: {"persName": 0, "orgName": 0, "placeName": 1, "date": 2}[t])
        date = actions[0].find(f"{TEI}date")
        assert date.get("when") or (date.get("notBefore") and date.get("notAfter"))
        assert date.get("cert") is None
    june = [
        d for d in letters if d.get("ref").endswith("letter-governor-shicai-sheng-cdes-stalin-molotov-and-voroshilov")
    ]
    d = june[0].find(f"{TEI}correspAction/{TEI}date")
    assert (d.get("notBefore"), d.get("notAfter")) == ("1934-06-01", "1934-06-30")


def test_cmif_command(tmp_path, capsys):
    out = tmp_path / "cmif.xml"
    assert main(["export", "--format", "cmif", "--out", str(out)]) == 0
    assert "letters" in capsys.readouterr().out
    assert etree.parse(str(out)).getroot().tag == f"{TEI}TEI"


def test_ontology_documentation(tmp_path):
    text = ontodoc.document(ONTOLOGY, EmbeddedStore.from_file(DUMP))
    onto = Graph().parse(ONTOLOGY / "xjgraph.ttl")
    local = {
        str(s).rsplit("#", 1)[-1] for s in onto.subjects() if str(s).startswith("https://w3id.org/xjgraph/ontology#")
    }
    for name in local:
        assert f'id="{name}"' in text, name
    assert "rico:Record" in text and "schema:sender" in text
    assert "record:" in text  # examples come from the data
    tree = html.fromstring(text)
    assert not tree.xpath("//script[@src] | //link[@href] | //img[@src]")
    assert main(["docs", "--out", str(tmp_path / "o.html")]) == 0


# the site's tests are in tests/test_site.py


def test_dataset_module_refuses_unknown_format():
    from xjgraph.errors import OutputError

    with pytest.raises(OutputError):
        dataset.serialize(DUMP, "rdfxml")


SCHXSLT = ROOT.parent / "shared" / "schemas" / "schxslt" / "xslt" / "2.0" / "pipeline-for-svrl.xsl"
CORRESPSEARCH = ROOT.parent / "shared" / "cmif" / "correspsearch-check.sch"
SIG = ROOT.parent / "shared" / "cmif" / "sig-cmif.sch"


def _schematron(schema, doc_path, work):
    from .schematron import run

    for needed in (schema, SCHXSLT):
        if not needed.exists():
            pytest.skip(f"{needed} is absent (shared/ is absent)")
    return run(schema, SCHXSLT, doc_path, work)


def test_cmif_passes_correspsearch_and_the_sig_schematron_with_no_error(tmp_path, capsys):
    out = tmp_path / "letters.xml"
    assert main(["export", "--format", "cmif", "--out", str(out)]) == 0
    for schema in (CORRESPSEARCH, SIG):
        findings = _schematron(schema, out, tmp_path)
        errors = [f for f in findings if f.level == "error"]
        assert errors == [], errors
    # what is left are warnings: the refs of people and places with no VIAF, GND or GeoNames IRI
    left = _schematron(CORRESPSEARCH, out, tmp_path)
    assert {f.level for f in left} <= {"warning", "info"}
    # every place a letter was written at has its GeoNames feature, Ghulja's included, so none draws a warning
    places = {e.get("ref") for e in etree.parse(str(out)).iter(f"{TEI}placeName")}
    unlinked = {r for r in places if "sws.geonames.org" not in r}
    assert unlinked == set(), unlinked
    assert "https://sws.geonames.org/1529102/ https://w3id.org/xjgraph/place/urumqi" in places
    assert "https://sws.geonames.org/1529435/ https://w3id.org/xjgraph/place/ghulja" in places
    assert [f for f in left if "GeoNames" in f.message] == []
    assert not any("UUID" in f.message for f in left), "bibl/@xml:id carries a UUID"
    # a person with a VIAF cluster in the sources (Mackenzie King) is linked by it, and so draws no warning:
    # the warnings about names are exactly the refs that carry neither a VIAF nor a GND IRI
    doc = etree.parse(str(out))
    names = [e.get("ref") or "" for e in doc.iter(f"{TEI}persName", f"{TEI}orgName")]
    assert (
        "http://viaf.org/viaf/56618205 https://d-nb.info/gnd/118781111 https://w3id.org/xjgraph/person/mackenzie-king"
        in names
    )
    # GND records seen beside the Wikidata items in ZBW's press-archive person list: all 25 of Stalin's refs carry his
    assert names.count("https://d-nb.info/gnd/118642499 https://w3id.org/xjgraph/person/stalin") == 25
    # GND records paired with the English articles in DBpedia's GND linksets: Sheng Shicai's 8 refs and Wilgress's 7
    assert names.count("https://d-nb.info/gnd/122006003 https://w3id.org/xjgraph/person/sheng-shicai") == 8
    assert names.count("https://d-nb.info/gnd/119485788 https://w3id.org/xjgraph/person/wilgress") == 7
    bare = [r for r in names if not r.startswith(cmif.AGENT_AUTHORITIES)]
    assert len([f for f in left if "authority file" in f.message]) == len(bare) < len(names)


def test_cmif_refs_carry_the_authority_iris_correspsearch_links_through(tmp_path, capsys):
    """With a VIAF IRI on a person (a fixture: the sources have neither VIAF nor GND for Apresov) and Moscow's
    GeoNames IRI, the refs put them before the project IRI, the RelaxNG accepts both, and correspSearch's warnings
    go away."""
    from xjgraph.rdf.build import build

    src = tmp_path / "sources"
    shutil.copytree(ROOT / "data" / "sources", src)
    people = src / "people.toml"
    text = people.read_text(encoding="utf-8")
    viaf = '{ id = "viaf:123456789", evidence = ["https://example.org/evidence"] }, '
    assert '  { id = "wikipedia:Garegin_Apresov"' in text
    text = text.replace('  { id = "wikipedia:Garegin_Apresov"', "  " + viaf + '{ id = "wikipedia:Garegin_Apresov"', 1)
    people.write_text(text, encoding="utf-8")
    dump = tmp_path / "records.ttl"
    build(src, dump, ONTOLOGY, shacl="off")
    out = tmp_path / "letters.xml"
    assert main(["export", "--format", "cmif", "--data", str(dump), "--out", str(out)]) == 0
    doc = etree.parse(str(out))
    refs = {e.get("ref") for e in doc.iter(f"{TEI}persName")}
    assert "http://viaf.org/viaf/123456789 https://w3id.org/xjgraph/person/apresov" in refs
    assert "https://w3id.org/xjgraph/person/kovalev" in refs  # no VIAF or GND: its own IRI alone
    places_refs = {e.get("ref") for e in doc.iter(f"{TEI}placeName")}
    # Moscow's GeoNames feature is in the sources (seen with its Wikidata item in a public registry)
    assert "https://sws.geonames.org/524901/ https://w3id.org/xjgraph/place/moscow" in places_refs
    if CMIF_SCHEMA.exists():
        schema = etree.RelaxNG(etree.parse(str(CMIF_SCHEMA)))
        assert schema.validate(doc), schema.error_log
    findings = _schematron(CORRESPSEARCH, out, tmp_path)
    assert not [f for f in findings if f.level == "error"]
    plain = tmp_path / "plain.xml"
    assert main(["export", "--format", "cmif", "--out", str(plain)]) == 0
    before = _schematron(CORRESPSEARCH, plain, tmp_path)
    linked = [e for e in doc.iter(f"{TEI}persName") if "viaf.org/viaf/123456789" in (e.get("ref") or "")]
    assert linked and len(before) - len(findings) == len(linked)


def test_a_mixed_case_language_tag_is_written_as_stores_keep_it(tmp_path, capsys):
    """BCP 47 tags compare without case; pyoxigraph lowercases them, so the dump does too, and its exports stay
    isomorphic to it (a source with zh-Hans broke the N-Triples and JSON-LD round trip before)."""
    from xjgraph.rdf.build import build

    src = tmp_path / "sources"
    shutil.copytree(ROOT / "data" / "sources", src)
    people = src / "people.toml"
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace('labels = { zh = "毛泽东" }', 'labels = { zh-Hant = "毛澤東" }', 1), encoding="utf-8"
    )
    dump = tmp_path / "records.ttl"
    build(src, dump, ONTOLOGY, shacl="off")
    assert '"毛澤東"@zh-hant' in dump.read_text(encoding="utf-8")
    out = tmp_path / "records.nt"
    assert main(["export", "--format", "nt", "--data", str(dump), "--out", str(out)]) == 0
    assert isomorphic(Graph().parse(out, format="nt"), Graph().parse(dump))
