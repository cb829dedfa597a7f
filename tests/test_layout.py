"""The package's shape: stages as folders, imports that only run forwards, an installable public API."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import xjgraph

from .conftest import ROOT

SRC = ROOT / "src" / "xjgraph"
# the stages in the order data flows through them; a module may import its own stage and earlier ones
STAGES = ["sources", "rdf", "sparql", "network", "publish"]
# shared helpers every stage may use; they import no stage
BASE = {"errors", "files", "console", "resources", "version"}
# the top: the command line and the public API may import anything
TOP = {"cli", "__init__", "__main__"}


def _place(module: str) -> str:
    """The stage (or 'base', 'top') of a module path relative to xjgraph, such as 'sparql.store'."""
    first = module.split(".")[0]
    if first in STAGES:
        return first
    if first in BASE:
        return "base"
    if first in TOP or first == "":
        return "top"
    raise AssertionError(f"module xjgraph.{module} is in no stage: put it in a stage folder or name it in BASE")


def _rank(place: str) -> int:
    return -1 if place == "base" else len(STAGES) if place == "top" else STAGES.index(place)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module relative to xjgraph) of every xjgraph import in a file, relative or absolute."""
    rel = path.relative_to(SRC).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [".".join(base + [a.name]) for a in node.names]
            elif node.module and node.module.split(".")[0] == "xjgraph":
                names = [node.module[len("xjgraph.") :] if node.module != "xjgraph" else ""]
                if node.module == "xjgraph":
                    names = [a.name for a in node.names]
            else:
                continue
            out += [(node.lineno, n) for n in names]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name[len("xjgraph.") :]) for a in node.names if a.name.startswith("xjgraph.")]
    return out


def test_the_stages_are_folders():
    tracked = subprocess.run(["git", "ls-files", "src/"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    folders = {Path(p).parts[2] for p in tracked if len(Path(p).parts) > 3}
    assert set(STAGES) <= folders
    flat = {Path(p).stem for p in tracked if len(Path(p).parts) == 3 and p.endswith(".py")}
    assert flat <= BASE | TOP, f"modules outside the stages: {sorted(flat - BASE - TOP)}"


def test_imports_run_only_forwards():
    wrong = []
    modules = sorted(SRC.rglob("*.py"))
    assert len(modules) > 30
    for path in modules:
        rel = path.relative_to(SRC).with_suffix("")
        here = _place(".".join(rel.parts))
        for line, target in _imports(path):
            there = _place(target)
            if _rank(there) > _rank(here) or (here == "base" and there != "base"):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {here} imports xjgraph.{target} ({there})")
    assert not wrong, "imports that run backwards:\n" + "\n".join(wrong)


def test_the_import_check_sees_a_backward_import(tmp_path):
    # the check itself: a sources module importing the publish stage is caught
    bad = SRC / "sources" / "_probe_backwards.py"
    bad.write_text("from ..publish import maps\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match="sources imports xjgraph.publish"):
            test_imports_run_only_forwards()
    finally:
        bad.unlink()


def test_public_api_is_declared_and_documented():
    for name in ("build", "open_store", "run_query", "correspondence_network", "write_maps", "write_site", "export"):
        assert name in xjgraph.__all__
        fn = getattr(xjgraph, name)
        assert fn.__doc__ and ">>>" in fn.__doc__, f"xjgraph.{name} needs a docstring with an example"


def test_importing_the_package_loads_no_stage():
    code = (
        "import sys, xjgraph; print(sorted(m for m in sys.modules if m.startswith(('rdflib', 'pyshacl', 'xjgraph.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['xjgraph.errors', 'xjgraph.resources', 'xjgraph.version']", out


def test_export_stage_does_not_load_the_validator():
    code = "import sys, xjgraph.publish.netfiles, xjgraph.sparql.store; print('pyshacl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
