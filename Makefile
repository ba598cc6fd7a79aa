# Procta: `make run` serves the demo, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PROCTA_DATA_DIR ?= $(CURDIR)/procta-data

.PHONY: run test test-fast lint pytest webtest web install pango chromium clean help

help:
	@echo "make run        install, build, migrate, seed the demo and serve on http://127.0.0.1:8000"
	@echo "make test       install and run every check (ruff, mypy, pytest incl. e2e, vitest)"
	@echo "make test-fast  lint and the Python tests on SQLite without browser or server processes"

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web/openapi.json: $(BIN)/.installed $(shell find procta -name '*.py')
	$(BIN)/procta openapi > $@.tmp && mv $@.tmp $@

web/dist/index.html: web/node_modules/.installed web/openapi.json $(shell find web/src web/index.html -type f) web/vite.config.ts
	cd web && npm run --silent gen:api && npm run --silent build

web: web/dist/index.html

# Debian's packages, installed when missing: pango and fonts for WeasyPrint's report PDFs;
# for the tests also chromium (never `playwright install`) and pdftoppm to look at the PDFs.
APT_INSTALL = SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get update -qq && \
  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq
pango:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && test -d /usr/share/fonts/truetype/dejavu; } || { \
	  $(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; }

chromium: pango
	@test -x /usr/bin/chromium -a -x /usr/bin/pdftoppm || { \
	  $(APT_INSTALL) chromium poppler-utils >/dev/null; }

run: install web pango
	$(BIN)/procta migrate
	$(BIN)/procta demo
	PROCTA_DEMO=1 $(BIN)/procta serve --demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy procta

pytest: install web chromium
	$(BIN)/pytest -q

webtest: web/node_modules/.installed
	cd web && npm test --silent

test: lint webtest pytest

test-fast: install
	$(BIN)/ruff check .
	$(BIN)/pytest -q -x -m "not e2e and not slow" -p no:randomly

clean:
	rm -rf $(VENV) web/node_modules web/dist web/openapi.json .mypy_cache .ruff_cache .pytest_cache
