"""The build: deterministic, committed, valid, and safe on bad input."""

from __future__ import annotations

import subprocess
import sys

import pyshacl
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from xjgraph.cli import main
from xjgraph.errors import SourceError
from xjgraph.rdf import build, namespaces

from .conftest import DUMP, ONTOLOGY, SOURCES

SCHEMA, XJ = Namespace(str(namespaces.SCHEMA)), Namespace(str(namespaces.XJ))


@pytest.fixture(scope="module")
def dump_graph():
    g = Graph()
    g.parse(DUMP, format="turtle")
    return g


def test_committed_dump_equals_a_fresh_build(tmp_path):
    out = tmp_path / "records.ttl"
    build.build(SOURCES, out, ONTOLOGY)
    assert out.read_bytes() == DUMP.read_bytes(), "data/records.ttl is stale: run `xjgraph build` and commit it"
    assert out.with_name("void.ttl").read_bytes() == DUMP.with_name("void.ttl").read_bytes(), "data/void.ttl is stale"


def test_build_is_byte_identical_twice(tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    build.build(SOURCES, a, ONTOLOGY, shacl=False)
    build.build(SOURCES, b, ONTOLOGY, shacl=False)
    assert a.read_bytes() == b.read_bytes()


def test_dump_conforms_to_shapes(dump_graph):
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    conforms, _, text = pyshacl.validate(dump_graph, shacl_graph=shapes, advanced=True)
    assert conforms, text


def test_shapes_catch_a_sender_that_is_not_an_agent(dump_graph):
    g = Graph()
    for t in dump_graph:
        g.add(t)
    rec = URIRef("https://w3id.org/xjgraph/record/1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev")
    g.add((rec, SCHEMA.sender, URIRef("https://w3id.org/xjgraph/place/moscow")))
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes, advanced=True)
    assert not conforms and "agent" in text


@pytest.mark.parametrize("year", ["1934", "1949"])
def test_records_of_1934_and_1949_have_entity_senders_and_recipients(dump_graph, year):
    records = [s for s in dump_graph.subjects(RDF.type, SCHEMA.Message) if str(s).split("/")[-1].startswith(year)]
    assert len(records) >= 4
    for rec in records:
        for prop in (SCHEMA.sender, SCHEMA.recipient):
            for agent in dump_graph.objects(rec, prop):
                assert {SCHEMA.Person, SCHEMA.Organization} & set(dump_graph.objects(agent, RDF.type)), (rec, agent)


def test_a_known_record_is_described_fully(dump_graph):
    rec = URIRef("https://w3id.org/xjgraph/record/1949-10-25-letter-mao-zedong-filippov-stalin-via")
    assert (rec, SCHEMA.sender, URIRef("https://w3id.org/xjgraph/person/mao-zedong")) in dump_graph
    assert (rec, SCHEMA.recipient, URIRef("https://w3id.org/xjgraph/person/stalin")) in dump_graph
    assert (rec, XJ.intermediary, URIRef("https://w3id.org/xjgraph/person/kovalev")) in dump_graph
    assert str(dump_graph.value(rec, XJ.earliestDate)) == "1949-10-25"


# ------------------------------------------------------------------ bad input


def _break(src, filename, old, new):
    path = src / filename
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {filename}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


BAD = {
    "malformed": (
        "records/1949.toml",
        '[[record]]\nid = "1949-01-19',
        '[[record]\nid = "1949-01-19',
        None,
        None,
        "valid TOML",
    ),
    "unknown reference": (
        "records/1949.toml",
        'recipients = ["kovalev"]',
        'recipients = ["kovalyov"]',
        "1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev",
        "recipients",
        "not defined",
    ),
    "duplicate id": ("places.toml", 'id = "kashgar"', 'id = "urumqi"', "urumqi", "id", "already defined"),
    "unparseable date": (
        "records/1949.toml",
        'date = "1949-10-14"',
        'date = "14 Oct 1949"',
        "1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev",
        "date",
        "EDTF",
    ),
    "impossible date": (
        "records/1949.toml",
        'date = "1949-10-14"',
        'date = "1949-02-30"',
        "1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev",
        "date",
        "not a valid date",
    ),
    "missing required field": (
        "records/1949.toml",
        'title = "Ciphered Telegram No. 4159 from Filipov [Stalin] to Kovalev"\n',
        "",
        "1949-10-14-ciphered-telegram-4159-filipov-stalin-kovalev",
        "title",
        "missing",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_names_file_record_field_and_keeps_output(scratch, capsys, case):
    src, out = scratch
    filename, old, new, record, field, words = BAD[case]
    path = _break(src, filename, old, new)
    before = out.read_bytes()
    code = main(["build", "--sources", str(src), "--out", str(out), "--ontology", str(ONTOLOGY)])
    err = capsys.readouterr().err
    assert code == SourceError.exit_code
    assert str(path) in err
    if record:
        assert f"record {record!r}" in err and f"field {field!r}" in err
    assert words in err
    assert "expected" in err
    assert out.read_bytes() == before, "a failed build must not touch the existing dump"


def test_no_temporary_files_are_left_behind(scratch):
    src, out = scratch
    _break(src, "places.toml", 'id = "kashgar"', 'id = "urumqi"')
    main(["build", "--sources", str(src), "--out", str(out), "--ontology", str(ONTOLOGY)])
    assert sorted(p.name for p in out.parent.iterdir()) == ["records.ttl", "sources"]


def test_cli_entry_point_builds(tmp_path):
    out = tmp_path / "r.ttl"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "xjgraph",
            "build",
            "--sources",
            str(SOURCES),
            "--out",
            str(out),
            "--ontology",
            str(ONTOLOGY),
            "--no-shacl",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "113 records" in proc.stdout or "records" in proc.stdout
    assert out.read_bytes() == DUMP.read_bytes()
