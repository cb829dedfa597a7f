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


def test_an_alias_and_the_names_in_chinese_script_have_their_sources():
    """Sheng Shiqi's alias is supported by the record that gives it; the ETR leaders' Chinese names by pages."""
    q = """PREFIX xj: <https://w3id.org/xjgraph/ontology#>
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?who ?value ?used ?source WHERE {
      ?e xj:evidenceFor ?who ; xj:evidenceProperty ?p ; xj:evidenceValue ?value ; xj:used ?used ;
         dcterms:source ?source .
      VALUES ?p { skos:altLabel skos:prefLabel }
      FILTER(?who IN (<https://w3id.org/xjgraph/person/sheng-shiqi>, <https://w3id.org/xjgraph/person/ahmetjan-qasimi>))
    }"""
    rows = EmbeddedStore.from_file(DUMP).select(q).dicts()
    alias = [r for r in rows if r["value"] == "N. Petrov"]
    assert alias and alias[0]["used"] == "true" and "/document/letter-governor-shicai-sheng" in alias[0]["source"]
    assert any(r["value"] == "阿合买提江·哈斯木" and r["used"] == "true" for r in rows)
    cat = load(SOURCES)
    assert "N. Petrov" in cat["person"]["sheng-shiqi"].list("variants")


def test_the_etr_is_led_after_june_1946_and_the_sources_disagreeing_on_the_day_are_kept():
    cat = load(SOURCES)
    chairs = sorted((t.get("start"), t.get("holder")) for t in cat.tenures if t.get("office") == "chairman-etr")
    assert chairs == [("1944-11-12", "alihan-tore"), ("1946-06", "ahmetjan-qasimi")]
    alihan = next(t for t in cat.tenures if t.get("holder") == "alihan-tore")
    ends = {e.get("value") for e in alihan.list("evidence") if e["field"] == "end"}
    assert ends == {None, "1946-06-16", "1946-06-12"}  # the month used, and both days the sources give


def test_stats_reports_evidence_coverage_and_disagreements(capsys):
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    m = re.search(r"person \(in more than one record\)\s+(\d+)/(\d+)", out)
    assert m and 0 < int(m.group(1)) <= int(m.group(2))
    assert "person sheng-shicai: born" in out and re.search(r"  tenure\s+\d+/\d+", out)
    assert re.search(r"record party \(not in its title\)\s+(\d+)/\1 \(100%\)", out), out


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
        ('{ field = "variants", sources = ["https://example.org/"] }', "gives value = the name it supports"),
    ],
)
def test_the_source_checks_refuse_bad_evidence(tmp_path, entry, words):
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    people = src / "people.toml"
    text = people.read_text(encoding="utf-8")
    # Yezhov: born = "1895", died = "1940", no evidence yet; Roosevelt has no Russian name
    old = 'id = "yezhov"\n'
    if "labels.ru" in entry:
        old = 'id = "roosevelt"\n'
    people.write_text(text.replace(old, old + f"evidence = [{entry}]\n", 1), encoding="utf-8")
    if 'field = "died"' in entry:  # a field without a value: take Yezhov's death year away
        people.write_text(
            people.read_text(encoding="utf-8").replace('born = "1895"\ndied = "1940"', 'born = "1895"', 1),
            encoding="utf-8",
        )
    with pytest.raises(SourceErrors) as caught:
        load(src)
    mine = [e for e in caught.value.errors if e.field == "evidence"]
    assert mine and any(words in str(e) for e in mine), "\n".join(str(e) for e in caught.value.errors)
    assert all(e.path == str(people) and e.record in ("yezhov", "roosevelt") for e in mine)


def test_unverified_is_an_honest_value(tmp_path):
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    people = src / "people.toml"
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace('id = "yezhov"\n', 'id = "yezhov"\nevidence = [{ field = "born", unverified = true }]\n', 1),
        encoding="utf-8",
    )
    cat = load(src)
    assert cat["person"]["yezhov"].list("evidence") == [{"field": "born", "unverified": True}]


def test_a_tenure_whose_end_is_unknown_is_published_as_such_and_leaves_the_office_to_its_successor():
    """Malikov followed Apresov in March 1937; when his posting ended is not known, only that it was before
    3 July 1942, when Bakulin is named consul general: the tenure's EDTF interval has an empty end,
    schema:endDate carries the latest bound."""
    store = EmbeddedStore.from_file(DUMP)
    q = """PREFIX xj: <https://w3id.org/xjgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?date ?end ?label WHERE { ?t xj:holder <https://w3id.org/xjgraph/person/malikov> ;
      dcterms:date ?date ; schema:endDate ?end ; rdfs:label ?label }"""
    [row] = store.select(q).dicts()
    assert row["date"] == "1937-03/" and row["end"] == "1942-07-03" and row["label"].endswith("1937-?")
    cat = load(SOURCES)
    holders = [t.get("holder") for t in cat.tenures if t.get("office") == "soviet-consul-general-urumqi"]
    assert holders[:2] == ["apresov", "malikov"] and "savelyev" in holders


def test_a_tenure_known_only_on_one_day_has_both_ends_within_bounds():
    """Bakulin is named consul general in Molotov's letter of 3 July 1942 and nowhere else: his tenure's start
    and end are intervals in the sources, empty in its EDTF date, with their bounds as start and end dates;
    its IRI takes the year of the attested day; pages say "? to ?"; and the one-holder checks pass."""
    store = EmbeddedStore.from_file(DUMP)
    q = """PREFIX xj: <https://w3id.org/xjgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?t ?date ?start ?end ?source WHERE { ?t xj:holder <https://w3id.org/xjgraph/person/bakulin> ;
      dcterms:date ?date ; schema:startDate ?start ; schema:endDate ?end .
      ?e xj:evidenceFor ?t ; xj:evidenceProperty schema:startDate ; dcterms:source ?source }"""
    [row] = store.select(q).dicts()
    assert row["t"].endswith("/soviet-consul-general-urumqi/bakulin-1942")
    assert (row["date"], row["start"], row["end"]) == ("/", "1937-03-01", "1942-12-31")
    assert row["source"].endswith("/letter-cde-v-m-molotov-governor-shicai-sheng")
    from xjgraph.publish.site import _tenure_text

    assert _tenure_text(row["date"], row["start"], row["end"]) == "? to ?"
    cat = load(SOURCES)  # the source checks: no overlap with Malikov or Savelyev
    assert [t.get("holder") for t in cat.tenures if t.get("office") == "soviet-consul-general-urumqi"] == [
        "apresov",
        "malikov",
        "bakulin",
        "pushkin",
        "savelyev",
    ]


def test_the_consul_general_of_late_1942_is_pushkin_with_his_source():
    """Pushkin, named consul general after Sheng Shicai's memorandum of 5 October 1942, follows Bakulin: his start
    is known within 1942 (so the label gives the year), his end only as before Savelyev, marked unverified."""
    store = EmbeddedStore.from_file(DUMP)
    q = """PREFIX xj: <https://w3id.org/xjgraph/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?label ?start ?end ?source ?unverified WHERE { ?t xj:holder <https://w3id.org/xjgraph/person/pushkin> ;
      rdfs:label ?label ; schema:startDate ?start ; schema:endDate ?end .
      ?s xj:evidenceFor ?t ; xj:evidenceProperty schema:startDate ; dcterms:source ?source .
      ?u xj:evidenceFor ?t ; xj:evidenceProperty schema:endDate ; xj:unverified ?unverified }"""
    [row] = store.select(q).dicts()
    assert row["label"] == "Pushkin, Soviet Consul General in Urumqi, 1942-?"
    assert (row["start"], row["end"], row["unverified"]) == ("1942-07-03", "1947-12-31", "true")
    assert "%D1%83%D1%80%D1%83%D0%BC%D1%87%D0%B8" in row["source"]  # the account's section on Urumqi
    [bakulin] = store.select(
        """PREFIX xj: <https://w3id.org/xjgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { ?t xj:holder <https://w3id.org/xjgraph/person/bakulin> ; rdfs:label ?label }"""
    ).dicts()
    assert bakulin["label"] == "Bakulin, Soviet Consul General in Urumqi, ?-1942"


def test_every_party_the_title_does_not_name_has_its_source():
    """A record's sender, recipient or participant not named in its title carries the passage that supports it."""
    from xjgraph.sources.coverage import PARTY_LABEL, TitleReader, compute, unstated_parties

    cat = load(SOURCES)
    report = compute(cat)
    assert report.facts[PARTY_LABEL] >= 15 and report.evidenced[PARTY_LABEL] == report.facts[PARTY_LABEL]
    assert report.parties_unsourced == []
    reader = TitleReader(cat)
    # the title names Harriman and Soong: nothing to source; the title of a conversation names only Lin Zuhan
    cable = cat["record"]["1945-07-03-cable-summary-averell-harriman-meeting-t"]
    assert unstated_parties(reader, cable.data) == []
    talk = cat["record"]["1944-06-05-record-conversation-lin-zuhan-chairman-special"]
    assert unstated_parties(reader, talk.data) == [("senders", "godunov"), ("participants", "godunov")]
    q = """PREFIX xj: <https://w3id.org/xjgraph/ontology#>
    PREFIX schema: <https://schema.org/>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?value ?source WHERE {
      ?e xj:evidenceFor <https://w3id.org/xjgraph/record/1945-05-11-untitled> ;
         xj:evidenceProperty schema:recipient ; xj:evidenceValue ?value ; xj:used true ; dcterms:source ?source }"""
    [row] = EmbeddedStore.from_file(DUMP).select(q).dicts()
    assert row["value"] == "https://w3id.org/xjgraph/person/stalin"
    assert row["source"].endswith("/people/saguni-alihan-tore")


def test_party_evidence_names_one_of_the_records_parties(tmp_path):
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    path = src / "records" / "1942.toml"
    text = path.read_text(encoding="utf-8")
    assert 'value = "nkid"' in text
    path.write_text(text.replace('field = "senders", value = "nkid"', 'field = "senders", value = "molotov"', 1))
    with pytest.raises(SourceErrors) as caught:
        load(src)
    [error] = [e for e in caught.value.errors if e.field == "evidence"]
    assert error.path == str(path) and error.record == "1942-07-07-letter-soviet-ambassador-chongqing"
    assert "the id of one of the record's senders" in str(error)
