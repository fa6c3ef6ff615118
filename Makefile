# Tê chân / Leg Numbness Check. `make help` lists the targets.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi

.PHONY: help run test test-fast test-db setup dev-setup translations db chromium services lint bench clean check-content

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed ($(PY))"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

translations: $(VENV)/.runtime ## compile the gettext catalogs (.po → .mo)
	$(BIN)/flask translate compile

db: $(VENV)/.runtime ## apply the database migrations
	$(BIN)/flask db upgrade

setup: $(VENV)/.runtime translations db ## everything `run` needs

run: setup ## set up, then serve with gunicorn on $$PORT (default 8000)
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

chromium: ## install Debian's chromium, nodejs and openssl (tests need them) when missing (as root)
	@missing=""; command -v chromium >/dev/null || missing="chromium"; command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	[ -z "$$missing" ] || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } \
	  || { echo "missing:$$missing (apt-get install$$missing as root)"; exit 1; }

services: ## install Debian's nginx and redis-server when missing (as root; no service started: tests run their own)
	@missing=""; command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="nginx"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "missing:$$missing (apt-get install$$missing as root)"; exit 1; fi; \
	  own=; [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; \
	    chmod +x /usr/sbin/policy-rc.d; own=1; }; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing \
	    >/dev/null; status=$$?; [ -z "$$own" ] || rm -f /usr/sbin/policy-rc.d; exit $$status; \
	fi

# pytest-xdist: one process per CPU; a test file stays on one worker (each worker starts its own gunicorn on a free
# port behind a relay the offline tests close, and one Chromium per browser test file).
test: $(VENV)/.dev translations chromium services ## set up, then run the whole suite in parallel (PostgreSQL: test-db)
	$(BIN)/python -m pytest -n auto --dist loadfile --durations=15

test-fast: $(VENV)/.dev translations ## the inner loop: every test but the browser ones, in parallel, a third of the examples
	TEST_FAST=1 $(BIN)/python -m pytest -m "not browser and not postgres" -n auto -q

# The tests that use the database (app/client/stored fixtures, migrations, config, ops, fuzzing, storage, limits),
# and those marked `postgres` (several instances, a frozen server), which `make test` leaves out.
DB_TESTS := tests/test_triage_api.py tests/test_errors.py tests/test_migrations.py tests/test_content.py \
	tests/test_i18n.py tests/test_security.py tests/test_fuzz.py tests/test_ops.py tests/test_config.py \
	tests/test_database.py tests/test_storage.py tests/test_limits.py tests/test_instances.py

test-db: $(VENV)/.dev translations ## the database tests on PostgreSQL and Redis (.ci/run starts both)
	@for v in TEST_DATABASE_URL TEST_REDIS_URL TEST_PG_PID; do [ -n "$$(printenv $$v)" ] || { \
	  echo "test-db needs TEST_DATABASE_URL (postgresql://…), TEST_REDIS_URL (redis://…) and TEST_PG_PID (the postmaster's)"; \
	  exit 1; }; done
	$(BIN)/python -m pytest $(DB_TESTS) -m ""

check-content: $(VENV)/.dev ## check the content files an editor changed (content/README.md)
	$(BIN)/python -m pytest -q tests/test_content_files.py tests/test_content.py

lint: $(VENV)/.dev ## ruff
	$(BIN)/ruff check server tests bench

bench: setup chromium ## benchmarks (needs wrk; Lighthouse from npm into bench/.lighthouse); writes README's Performance
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
	  || { echo "wrk is missing: apt-get install wrk"; exit 1; }
	$(BIN)/python bench/run.py --write-readme $(BENCH_ARGS)

clean: ## remove the virtual environment and compiled catalogs
	rm -rf $(VENV) translations/*/LC_MESSAGES/*.mo
