# Two commands on a fresh machine with python3 and make: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Warnings are errors, and every reference must resolve (-n), exactly as Read the Docs builds.
SPHINXOPTS ?= -W --keep-going -n
BUILDDIR   := _build

.PHONY: help setup html docs serve test lint bench lighthouse screenshots clean import-alfolio

help:
	@echo "make serve   set up, build and serve at http://127.0.0.1:8000 with live reload"
	@echo "make test    set up and run every test"
	@echo "make html    build once into $(BUILDDIR)/html"
	@echo "make docs    build the package's documentation (docs/) into $(BUILDDIR)/docs"
	@echo "make screenshots  shoot the sites (needs chromium); previews into docs/gallery/"
	@echo "make lint    ruff and mypy"
	@echo "make import-alfolio SRC=path/to/al-folio OUT=my-site   import an al-folio site"
	@echo "make bench   run the benchmarks (see README)"
	@echo "make lighthouse  Lighthouse (mobile) scores of three pages (needs npm and chromium)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file or the package metadata changes.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) . $(BUILDDIR)/html

# The package's documentation, built with the package itself (a second Read the Docs project).
docs: $(STAMP)
	$(BIN)/sphinx-build -b html $(SPHINXOPTS) docs $(BUILDDIR)/docs

# A warm build process rebuilds what each save touches; a change under src/ restarts it.
serve: $(STAMP)
	$(BIN)/sphinx-folio serve --port 8000 --watch src \
		--ignore "*/tests/*" --ignore "*/benchmarks/*" . $(BUILDDIR)/html -- $(SPHINXOPTS)

test: $(STAMP)
	$(BIN)/python -m pytest

# SRC: the al-folio checkout; OUT: the new site's folder; CONFIG (optional): a.yml,b.yml.
import-alfolio: $(STAMP)
	@test -n "$(SRC)" || { echo "usage: make import-alfolio SRC=path/to/al-folio OUT=my-site"; exit 2; }
	$(BIN)/sphinx-folio import-alfolio "$(SRC)" $(if $(OUT),--out "$(OUT)") $(if $(CONFIG),--config "$(CONFIG)")

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs/_ext
	$(BIN)/ruff format --check src tests benchmarks docs/_ext
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_publications.py
	$(BIN)/python benchmarks/bench_preview.py
	$(BIN)/python benchmarks/bench_tags.py

# Lighthouse, pinned in benchmarks/package.json, installed into benchmarks/node_modules.
benchmarks/node_modules/.package-lock.json: benchmarks/package.json benchmarks/package-lock.json
	cd benchmarks && npm ci --no-audit --no-fund

lighthouse: $(STAMP) benchmarks/node_modules/.package-lock.json
	$(BIN)/python benchmarks/lighthouse.py --runs 3

# Home, publications, a research page and the CV of this site, an imported al-folio site and
# a new site, light and dark, 1280 and 390 px, in Debian's chromium; full-size shots go to
# the git-ignored screenshots/, the composed previews to docs/gallery/.
screenshots: $(STAMP)
	$(BIN)/python benchmarks/screenshots.py

clean:
	rm -rf $(BUILDDIR)
