"""Maps, metrics and exports: opened in real headless Chromium, offline, searched, filtered, and escaped."""

from __future__ import annotations

import json
import random
import shutil

import networkx as nx
import pytest

from xjgraph.cli import main
from xjgraph.network import graphs as network
from xjgraph.network import metrics, views
from xjgraph.publish import maps
from xjgraph.rdf import build
from xjgraph.sparql.store import EmbeddedStore

from .browser import Page, chromium
from .conftest import DUMP, ONTOLOGY

HOSTILE = "<img src=x onerror=alert(1)>"
STALIN = "https://w3id.org/xjgraph/person/stalin"


@pytest.fixture(scope="module")
def store():
    return EmbeddedStore.from_file(DUMP)


@pytest.fixture(scope="module")
def written(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    return out, maps.write_maps(store, out)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_network_from_sparql(store):
    g = network.correspondence(store)
    assert g.edges["https://w3id.org/xjgraph/person/kovalev", STALIN]["weight"] == 3
    rec = g.edges["https://w3id.org/xjgraph/person/mao-zedong", STALIN]["records"][0]
    assert set(rec) == {"record", "date", "year", "kind", "title", "url"}
    assert "Filippov" in g.nodes[STALIN]["aliases"]
    assert g.nodes[STALIN]["side"] == "soviet" and g.nodes[STALIN]["offices"]
    early = network.correspondence(store, "1934/1937")
    assert max(r["year"] for _, _, d in early.edges(data=True) for r in d["records"]) <= 1937
    pp = network.person_place(store)
    assert pp.has_edge("https://w3id.org/xjgraph/person/savelyev", "https://w3id.org/xjgraph/place/urumqi")
    ev = network.record_event(store)
    assert ev.degree("https://w3id.org/xjgraph/event/pla-entry-xinjiang-1949") >= 9


def test_metrics(store):
    g = network.correspondence(store)
    values = metrics.compute(g)
    top = metrics.ranked(values)[0]
    assert top["label"] == "Joseph Stalin"
    assert values[STALIN]["in_weight"] == sum(d["weight"] for _, _, d in g.in_edges(STALIN, data=True))
    sheng = values["https://w3id.org/xjgraph/person/sheng-shicai"]
    assert sheng["reciprocity"] == 1.0  # he wrote to Stalin, Molotov and Voroshilov, and each wrote back
    assert values[STALIN]["brokerage"] > 0
    assert metrics.summary(g)["nodes"] == g.number_of_nodes()


def test_metrics_command(capsys):
    assert main(["metrics", "--period", "1944/1949", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["nodes"][0]["label"] == "Joseph Stalin"
    assert main(["metrics", "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("node,label,side,records,degree,in_weight")


def test_exports(tmp_path, capsys):
    assert main(["export", "--format", "gexf", "--out", str(tmp_path / "n.gexf")]) == 0
    assert main(["export", "--format", "graphml", "--out", str(tmp_path / "n.graphml")]) == 0
    assert main(["export", "--format", "csv", "--out", str(tmp_path)]) == 0
    g = nx.read_graphml(tmp_path / "n.graphml")
    assert g.nodes[STALIN]["label"] == "Joseph Stalin" and g.number_of_edges() == 40
    assert nx.read_gexf(tmp_path / "n.gexf").number_of_nodes() == g.number_of_nodes()
    edges = (tmp_path / "edges.csv").read_text(encoding="utf-8").splitlines()
    assert edges[0].startswith("source,target,source_label,target_label,record,date,year")
    assert len(edges) - 1 == sum(
        d["weight"] for _, _, d in network.correspondence(EmbeddedStore.from_file(DUMP)).edges(data=True)
    )


def test_maps_are_written_with_an_index(written):
    out, files = written
    names = {m.file for m in files}
    assert {
        "index.html",
        "network.html",
        "person-place.html",
        "period-1934-1937.html",
        "period-1938-1943.html",
        "period-1944-1949.html",
        "ego-stalin.html",
        "ego-sheng-shicai.html",
    } <= names
    index = (out / "index.html").read_text(encoding="utf-8")
    for m in files:
        if m.file != "index.html":
            assert f'href="{m.file}"' in index
    for m in files:
        html = (out / m.file).read_text(encoding="utf-8")
        assert "cdn" not in html.lower() or "cdnjs" not in html.lower()
        assert not any(
            tag in html for tag in ('<script src="http', '<link href="http', '<link rel="stylesheet" href="http')
        )


@pytest.mark.browser
def test_every_map_draws_all_nodes_and_edges_offline_without_errors(written, browser):
    out, files = written
    for m in files:
        page = Page(browser)
        try:
            if m.file == "index.html":
                page.open(out / m.file, ready="document.readyState === 'complete'")
                assert page.page.locator("a").count() == len(files) - 1
            else:
                page.open(out / m.file)
                drawn = page.page.evaluate("[network.body.nodeIndices.length, network.body.edgeIndices.length]")
                assert drawn == [m.nodes, m.edges], m.file
            assert page.errors == [], (m.file, page.errors)
            assert page.external == [], (m.file, page.external)
        finally:
            page.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", ["Filippov", "flilippov [stalin]", "Shicai Sheng", "Plyshevky"])
def test_search_finds_and_focuses_by_any_name(written, browser, name):
    out, _ = written
    page = Page(browser)
    try:
        page.open(out / "network.html")
        page.page.fill("#search", name)
        page.page.press("#search", "Enter")
        focused = page.page.evaluate("window.xjFocused")
        expected = {
            "Shicai Sheng": "https://w3id.org/xjgraph/person/sheng-shicai",
            "Plyshevky": "https://w3id.org/xjgraph/person/plyshevsky",
        }.get(name, STALIN)
        assert focused == expected
        assert page.page.evaluate("network.getSelectedNodes()") == [expected]
        dist = page.page.evaluate(
            """(id) => { const v = network.getViewPosition(), p = network.getPosition(id);
                                     return Math.hypot(v.x - p.x, v.y - p.y); }""",
            expected,
        )
        assert dist < 1.0, "the view must be centred on the node found"
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_year_and_side_filters_change_the_visible_nodes(written, browser, store):
    out, files = written
    page = Page(browser)
    try:
        page.open(out / "network.html")
        total = page.page.evaluate("network.body.nodeIndices.length")
        page.page.fill("#year-from", "1949")
        page.page.fill("#year-to", "1949")
        page.page.dispatch_event("#year-to", "change")
        visible = page.page.evaluate("network.body.nodeIndices.length")
        assert visible == network.correspondence(store, "1949").number_of_nodes() < total
        page.page.fill("#year-from", "1934")
        page.page.dispatch_event("#year-from", "change")
        page.page.uncheck("input.side-filter[value=soviet]")
        sides = page.page.evaluate("network.body.nodeIndices.map(id => xjNodes.get(id).side)")
        assert sides and "soviet" not in sides
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_hostile_title_renders_as_text(tmp_path, browser):
    src = tmp_path / "sources"
    shutil.copytree(DUMP.parent / "sources", src)
    with open(src / "records" / "1949.toml", "a", encoding="utf-8") as fh:
        fh.write(
            '\n[[record]]\nid = "1949-12-31-hostile"\nkind = "letter"\n'
            f'title = "{HOSTILE}"\ndate = "1949-12-31"\nsenders = ["kovalev"]\nrecipients = ["stalin"]\n'
            "listed = false\n"
        )
    ttl = tmp_path / "records.ttl"
    build.build(src, ttl, ONTOLOGY, shacl=False)
    out = tmp_path / "maps"
    maps.write_maps(EmbeddedStore.from_file(ttl), out)
    page = Page(browser)
    try:
        page.open(out / "network.html")
        page.page.fill("#search", "Kovalev")
        page.page.press("#search", "Enter")
        assert HOSTILE in page.page.inner_text("#info")
        assert page.page.locator("#info img").count() == 0
        assert page.page.evaluate("document.querySelectorAll('img[src=x]').length") == 0
        page.page.wait_for_timeout(200)
        assert page.dialogs == [] and page.errors == []
    finally:
        page.close()


@pytest.mark.server
def test_network_and_maps_through_a_real_endpoint(store, tmp_path, capsys):
    from xjgraph.sparql import server
    from xjgraph.sparql.endpoint import RemoteEndpoint

    local = network.correspondence(store)
    with server.oxigraph_server(DUMP) as base:
        remote = network.correspondence(RemoteEndpoint(f"{base}/query"))
        assert sorted(remote.nodes) == sorted(local.nodes)
        assert {(a, b, d["weight"]) for a, b, d in remote.edges(data=True)} == {
            (a, b, d["weight"]) for a, b, d in local.edges(data=True)
        }
        assert main(["maps", "--out", str(tmp_path), "--endpoint", f"{base}/query"]) == 0
    assert (tmp_path / "network.html").read_bytes() == maps.render(
        local,
        "Correspondence network, 1934-1949",
        "who wrote to whom",
        metrics.compute(local),
        {
            n: f"ego-{n.rsplit('/', 1)[-1]}.html"
            for n, d in local.nodes(data=True)
            if d.get("kind") == "person" and d.get("record_count", 0) >= views.EGO_MIN_RECORDS
        },
    ).encode("utf-8")


def test_large_networks_are_filtered_to_the_busiest_nodes():
    g = nx.DiGraph()
    for i in range(10):
        g.add_node(f"n{i}", record_count=i)
    g.add_edges_from((f"n{i}", f"n{i + 1}") for i in range(9))
    small, note = views.limit(g, 4)
    assert sorted(small.nodes) == ["n6", "n7", "n8", "n9"] and "4 with most records of 10" in note
    kept, _ = views.limit(g, 4, keep="n0")
    assert "n0" in kept and len(kept) == 4
    same, note = views.limit(g, 10)
    assert same is g and note == ""


def test_brokerage_counts_cross_side_pairs_like_the_definition(store):
    g = network.correspondence(store)
    for n in g.nodes:
        side = g.nodes
        expected = sum(
            1
            for a in g.predecessors(n)
            for b in g.successors(n)
            if a != b and side[a].get("side") != side[b].get("side")
        )
        assert metrics.brokerage(g, n) == expected, n
    assert metrics.brokerage(g, STALIN) > 0


@pytest.mark.browser
def test_hovering_shows_the_tooltip_built_on_demand(written, browser):
    out, _ = written
    page = Page(browser)
    try:
        page.open(out / "network.html")
        assert page.page.evaluate("(id) => xjNodes.get(id).title.childNodes.length", STALIN) == 0
        box = page.page.locator("#graph").bounding_box()
        x, y = page.page.evaluate(
            "(id) => { const p = network.canvasToDOM(network.getPosition(id)); return [p.x, p.y]; }", STALIN
        )
        page.page.mouse.move(box["x"] + x, box["y"] + y)
        page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        tip = page.page.inner_text("div.vis-tooltip")
        assert "Joseph Stalin" in tip and "Filippov" in tip
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_a_large_network_is_cut_to_the_map_limits_and_still_lists_its_records(tmp_path, browser):
    """5,000 agents and 14,000 links (most among the busiest 4,000): the map keeps the 4,000 busiest and the 10,000 heaviest links,
    and a link with 30 records lists the earliest ten and says how many more there are."""
    g = nx.DiGraph()
    for i in range(5000):
        g.add_node(f"n{i}", label=f"Agent {i}", kind="person", side="soviet", record_count=5000 - i)
    rnd = random.Random(1)
    pairs: set = set()
    while len(pairs) < 14000:
        a, b = f"n{rnd.randrange(4000)}", f"n{rnd.randrange(4000) if rnd.random() < 0.9 else rnd.randrange(4000, 5000)}"
        if a != b:
            pairs.add((a, b))
    g.add_edges_from((a, b, {"weight": rnd.randint(1, 5), "years": [1940], "records": []}) for a, b in sorted(pairs))
    heavy = [
        {"record": f"r{j}", "date": f"1940-01-{j + 1:02d}", "year": 1940, "kind": "letter", "title": f"T{j}", "url": ""}
        for j in range(30)
    ]
    g.add_edge("n0", "n1", weight=30, years=[1940], records=heavy)
    small, note = views.limit(g)
    assert small.number_of_nodes() == views.MAX_MAP_NODES and small.number_of_edges() == views.MAX_MAP_EDGES
    assert small.has_edge("n0", "n1") and "10,000 of" in note
    # no agent loses all its links to the cut, and what fills the rest is the heaviest left
    linked_before = {n for a, b in g.subgraph(small.nodes).edges for n in (a, b)}
    assert {n for n in small if small.degree(n) > 0} == linked_before
    dropped = [w for a, b, w in g.subgraph(small.nodes).edges(data="weight") if not small.has_edge(a, b)]
    assert sum(w for _, _, w in small.edges(data="weight")) / views.MAX_MAP_EDGES > sum(dropped) / len(dropped)
    pos = maps.layout(small)
    assert len(pos) == len(small) and len({(round(x), round(y)) for x, y in pos.values()}) > 0.95 * len(small)
    path = tmp_path / "big.html"
    path.write_text(maps.render(small, "Big", note, pos=pos), encoding="utf-8")
    page = Page(browser)
    try:
        page.open(path, timeout=120000)
        drawn = page.page.evaluate("[network.body.nodeIndices.length, network.body.edgeIndices.length]")
        assert drawn == [views.MAX_MAP_NODES, views.MAX_MAP_EDGES]
        edge = page.page.evaluate("xjEdges.get().find(e => e.from === 'n0' && e.to === 'n1').id")
        page.page.evaluate("(id) => network.emit('click', {nodes: [], edges: [id]})", edge)
        info = page.page.inner_text("#info")
        assert "30 records" in info and "T0" in info and "T9" in info and "T10" not in info
        assert "and 20 more" in info
        assert page.errors == [] and page.external == []
    finally:
        page.close()
