# Two commands do everything on a fresh machine:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
RUN_STAMP  = $(VENV)/.run-installed
TEST_STAMP = $(VENV)/.test-installed
# The port the app listens on; links printed for phones use the same one.
WORKSHOP_PORT ?= 8501
export WORKSHOP_PORT

.PHONY: run test demo chromium postgresql bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(TEST_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

# Browser tests drive Debian's Chromium (Playwright cannot download its own here).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# The PostgreSQL store's tests start a throwaway server of their own from Debian's
# postgresql package (store/pg_local.py); nothing is configured system-wide.
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; \
	fi

# Start the app with a demo-ready store: the East Midlands day replayed, and a demo of
# every other format with simulated answers. `workshop serve` runs one app process per
# core behind one port (workshop/front.py); set WORKSHOP_PROCESSES to choose.
run: $(RUN_STAMP)
	$(PY) -m workshop demo --if-missing --all
	$(PY) -m workshop links
	$(PY) -m workshop serve --port $(WORKSHOP_PORT)

test: $(TEST_STAMP) chromium postgresql
	$(PY) -m pytest -q

bench: $(TEST_STAMP)
	$(PY) bench/themes_eval.py

clean:
	rm -rf $(VENV) .pytest_cache
