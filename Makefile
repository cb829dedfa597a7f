# One task runner for people and CI. `make run` and `make test` are the README's two commands.
.PHONY: run test build stats lint format strip-notebooks frontend screenshots

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

build:
	.venv/bin/xjgraph build

# the front-end bundle (npm ci, npm run build) the maps and the site use
frontend:
	bash scripts/frontend.sh

# PNGs of every map and of one page of each kind, at 1440x900 and 390x844, into out/screens/
screenshots: frontend
	.venv/bin/xjgraph site --out out/site
	.venv/bin/python scripts/screenshots.py out/site out/screens

stats:
	.venv/bin/xjgraph stats

lint:
	.venv/bin/ruff check src tests benchmarks scripts
	.venv/bin/ruff format --check src tests benchmarks scripts
	.venv/bin/mypy

format:
	.venv/bin/ruff format src tests
	.venv/bin/ruff check --fix src tests

strip-notebooks:
	.venv/bin/jupyter nbconvert --clear-output --inplace notebooks/*.ipynb
