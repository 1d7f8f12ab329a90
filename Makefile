# Every task behind one verb. The first target that needs Python makes .venv itself,
# so a fresh clone needs only Python 3.11 and `make serve` or `make test`.
PYTHON ?= python3.11
export DISABLE_MKDOCS_2_WARNING := true
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build zensical test check bench lint clean

$(BIN)/python:
	$(shell command -v $(PYTHON) || command -v python3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# The same site built by Zensical (Material's successor) into site-zensical/, then completed by
# `keepopen site finish` (citation files, data package, redirects, the check). README: "Building
# with Zensical".
zensical: $(STAMP)
	$(BIN)/zensical build --clean -f zensical.yml
	$(BIN)/keepopen site finish --site-dir site-zensical

check: $(STAMP)
	$(BIN)/keepopen check

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf site site-zensical .venv .cache
