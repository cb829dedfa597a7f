#!/usr/bin/env bash
# Install the front-end libraries pinned in package-lock.json (npm ci) and bundle them into the package's
# publish/static/ (npm run build). Needs Node 20 and npm. Skipped when the bundle is newer than every input.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null 2>&1 || { echo "npm is missing: the maps and the site need Node 20 and npm" >&2; exit 1; }
stamp=src/xjgraph/publish/static/BUILD
if [ -f "$stamp" ] && [ -d node_modules ] && [ -z "$(find package.json package-lock.json frontend -newer "$stamp" -print -quit)" ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
