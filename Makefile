# Corridor: `make run` sets up and serves the bundled corridor data; `make test` sets up (Python and the system
# packages the suite needs) and checks everything, the PostGIS half included.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///corridor.db
STAMP := $(VENV)/.installed

.PHONY: run test system lint typecheck unit setup dataset bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

HOST ?= 127.0.0.1
PORT ?= 8000

run: $(STAMP)
	$(BIN)/corridor --db $(DB) init
	$(BIN)/corridor --db $(DB) users ensure-admin --url http://$(HOST):$(PORT)
	$(BIN)/corridor --db $(DB) serve --host $(HOST) --port $(PORT)

# PostgreSQL with PostGIS, Chromium and GDAL, installed when missing; PostgreSQL started when it does not answer.
system:
	scripts/system_setup.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# The PostGIS half of the suite must run: a server that does not answer is a failure, never a silent skip.
unit: $(STAMP)
	CORRIDOR_REQUIRE_POSTGIS=1 \
	CORRIDOR_TEST_POSTGIS_URL=$${CORRIDOR_TEST_POSTGIS_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres} \
	$(BIN)/pytest -n 2

test: system lint typecheck unit

dataset: $(STAMP)
	$(BIN)/python scripts/build_dataset.py

bench: $(STAMP)
	$(BIN)/python benchmarks/import_firms.py
	$(BIN)/python benchmarks/api.py
	$(BIN)/python benchmarks/routing.py
	$(BIN)/python benchmarks/matching_quality.py
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/scheduling.py
	$(BIN)/python benchmarks/report.py
	$(BIN)/python benchmarks/cli.py
	$(BIN)/python benchmarks/upload_limits.py
	$(BIN)/python benchmarks/soak.py --duration-s 600

clean:
	rm -rf $(VENV) corridor.db .pytest_cache .mypy_cache .ruff_cache
