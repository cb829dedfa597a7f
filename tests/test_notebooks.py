"""Notebooks are committed without outputs (CI executes them with nbmake); the plots also work without Jupyter."""

from __future__ import annotations

import json
import struct

import pytest

from xjgraph.cli import main

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    names = {p.name for p in NOTEBOOKS}
    assert {"01-explore.ipynb", "02-sheng-shicai-and-moscow.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_outputs_are_stripped(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"strip the outputs of {path.name}"


@pytest.mark.parametrize("name", ["timeline", "correspondents", "brokers"])
def test_plot_command_writes_a_png(tmp_path, capsys, name):
    out = tmp_path / f"{name}.png"
    assert main(["plot", name, "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 500
