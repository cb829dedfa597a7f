"""Maps, metrics and exports: opened in real headless Chromium, offline, searched, filtered, and escaped."""

from __future__ import annotations

import json
import random
import re
import shutil
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from xjgraph.cli import main
from xjgraph.network import graphs as network
from xjgraph.network import metrics, views
from xjgraph.publish import maps
from xjgraph.rdf import build
from xjgraph.sparql.store import EmbeddedStore

from .browser import Page, chromium, glyph_widths
from .conftest import DUMP, ONTOLOGY

HOSTILE = "<img src=x onerror=alert(1)>"
STALIN = "https://w3id.org/xjgraph/person/stalin"
KOVALEV = "https://w3id.org/xjgraph/person/kovalev"
SHENG = "https://w3id.org/xjgraph/person/sheng-shicai"
URUMQI = "https://w3id.org/xjgraph/place/urumqi"
MOSCOW = "https://w3id.org/xjgraph/place/moscow"
SIZES = {"laptop": (1440, 900), "phone": (390, 844)}


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
    assert set(rec) == {"record", "date", "e", "l", "year", "kind", "title", "url"}
    assert "Filippov" in g.nodes[STALIN]["aliases"]
    assert g.nodes[STALIN]["side"] == "soviet" and g.nodes[STALIN]["offices"]
    early = network.correspondence(store, "1934/1937")
    assert max(r["year"] for _, _, d in early.edges(data=True) for r in d["records"]) <= 1937
    pp = network.place_flows(store)
    assert pp.edges[URUMQI, MOSCOW]["weight"] == 6 and pp.edges[MOSCOW, URUMQI]["weight"] == 4
    assert {"text": "Tihwa", "lang": "en"} in pp.nodes[URUMQI]["names"]
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


def test_maps_are_written_with_an_index(written):
    out, files = written
    names = {m.file for m in files}
    assert {
        "index.html",
        "network.html",
        "person-place.html",
        "record-event.html",
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
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.split('id="xj-data"')[0]), m.file
        assert 'name="viewport"' in html
    for name in maps.MAP_FILES + ("fonts.css",):
        assert (out / "static" / name).is_file(), name


def _data(path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(html.split('<script id="xj-data" type="application/json">')[1].split("</script>")[0])


def test_page_data_counts_records_not_recipient_links(written, store):
    """A record to three people is one record sent: the node's figures are records, and every link's
    records are the records between the two agents."""
    out, _ = written
    data = _data(out / "network.html")
    byid = {n["id"]: n for n in data["nodes"]}
    sent: dict = {}
    for r in data["records"]:
        for s in r["from"]:
            sent.setdefault(s, set()).add(r["id"])
    for n, recs in sent.items():
        assert byid[n]["sent"] >= len(recs), n
    # every record an agent received, once, also those whose sender is not named
    for n in byid:
        q = f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r <https://schema.org/recipient> <{n}> }}"
        assert byid[n]["received"] == int(store.select(q).rows[0][0].value), n
    pair = {(e["from"], e["to"]): e for e in data["edges"]}
    assert len(pair[KOVALEV, STALIN]["rec"]) == 3 and len(pair[STALIN, KOVALEV]["rec"]) == 1
    assert all(not n["label"].startswith(("Letter", "Telegram", "Report")) for n in data["nodes"])


@pytest.fixture(scope="module")
def opened(written, browser):
    """Every map page at both sizes, opened once: (file, size) -> Page, closed at the end."""
    out, files = written
    pages: dict = {}
    yield lambda file, size: pages.get((file, size)) or pages.setdefault((file, size), _open(browser, out / file, size))
    for page in pages.values():
        page.close()


def _open(browser, path, size):
    page = Page(browser, *SIZES[size])
    page.open(path)
    page.page.wait_for_timeout(100)
    return page


MAP_PAGES = ["network.html", "period-1944-1949.html", "ego-stalin.html", "person-place.html", "record-event.html"]


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("file", MAP_PAGES)
def test_every_map_opens_offline_without_errors_and_fits_the_screen(opened, file, size):
    page = opened(file, size)
    assert page.errors == [] and page.external == [], (page.errors, page.external)
    width = SIZES[size][0]
    assert page.page.evaluate("document.documentElement.scrollWidth") <= width, "no horizontal scroll"
    stage = page.page.locator(".stage").bounding_box()
    assert stage["width"] >= (0.9 * width if size == "phone" else 0.6 * width)
    assert stage["height"] >= 0.45 * SIZES[size][1]
    # the brush and the bar are on screen, not under the drawer
    brush = page.page.locator("#brush svg").bounding_box()
    assert brush["y"] + brush["height"] <= SIZES[size][1] + 1
    top = page.page.evaluate(
        "(() => { const b = document.querySelector('#brush svg').getBoundingClientRect();"
        " return document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2).closest('#brush') !== null; })()"
    )
    assert top, "the brush is covered"


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "file", ["network.html", "period-1944-1949.html", "ego-stalin.html", "ego-sheng-shicai.html", "ego-wilgress.html"]
)
def test_network_maps_open_with_the_busiest_names_readable_and_clear(opened, written, file, size):
    page = opened(file, size)
    nodes = len(_data(written[0] / file)["nodes"])
    readable = page.page.evaluate("xjApi.labelsAtLeast(10)")
    assert readable >= min(20, nodes)
    # no name is cut by the canvas edges (on a phone every map opened with two or more cut: the fit was the dots')
    assert page.page.evaluate("xjApi.labelsClipped()") == []
    # the busiest 20 are among those drawn, each inside the canvas
    inside = page.page.evaluate(
        """(() => { const r = document.getElementById('graph').getBoundingClientRect();
        return xjApi.busiest(20).filter(id => { const p = network.canvasToDOM(network.getPosition(id));
          return p.x >= 0 && p.y >= 0 && p.x <= r.width && p.y <= r.height; }).length; })()"""
    )
    assert inside == min(20, nodes)
    clash = page.page.evaluate("xjApi.labelOverlaps()")
    assert clash["drawn"] >= min(20, nodes) and clash["overlaps"] <= clash["drawn"] // 8, clash
    if size == "phone":
        canvas = page.page.locator("#graph canvas").bounding_box()
        assert canvas["width"] >= 0.9 * 390


@pytest.mark.browser
def test_both_directions_are_two_edges_with_their_own_counts(opened):
    page = opened("network.html", "laptop")
    there = page.page.evaluate("([a, b]) => xjApi.edges(a, b)", [KOVALEV, STALIN])
    back = page.page.evaluate("([a, b]) => xjApi.edges(a, b)", [STALIN, KOVALEV])
    assert there["records"] == 3 and back["records"] == 1 and there["id"] != back["id"]
    assert there["drawn"] and back["drawn"]
    # drawn as two separate curves: their midpoints differ on screen
    mids = page.page.evaluate(
        """(ids) => ids.map(id => { const e = network.body.edges[id]; const p = e.edgeType.getPoint(0.5);
        const d = network.canvasToDOM(p); return [d.x, d.y]; })""",
        [there["id"], back["id"]],
    )
    assert abs(mids[0][0] - mids[1][0]) + abs(mids[0][1] - mids[1][1]) > 4
    page.page.evaluate("(id) => network.emit('click', {nodes: [], edges: [id]})", there["id"])
    panel = page.page.inner_text("#panel")
    assert "Ivan Kovalev → Joseph Stalin: 3 records" in panel and "Joseph Stalin → Ivan Kovalev: 1" in panel
    page.page.evaluate("xjApi.clear()")


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_the_brush_filters_nodes_edges_and_table_live(written, browser, store, size):
    out, _ = written
    page = Page(browser, *SIZES[size])
    try:
        page.open(out / "network.html")
        total = page.page.evaluate("xjApi.visibleNodes().length")
        assert page.page.evaluate("xjApi.setRange('1949-01', '1949-12')") == ["1949-01", "1949-12"]
        expected = sorted(network.correspondence(store, "1949").nodes)
        assert page.page.evaluate("xjApi.visibleNodes()") == expected and len(expected) < total
        # the table lists exactly the records of 1949 drawn, and the CSV is those rows
        rows = page.page.evaluate("xjApi.tableRows()")
        in_1949 = sorted(
            {r["record"] for _, _, d in network.correspondence(store, "1949").edges(data=True) for r in d["records"]}
        )
        assert sorted(rows) == in_1949
        csv_rows = page.page.evaluate("xjApi.csv()").splitlines()[1:]
        assert [line.split(",")[0].strip('"') for line in csv_rows] == rows
        # dragging the brush: from the window's left handle to the far right cannot reverse or empty the range
        box = page.page.locator("#brush svg").bounding_box()
        handle = page.page.locator("#brush .brush-handle").first.bounding_box()
        page.page.mouse.move(handle["x"] + 2, handle["y"] + 5)
        page.page.mouse.down()
        page.page.mouse.move(box["x"] + box["width"] + 50, handle["y"] + 5, steps=5)
        page.page.mouse.up()
        lo, hi = page.page.evaluate("xjApi.range()")
        assert lo <= hi
        # the side filter hides a side
        page.page.evaluate("xjApi.setRange('1934-01', '1949-12')")
        page.page.evaluate("xjApi.showTab('key')")
        page.page.uncheck("input.side-filter[value=soviet]")
        sides = page.page.evaluate("xjApi.visibleNodes().map(id => xjNodes.get(id).side)")
        assert sides and "soviet" not in sides
        # a selection filters the table to its records
        page.page.check("input.side-filter[value=soviet]")
        page.page.evaluate("(id) => xjApi.select(id)", KOVALEV)
        rows = page.page.evaluate("xjApi.tableRows()")
        data = _data(out / "network.html")
        kov = sorted({r["id"] for r in data["records"] if KOVALEV in r["from"] + r["to"]})
        assert sorted(rows) == kov
        # the permalink keeps selection and range
        page.page.evaluate("xjApi.setRange('1945-01', '1946-06')")
        url = page.page.url
        assert "from=1945-01" in url and "to=1946-06" in url and "sel=" in url
        again = Page(browser, *SIZES[size])
        try:
            again.page.goto(url)
            again.page.wait_for_function("window.xjReady !== undefined")
            assert again.page.evaluate("xjApi.range()") == ["1945-01", "1946-06"]
            assert again.page.evaluate("xjApi.selected()") == KOVALEV
        finally:
            again.close()
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_play_moves_the_window_through_time(written, browser):
    out, _ = written
    page = Page(browser)
    try:
        page.open(out / "period-1944-1949.html")
        page.page.evaluate("xjApi.setRange('1944-01', '1944-12')")
        page.page.click("#brush button:has-text('play')")
        page.page.wait_for_timeout(1500)
        lo, _ = page.page.evaluate("xjApi.range()")
        assert lo > "1944-01"
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", ["Filippov", "flilippov [stalin]", "Shicai Sheng", "Plyshevky", "盛世才"])
def test_search_finds_and_focuses_by_any_name(written, browser, name):
    out, _ = written
    page = Page(browser)
    try:
        page.open(out / "network.html")
        page.page.fill("#search", name)
        page.page.press("#search", "Enter")
        expected = {
            "Shicai Sheng": SHENG,
            "盛世才": SHENG,
            "Plyshevky": "https://w3id.org/xjgraph/person/plyshevsky",
        }.get(name, STALIN)
        assert page.page.evaluate("xjApi.selected()") == expected
        assert page.page.evaluate("network.getSelectedNodes()") == [expected]
        dist = page.page.evaluate(
            """(id) => { const v = network.getViewPosition(), p = network.getPosition(id);
                                     return Math.hypot(v.x - p.x, v.y - p.y); }""",
            expected,
        )
        assert dist < 1.0, "the view must be centred on the node found"
        # "/" puts the keyboard in the search box
        page.page.locator("#graph").click()
        page.page.keyboard.press("/")
        assert page.page.evaluate("document.activeElement.id") == "search"
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_the_chinese_name_renders_in_the_embedded_font(written, browser):
    out, _ = written
    page = Page(browser, 390, 844)
    try:
        page.open(out / "network.html")
        page.page.evaluate("(id) => xjApi.select(id)", SHENG)
        span = page.page.locator('#panel [lang="zh"]', has_text="盛世才")
        assert span.is_visible()
        page.page.evaluate(
            """() => { const s = [...document.querySelectorAll('#panel [lang="zh"]')].find(e => e.textContent === '盛世才'); s.id = 'zh-name'; }"""
        )
        width, size, tofu = glyph_widths(page.page, "#zh-name")
        assert abs(width - 3 * size) < 0.05 * size, (width, size)  # Noto Sans SC's ideographs are one em wide
        assert page.page.evaluate("document.fonts.check('16px \"Noto Sans SC\"', '盛世才')")
        assert abs(tofu - width) > 0.1 * size, "the page's font made no difference: is a CJK font installed?"
        # the panel is a drawer on a phone: opened by the selection, covering at most 62% of the map
        panel = page.page.locator("#panel").bounding_box()
        assert panel["width"] <= 390 and panel["y"] >= 0.3 * 844
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_png_and_svg_exports_of_the_view(written, browser):
    out, _ = written
    page = Page(browser)
    try:
        for file in ("network.html", "person-place.html", "record-event.html"):
            page.open(out / file)
            head = page.page.evaluate("xjApi.exportPNG()")
            assert bytes(head[:8]) == b"\x89PNG\r\n\x1a\n", file
            svg = page.page.evaluate("xjApi.exportSVG()")
            ET.fromstring(svg)  # well-formed
            assert "<svg" in svg and ("Joseph Stalin" in svg or file != "network.html")
        assert page.errors == [] and page.external == []
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
def test_places_map_has_a_basemap_historical_names_and_grouped_places(written, browser, size):
    out, _ = written
    page = Page(browser, *SIZES[size])
    try:
        page.open(out / "person-place.html")
        base = page.page.evaluate("xjApi.basemap()")
        assert base["landPaths"] >= 1 and base["markers"] >= 10
        land, marks = base["land"], base["places"]
        assert land[0] <= marks[0] and land[1] <= marks[1] and land[2] >= marks[2] and land[3] >= marks[3]
        assert page.external == [] and page.errors == []
        # historical names: Tihwa finds Urumqi, Kulja finds Ghulja
        assert page.page.evaluate("xjApi.search('Tihwa')")["id"] == URUMQI
        assert "Urumqi" in page.page.inner_text("#panel")
        kulja = page.page.evaluate("xjApi.search('Kulja')")
        assert kulja and kulja["type"] == "place"
        assert "Ghulja" in page.page.inner_text("#panel")
        # the places in view at first are Xinjiang and its neighbours, and the names drawn do not overlap
        page.page.evaluate("xjApi.fit(); xjApi.select(null)")
        labels = page.page.evaluate("xjApi.labels()")
        assert "Urumqi" in labels
        assert page.page.evaluate("xjApi.labelOverlaps()") == 0
        # a person shown at their places; a flow lists its records
        page.page.evaluate("xjApi.search('Sheng Shicai')")
        assert page.page.evaluate("xjApi.highlighted().places.length") >= 1
        # the time window filters the table
        page.page.evaluate("xjApi.select(null); xjApi.setRange('1949-01', '1949-12')")
        data = _data(out / "person-place.html")
        expected = sorted(r["id"] for r in data["records"] if r["l"] >= "1949-01-01" and r["e"] <= "1949-12-31")
        assert sorted(page.page.evaluate("xjApi.tableRows()")) == expected
    finally:
        page.close()


@pytest.mark.browser
def test_places_that_share_coordinates_are_one_mark(written, opened):
    data = _data(written[0] / "person-place.html")
    at: dict = {}
    for p in data["places"]:
        if p["lat"] is not None:
            at.setdefault((round(p["lat"], 2), round(p["long"], 2)), []).append(p["label"])
    shared = [v for v in at.values() if len(v) > 1]
    assert shared, "the data has places at the same point (a town and its district)"
    page = opened("person-place.html", "laptop")
    assert page.page.evaluate("xjApi.basemap().markers") == len(at)


@pytest.mark.browser
def test_timeline_draws_events_as_bands_and_records_at_their_dates(written, browser):
    out, _ = written
    page = Page(browser)
    try:
        page.open(out / "record-event.html")
        data = _data(out / "record-event.html")
        drawn = page.page.evaluate("xjApi.drawn()")
        assert drawn["events"] == len(data["events"]) and drawn["records"] == len(data["records"])
        assert drawn["spans"] >= 1  # a record dated only to a month or a year is a span
        assert drawn["labelOverlaps"] == 0 and drawn["labelsOutside"] == 0
        page.page.evaluate("xjApi.setRange('1949-01', '1949-12')")
        rows = page.page.evaluate("xjApi.tableRows()")
        assert sorted(rows) == sorted(
            r["id"] for r in data["records"] if r["l"] >= "1949-01-01" and r["e"] <= "1949-12-31"
        )
        assert page.errors == [] and page.external == []
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
        page.page.evaluate("xjApi.showTab('records')")
        assert HOSTILE in page.page.inner_text("#panel")
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
    # the same pages, byte for byte, from the endpoint and from the embedded store
    local_out = tmp_path / "local"
    maps.write_maps(store, local_out)
    for page in sorted(local_out.glob("*.html")):
        assert (tmp_path / page.name).read_bytes() == page.read_bytes(), page.name


@pytest.mark.browser
def test_hovering_a_name_shows_its_other_scripts(written, browser):
    out, _ = written
    page = Page(browser)
    try:
        page.open(out / "network.html")
        box = page.page.locator("#graph").bounding_box()
        x, y = page.page.evaluate(
            "(id) => { const p = network.canvasToDOM(network.getPosition(id)); return [p.x, p.y]; }", SHENG
        )
        page.page.mouse.move(box["x"] + x, box["y"] + y)
        page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        tip = page.page.inner_text("div.vis-tooltip")
        assert "Sheng Shicai" in tip and "盛世才" in tip
        tip_box = page.page.locator("div.vis-tooltip").bounding_box()
        assert tip_box["x"] + tip_box["width"] <= 1400 + 1
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_a_large_network_is_cut_to_the_map_limits_and_still_lists_its_records(tmp_path, browser):
    """5,000 agents and 14,000 links (most among the busiest 4,000): the map keeps the 4,000 busiest and the 10,000 heaviest links,
    and a link with 30 records lists them."""
    g = nx.DiGraph()
    for i in range(5000):
        g.add_node(f"n{i}", label=f"Agent {i}", kind="person", side="soviet", record_count=5000 - i)
    rnd = random.Random(1)
    pairs: set = set()
    while len(pairs) < 14000:
        a, b = f"n{rnd.randrange(4000)}", f"n{rnd.randrange(4000) if rnd.random() < 0.9 else rnd.randrange(4000, 5000)}"
        if a != b:
            pairs.add((a, b))
    g.add_edges_from(
        (
            a,
            b,
            {
                "weight": 1,
                "records": [
                    {
                        "record": f"x{i}",
                        "date": "1940",
                        "e": "1940-01-01",
                        "l": "1940-12-31",
                        "year": 1940,
                        "kind": "letter",
                        "title": "x",
                        "url": "",
                    }
                ],
            },
        )
        for i, (a, b) in enumerate(sorted(pairs))
    )
    heavy = [
        {
            "record": f"r{j}",
            "date": f"1940-01-{j + 1:02d}",
            "e": f"1940-01-{j + 1:02d}",
            "l": f"1940-01-{j + 1:02d}",
            "year": 1940,
            "kind": "letter",
            "title": f"T{j}",
            "url": "",
        }
        for j in range(30)
    ]
    g.add_edge("n0", "n1", weight=30, records=heavy)
    small, note = views.limit(g)
    assert small.number_of_nodes() == views.MAX_MAP_NODES and small.number_of_edges() == views.MAX_MAP_EDGES
    assert small.has_edge("n0", "n1") and "10,000 of" in note
    # no agent loses all its links to the cut, and what fills the rest is the heaviest left
    linked_before = {n for a, b in g.subgraph(small.nodes).edges for n in (a, b)}
    assert {n for n in small if small.degree(n) > 0} == linked_before
    pos = maps.layout(small)
    assert len(pos) == len(small) and len({(round(x), round(y)) for x, y in pos.values()}) > 0.95 * len(small)
    path = maps.write_page(small, tmp_path / "big.html", "Big", note, pos=pos)
    page = Page(browser)
    try:
        page.open(path, timeout=120000)
        drawn = page.page.evaluate("[network.body.nodeIndices.length, network.body.edgeIndices.length]")
        assert drawn == [views.MAX_MAP_NODES, views.MAX_MAP_EDGES]
        assert page.page.evaluate("xjApi.labelsAtLeast(10)") >= 20
        edge = page.page.evaluate("(() => xjApi.edges('n0', 'n1').id)()")
        page.page.evaluate("(id) => network.emit('click', {nodes: [], edges: [id]})", edge)
        info = page.page.inner_text("#panel")
        assert "Agent 0 → Agent 1: 30 records" in info and "T0" in info and "T29" in info
        assert page.errors == [] and page.external == []
    finally:
        page.close()
