# JobHax backend. `make run` and `make test` are all a new machine with Python 3.11 needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test worker beat lint migrate bench bench-sync clean clients fuzz smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files: reinstall only when the pinned requirements change.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

migrate: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput

# Development: DEBUG on (development keys, runserver serving static files), for migrate too.
run: export DEBUG = 1
run: migrate
	$(BIN)/python manage.py create_dev_clients
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production web server: gunicorn with gunicorn.conf.py (HOST, PORT, WEB_CONCURRENCY,
# GUNICORN_TIMEOUT). Static files for the admin and the API docs are collected first.
serve: migrate
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/gunicorn jobhax.wsgi:application

test: $(VENV)/.dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

worker: $(VENV)/.runtime
	$(BIN)/celery -A jobhax worker --loglevel=INFO

beat: $(VENV)/.runtime
	$(BIN)/celery -A jobhax beat --loglevel=INFO

# A first Gmail sync of 2,000 synthetic job mails through the fake Gmail server, then an idle one.
bench-sync: export DEBUG = 1
bench-sync: $(VENV)/.dev
	$(BIN)/python bench/sync_bench.py

# The API under load: gunicorn on a fresh PostgreSQL database (a year of data: 50 users x 500
# applications, one user with 20,000), wrk on loopback, every endpoint against a true floor
# (bench/views.py) in interleaved rounds, uncached and right after a write, list cost per
# application and worker memory; writes bench/RESULTS.md. Needs PostgreSQL on 127.0.0.1:5432
# (BENCH_PG) and wrk (apt-get install -y wrk). Not in CI.
bench: $(VENV)/.dev
	$(BIN)/python bench/run.py

# Schemathesis over the OpenAPI schema against gunicorn on PostgreSQL (also run by .ci/run).
fuzz: $(VENV)/.dev
	bash tests/fuzz/schemathesis.sh

# The clients against gunicorn (DEBUG=0) on a fresh PostgreSQL database: the extension's unit
# tests, the Postman collection (newman) and the browser e2e test (needs Debian's chromium).
clients: $(VENV)/.dev
	bash clients/postman/run.sh

# The production install proven: a fresh virtualenv from requirements.txt alone runs gunicorn,
# a Celery worker and beat on PostgreSQL + Redis, and one Gmail sync through the queue.
PROD_VENV := .venv-prod
smoke: $(VENV)/.dev
	rm -rf $(PROD_VENV)
	$(PYTHON) -m venv $(PROD_VENV)
	$(PROD_VENV)/bin/pip install --quiet -r requirements.txt
	$(BIN)/python tests/production/smoke.py --venv $(PROD_VENV)

# ruff, then mypy over the whole project (django-stubs loads the settings: DEBUG=1, as for run)
lint: export DEBUG = 1
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

clean:
	rm -rf $(VENV) $(PROD_VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache .mypy_cache
