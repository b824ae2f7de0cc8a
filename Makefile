# The README's two commands: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install demo test snapshots test-slow test-python test-extension test-site-js browser redis lint wheel-test bench bench-api bench-crawl bench-load clean extension

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/vet demo

# Headless Chromium and Firefox for the browser tests: Debian's packages (Playwright drives
# Chromium by path; the Firefox test drives firefox-esr through Marionette).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@command -v firefox-esr >/dev/null 2>&1 || { \
	  echo "installing Debian's firefox-esr for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr; }

# The packed extension, one zip per store: build/supplier-vetting-<version>-{chromium,firefox}.zip
extension:
	$(PYTHON) extension/pack.py build

# redis-server for the distributed-crawl tests (they start their own on a free 127.0.0.1 port).
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "installing Debian's redis-server for the distributed-crawl tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; }

test: install browser redis test-python test-extension test-site-js

test-python: install
	$(VENV)/bin/pytest

test-extension:
	@if [ -f extension/package.json ]; then cd extension && npm install --no-audit --no-fund --silent; fi
	@# addons-linter needs Node 20+: under Debian 12's Node 18 it gets a Node 20 from npm of its own.
	@if [ "$$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ] && \
	  [ ! -x extension/.node20/node_modules/.bin/node ]; then \
	  echo "node $$(node --version) < 20: installing Node 20 from npm into extension/.node20 for addons-linter"; \
	  npm install --prefix extension/.node20 --no-save --no-audit --no-fund --silent node@20; fi
	cd extension && node --test

# The report site's calculator glue against tests/vectors/coverage.json (no dependencies).
# `node --test` without arguments finds site/test/*.test.js on Node 18, 20 and 22 alike.
test-site-js:
	cd site && node --test

# Golden snapshots of every real page's parse result (tests/snapshots/): rewrite after an
# intended parser change, then review the diff.
snapshots: install
	$(PY) -m tests.helpers.snapshots --write

# Long runs (load while crawling, deeper schemathesis, ...): tests marked slow.
test-slow: install browser redis
	$(VENV)/bin/pytest -m slow

# Build the wheel, install it in a fresh venv, import + publish from another folder.
wheel-test: install
	PYTHON=$(PYTHON) BUILD_PYTHON=$(PY) .ci/wheel-test

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/parse.py
	$(PY) bench/cli.py
	$(PY) bench/site.py
	$(PY) bench/overlay.py
	$(MAKE) bench-api
	$(MAKE) bench-crawl

# 100,000 suppliers; vet serve (gunicorn) vs Datasette under wrk (Debian's package) on 127.0.0.1.
bench-api: install
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "installing Debian's wrk for the API benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(PY) bench/api.py

# 16 clients, 20,000 requests to vet serve while a crawl writes the same database.
bench-load: install
	$(PY) bench/load.py

# pages/s with 1, 2, 4 `vet worker`s vs the in-process crawl, on 127.0.0.1 (redis-server).
bench-crawl: install redis
	$(PY) bench/crawl.py

clean:
	rm -rf $(VENV) public vetting.db vetting.db-wal vetting.db-shm vetting.db.http-cache.sqlite .pytest_cache
