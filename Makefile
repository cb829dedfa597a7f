# One task runner for people and CI. `make run` and `make test` are the README's two commands.
.PHONY: run test build stats lint format strip-notebooks

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

build:
	.venv/bin/xjgraph build

stats:
	.venv/bin/xjgraph stats

lint:
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/ruff format --check src tests benchmarks
	.venv/bin/mypy

format:
	.venv/bin/ruff format src tests
	.venv/bin/ruff check --fix src tests

strip-notebooks:
	.venv/bin/jupyter nbconvert --clear-output --inplace notebooks/*.ipynb
