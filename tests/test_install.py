"""An installable library: a wheel built from the repository works from any folder.

The wheel is installed without its dependencies into a fresh virtual environment that borrows the test
environment's packages, so the test checks what the wheel itself carries (package data, entry point)
without downloading anything.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile

import pytest

from .conftest import DUMP, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp.glob("xjgraph-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    site = next((venv / "lib").glob("python*/site-packages"))
    # the dependencies come from the test environment; xjgraph itself only from the wheel
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    away = tmp / "elsewhere"
    away.mkdir()
    return wheel, venv, away


def test_the_wheel_carries_queries_ontology_templates_and_dump(installed):
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for rq in (ROOT / "queries").glob("*.rq"):
        assert f"xjgraph/queries/{rq.name}" in names
    for path in (
        "ontology/shapes.ttl",
        "ontology/xjgraph.ttl",
        "ontology/context.jsonld",
        "ontology/imports/rico.ttl",
        "publish/templates/base.html",
        "publish/static/map.js",
        "publish/static/sparql.js",
        "publish/static/world.js",
        "publish/static/fonts/noto-sans-sc/400.css",
        "publish/static/LICENSES/vis-network-LICENSE-MIT",
        "data/records.ttl",
        "py.typed",
    ):
        assert f"xjgraph/{path}" in names, path
    assert not any("sources/" in n and n.endswith(".toml") for n in names), "the curated sources stay in the repository"


def _run(installed, *argv, python: bool = False):
    _, venv, away = installed
    exe = venv / "bin" / ("python" if python else "xjgraph")
    return subprocess.run([str(exe), *argv], cwd=away, capture_output=True, text=True)


def test_the_commands_work_from_another_folder(installed):
    _, venv, _ = installed
    help_ = _run(installed, "--help")
    assert help_.returncode == 0 and "query" in help_.stdout
    listed = _run(installed, "query", "--list", "--data", str(DUMP))
    assert listed.returncode == 0, listed.stderr
    assert "correspondents" in listed.stdout and "writers-to-person" in listed.stdout
    rows = _run(installed, "query", "correspondents", "--data", str(DUMP), "--format", "csv")
    assert rows.returncode == 0 and "Vyacheslav Molotov" in rows.stdout, rows.stderr
    api = _run(installed, "-c", "import xjgraph; print(xjgraph.__file__); print(xjgraph.__all__)", python=True)
    assert str(venv) in api.stdout and "open_store" in api.stdout


def test_without_a_dump_the_error_says_what_was_looked_for(installed):
    _, _, away = installed
    missing = _run(installed, "query", "correspondents")
    assert missing.returncode == 5
    assert "data/records.ttl" in missing.stderr and str(away) in missing.stderr and "--data" in missing.stderr


def test_doctests_pass_from_another_folder(installed):
    _, _, away = installed
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--doctest-modules", str(ROOT / "src")],
        cwd=away,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
