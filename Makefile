# The README's two commands: `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: install demo test test-slow test-python test-extension browser lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/vet demo

# Headless Chromium for the browser tests: Debian's package (Playwright drives it by path).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: install browser test-python test-extension

test-python: install
	$(VENV)/bin/pytest

test-extension:
	@if [ -f extension/package.json ]; then cd extension && npm install --no-audit --no-fund --silent; fi
	cd extension && node --test

test-slow: install browser
	$(VENV)/bin/pytest -m slow

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/parse.py

clean:
	rm -rf $(VENV) public vetting.db vetting.db-wal vetting.db-shm .pytest_cache
