# newsvoices — `make report` and `make test` are all a newcomer needs (see README.md).
PYTHON  ?= python3
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
ARTICLE ?= data/articles/ap-2011-03-22-gates-moscow-libya.txt
BENCH_ARTICLES ?=

.PHONY: setup report test lab bench clean

setup: $(STAMP)  ## create .venv and install the package with its dev extra (idempotent)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "newsvoices needs Python 3.11 or newer; set PYTHON=python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

report: setup  ## run every notebook headless on ARTICLE and render HTML into reports/
	$(VENV)/bin/newsvoices report "$(ARTICLE)"

test: setup  ## the whole test suite, notebooks included
	$(PY) -m pytest

bench: setup  ## speed: analyze vs the tokenize+score floor, batch 2 vs 1 workers, growth (~40 s); BENCH_ARTICLES=dir adds (a+)
	$(VENV)/bin/newsvoices bench $(if $(BENCH_ARTICLES),--articles "$(BENCH_ARTICLES)")

lab: setup  ## JupyterLab with the project's environment as its python3 kernel
	$(VENV)/bin/jupyter lab notebooks/

clean:  ## remove generated reports and processed data (never data/articles)
	rm -rf reports data/processed
