#!/usr/bin/env bash
# Install xjgraph with its test extras into .venv, lint, and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
bash scripts/frontend.sh
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
bash scripts/system-deps.sh
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
