# The two commands: `make run` (site on SQLite with the seeds) and `make test` (whole suite).
# Installs come from the locks only (requirements.txt, requirements-dev.txt: every package pinned
# with its hashes); `make lock` writes them from requirements.in and requirements-dev.in.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The virtualenv's stamp is the locks' hash: a changed lock rebuilds it from nothing, so an old
# .venv can never hide a broken lock.
LOCK_HASH := $(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)
STAMP := $(VENV)/.lock-$(LOCK_HASH)
# The lock tool (uv, itself pinned with hashes in requirements-tools.txt) lives apart in .tools/.
TOOLS := .tools/lock
UV := $(TOOLS)/bin/uv
COMPILE = $(UV) pip compile --quiet --generate-hashes --python-version 3.11 \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade,)

$(STAMP): requirements.txt requirements-dev.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(PY) -m pip check
	touch $@

venv: $(STAMP)

$(UV): requirements-tools.txt
	rm -rf $(TOOLS)
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --require-hashes -r requirements-tools.txt
	touch $@

# Regenerate the locks from the inputs, keeping every pin that still fits (UPGRADE=1: newest).
lock: $(UV)
	$(COMPILE) requirements-tools.in -o requirements-tools.txt
	$(COMPILE) requirements.in -o requirements.txt
	$(COMPILE) requirements-dev.in -o requirements-dev.txt

# Move every pin to the newest release its range in the .in files allows.
upgrade:
	$(MAKE) lock UPGRADE=1

# Newer releases than the lock's pins (within the ranges or not): what `make upgrade` would weigh.
outdated: $(STAMP)
	$(PY) -m pip list --outdated

.PHONY: run test test-only venv lint bench clean messages lock upgrade outdated

# The admin's Vietnamese for strings Django and third-party apps leave in English (locale/vi).
messages: $(STAMP)
	bash scripts/ensure-gettext
	$(PY) manage.py compilemessages --locale vi --ignore '.venv' --ignore 'node_modules' --verbosity 0

run: $(STAMP) messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_units
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@$(PY) manage.py import_seeds || { echo "Không nhập được các bài mẫu (seeds/): xem lỗi ở trên." \
	  "Trang web không được mở với nội dung trống." >&2; exit 1; }
	DVSITE_BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py setup_demo
	DVSITE_BASE_URL=http://$(HOST):$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

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
	rm -rf $(VENV) $(TOOLS) staticfiles .pytest_cache

# 50 readers for 60 s against gunicorn on 127.0.0.1 while an editor publishes (loadtest/run.py).
.PHONY: loadtest
loadtest: $(STAMP)
	$(PY) loadtest/run.py $(LOADTEST_ARGS)

# The same load through nginx (the deploy's site file) in front of one, then two gunicorn servers
# sharing PostgreSQL and a private Redis; prints the two side by side. Drops and refills
# LOADTEST_TWO_DB unless LOADTEST_ARGS has --reuse.
LOADTEST_TWO_DB ?= postgres://postgres@127.0.0.1:5432/dvsite_loadtest_two
.PHONY: loadtest-two
loadtest-two: $(STAMP)
	$(PY) loadtest/run.py --nginx --servers 1,2 --redis --database-url $(LOADTEST_TWO_DB) $(LOADTEST_ARGS)

# Two gunicorn instances sharing PostgreSQL and Redis on 127.0.0.1 (tests/test_two_app_servers.py);
# CI's PostgreSQL pass runs the same test whenever Redis answers too.
.PHONY: two-servers
two-servers: $(STAMP)
	DVSITE_TWO_SERVERS=1 $(PY) -m pytest -q -p no:xdist tests/test_two_app_servers.py
