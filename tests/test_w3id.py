"""The permanent IRIs: ``publish/w3id/.htaccess`` applied to requests by a small evaluator of the mod_rewrite
rules it uses (RewriteRule with [E=], [R=303,L], RewriteCond on %{HTTP_ACCEPT}), each answer checked to land on a
file the site has, in the format asked for; and the release metadata (CITATION.cff) against the package.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from xjgraph.publish import site
from xjgraph.sparql.store import EmbeddedStore
from xjgraph.version import __release_date__, __version__

from .conftest import DUMP, ONTOLOGY, ROOT

HTACCESS = ROOT / "publish" / "w3id" / ".htaccess"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def rules(text: str) -> list[tuple[list[tuple[str, str, set[str]]], str, str, set[str]]]:
    """The rewrite rules of ``text``: (conditions, pattern, target, flags), conditions (test, pattern, flags)."""
    out, conds = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.split()[0] in ("Options", "RewriteEngine"):
            continue
        parts = line.split()
        flags = set(parts[3].strip("[]").split(",")) if len(parts) > 3 else set()
        if parts[0] == "RewriteCond":
            conds.append((parts[1], parts[2], flags))
        elif parts[0] == "RewriteRule":
            out.append((conds, parts[1], parts[2], flags))
            conds = []
        else:
            raise AssertionError(f"the evaluator does not know {parts[0]}: extend it with the rules")
    return out


def resolve(text: str, path: str, accept: str) -> tuple[int, str]:
    """What Apache answers for https://w3id.org/xjgraph/<path> with this Accept header: (status, Location)."""
    env: dict[str, str] = {}
    for conds, pattern, target, flags in rules(text):
        ok = True
        pending_or = False
        for test, cpattern, cflags in conds:
            value = accept if test == "%{HTTP_ACCEPT}" else ""
            hit = re.search(cpattern, value, re.IGNORECASE if "NC" in cflags else 0) is not None
            ok = (ok or hit) if pending_or else (ok and hit)
            pending_or = "OR" in cflags
        m = re.search(pattern, path)
        if not ok or not m:
            continue
        env_flags = [f for f in flags if f.startswith("E=")]
        for f in env_flags:
            name, _, value = f[2:].partition(":")
            env[name] = value
        if target == "-":
            continue
        location = re.sub(r"\$(\d)", lambda g, m=m: m.group(int(g.group(1))) or "", target)
        location = re.sub(r"%\{ENV:(\w+)\}", lambda g: env.get(g.group(1), ""), location)
        status = int(next((f[2:] for f in flags if f.startswith("R=")), "302"))
        return status, location
    return 404, ""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("w3id-site")
    site.write_site(EmbeddedStore.from_file(DUMP), out, ONTOLOGY, with_maps=False, workbench=False)
    return out


def _file(site_dir: Path, location: str) -> Path:
    text = HTACCESS.read_text(encoding="utf-8")
    base = re.search(r"E=SITE:(\S+)\]", text).group(1)  # type: ignore[union-attr]
    assert location.startswith(base + "/")
    return site_dir / location[len(base) + 1 :]


@pytest.mark.parametrize(
    "path",
    [
        "person/sheng-shicai",
        "record/1934-07-27-letter-stalin-g-apresov-consul-general",
        "place/urumqi",
        "kind/letter",
        "side/soviet",
        "holding/1934-07-27-letter-stalin-g-apresov-consul-general",
        "tenure/canadian-ambassador-ussr/wilgress-1942",
    ],
)
def test_entities_are_negotiated_to_html_turtle_json_ld_and_n_triples(site_dir, path):
    text = HTACCESS.read_text(encoding="utf-8")
    iri = f"https://w3id.org/xjgraph/{path}"
    for accept, suffix, fmt in (
        (BROWSER, ".html", None),
        ("text/turtle", ".ttl", "turtle"),
        ("application/ld+json", ".jsonld", "json-ld"),
        ("application/n-triples", ".nt", "nt"),
        ("text/turtle;q=1.0, */*;q=0.1", ".ttl", "turtle"),
    ):
        status, location = resolve(text, path, accept)
        assert status == 303 and location.endswith(path + suffix), (accept, location)
        target = _file(site_dir, location)
        assert target.is_file(), target
        if fmt:
            g = Graph().parse(target, format=fmt)
            assert any(str(s) == iri for s in g.subjects()), (path, suffix)


def test_the_ontology_dump_and_home(site_dir):
    text = HTACCESS.read_text(encoding="utf-8")
    for accept, name in (
        (BROWSER, "ontology.html"),
        ("text/turtle", "ontology.ttl"),
        ("application/ld+json", "ontology.jsonld"),
    ):
        status, location = resolve(text, "ontology", accept)
        assert status == 303 and _file(site_dir, location) == site_dir / name and (site_dir / name).is_file()
    assert Graph().parse(site_dir / "ontology.jsonld", format="json-ld")
    for path, name in (("data/records.ttl", "data/records.ttl"), ("dataset", "data/void.ttl"), ("", "index.html")):
        status, location = resolve(text, path, BROWSER)
        assert status == 303 and (site_dir / name).is_file() and _file(site_dir, location) == site_dir / name
    assert resolve(text, "nothing/here", BROWSER)[0] == 404


def test_the_evaluator_reads_every_line_of_the_rules():
    text = HTACCESS.read_text(encoding="utf-8")
    assert len(rules(text)) >= 10
    # the SITE placeholder is a .invalid address until the site is published: say so, never guess
    assert ".invalid" in text and "replace the placeholder" in text


def test_citation_metadata_agrees_with_the_package():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^([a-z-]+): (.+)$", text, re.MULTILINE))
    assert fields["cff-version"] == "1.2.0" and fields["type"] == "dataset"
    assert fields["version"] == __version__ and fields["date-released"].strip('"') == __release_date__
    assert "- MIT" in text and "- CC-BY-4.0" in text and "authors:" in text
    void = (ROOT / "data" / "void.ttl").read_text(encoding="utf-8")
    source = re.search(r"dcterms:source <([^>]+)>", void).group(1)  # type: ignore[union-attr]
    assert source in text
