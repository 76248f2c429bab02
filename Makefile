# Two commands do all the set-up: `make serve` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install browser-deps build check serve test bench clean

# Re-installs only when requirements.txt changes.
$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# The browser tests need Debian's Chromium and CJK fonts; installed when missing and allowed.
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else echo "note: install chromium and fonts-noto-cjk to run the browser tests (skipped without them)"; fi

build: install  ## run the snippets whose outputs are stale
	$(BIN)/python scripts/build.py

check: install  ## fail if any committed output is stale (runs nothing)
	$(BIN)/python scripts/build.py --check

serve: build  ## build what is stale, then serve the site on 127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: install browser-deps  ## what CI runs
	$(BIN)/python scripts/build.py --check
	$(BIN)/python -m pytest
	$(BIN)/mkdocs build --strict --site-dir site

bench: install  ## cold build vs plain `python file.py`, no-op build, --check
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .pytest_cache
