"""The build at scale: a synthetic collection converts the same with one or several worker processes,
validates on a SHACL sample, and the benchmark runs end to end at 1,000 records (figures only)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from xjgraph.rdf import build

from .conftest import ONTOLOGY, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from generate import generate

    out = tmp_path_factory.mktemp("syn")
    generate(3000, out / "sources")
    return out


def test_parallel_build_is_byte_identical_and_sampled_shacl_passes(synthetic):
    one, two = synthetic / "one.ttl", synthetic / "two.ttl"
    a = build.build(synthetic / "sources", one, ONTOLOGY, shacl="sample", workers=1)
    b = build.build(synthetic / "sources", two, ONTOLOGY, shacl="off", workers=2)
    assert one.read_bytes() == two.read_bytes()
    assert one.with_name("void.ttl").exists()
    assert a.counts["record"] == 3000 and a.triples == b.triples > 50_000
    assert a.shacl.startswith("sample of ")


def test_broken_reference_in_one_file_fails_the_parallel_build(synthetic, tmp_path):
    import shutil

    src = tmp_path / "sources"
    shutil.copytree(synthetic / "sources", src)
    path = sorted((src / "records").glob("*.toml"))[5]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('senders = ["', 'senders = ["nobody-', 1), encoding="utf-8")
    out = tmp_path / "r.ttl"
    from xjgraph.errors import SourceErrors

    with pytest.raises(SourceErrors, match="nobody-"):
        build.build(src, out, ONTOLOGY, shacl="off", workers=2)
    assert not out.exists()


def test_benchmark_smoke_at_1000_records(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "1000",
            "--runs",
            "1",
            "--work",
            str(tmp_path),
            "--no-browser",
            "--baseline-runs",
            "1",
            "--baseline-limit",
            "5",
            "--results",
            str(tmp_path / "results.md"),
            "--stages",
            "build,queries,disk,baseline,network,maps,commands",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    text = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| 1000 |" in text.replace(",", "") and "build" in text
    assert "## Targets at 1,000 records" in text and "| build <= 60 s | met |" in text
    figures = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert figures[0]["size"] == 1000 and len(figures[0]["queries"]["queries"]) == len(
        list((ROOT / "queries").glob("*.rq"))
    )
    assert all(x["median"] > 0 for x in figures[0]["queries"]["queries"].values())
    assert (
        "## In memory against on disk" in text
        and figures[0]["disk"]["reopen_seconds"] < figures[0]["disk"]["load_seconds"]
    )
    assert {n: x["rows"] for n, x in figures[0]["disk"]["queries"].items()} == {
        n: x["rows"] for n, x in figures[0]["queries"]["queries"].items()
    }
    # network and maps also ran on the on-disk store, drawing the same networks
    assert figures[0]["disk_network"]["edges"] == figures[0]["network"]["edges"] > 0
    assert figures[0]["disk_maps"]["largest_nodes"] == figures[0]["maps"]["largest_nodes"] > 0
    assert "with `--store-dir`" in text
    # every baseline query was given at least --baseline-limit and at least 25 times our median
    ours = figures[0]["queries"]["queries"]
    for name, b in figures[0]["baseline"]["queries"].items():
        assert b["limit"] >= max(5.0, min(25 * ours[name]["median"], 600)) - 0.1, name


def test_floors_cover_the_slow_queries_and_count_the_listings_rows(synthetic, tmp_path):
    """benchmarks/floors.py: each floor is the join its query cannot avoid; a listing's floor has its rows."""
    import floors

    from xjgraph.sparql.store import EmbeddedStore

    dump = tmp_path / "r.ttl"
    build.build(synthetic / "sources", dump, ONTOLOGY, shacl="off", workers=1)
    figures = floors.measure(EmbeddedStore.from_file(dump), runs=1)
    assert [f["query"] for f in figures] == [f.name for f in floors.FLOORS]
    assert {f.name for f in floors.FLOORS} <= {p.stem for p in (ROOT / "queries").glob("*.rq")}
    for f in figures:
        assert f["rows"] > 0 and f["floor_rows"] > 0, f
        if f["same_rows"]:
            assert f["floor_rows"] == f["rows"], f
        else:  # an aggregate: at least one joined row per answer row
            assert f["floor_rows"] >= f["rows"], f
        assert 0 < f["engine_seconds"] and 0 < f["seconds"], f
    assert "| edge-list |" in floors.table(figures)
    # the rdflib comparison gives the same rows on both stores and says what 20x would need
    store = EmbeddedStore.from_file(dump)
    compared = floors.baseline(dump, store, ["correspondence-chains", "uncertain-dates"], runs=1)
    by_name = {f["query"]: f for f in figures}
    for c in compared:
        assert c["rows"] == by_name[c["query"]]["rows"] and c["rdflib_seconds"] > 0, c
    text = floors.baseline_table(compared)
    assert "| correspondence-chains |" in text and "20x needs" in text


@pytest.mark.server
def test_virtuoso_benchmark_runs_every_query_with_the_same_rows():
    """benchmarks/virtuoso.py on the real dump: bulk-loaded, every saved query timed, the rows as ours."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "virtuoso.py"), str(ROOT / "data" / "records.ttl"), "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ") and not line.startswith("| query |")]
    assert len(rows) == len(list((ROOT / "queries").glob("*.rq"))) > 0
    assert all(line.endswith("| yes |") for line in rows), proc.stdout
    assert "virtuoso: loaded in" in proc.stdout
