"""Saved queries: every file runs with its defaults on the real data and gives rows checked by hand;
parameters are typed and bound; errors have their exit codes; the same rows come back from a real
Oxigraph server and from Virtuoso."""

from __future__ import annotations

import json
import re
import socket
import threading

import pytest

from xjgraph.cli import main
from xjgraph.errors import DumpError, EndpointError, OutputError, QueryError, UsageError
from xjgraph.sources import names
from xjgraph.sparql import saved as queries
from xjgraph.sparql import server
from xjgraph.sparql.endpoint import RemoteEndpoint
from xjgraph.sparql.store import EmbeddedStore

from .conftest import DUMP, ROOT

QUERY_DIR = ROOT / "queries"
QUERY_FILES = sorted(QUERY_DIR.glob("*.rq"))
P = "https://w3id.org/xjgraph/person/"


def rows_of(result):
    return [{v: (c.value if c is not None else None) for v, c in zip(result.variables, row)} for row in result.rows]


def _by(rows, key, value):
    return [r for r in rows if r[key] == value]


# Hand-checked facts each saved query must return with its default parameters.
def _between(rows):
    assert len(rows) == 5
    assert rows[0]["date"] == "1934-06" and rows[0]["sender_name"] == "Sheng Shicai"
    assert [r["date"] for r in rows][-1] == "1942-05-10"


def _correspondents(rows):
    assert rows[0]["name"] == "Lavrentiy Beria" and rows[0]["received_from"] == "5"
    sheng = _by(rows, "name", "Sheng Shicai")[0]
    assert (sheng["sent_to"], sheng["received_from"]) == ("1", "4")


def _per_year_kind(rows):
    assert {"year": "1949", "kind": "ciphered telegram", "records": "3"} in rows
    assert sum(int(r["records"]) for r in rows) == 113


def _per_side(rows):
    assert {"year": "1944", "side": "Other powers", "records": "9"} in rows
    assert {"year": "1934", "side": "Xinjiang provincial government", "records": "2"} in rows


def _at_place(rows):
    assert rows[0]["date"] == "1934-06" and rows[0]["relation"] == "sent from"
    assert any(r["date"] == "1949-10-20" and r["relation"] == "sent from" for r in rows)


def _event(rows):
    assert rows[0]["date"] == "1949-09-26" and rows[0]["first_sender"] == "Mao Zedong"
    assert rows[-1]["title"] == "Report of Cde. Peng Dehuai about the Situation in Xinjiang"


def _writers(rows):
    # the default period is the whole collection (it was 1949 alone, which left most people with no mail)
    assert len(rows) == 21 and {r["addressee"] for r in rows} == {"Joseph Stalin"}
    in_1949 = [r for r in rows if r["date"].startswith("1949")]
    assert len(in_1949) == 8 and {r["sender_name"] for r in in_1949} == {"Ivan Kovalev", "Mao Zedong", "Liu Shaoqi"}
    assert [r["date"] for r in rows[:2]] == ["1934-06", "1934-11-01"] and rows[0]["sender_name"] == "Sheng Shicai"


def _people(rows):
    assert len(rows) == 84
    # Pushkin, consul general in late 1942, is in no record either but holds the office
    assert _by(rows, "name", "Pushkin")[0]["died"] is None
    # Adi Malikov, Apresov's successor, is in no record but holds an office; his dates are not established
    malikov = _by(rows, "name", "Adi Malikov")[0]
    assert (malikov["born"], malikov["died"]) == (None, None)
    sheng = _by(rows, "name", "Sheng Shicai")[0]
    assert (sheng["born"], sheng["died"], sheng["sides"]) == (
        "1895-12-03",
        "1970-07-13",
        "Xinjiang provincial government",
    )
    assert _by(rows, "name", "Burhan Shahidi")[0]["sides"] == "Chinese Communist Party; Guomindang government"
    assert _by(rows, "name", "Bakulin")[0]["born"] is None


def _co_mentions(rows):
    pair = [r for r in rows if r["event"].endswith("end-of-pacific-war") and r["b_name"] == "Harry S. Truman"]
    assert pair and pair[0]["a_name"] == "Joseph Stalin" and pair[0]["records"] == "2"
    assert all(r["a"] < r["b"] for r in rows), "each pair once"


def _sides_per_year(rows):
    assert rows[0] == {"year": "1934", "a_to_b": "1", "b_to_a": "2"}  # Stalin to Sheng; Sheng's two letters
    assert [r["year"] for r in rows] == ["1934", "1936", "1937", "1939", "1942"]


def _by_url(rows):
    assert [r["date"] for r in rows] == ["1935-09-29"] and rows[0]["kind"] == "Politburo decision"


def _in_range(rows):
    assert rows[0]["date"] == "1944" and rows[0]["form"] == "report"  # dated only to 1944: possibly in it
    assert all(r["date"].startswith("1944") for r in rows) and len(rows) > 10


def _office(rows):
    assert [r["holder_name"] for r in rows][:1] == ["Garegin Apresov"]
    assert {"holder_name": "Savel'yev", "role": "sent", "date": "1949-10-20"}.items() <= _by(
        rows, "date", "1949-10-20"
    )[0].items()


def _active(rows):
    assert [r["name"] for r in rows] == ["Joseph Stalin", "Vyacheslav Molotov"]


def _archive(rows):
    rgaspi = {
        r["fond"]: r["records"] for r in rows if r["archive"] == "Russian State Archive of Socio-Political History"
    }
    assert rgaspi == {"17": "16", "558": "6", "82": "1"}


def _uncertain(rows):
    assert [r["date"] for r in rows] == ["1934-06", "1936", "1944", "1945-05", "1945-07", "1949-08", "1949-08"]
    assert rows[0]["latest"] == "1934-06-30"


def _chains(rows):
    assert len(rows) == 13
    assert any(
        r["relation"] == "replies to" and r["date"] == "1949-10-14" and r["earlier_date"] == "1949-10-12" for r in rows
    )


def _mentioned(rows):
    assert rows[0]["name"] == "Chiang Kai-shek" and rows[0]["mentions"] == "4"
    assert not _by(rows, "name", "Joseph Stalin")


def _edges(rows):
    assert rows[0]["source_name"] == "L. Dana Wilgress" and rows[0]["weight"] == "7"
    assert len(rows) == 41  # 40 links, and the Guomindang Xinjiang committee reporting to its congress


def _names(rows):
    assert {r["entity"] for r in rows} == {P + "stalin"}


def _side(rows):
    assert {r["name"] for r in rows if r["sent"] == "1"} == {"Ahmetjan Qasimi", "Alihan Tore", "Rahim Jan Sabri"}


def _via(rows):
    assert rows == [
        {**rows[0], "sender_name": "Mao Zedong", "via_name": "Ivan Kovalev", "recipient_name": "Joseph Stalin"}
    ]


def _mail(rows):
    assert {r["holder_name"] for r in rows} == {"Lavrentiy Beria"}
    assert len({r["record"] for r in rows}) == 3


EXPECT = {
    "correspondence-between": _between,
    "correspondents": _correspondents,
    "records-per-year-kind": _per_year_kind,
    "records-per-side": _per_side,
    "records-at-place": _at_place,
    "records-about-event": _event,
    "writers-to-person": _writers,
    "office-over-time": _office,
    "active-across-the-break": _active,
    "records-by-archive": _archive,
    "uncertain-dates": _uncertain,
    "correspondence-chains": _chains,
    "mentioned-never-writing": _mentioned,
    "edge-list": _edges,
    "names": _names,
    "side-members": _side,
    "intermediaries": _via,
    "mail-of-an-office": _mail,
    "people": _people,
    "co-mentions": _co_mentions,
    "letters-between-sides": _sides_per_year,
    "record-by-url": _by_url,
    "records-in-range": _in_range,
}


@pytest.fixture(scope="module")
def store():
    return EmbeddedStore.from_file(DUMP)


def test_there_are_saved_queries_and_the_readme_documents_each():
    assert len(QUERY_FILES) >= 15
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", readme.split("## Saved queries", 1)[1], re.M))
    names = {p.stem for p in QUERY_FILES}
    assert documented <= names, f"README documents queries that do not exist: {documented - names}"
    assert names <= documented, f"queries missing from the README: {names - documented}"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_saved_query_runs_with_defaults_and_gives_the_checked_rows(store, path):
    q = queries.SavedQuery.parse(path, path.read_text(encoding="utf-8"))
    assert q.title and q.description and q.examples, "header needs title, description and example"
    result = queries.run(q, store)
    assert result.rows, f"{q.name} returned no rows"
    assert set(q.columns) == set(result.variables), "every column must be documented"
    assert q.name in EXPECT, f"add a hand-checked expectation for {q.name}"
    EXPECT[q.name](rows_of(result))


OFFICE_HELD_TWICE = """
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xj: <https://w3id.org/xjgraph/ontology#> .
@prefix person: <https://w3id.org/xjgraph/person/> .
@prefix office: <https://w3id.org/xjgraph/office/> .
@prefix tenure: <https://w3id.org/xjgraph/tenure/> .
@prefix record: <https://w3id.org/xjgraph/record/> .
person:a skos:prefLabel "A"@en .
person:b skos:prefLabel "B"@en .
tenure:a-1 xj:office office:o ; xj:holder person:a ; dcterms:date "1930/1931" ;
    schema:startDate "1930-01-01"^^xsd:date ; schema:endDate "1931-12-31"^^xsd:date .
tenure:b xj:office office:o ; xj:holder person:b ; dcterms:date "1932/1939" ;
    schema:startDate "1932-01-01"^^xsd:date ; schema:endDate "1939-12-31"^^xsd:date .
tenure:a-2 xj:office office:o ; xj:holder person:a ; dcterms:date "1940/.." ;
    schema:startDate "1940-01-01"^^xsd:date .
record:r1 schema:sender person:a ; dcterms:date "1931" ; dcterms:title "r1" ;
    xj:earliestDate "1931-01-01"^^xsd:date ; xj:latestDate "1931-12-31"^^xsd:date .
record:r2 schema:recipient person:a ; dcterms:date "1935-05-01" ; dcterms:title "r2" ;
    xj:earliestDate "1935-05-01"^^xsd:date ; xj:latestDate "1935-05-01"^^xsd:date .
record:r3 schema:sender person:a ; dcterms:date "1941-02" ; dcterms:title "r3" ;
    xj:earliestDate "1941-02-01"^^xsd:date ; xj:latestDate "1941-02-28"^^xsd:date .
"""


def test_office_over_time_gives_each_tenure_only_its_own_mail_once(tmp_path):
    """A holder with two tenures of one office, mail between them and a tenure with no mail: each record once,
    under the tenure it falls in; nothing from between the tenures."""
    path = tmp_path / "held-twice.ttl"
    path.write_text(OFFICE_HELD_TWICE, encoding="utf-8")
    q = queries.load_all(QUERY_DIR)["office-over-time"]
    result = queries.run(q, EmbeddedStore.from_file(path), {"office": "https://w3id.org/xjgraph/office/o"})
    assert [(r["holder_name"], r["tenure"], r["role"], r["title"]) for r in rows_of(result)] == [
        ("A", "1930/1931", "sent", "r1"),
        ("B", "1932/1939", None, None),
        ("A", "1940/..", "sent", "r3"),
    ]


def test_who_wrote_to_sheng_shicai_in_1942(store):
    q = queries.find("writers-to-person", QUERY_DIR)
    rows = rows_of(queries.run(q, store, {"name": "shicai sheng", "from": "1942-01-01", "to": "1942-12-31"}))
    assert [(r["date"], r["sender_name"]) for r in rows] == [("1942-07-03", "Vyacheslav Molotov")]


@pytest.mark.parametrize(
    "spelling", ["Filippov", "FILIPPOV", "  filippov ", "Joseph  Stalin", "ИОСИФ ВИССАРИОНОВИЧ СТАЛИН"]
)
def test_name_parameters_ignore_case_and_spacing_through_the_name_key(store, spelling):
    q = queries.find("writers-to-person", QUERY_DIR)
    assert q.params["name"].type == "name"
    rows = rows_of(queries.run(q, store, {"name": spelling, "from": "1949-01-01", "to": "1949-12-31"}))
    assert {r["addressee"] for r in rows} == {"Joseph Stalin"} and len(rows) == 8
    bound = q.bindings({"name": spelling})["name"]
    assert bound.value == names.key(spelling) and bound.datatype is None


def test_every_name_and_variant_has_its_key(store):
    missing = store.select(
        """PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX xj: <https://w3id.org/xjgraph/ontology#>
        SELECT ?e ?label WHERE { ?e skos:prefLabel|skos:altLabel ?label . FILTER NOT EXISTS { ?e xj:nameKey ?k } }"""
    ).dicts()
    kinds_only = {r["e"] for r in missing if "/kind/" not in r["e"]}
    assert kinds_only == set()
    keys = store.select(
        "PREFIX xj: <https://w3id.org/xjgraph/ontology#> SELECT ?k WHERE { <https://w3id.org/xjgraph/person/stalin> xj:nameKey ?k }"
    ).dicts()
    assert {"filippov", "joseph stalin"} <= {r["k"] for r in keys}


@pytest.mark.parametrize("hostile", ['"} ; DROP ALL ; #', "<http://x> } UNION { ?s ?p ?o", "') } #", '\\"\n}'])
def test_hostile_string_parameters_match_nothing_and_change_nothing(store, hostile):
    before = len(store.store)
    for name, param in (("names", "text"), ("writers-to-person", "name")):
        q = queries.find(name, QUERY_DIR)
        assert queries.run(q, store, {param: hostile}).rows == []
    assert len(store.store) == before


@pytest.mark.parametrize("value", ["<http://x> } UNION { ?s ?p ?o", "person:stalin> } #", "person:stal in"])
def test_hostile_iri_parameters_are_refused(store, value):
    q = queries.find("correspondents", QUERY_DIR)
    with pytest.raises(QueryError, match="must be an IRI"):
        queries.run(q, store, {"person": value})


def test_cli_formats(capsys):
    assert main(["query", "uncertain-dates", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "date,precision,earliest,latest,title,record"
    assert lines[1].startswith("1934-06,month,1934-06-01,1934-06-30,")
    assert main(["query", "correspondents", "--param", "person=person:sheng-shicai", "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data[0]["name"] in ("Joseph Stalin", "Vyacheslav Molotov") and isinstance(data[0]["total"], int)
    assert main(["query", "intermediaries", "--format", "md"]) == 0
    assert capsys.readouterr().out.startswith("| date | sender_name |")
    assert main(["query", "--list"]) == 0
    assert "writers-to-person" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv,code,words",
    [
        (["query", "no-such-query"], QueryError.exit_code, "unknown query"),
        (["query", "no/such/file.rq"], QueryError.exit_code, "no/such/file.rq: no such query file"),
        (
            ["query", "correspondents", "--param", "persona=person:stalin"],
            QueryError.exit_code,
            "no parameter 'persona'",
        ),
        (["query", "edge-list", "--param", "from=1949-13-01"], QueryError.exit_code, "there is no month 13"),
        (["query", "edge-list", "--param", "from=yesterday"], QueryError.exit_code, "an EDTF date"),
        (["query", "edge-list", "--param", "from"], QueryError.exit_code, "NAME=VALUE"),
    ],
)
def test_query_errors_are_one_line_with_exit_codes(capsys, argv, code, words):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


BROKEN_TTL = '@prefix x: <http://example.org/> .\nx:a x:b x:c .\nx:d x:e "never closed .\n'


@pytest.mark.parametrize(
    "argv",
    [
        ["query", "names"],
        ["query", "names", "--store-dir", "{tmp}/store"],
        ["metrics"],
        ["maps", "--out", "{tmp}/maps"],
        ["export", "--format", "nt", "--out", "{tmp}/out.nt"],
        ["export", "--format", "cmif", "--out", "{tmp}/out.xml"],
        ["docs", "--out", "{tmp}/doc.html"],
        ["site", "--out", "{tmp}/site"],
        ["plot", "timeline", "--out", "{tmp}/plot.png"],
        ["load", "--endpoint", "http://127.0.0.1:9/update"],
        ["serve", "--port", "0"],
    ],
    ids=lambda argv: " ".join(a for a in argv if "{" not in a),
)
def test_a_broken_or_missing_dump_is_one_line_naming_file_and_line(tmp_path, capsys, argv):
    """Every command that reads the dump reports a malformed one by file and line, writes nothing,
    and reports a missing one by name; no traceback."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN_TTL, encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    assert main([*argv, "--data", str(broken)]) == DumpError.exit_code
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert f"{broken}:" in err and "line 3" in err, err
    assert [p for p in sorted(tmp_path.iterdir()) if p.name != "store"] == before, "nothing may be written"
    missing = tmp_path / "nothing-here.ttl"
    assert main([*argv, "--data", str(missing)]) == DumpError.exit_code
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"{missing}: no such file; run `xjgraph build` first"), err


@pytest.mark.parametrize(
    "argv,code,words",
    [
        (["query", "names", "--endpoint", "notaurl"], EndpointError.exit_code, "not an endpoint URL"),
        (["metrics", "--period", "1950/1940"], QueryError.exit_code, "ends before it starts"),
        (["metrics", "--period", "spring"], QueryError.exit_code, "expected an EDTF date or interval"),
        (["export", "--format", "gexf", "--period", "x", "--out", "{tmp}/n.gexf"], QueryError.exit_code, "'x'"),
        (["export", "--format", "cmif", "--period", "1944", "--out", "{tmp}/c.xml"], UsageError.exit_code, "cmif"),
        (["export", "--format", "nt", "--endpoint", "http://127.0.0.1:9/q", "--out", "{tmp}/d.nt"], 2, "copy"),
        (["maps", "--out", "{tmp}/file/maps"], OutputError.exit_code, "cannot write"),
        (["plot", "timeline", "--out", "{tmp}/file/p.png"], OutputError.exit_code, "cannot write"),
        (["export", "--format", "csv", "--out", "{tmp}/file/csv"], OutputError.exit_code, "cannot write"),
    ],
)
def test_bad_arguments_and_unwritable_outputs_are_one_line(tmp_path, capsys, argv, code, words):
    (tmp_path / "file").write_text("a file where a folder is needed", encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == code
    err = capsys.readouterr().err.strip()
    assert words in err and len(err.splitlines()) == 1, err
    assert sorted(tmp_path.iterdir()) == before, "nothing may be written"


@pytest.mark.server
def test_serve_on_a_port_in_use_says_so(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--data", str(DUMP)]) == EndpointError.exit_code
    err = capsys.readouterr().err.strip()
    assert f"port {port} on 127.0.0.1 is in use" in err and len(err.splitlines()) == 1


def test_unreachable_endpoint(capsys):
    port = server.free_port()  # nothing listens there
    assert (
        main(["query", "names", "--endpoint", f"http://127.0.0.1:{port}/query", "--timeout", "5"])
        == EndpointError.exit_code
    )
    err = capsys.readouterr().err
    assert "cannot reach" in err and len(err.strip().splitlines()) == 1


def test_endpoint_timeout(capsys):
    """A real socket that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    port = listener.getsockname()[1]
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                pass

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    try:
        code = main(["query", "names", "--endpoint", f"http://127.0.0.1:{port}/query", "--timeout", "1"])
    finally:
        stop.set()
        t.join(5)
        for c in held:
            c.close()
        listener.close()
    assert code == EndpointError.exit_code
    assert "timed out" in capsys.readouterr().err


# ------------------------------------------------------------------ real servers


# IRI parameters of these kinds are tried with every entity of the kind, not only the default: an engine
# can differ on a few values only (Virtuoso 7 once ignored the end of all but the default office's tenures).
VARIED_KINDS = ("office", "place", "event", "side")


def _parameter_cases(q: queries.SavedQuery, store: EmbeddedStore) -> list[dict[str, str]]:
    cases: list[dict[str, str]] = [{}]
    for p in q.params.values():
        kind = p.default.partition(":")[0]
        if p.type == "iri" and kind in VARIED_KINDS:
            base = f"https://w3id.org/xjgraph/{kind}/"
            found = store.select(
                f"SELECT DISTINCT ?x WHERE {{ ?x a ?c . FILTER(STRSTARTS(STR(?x), {json.dumps(base)})) }} ORDER BY ?x"
            )
            values = [row[0].value for row in found.rows if "/" not in row[0].value[len(base) :]]
            assert len(values) > 1, (q.name, kind)
            cases += [{p.name: v} for v in values]
    return cases


def _compare_all(endpoint: RemoteEndpoint, store: EmbeddedStore):
    varied = 0
    for path in QUERY_FILES:
        q = queries.SavedQuery.parse(path, path.read_text(encoding="utf-8"))
        for params in _parameter_cases(q, store):
            local = [[c.value if c else None for c in row] for row in queries.run(q, store, params).rows]
            remote = [[c.value if c else None for c in row] for row in queries.run(q, endpoint, params, 60).rows]
            assert sorted(map(str, remote)) == sorted(map(str, local)), (q.name, params)
            assert len(remote) == len(local), (q.name, params)
            varied += bool(params)
    assert varied > 80  # every office, place, event and side was tried


@pytest.mark.server
def test_oxigraph_server_load_twice_and_every_query_matches(store, capsys):
    graph = "https://w3id.org/xjgraph/graph/records"
    with server.oxigraph_server(None, read_only=False) as base:
        for _ in range(2):
            assert main(["load", "--endpoint", f"{base}/update", "--graph", graph]) == 0
        capsys.readouterr()
        endpoint = RemoteEndpoint(f"{base}/query", graph)
        n = (
            RemoteEndpoint(f"{base}/query")
            .select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
            .rows[0][0]
        )
        assert int(n.value) == len(store.store), "loading twice must leave one copy"
        _compare_all(endpoint, store)
        assert (
            main(
                ["query", "correspondence-between", "--endpoint", f"{base}/query", "--graph", graph, "--format", "csv"]
            )
            == 0
        )
        remote_csv = capsys.readouterr().out
        assert main(["query", "correspondence-between", "--format", "csv"]) == 0
        assert capsys.readouterr().out == remote_csv
        # an endpoint error: the server refuses a query that does not parse
        with pytest.raises(EndpointError, match="refused"):
            endpoint.select("SELECT ?x WHERE { ?x ")


@pytest.mark.server
def test_serve_starts_answers_and_stops(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    port = server.free_port()
    with subprocess.Popen(
        [sys.executable, "-m", "xjgraph", "serve", "--port", str(port), "--data", str(DUMP)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as proc:
        try:
            line = proc.stdout.readline()
            assert f"http://127.0.0.1:{port}/query" in line
            result = RemoteEndpoint(f"http://127.0.0.1:{port}/query").select(
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=30
            )
            assert int(result.rows[0][0].value) > 4000
            with pytest.raises(EndpointError):  # read-only
                server.load(DUMP, f"http://127.0.0.1:{port}/update")
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise
    assert proc.returncode == 0
    time.sleep(0.2)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "the oxigraph child must be stopped too"


@pytest.mark.server
def test_virtuoso_load_twice_and_every_query_matches(store, capsys):
    from .servers import virtuoso_server

    graph = "https://w3id.org/xjgraph/graph/records"
    with virtuoso_server() as (url, _):
        for _ in range(2):
            assert main(["load", "--endpoint", url, "--graph", graph]) == 0
        endpoint = RemoteEndpoint(url, graph)
        n = RemoteEndpoint(url).select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows[0][0]
        assert int(n.value) == len(store.store)
        _compare_all(endpoint, store)


def test_on_disk_store_answers_like_the_in_memory_one_and_is_reused(store, tmp_path, capsys):
    folder = tmp_path / "store"
    disk = EmbeddedStore.on_disk(DUMP, folder)
    for path in QUERY_FILES:
        q = queries.SavedQuery.parse(path, path.read_text(encoding="utf-8"))
        assert queries.run(q, disk).rows == queries.run(q, store).rows, q.name
    (made,) = [p for p in folder.iterdir() if p.is_dir()]
    stamp = made.stat().st_mtime_ns
    del disk
    again = EmbeddedStore.on_disk(DUMP, folder)
    assert made.stat().st_mtime_ns == stamp, "an unchanged dump must not be loaded again"
    assert [p for p in folder.iterdir() if p.is_dir()] == [made]
    assert len(again.store) == len(store.store)
    del again
    assert main(["query", "correspondents", "--store-dir", str(folder), "--format", "csv"]) == 0
    on_disk_out = capsys.readouterr().out
    assert main(["query", "correspondents", "--format", "csv"]) == 0
    assert on_disk_out == capsys.readouterr().out and "Molotov" in on_disk_out


def test_on_disk_store_follows_a_changed_dump_and_keeps_the_old_one_on_bad_input(tmp_path):
    folder, dump = tmp_path / "store", tmp_path / "records.ttl"
    dump.write_text(DUMP.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(EmbeddedStore.on_disk(dump, folder).store) == len(EmbeddedStore.from_file(DUMP).store)
    with open(dump, "a", encoding="utf-8") as fh:
        fh.write("\n<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    changed = EmbeddedStore.on_disk(dump, folder)
    assert len(changed.store) == len(EmbeddedStore.from_file(DUMP).store) + 1
    del changed
    good = sorted(p.name for p in folder.iterdir())
    assert len([n for n in good if not n.endswith("lock")]) == 1, "the old dump's store is removed once unused"
    dump.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    with pytest.raises(QueryError, match="records.ttl"):
        EmbeddedStore.on_disk(dump, folder)
    assert sorted(p.name for p in folder.iterdir()) == good
