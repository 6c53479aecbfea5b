# Dyad: set up, run and test on a fresh machine.
#   make run    creates .venv, installs the runtime requirements, starts the app
#   make test   creates .venv, installs the dev requirements and Chromium, lints, runs every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
# uv installs the pinned set in about a second where pip takes most of a minute. It comes
# from the system Python's pip into .venv/uv; should that fail, the venv gets pip and pip
# installs the same pins.
UV_VERSION := 0.13.8
UV := $(VENV)/uv/bin/uv
INSTALL = $(UV) pip install -q --python $(BIN)/python $(1) \
	|| { $(BIN)/python -m ensurepip >/dev/null && $(PIP) install $(1); }
# Bytecode is compiled as modules are first imported and kept in __pycache__ (an inherited
# PYTHONDONTWRITEBYTECODE would make every test worker, server and bench process compile
# streamlit, pandas and plotly again); compiling all of site-packages up front costs more.
export PYTHONDONTWRITEBYTECODE :=
PORT ?= 8501
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup setup-dev chromium run test lint format validate bench loadtest clean

setup: $(VENV)/.runtime-installed

setup-dev: $(VENV)/.dev-installed chromium

$(BIN)/python:
	$(PYTHON) -m venv --without-pip $(VENV)

$(UV): | $(BIN)/python
	$(PYTHON) -m pip install -q --disable-pip-version-check --target $(VENV)/uv uv==$(UV_VERSION) \
	  || true

$(VENV)/.runtime-installed: requirements.txt constraints.txt | $(UV)
	$(call INSTALL,-r requirements.txt -c constraints.txt)
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.runtime-installed
	$(call INSTALL,-r requirements-dev.txt -c constraints.txt)
	touch $@

# Debian's Chromium serves both the browser tests and (later) server-side chart images.
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Chromium not found at $(CHROMIUM); installing Debian's chromium"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

run: setup
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: setup
	$(BIN)/python -m components.validate

test: setup-dev lint
	$(BIN)/python -m pytest

bench: setup-dev
	$(BIN)/python -m bench.load_packs

# A room of 25 readers on loopback against the app and its same-figure floor (by hand).
loadtest: setup-dev
	$(BIN)/python -m bench.loadtest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-results
