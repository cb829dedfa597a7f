#!/usr/bin/env bash
# Install xjgraph into .venv and run the main job: build data/records.ttl and print a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
.venv/bin/xjgraph build
.venv/bin/xjgraph stats
.venv/bin/xjgraph site --out out/site
.venv/bin/xjgraph export --format cmif --out out/records-cmif.xml
