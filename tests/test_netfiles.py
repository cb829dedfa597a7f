"""The network exports in the tools their users have: Gephi (GEXF 1.3 with spells, GraphML), Palladio (CSV).

GEXF and GraphML are checked against their own XSDs (``../shared/schemas/``) and read back through networkx;
the Palladio tables through a port of Palladio's own date and coordinate rules (its ``validationService``).
"""

from __future__ import annotations

import calendar
import csv
import re
from collections import Counter

import networkx as nx
import pytest
from lxml import etree

from xjgraph.cli import main
from xjgraph.network import graphs as network
from xjgraph.publish import netfiles
from xjgraph.sparql.store import EmbeddedStore

from .conftest import DUMP, ROOT

SCHEMAS = ROOT.parent / "shared" / "schemas"
STALIN = "https://w3id.org/xjgraph/person/stalin"
KOVALEV = "https://w3id.org/xjgraph/person/kovalev"


@pytest.fixture(scope="module")
def store():
    return EmbeddedStore.from_file(DUMP)


@pytest.fixture(scope="module")
def net(store):
    return network.correspondence(store)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    out = tmp_path_factory.mktemp("net")
    for fmt, name in (("gexf", "n.gexf"), ("graphml", "n.graphml"), ("csv", "csv")):
        assert main(["export", "--format", fmt, "--out", str(out / name)]) == 0
    return out


def _schema(*parts: str) -> etree.XMLSchema:
    path = SCHEMAS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"the schema is not at {path} (shared/ is absent)")
    return etree.XMLSchema(etree.parse(str(path)))


def test_gexf_is_valid_gexf_1_3(files):
    schema = _schema("gexf", "1.3", "gexf.xsd")
    doc = etree.parse(str(files / "n.gexf"))
    assert schema.validate(doc), schema.error_log
    root = doc.getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    graph = root.find("{http://gexf.net/1.3}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"


def test_graphml_is_valid_graphml(files):
    schema = _schema("graphml", "graphml.xsd")
    doc = etree.parse(str(files / "n.graphml"))
    assert schema.validate(doc), schema.error_log
    ids = [n.get("id") for n in doc.iter("{http://graphml.graphdrawing.org/xmlns}node")]
    assert all(re.fullmatch(r"n\d+", i) for i in ids) and len(set(ids)) == len(ids)


def test_gexf_reads_back_with_the_same_nodes_edges_and_spells(files, net):
    g = nx.read_gexf(files / "n.gexf", version="1.3")
    assert set(g.nodes) == set(net.nodes)
    assert set(g.edges) == set(net.edges)
    assert g.nodes[STALIN]["label"] == "Joseph Stalin"
    for a, b, d in net.edges(data=True):
        want = sorted((r["e"], r["l"]) for r in d["records"])
        assert sorted(g.edges[a, b]["spells"]) == want, (a, b)
        assert g.edges[a, b]["weight"] == d["weight"]
    # each direction is its own link with its own count
    assert g.edges[KOVALEV, STALIN]["weight"] == 3 and g.edges[STALIN, KOVALEV]["weight"] == 1
    # a node is active from its first record to its last
    for n in net.nodes:
        days = [
            r[k]
            for _, _, d in list(net.in_edges(n, data=True)) + list(net.out_edges(n, data=True))
            for r in d["records"]
            for k in ("e", "l")
        ]
        assert (g.nodes[n]["start"], g.nodes[n]["end"]) == (min(days), max(days)), n


def test_graphml_reads_back_with_the_iris(files, net):
    g = nx.read_graphml(files / "n.graphml")
    iri = {n: d["iri"] for n, d in g.nodes(data=True)}
    assert set(iri.values()) == set(net.nodes)
    assert {(iri[a], iri[b]) for a, b in g.edges} == set(net.edges)
    stalin = next(n for n, v in iri.items() if v == STALIN)
    assert g.nodes[stalin]["label"] == "Joseph Stalin"
    assert sum(d["weight"] for _, _, d in g.edges(data=True)) == sum(d["weight"] for *_, d in net.edges(data=True))


def test_exports_are_deterministic_and_carry_no_export_day(tmp_path, files):
    for fmt in ("gexf", "graphml"):
        out = tmp_path / f"again.{fmt}"
        assert main(["export", "--format", fmt, "--out", str(out)]) == 0
        assert out.read_bytes() == (files / f"n.{fmt}").read_bytes(), fmt
    assert b"lastmodifieddate" not in (files / "n.gexf").read_bytes()
    out = tmp_path / "dated.gexf"
    assert main(["export", "--format", "gexf", "--modified", "2026-12-02", "--out", str(out)]) == 0
    meta = etree.parse(str(out)).find("{http://gexf.net/1.3}meta")
    assert meta.get("lastmodifieddate") == "2026-12-02"


@pytest.mark.parametrize("args", [["--modified", "2026-13-01"], ["--modified", "02.12.2026"]])
def test_a_bad_modified_date_is_a_usage_error(tmp_path, capsys, args):
    assert main(["export", "--format", "gexf", *args, "--out", str(tmp_path / "n.gexf")]) == 2
    assert "--modified" in capsys.readouterr().err
    assert not (tmp_path / "n.gexf").exists()


# -- Palladio -------------------------------------------------------------------------------------------------
# Palladio (humanitiesplusdesign/palladio, src/js/services/validation.js and date.js) accepts a date when it is
# a year (up to four digits, maybe negative) or year-month-day, and when its normaliser makes a full
# YYYY-MM-DD of it; a month alone ("1934-06") normalises to "1934-06-undefined" and is refused. Its lat/long
# rule is "number,number". Ported here as the rule, and made stricter in one way: the day must exist.

_PALLADIO_DATE = re.compile(r"-?\d{1,4}|-?\d{1,4}-(0[1-9]|1[012]|[1-9])-(0[1-9]|[12][0-9]|3[01]|[1-9])")
_PALLADIO_LATLONG = re.compile(r"-?\d+(\.\d+)?,\s*-?\d+(\.\d+)?")


def palladio_accepts_date(value: str) -> bool:
    if not _PALLADIO_DATE.fullmatch(value):
        return False
    parts = value.lstrip("-").split("-")
    if len(parts) == 1:
        return True
    if len(parts) != 3:
        return False
    y, m, d = map(int, parts)
    return 1 <= d <= calendar.monthrange(y or 4, m)[1]


def test_the_ported_palladio_rule_refuses_what_palladio_refuses():
    assert palladio_accepts_date("1944-06-17") and palladio_accepts_date("1944")
    assert not palladio_accepts_date("1944-06")  # Palladio: "1944-06-undefined"
    assert not palladio_accepts_date("1944-02-30") and not palladio_accepts_date("1944-06-17?")
    assert netfiles.palladio_dates("1944") == ("", "1944-01-01", "1944-12-31")
    assert netfiles.palladio_dates("1948-02") == ("", "1948-02-01", "1948-02-29")


def _read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_palladio_dates_are_full_days_palladio_accepts(files, net):
    edges = _read(files / "csv" / "edges.csv")
    assert len(edges) == sum(d["weight"] for *_, d in net.edges(data=True))
    precision = Counter()
    for row in edges:
        for col in ("start", "end"):
            assert palladio_accepts_date(row[col]) and len(row[col]) == 10, (row["record"], col, row[col])
        assert row["start"] <= row["end"]
        if row["date"]:
            assert palladio_accepts_date(row["date"]) and row["date"] == row["start"] == row["end"]
            precision["day"] += 1
        else:
            # month or year precision: the pair spans it, never a silent 1 January
            assert row["start"] != row["end"], row
            precision["span"] += 1
    assert precision["day"] and precision["span"], precision
    # a year-only record spans its year
    years = [r for r in edges if re.fullmatch(r"\d{4}", r["edtf"])]
    assert all((r["start"], r["end"]) == (f"{r['edtf']}-01-01", f"{r['edtf']}-12-31") for r in years)


def test_palladio_places_have_coordinates_and_a_people_places_table(files, store):
    places = _read(files / "csv" / "places.csv")
    coords = {
        r["place"]: (float(r["lat"]), float(r["long"]))
        for r in store.select(
            "PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> "
            "SELECT ?place ?lat ?long WHERE { ?place geo:lat ?lat ; geo:long ?long }"
        ).drain()
    }
    with_coords = [p for p in places if p["coordinates"]]
    assert with_coords
    for p in places:
        if p["id"] in coords:
            assert _PALLADIO_LATLONG.fullmatch(p["coordinates"]), p
            lat, lon = map(float, p["coordinates"].split(","))
            assert (lat, lon) == coords[p["id"]]
        else:
            assert p["coordinates"] == ""
    pp = _read(files / "csv" / "people-places.csv")
    assert {r["relation"] for r in pp} == {"wrote from", "wrote about"}
    for r in pp:
        assert r["place"] in {p["id"] for p in places}
        assert palladio_accepts_date(r["start"]) and palladio_accepts_date(r["end"])
        if r["coordinates"]:
            assert _PALLADIO_LATLONG.fullmatch(r["coordinates"])
    assert any(r["coordinates"] and r["agent_label"] for r in pp)
