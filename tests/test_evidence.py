"""Evidence per fact: what the sources may say, what the dump publishes, what a researcher can ask."""

from __future__ import annotations

import re
import shutil

import pytest

from xjgraph.cli import main
from xjgraph.errors import SourceErrors
from xjgraph.sources import load
from xjgraph.sparql.store import EmbeddedStore

from .conftest import DUMP, SOURCES

SUPPORT = """PREFIX xj: <https://w3id.org/xjgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?value ?used ?source WHERE {
  ?e xj:evidenceFor <https://w3id.org/xjgraph/person/sheng-shicai> ;
     xj:evidenceProperty xj:birthDate ; xj:evidenceValue ?value ; xj:used ?used ; dcterms:source ?source .
} ORDER BY DESC(?used) ?source"""


def test_a_researcher_can_ask_what_supports_a_birth_date_and_what_disagrees():
    rows = EmbeddedStore.from_file(DUMP).select(SUPPORT).dicts()
    assert rows[0]["value"] == "1895-12-03" and rows[0]["used"] == "true"
    assert rows[0]["source"].startswith("http://theinfolist.com/")
    set_aside = [r for r in rows if r["used"] == "false"]
    assert {r["value"] for r in set_aside} == {"1897"} and len(set_aside) == 2


def test_a_tenure_end_has_its_source():
    q = """PREFIX xj: <https://w3id.org/xjgraph/ontology#>
    PREFIX schema: <https://schema.org/>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?value ?source WHERE {
      ?e xj:evidenceFor ?t ; xj:evidenceProperty schema:endDate ; xj:evidenceValue ?value ; dcterms:source ?source .
      ?t xj:holder <https://w3id.org/xjgraph/person/luganets-orelsky> }"""
    rows = EmbeddedStore.from_file(DUMP).select(q).dicts()
    assert [r["value"] for r in rows] == ["1939"] and rows[0]["source"].startswith("https://mspru.org/")


def test_stats_reports_evidence_coverage_and_disagreements(capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    m = re.search(r"person \(in more than one record\)\s+(\d+)/(\d+)", out)
    assert m and 0 < int(m.group(1)) <= int(m.group(2))
    assert "person sheng-shicai: born" in out and re.search(r"  tenure\s+\d+/\d+", out)


@pytest.mark.parametrize(
    "entry, words",
    [
        ('{ field = "height", sources = ["https://example.org/"] }', "is not one of"),
        ('{ field = "died", sources = ["https://example.org/"] }', "has no value here"),
        ('{ field = "born" }', "or say unverified = true"),
        ('{ field = "born", sources = ["ftp://example.org/"] }', "sources must be http(s)"),
        ('{ field = "born", unverified = true, sources = ["https://example.org/"] }', "cannot have sources"),
        ('{ field = "born", value = "1889", unverified = true }', "said of the value in use"),
        ('{ field = "born", sources = ["https://example.org/"], seen = "x" }', "unknown fields seen"),
        ('{ field = "labels.ru", sources = ["https://example.org/"] }', "has no value here"),
    ],
)
def test_the_source_checks_refuse_bad_evidence(tmp_path, entry, words):
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    people = src / "people.toml"
    text = people.read_text(encoding="utf-8")
    # Apresov: born = "1890", died = "1941"; Chiang Kai-shek has no Russian name
    old = 'id = "apresov"\n'
    if "labels.ru" in entry:
        old = 'id = "chiang-kai-shek"\n'
    people.write_text(text.replace(old, old + f"evidence = [{entry}]\n", 1), encoding="utf-8")
    if 'field = "died"' in entry:  # a field without a value: take Apresov's death year away
        people.write_text(
            people.read_text(encoding="utf-8").replace('born = "1890"\ndied = "1941"', 'born = "1890"', 1),
            encoding="utf-8",
        )
    with pytest.raises(SourceErrors) as caught:
        load(src)
    mine = [e for e in caught.value.errors if e.field == "evidence"]
    assert mine and any(words in str(e) for e in mine), "\n".join(str(e) for e in caught.value.errors)
    assert all(e.path == str(people) and e.record in ("apresov", "chiang-kai-shek") for e in mine)


def test_unverified_is_an_honest_value(tmp_path):
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    people = src / "people.toml"
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace('id = "apresov"\n', 'id = "apresov"\nevidence = [{ field = "born", unverified = true }]\n', 1),
        encoding="utf-8",
    )
    cat = load(src)
    assert cat["person"]["apresov"].list("evidence") == [{"field": "born", "unverified": True}]
