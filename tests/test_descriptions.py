"""Every record described in the project's own words, and what a record only names kept apart from what it is about.

The descriptions are compared with the archive's summaries in ``../shared/catalogue/records.jsonl``: no run of
eight words (case and punctuation aside) may be shared, so that no summary is pasted or closely paraphrased.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import html

from xjgraph.errors import SourceErrors
from xjgraph.publish import site
from xjgraph.sources import load
from xjgraph.sparql import saved
from xjgraph.sparql.store import EmbeddedStore

from .browser import Page, chromium
from .conftest import DUMP, ONTOLOGY, SOURCES

CATALOGUE = Path(__file__).resolve().parents[2] / "shared" / "catalogue" / "records.jsonl"
RUN = 8  # words in a row that a description may not share with the archive's summary
CAT = load(SOURCES)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower().replace("’", "'").replace("'", ""))


def shared_run(ours: str, theirs: str, n: int = RUN) -> str:
    """The first run of ``n`` words ``ours`` has in common with ``theirs`` (normalised), or ''.

    >>> shared_run("The Politburo sends two regiments into Xinjiang at once", "it sends Two Regiments into xinjiang.", 4)
    'sends two regiments into'
    """
    a, b = _words(ours), _words(theirs)
    grams = {tuple(b[i : i + n]) for i in range(len(b) - n + 1)}
    return next((" ".join(a[i : i + n]) for i in range(len(a) - n + 1) if tuple(a[i : i + n]) in grams), "")


def test_the_overlap_check_catches_a_pasted_or_lightly_edited_summary():
    summary = "The Politburo orders the NKVD to deploy a reinforced cavalry regiment to the area of Hami."
    assert shared_run(summary, summary)
    assert shared_run("In short: the politburo ORDERS the NKVD to deploy a reinforced cavalry regiment.", summary)
    assert not shared_run("An NKVD cavalry regiment is sent to Hami on the Politburo's orders.", summary)


def test_every_record_has_a_description_of_one_to_three_sentences():
    records = CAT["record"]
    assert len(records) == 113
    for ident, record in records.items():
        text = record.get("description") or ""
        sentences = [s for s in re.split(r"(?<=[.!?])(?<!\b[A-Z]\.)\s+(?=[A-Z\"'])", text.strip()) if s]
        assert 1 <= len(sentences) <= 3, (ident, text)
        assert 40 <= len(text) <= 600, (ident, len(text))
        assert text != record.get("title"), ident


def test_no_description_shares_eight_words_with_the_archives_summary():
    if not CATALOGUE.exists():
        pytest.skip(f"{CATALOGUE} is absent: the archive's summaries cannot be compared (CI has them)")
    summaries = {}
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            summaries[row["catalogue_id"]] = row.get("summary") or ""
    compared = 0
    for ident, record in CAT["record"].items():
        summary = summaries.get(record.get("catalogue_id") or "", "")
        if summary:
            compared += 1
            run = shared_run(record.get("description") or "", summary)
            assert not run, f"{ident}: the description shares {RUN} words with the archive's summary: {run!r}"
    assert compared >= 100  # the catalogue has a summary for most records


PREFIXES = """PREFIX rico: <https://www.ica.org/standards/RiC/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""


@pytest.fixture(scope="module")
def store():
    return EmbeddedStore.from_file(DUMP)


def _select(store, query: str) -> list[dict]:
    return store.select(PREFIXES + query).dicts()


def test_every_record_in_the_dump_has_its_english_abstract(store):
    rows = _select(
        store,
        "SELECT ?r (COUNT(?a) AS ?n) WHERE { ?r a rico:Record . "
        "OPTIONAL { ?r dcterms:abstract ?a . FILTER(LANGMATCHES(LANG(?a), 'en')) } } GROUP BY ?r",
    )
    counts = {r["r"]: int(r["n"]) for r in rows}
    assert len(counts) == 113 and set(counts.values()) == {1}


def test_mentions_are_kept_apart_from_what_a_record_is_about(store):
    record = CAT["record"]["1942-07-07-letter-soviet-ambassador-chongqing"]
    assert "stalin" in record.list("mentions") and "stalin" not in record.list("about")
    iri = "https://w3id.org/xjgraph/record/1942-07-07-letter-soviet-ambassador-chongqing"
    about = {r["o"] for r in _select(store, f"SELECT ?o WHERE {{ <{iri}> schema:about ?o }}")}
    named = {r["o"] for r in _select(store, f"SELECT ?o WHERE {{ <{iri}> schema:mentions ?o }}")}
    assert "https://w3id.org/xjgraph/person/stalin" in named and not about & named
    assert "https://w3id.org/xjgraph/person/chiang-kai-shek" in about
    total = _select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?r schema:mentions ?o }")
    assert int(total[0]["n"]) >= 25


def test_co_mentions_count_people_only_named_in_a_record(store):
    """Smirnov is only named in the decision on Kashgar: the pair with Mahmud Muhiti comes through mentions."""
    rows = saved.run(saved.find("co-mentions"), store, {"event": "event:revolt-1937"}).dicts()
    pairs = {(r["a_name"], r["b_name"]) for r in rows}
    assert any("Smirnov" in " ".join(p) and "Mahmud" in " ".join(p) for p in pairs), sorted(pairs)
    never = saved.run(saved.find("mentioned-never-writing"), store, {}).dicts()
    assert any(r["name"].endswith("Uritsky") for r in never)  # named, never about, never writing


def test_the_sources_refuse_an_entity_both_about_and_mentioned(tmp_path):
    src = tmp_path / "sources"
    shutil.copytree(SOURCES, src)
    path = src / "records" / "1942.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('mentions = ["stalin", "chongqing"]', 'mentions = ["chiang-kai-shek", "chongqing"]')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        load(src)
    [error] = [e for e in caught.value.errors if e.field == "mentions"]
    assert error.path == str(path) and error.record == "1942-07-07-letter-soviet-ambassador-chongqing"
    assert "'chiang-kai-shek' also in about" in str(error)


@pytest.fixture(scope="module")
def site_dir(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    site.write_site(store, out, ONTOLOGY)
    return out


def test_the_record_page_opens_with_its_description_and_lists_what_it_only_names(site_dir):
    path = site_dir / "record" / "1942-07-07-letter-soviet-ambassador-chongqing.html"
    tree = html.fromstring(path.read_bytes())
    [abstract] = tree.xpath("//p[@class='abstract']")
    assert abstract.text_content().startswith(
        CAT["record"]["1942-07-07-letter-soviet-ambassador-chongqing"].get("description")
    )
    headings = [h.text_content() for h in tree.xpath("//h2")]
    assert "Also named in it" in headings
    also = tree.xpath("//h2[.='Also named in it']/following-sibling::dl[1]")[0].text_content()
    assert "Joseph Stalin" in also and "Chongqing" in also
    # the sender, whom the title does not name, with the passage of the record that supports it
    [ev] = tree.xpath("//h2[@id='evidence']/following-sibling::ul[1]")
    text = " ".join(ev.text_content().split())
    assert "From: NKID (used)" in text, text
    assert "unsigned instruction" in text and ev.xpath(".//a[contains(@href, 'node/96523')]")
    stalin = html.fromstring((site_dir / "person" / "stalin.html").read_bytes())
    assert "Records that also name Joseph Stalin" in [h.text_content() for h in stalin.xpath("//h2")]


@pytest.mark.browser
def test_a_reader_sees_the_description_above_the_fold_and_under_each_search_hit(site_dir):
    with chromium() as browser:
        for width, height in ((1440, 900), (390, 844)):
            page = Page(browser, width, height)
            try:
                page.open(
                    site_dir / "record" / "1945-10-05-l-beria-v-m-molotov.html",
                    ready="document.readyState === 'complete'",
                )
                box = page.page.locator("p.abstract").bounding_box()
                assert box and box["y"] + 40 <= height, f"the description is below the fold at {width}px"
                size = page.page.eval_on_selector("p.abstract", "e => parseFloat(getComputedStyle(e).fontSize)")
                assert size >= 14
                assert page.page.evaluate("document.documentElement.scrollWidth") <= width
            finally:
                page.close()
        page = Page(browser)
        try:
            page.open(site_dir / "index.html")
            page.page.fill("#q", "Osman Batur Altai")
            first = page.page.locator("#results li").first
            assert first.locator("a").get_attribute("href") == "record/1945-10-05-l-beria-v-m-molotov.html"
            hit = first.locator(".abstract-hit")
            assert hit.is_visible() and "Osman Batur" in hit.inner_text()
            assert page.errors == [] and page.external == []
        finally:
            page.close()
