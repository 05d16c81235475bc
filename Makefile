# The commands people type. `make run` serves the site; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench setup lint format install install-dev clean

run: setup
	BIND=$(HOST):$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py reinvent.wsgi

test: install-dev setup
	$(MAKE) lint
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	$(BIN)/pytest

# Speed against the stack's own ceiling, written to docs/benchmarks.md. Needs wrk.
bench: install-dev
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m bench

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_fixtures
	$(MANAGE) collectstatic --noinput --verbosity 0

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
