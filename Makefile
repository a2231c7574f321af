# Two commands do everything on a fresh machine:  make run   and   make test
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
RUN_STAMP  = $(VENV)/.run-installed
TEST_STAMP = $(VENV)/.test-installed
# The port the app listens on; links printed for phones use the same one.
WORKSHOP_PORT ?= 8501
export WORKSHOP_PORT

.PHONY: run test demo system-run system-test bench clean translations report-pot

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(TEST_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(RUN_STAMP)

# Debian packages the app and its tests need, installed only when missing (no input; as
# root, or through sudo):
# - chromium: browser tests (Playwright cannot download its own) and the report's charts;
# - Pango, fonts and poppler-utils: the PDF and Word reports (WeasyPrint), and their checks;
# - postgresql: the PostgreSQL store's tests start a throwaway server of their own from it
#   (store/pg_local.py); nothing is configured system-wide;
# - haproxy: the hosted set-up's test puts two app servers behind it (tests/test_hosted.py),
#   run as a plain process with a configuration of its own (the service is not used).
RUN_PACKAGES  = chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core
TEST_PACKAGES = $(RUN_PACKAGES) poppler-utils postgresql haproxy

define install_missing
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

system-run:
	$(call install_missing,$(RUN_PACKAGES))

system-test:
	$(call install_missing,$(TEST_PACKAGES))

# Start the app with a demo-ready store: the East Midlands day replayed, and a demo of
# every other format with simulated answers. `workshop serve` runs one app process per
# core behind one port (workshop/front.py); set WORKSHOP_PROCESSES to choose.
run: $(RUN_STAMP) system-run
	$(PY) -m workshop demo --if-missing --all
	$(PY) -m workshop links
	$(PY) -m workshop serve --port $(WORKSHOP_PORT)

test: $(TEST_STAMP) system-test
	$(PY) -m pytest -q

bench: $(TEST_STAMP)
	$(PY) bench/themes_eval.py

# Extract the screens' words again and update the Welsh catalogue (README, "Welsh").
translations: $(RUN_STAMP)
	$(PY) -m workshop translations

# The report's fixed wording, extracted by Babel into the template a translator starts from;
# then `pybabel update` brings the Welsh catalogue (report.po) up to date with it.
REPORT_KEYWORDS = -k _ -k N_ -k say -k Nn_:1,2 -k ngettext:1,2 -k pgettext:1c,2 -k C_:1c,2
report-pot: $(RUN_STAMP)
	$(VENV)/bin/pybabel extract -F workshop/locale/babel-report.cfg $(REPORT_KEYWORDS) \
	  --no-location --sort-output --project "Workshop report" --copyright-holder Workshop \
	  -o workshop/locale/report.pot .
	$(VENV)/bin/pybabel update -D report -d workshop/locale -l cy \
	  -i workshop/locale/report.pot --no-fuzzy-matching --ignore-obsolete -w 96

clean:
	rm -rf $(VENV) .pytest_cache
