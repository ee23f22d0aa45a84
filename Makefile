# The two commands: `make run` (site on SQLite with the seeds) and `make test` (whole suite).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run test test-only venv lint bench clean messages

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

venv: $(STAMP)

# The admin's Vietnamese for strings Django and third-party apps leave in English (locale/vi).
messages: $(STAMP)
	bash scripts/ensure-gettext
	$(PY) manage.py compilemessages --locale vi --ignore '.venv' --ignore 'node_modules' --verbosity 0

run: $(STAMP) messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@if $(PY) manage.py help import_seeds >/dev/null 2>&1; then $(PY) manage.py import_seeds; fi
	$(PY) manage.py setup_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	bash scripts/ensure-chromium
	bash scripts/ensure-vnu
	$(MAKE) test-only

test-only: messages
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmark (README "Benchmark"): fresh SQLite database under bench/ by default;
# BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/dvsite_bench --explain" for PostgreSQL.
bench: $(STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# 50 readers for 60 s against gunicorn on 127.0.0.1 while an editor publishes (loadtest/run.py).
.PHONY: loadtest
loadtest: $(STAMP)
	$(PY) loadtest/run.py $(LOADTEST_ARGS)

# Two gunicorn instances sharing PostgreSQL and Redis on 127.0.0.1 (tests/test_two_app_servers.py);
# CI's PostgreSQL pass runs the same test whenever Redis answers too.
.PHONY: two-servers
two-servers: $(STAMP)
	DVSITE_TWO_SERVERS=1 $(PY) -m pytest -q -p no:xdist tests/test_two_app_servers.py
