"""SPARQL for researchers: their own queries of every form, names where IRIs are expected, dates as EDTF,
tables a person can read and copy from, one entity as a card, and an endpoint browsers can use."""

from __future__ import annotations

import http.server
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph

from xjgraph.cli import main
from xjgraph.errors import QueryError
from xjgraph.sparql import saved, server
from xjgraph.sparql.endpoint import RemoteEndpoint
from xjgraph.sparql.store import EmbeddedStore

from .browser import Page, chromium
from .conftest import DUMP, ROOT

SELECT = "SELECT ?name WHERE { person:sheng-shicai skos:prefLabel ?name } ORDER BY ?name"
ASK = "ASK { person:stalin xj:side side:soviet }"
CONSTRUCT = "CONSTRUCT { person:stalin skos:prefLabel ?n } WHERE { person:stalin skos:prefLabel ?n }"
DESCRIBE = "DESCRIBE place:urumqi"


@pytest.fixture(scope="module")
def endpoint():
    with server.oxigraph_server(DUMP) as base:
        yield f"{base}/query"


def _run(capsys, *argv, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["sparql", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.server
@pytest.mark.parametrize("where", ["embedded", "endpoint", "store-dir"])
def test_own_queries_of_every_form_inline_from_a_file_and_from_stdin(capsys, monkeypatch, tmp_path, endpoint, where):
    extra = {"embedded": [], "endpoint": ["--endpoint", endpoint], "store-dir": ["--store-dir", str(tmp_path / "s")]}[
        where
    ]
    code, out, err = _run(capsys, SELECT, "--format", "csv", *extra)
    assert code == 0, err
    assert out.splitlines()[0] == "name" and "盛世才" in out and "Sheng Shicai" in out
    query_file = tmp_path / "ask.rq"
    query_file.write_text("# a plain query file, no header\n" + ASK + "\n", encoding="utf-8")
    code, out, err = _run(capsys, "-f", str(query_file), "--format", "json", *extra)
    assert code == 0, err
    assert json.loads(out) == [{"ask": True}]
    code, out, err = _run(capsys, "-", "--format", "ttl", *extra, stdin=CONSTRUCT, monkeypatch=monkeypatch)
    assert code == 0, err
    g = Graph().parse(data=out, format="turtle")
    assert len(g) == 2 and "@prefix person:" in out  # English and Russian names, with the project's prefixes
    for fmt, parse_as in (("nt", "nt"), ("jsonld", "json-ld"), ("ttl", "turtle")):
        code, out, err = _run(capsys, DESCRIBE, "--format", fmt, *extra)
        assert code == 0, err
        g = Graph().parse(data=out, format=parse_as)
        assert any("Tihwa" in str(o) for o in g.objects()), fmt


def test_the_prefixes_are_listed_and_predeclared(capsys):
    assert main(["sparql", "--prefixes"]) == 0
    out = capsys.readouterr().out
    for prefix in ("person:", "schema:", "xj:", "rico:", "skos:"):
        assert prefix in out


@pytest.mark.parametrize(
    "query,words",
    [
        (
            "SELECT * WHERE {\n  ?s foaf:name ?o }",
            ["line 2, column 6", "unknown prefix 'foaf:'", "  ?s foaf:name", "^"],
        ),
        ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) }", ["line 3, column 18", "FILTER(?o = ) }", "^"]),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", ["INSERT is an update", "read-only"]),
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", ["SERVICE", "--allow-service"]),
    ],
)
def test_a_bad_query_says_where_and_why(capsys, query, words):
    assert main(["sparql", query]) == QueryError.exit_code
    err = capsys.readouterr().err
    for w in words:
        assert w in err, (w, err)
    caret = [line for line in err.splitlines() if line.strip() == "^"]
    if "column" in words[0]:
        column = int(words[0].rsplit(" ", 1)[1])
        assert caret and caret[0].index("^") == column + 1  # two spaces of indent, then the column


def test_a_graph_query_refuses_a_table_format(capsys):
    assert main(["sparql", CONSTRUCT, "--format", "csv"]) == 2
    assert main(["sparql", SELECT, "--format", "ttl"]) == 2


def test_tables_show_whole_values_and_curies_that_param_accepts(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["query", "records-at-place"]) == 0
    out = capsys.readouterr().out
    assert (
        "https://digitalarchive.wilsoncenter.org/document/letter-governor-shicai-sheng-cdes-stalin-molotov-and-voroshilov"
        in out
    )
    assert "record:1934-06-letter-governor-shicai-sheng-stalin-molotov" in out
    assert all(len(line) <= 100 or "https://" in line for line in out.splitlines())
    # the CURIE shown goes back into --param as it is
    assert main(["query", "correspondents", "--param", "person=person:sheng-shicai", "--no-wrap"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].startswith("person:") and len(lines[2].split()) >= 5


def test_terminal_control_characters_from_the_data_are_escaped(tmp_path, capsys):
    dump = tmp_path / "hostile.ttl"
    dump.write_text(
        '<https://w3id.org/xjgraph/record/r> <http://purl.org/dc/terms/title> "Report\\u001B]0;owned\\u0007\\u001B[2J" .\n',
        encoding="utf-8",
    )
    query = "SELECT ?title WHERE { ?r dcterms:title ?title }"
    for fmt in ("table", "csv", "tsv", "md"):
        assert main(["sparql", query, "--data", str(dump), "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out, fmt
        assert "x1b]0;owned" in out and "x07" in out, fmt
    assert main(["sparql", query, "--data", str(dump), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"title": "Report\x1b]0;owned\x07\x1b[2J"}]


@pytest.fixture(scope="module")
def store():
    return EmbeddedStore.from_file(DUMP)


@pytest.mark.parametrize(
    "query,param,name,iri",
    [
        ("correspondents", "person", "Sheng Shicai", "person/sheng-shicai"),
        ("correspondents", "person", "Filippov", "person/stalin"),
        ("records-at-place", "place", "Tihwa", "place/urumqi"),
        ("records-at-place", "place", "迪化", "place/urumqi"),
    ],
)
def test_names_are_taken_where_iris_are_expected(store, query, param, name, iri):
    q = saved.find(query)
    said: list[str] = []
    by_name = saved.run(q, store, {param: name}, note=said.append)
    by_iri = saved.run(q, store, {param: "https://w3id.org/xjgraph/" + iri})
    assert by_name.rows == by_iri.rows and by_name.rows
    assert any(iri.split("/")[1] in s for s in said)


def test_an_ambiguous_name_lists_the_candidates_and_an_unknown_one_the_nearest(capsys):
    # "Mongolia" is a place and an organisation (the Mongolian People's Republic)
    assert main(["query", "correspondents", "--param", "person=Mongolia"]) == 5
    err = capsys.readouterr().err
    assert "names 2 entities" in err and "place:mongolia" in err and "organisation:mongolian-peoples-republic" in err
    # where the query expects a place, the place is meant
    assert main(["query", "records-at-place", "--param", "place=Mongolia"]) == 0
    assert "place:mongolia" in capsys.readouterr().err
    assert main(["query", "correspondents", "--param", "person=Shicai Shen"]) == 5
    err = capsys.readouterr().err
    assert "no name in the graph" in err and "Shicai Sheng" in err


def test_an_iri_that_is_not_in_the_graph_is_an_error_with_near_iris(capsys):
    assert main(["query", "records-at-place", "--param", "place=place:Urumqi"]) == 5
    err = capsys.readouterr().err
    assert "place:Urumqi is not in the graph" in err and "place:urumqi (Urumqi)" in err
    assert main(["query", "correspondents", "--param", "person=person:nobody"]) == 5
    assert "not in the graph" in capsys.readouterr().err


def test_possibly_and_certainly_differ_on_a_record_dated_only_to_a_year(store):
    q = saved.find("records-in-range")
    period = {"from": "1944-06", "to": "1944-06"}
    possibly = {r["record"] for r in saved.run(q, store, period).dicts()}
    certainly = {r["record"] for r in saved.run(q, store, {**period, "match": "certainly"}).dicts()}
    year_only = "https://w3id.org/xjgraph/record/1944-truth-about-events-xinjiang"  # dated 1944
    assert year_only in possibly and year_only not in certainly
    assert certainly < possibly and all("1944-06-" in r for r in certainly)


def test_dates_are_edtf_and_the_match_is_said(capsys):
    assert main(["query", "edge-list", "--param", "from=1944", "--param", "to=1945-06", "--format", "csv"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("source,") and "dates matched possibly" in out.err
    assert main(["query", "edge-list", "--param", "from=1944/1945", "--param", "to=1949"]) == 0
    assert main(["query", "edge-list", "--param", "match=maybe"]) == 5


def test_every_saved_query_gives_rows_with_its_defaults(store):
    for name, q in saved.load_all().items():
        assert saved.run(q, store).rows, f"{name} gives nothing with its defaults"


def test_describe_prints_the_header(capsys):
    assert main(["query", "records-in-range", "--describe"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("records-in-range: Records in a date range")
    assert "match (match: possibly" in out and "columns:" in out and "example: xjgraph query records-in-range" in out


def test_show_prints_a_card_or_the_triples(capsys):
    assert main(["show", "Tihwa"]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("Urumqi  (place:urumqi)") and "迪化" in out.out and "place:urumqi" in out.err
    assert main(["show", "person:sheng-shicai"]) == 0
    card = capsys.readouterr().out
    assert "born: 1895-12-03" in card and "offices: Governor of Xinjiang" in card and "sent" in card
    assert main(["show", "https://digitalarchive.wilsoncenter.org/document/113380"]) == 0
    assert capsys.readouterr().out.startswith("Memorandum of Conversation between Stalin and CCP Delegation")
    assert main(["show", "place:urumqi", "--format", "ttl"]) == 0
    g = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert len(g) > 10
    assert main(["show", "Nobody Atall"]) == 5


# ---------------------------------------------------------------- serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(port: int, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "xjgraph", "serve", "--port", str(port), "--data", str(DUMP), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stderr.read())
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("serve did not answer")


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _store_copies() -> set[str]:
    import tempfile

    return {p.name for p in Path(tempfile.gettempdir()).glob("xjgraph-oxigraph-*")}


@pytest.mark.server
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_each_signal_stops_the_server_its_child_and_its_store_copy(sig):
    before = _store_copies()
    port = _free_port()
    proc = _serve(port)
    copies = _store_copies() - before
    assert len(copies) == 1
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert children, "the oxigraph child runs"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "SPARQL endpoint: http://127.0.0.1:" in out and "YASGUI query editor" in out and "stopped" in out
    assert not _listening(port)
    assert not (_store_copies() & copies), "the store copy is removed"
    for pid in children:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()


@pytest.mark.server
def test_the_server_stops_with_exit_6_when_its_child_dies():
    port = _free_port()
    proc = _serve(port)
    (child,) = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    os.kill(int(child), signal.SIGKILL)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 6 and "oxigraph server stopped" in err
    assert not _listening(port)


def test_a_port_out_of_range_is_a_usage_error(capsys):
    assert main(["serve", "--port", "99999", "--data", str(DUMP)]) == 2
    assert "--port" in capsys.readouterr().err


@pytest.mark.server
def test_serve_refuses_service_queries():
    port = _free_port()
    proc = _serve(port)
    try:
        body = urllib.parse.urlencode({"query": "SELECT * { SERVICE <http://example.org/q> { ?s ?p ?o } }"}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=body, method="POST")
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(req, timeout=10)
        assert caught.value.code == 400 and b"SERVICE" in caught.value.read()
        rows = RemoteEndpoint(f"http://127.0.0.1:{port}/query").select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(rows.rows[0][0].value) > 5000
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)


@pytest.mark.server
@pytest.mark.browser
def test_a_page_of_another_origin_can_query_the_server_in_chromium(tmp_path):
    """A CORS preflight (the request's content type is application/sparql-query) from another origin."""
    port = _free_port()
    proc = _serve(port)
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>other origin</title>", encoding="utf-8")
    other = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0),
        lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path)),  # type: ignore[misc]
    )
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        with chromium() as browser:
            page = Page(browser)
            page.page.unroute("**/*")  # this test talks to two servers on this machine
            page.page.goto(f"http://127.0.0.1:{other.server_address[1]}/index.html")
            answer = page.page.evaluate(
                """async (url) => {
                    const r = await fetch(url, {method: "POST", body: "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                        headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}});
                    return {status: r.status, body: await r.json()};
                }""",
                f"http://127.0.0.1:{port}/query",
            )
            # the fetch was allowed at all: the browser checked the preflight's and the answer's CORS headers
            assert answer["status"] == 200
            assert int(answer["body"]["results"]["bindings"][0]["n"]["value"]) > 5000
            page.close()
    finally:
        other.shutdown()
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
