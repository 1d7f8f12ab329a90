# Every task behind one verb. The first target that needs Python makes .venv itself,
# so a fresh clone needs only Python 3.11 and `make serve` or `make test`.
PYTHON ?= python3.11
# Quiet the two banners every MkDocs build prints (README: "Build banners"): ProperDocs' notice
# about MkDocs 2.0 reads the first, Material's end-of-life notice the second.
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# cffconvert 2 pins jsonschema<4, which the library cannot use: it gets a venv of its own.
CFFCONVERT := $(VENV)/tools/cffconvert/bin/cffconvert

.PHONY: setup serve build zensical test check new refs-fmt bench bench-scale lint clean

$(BIN)/python:
	$(shell command -v $(PYTHON) || command -v python3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(CFFCONVERT): | $(BIN)/python
	$(shell command -v $(PYTHON) || command -v python3) -m venv $(VENV)/tools/cffconvert
	$(VENV)/tools/cffconvert/bin/python -m pip install --quiet 'cffconvert>=2.0,<3'

# Only create .venv and install; then `. .venv/bin/activate` puts `keepopen` on PATH.
setup: $(STAMP)

# `--dirty`: a save rebuilds only the pages it touches (a changed .bib: the pages citing the
# changed entries), so an edit shows in seconds however large the library (bench/README.md).
# `--no-strict`: MkDocs warns that a dirty build is one, which strict mode would count as an
# error; problems are still printed, and `make build` (CI) stays strict.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

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

# A new page from a template, asking its questions: make new KIND=testimony|argument|event
# (outside a terminal give its flags: make new KIND=event ARGS='--title "..." --date ...').
KIND ?=
ARGS ?=
new: $(STAMP)
	@test -n "$(KIND)" || { echo "usage: make new KIND=testimony|argument|event" >&2; exit 2; }
	$(BIN)/keepopen new $(KIND) $(ARGS)

# Rewrite references/*.bib in the canonical layout (loses nothing).
refs-fmt: $(STAMP)
	$(BIN)/keepopen refs fmt

test: $(STAMP) $(CFFCONVERT)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

# The real library grown to N testimony entries, built by the project and by plain Material,
# plus the time one edit takes to show in `make serve` (bench/README.md, "Scale").
N ?= 2000
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --n $(N)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/actionlint .github/workflows/*.yml

clean:
	rm -rf site site-zensical .venv .cache
