"""The two embedded engines: every saved query gives the same rows in the same order on pyoxigraph and maplib,
on the real dump and on a 10,000-record synthetic one, with its defaults and with the parameters of its
examples; what the maplib engine refuses, it refuses with a clear message."""

from __future__ import annotations

import builtins
import shlex
import subprocess
import sys

import pytest

from xjgraph.cli import main
from xjgraph.errors import QueryError, UsageError
from xjgraph.rdf.build import build
from xjgraph.sparql import columnar, saved
from xjgraph.sparql.results import Cell
from xjgraph.sparql.store import EmbeddedStore

from .conftest import DUMP, ONTOLOGY, ROOT

QUERIES = saved.load_all()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A 10,000-record collection from benchmarks/generate.py, built like the real one."""
    work = tmp_path_factory.mktemp("syn")
    src, out = work / "sources", work / "records.ttl"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--records", "10000", "--out", str(src)],
        check=True,
        capture_output=True,
    )
    build(src, out, ONTOLOGY)
    return out


def _example_params(example: str) -> dict[str, str]:
    words = shlex.split(example)
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")


def _runs():
    """Each saved query with its defaults, then with the parameters of each of its examples."""
    for name, q in sorted(QUERIES.items()):
        yield name, {}
        for example in q.examples:
            params = _example_params(example)
            if params:
                yield name, params


def _answers(store, runs) -> dict:
    out = {}
    for name, params in runs:
        result = saved.run(QUERIES[name], store, params)
        out[(name, tuple(sorted(params.items())))] = (result.variables, result.rows)
    return out


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_every_saved_query_gives_the_same_rows_in_the_same_order_on_both_engines(which, synthetic):
    path = DUMP if which == "real" else synthetic
    runs = list(_runs())
    assert len({n for n, _ in runs}) == len(QUERIES) >= 23
    expected = _answers(EmbeddedStore.from_file(path), runs)
    store = columnar.MaplibStore.from_file(path)
    # twice over on one model: an answer must not depend on the queries that ran before it
    for round_ in (1, 2):
        got = _answers(store, runs)
        for key, (variables, rows) in expected.items():
            assert got[key][0] == variables, key
            assert len(got[key][1]) == len(rows), (round_, key)
            assert got[key][1] == rows, (round_, key, next(((a, b) for a, b in zip(rows, got[key][1]) if a != b)))
    # the comparison is not empty: whole-collection queries return many rows on the synthetic dump
    if which == "synthetic":
        assert len(expected[("edge-list", ())][1]) > 1000


def test_the_command_line_gives_the_same_table_on_either_engine(capsys):
    assert main(["query", "people", "--format", "csv"]) == 0
    oxigraph = capsys.readouterr().out
    assert main(["query", "people", "--format", "csv", "--engine", "maplib"]) == 0
    assert capsys.readouterr().out == oxigraph and oxigraph.count("\n") == 85
    # a name given as a parameter is looked up (an ASK and a SELECT) on the chosen engine
    assert main(["query", "correspondents", "--param", "person=Sheng Shicai", "--engine", "maplib"]) == 0
    assert "Vyacheslav Molotov" in capsys.readouterr().out


def test_what_the_maplib_engine_does_not_do_is_refused_with_the_way_out(capsys):
    assert main(["sparql", "--engine", "maplib", "CONSTRUCT { ?s a schema:Person } WHERE { ?s a schema:Person }"]) == 5
    assert "--engine oxigraph" in capsys.readouterr().err
    assert main(["query", "people", "--engine", "maplib", "--store-dir", "/tmp/nowhere"]) == 2
    assert "does not go with --endpoint or --store-dir" in capsys.readouterr().err


def test_a_panic_in_the_engine_is_a_query_error_and_the_next_query_is_answered():
    store = columnar.MaplibStore.from_file(DUMP)
    with pytest.raises(QueryError, match="maplib"):
        store.select("SELECT ?x ?y WHERE { VALUES (?x ?y) { (1 UNDEF) } }")
    [[n]] = store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://www.ica.org/standards/RiC/ontology#Record> }"
    ).values()
    assert n == 113


def test_the_adapter_gives_the_cells_pyoxigraph_gives():
    q = """SELECT ?x WHERE { VALUES ?x { 1 "a" <http://example.org/x> "b"@en "2.50"^^<http://www.w3.org/2001/XMLSchema#decimal>
           true "1944-11-12"^^<http://www.w3.org/2001/XMLSchema#date> } }"""
    ox, ml = EmbeddedStore.from_file(DUMP), columnar.MaplibStore.from_file(DUMP)
    assert ml.select(q).rows == ox.select(q).rows
    counted = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert ml.select(counted).rows == ox.select(counted).rows  # xsd:integer, not maplib's xsd:unsignedInt
    frame = ml.frame("SELECT ?p WHERE { ?p a <https://schema.org/Person> }")
    assert frame.height == 84 and frame.columns == ["p"]


def test_without_the_extra_the_message_says_how_to_install_it(monkeypatch):
    real_import = builtins.__import__

    def no_maplib(name, *args, **kwargs):
        if name == "maplib":
            raise ImportError("No module named 'maplib'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_maplib)
    monkeypatch.delitem(sys.modules, "maplib", raising=False)
    assert not columnar.available()
    with pytest.raises(UsageError, match=r"pip install 'xjgraph\[scale\]'"):
        columnar.MaplibStore.from_file(DUMP)
    assert main(["query", "people", "--engine", "maplib"]) == 2


def test_an_unbound_parameter_means_the_same_on_both_engines():
    """kind and side unbound: every record of 1944 on both; bound: only the letters."""
    q = QUERIES["records-in-range"]
    ox, ml = EmbeddedStore.from_file(DUMP), columnar.MaplibStore.from_file(DUMP)
    every = saved.run(q, ml, {"from": "1944", "to": "1944"})
    letters = saved.run(q, ml, {"from": "1944", "to": "1944", "kind": "kind:letter"})
    assert every.rows == saved.run(q, ox, {"from": "1944", "to": "1944"}).rows
    assert 0 < len(letters.rows) < len(every.rows)
    assert {r["form"] for r in letters.dicts()} == {"letter"}
    assert Cell("0", "literal", "http://www.w3.org/2001/XMLSchema#integer") in {r[4] for r in every.rows}


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_the_network_is_the_same_graph_from_either_engine(which, synthetic):
    """The network stage reads maplib's answers through the same adapter: the same graph."""
    from xjgraph.network import graphs

    path = DUMP if which == "real" else synthetic
    a = graphs.correspondence(EmbeddedStore.from_file(path))
    b = graphs.correspondence(columnar.MaplibStore.from_file(path))
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(data=True)) == list(b.edges(data=True))
    assert a.number_of_edges() > (1000 if which == "synthetic" else 30)


def test_the_site_is_the_same_bytes_from_either_engine(tmp_path):
    from xjgraph.publish import site

    a, b = tmp_path / "oxigraph", tmp_path / "maplib"
    site.write_site(EmbeddedStore.from_file(DUMP), a, ONTOLOGY, with_maps=False)
    site.write_site(columnar.MaplibStore.from_file(DUMP), b, ONTOLOGY, with_maps=False)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert len(files) > 300 and files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    differ = [str(f) for f in files if (a / f).read_bytes() != (b / f).read_bytes()]
    assert differ == []


def test_the_ontology_as_json_ld_is_the_same_bytes_whatever_the_hash_seed():
    code = (
        "import sys; from pathlib import Path; from xjgraph.publish.site import _ontology_jsonld; "
        "sys.stdout.write(_ontology_jsonld(Path(sys.argv[1])))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code, str(ONTOLOGY)],
            env={**__import__("os").environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1 and '"@id": "https://w3id.org/xjgraph/ontology"' in outs.pop()


def test_the_library_opens_either_engine():
    import xjgraph

    store = xjgraph.open_store(DUMP, engine="maplib")
    assert isinstance(store, columnar.MaplibStore)
    assert xjgraph.run_query("people", store).rows == xjgraph.run_query("people", xjgraph.open_store(DUMP)).rows
    with pytest.raises(UsageError):
        xjgraph.open_store(DUMP, engine="rdflib")
