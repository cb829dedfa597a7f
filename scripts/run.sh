#!/usr/bin/env bash
# Install xjgraph into .venv and run the main job: build data/records.ttl (and void.ttl), print the coverage
# summary, and write the outputs: the site with its maps, search and SPARQL workbench (out/site) and the CMIF file.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
bash scripts/frontend.sh
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
.venv/bin/xjgraph build
.venv/bin/xjgraph stats
.venv/bin/xjgraph site --out out/site
.venv/bin/xjgraph export --format cmif --out out/records-cmif.xml
