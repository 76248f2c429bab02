# Two commands do all the set-up: `make serve` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install build check serve test bench clean

# Re-installs only when requirements.txt changes.
$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

build: install  ## run the snippets whose outputs are stale
	$(BIN)/python scripts/build.py

check: install  ## fail if any committed output is stale (runs nothing)
	$(BIN)/python scripts/build.py --check

serve: build  ## build what is stale, then serve the site on 127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: install  ## what CI runs
	$(BIN)/python scripts/build.py --check
	$(BIN)/python -m pytest
	$(BIN)/mkdocs build --strict --site-dir site

bench: install  ## cold build vs plain `python file.py`, no-op build, --check
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .pytest_cache
