# Two commands for a fresh Debian/Ubuntu machine with Python 3.11+:
#   make run   install, migrate, load demo data, start web (gunicorn, DEBUG off) + Celery worker/beat
#   make test  the whole suite
#   make dev   the same data with Django's auto-reloading debug server (DEBUG on), for developers
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_WORKERS ?= 3
WEB_THREADS ?= 4
# `make run` is the portal as people use it (config/settings/embedded.py); `make dev` keeps DEBUG.
RUN_SETTINGS := config.settings.embedded
APT_PACKAGES := fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext poppler-utils
TEST_APT_PACKAGES := chromium faketime wrk

.PHONY: stack stack-stop stack-status messages-extract run dev static backup restore test test-fast install system-deps test-system-deps assets messages migrate demo lint format clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required (apt install python3 python3-venv)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

# System libraries for WeasyPrint, the document fonts, gettext and npm. Installed with
# apt when we are root (or have sudo); otherwise we say exactly what is missing.
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Please install: sudo apt-get install $$missing"; exit 1; fi; \
	fi

test-system-deps:
	@missing=$$(for p in $(TEST_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing || echo "Could not install $$missing: browser, PDF-image and faketime checks will be skipped."; \
	  else echo "Optional for browser tests: sudo apt-get install $$missing"; fi; \
	fi

install: system-deps $(VENV)/.installed assets messages

# Bootstrap, Bootstrap Icons, htmx, flatpickr (the date picker) and Chart.js (the dashboard) come from the npm registry, pinned in
# package.json / package-lock.json, and are served by the app (whitenoise).
# The source maps are copied too: the minified files name them, and the hashed-name storage of
# `collectstatic` (DEBUG off) refuses a file that names one that is missing.
static/vendor/.stamp: package.json package-lock.json Makefile
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor/bootstrap static/vendor/bootstrap-icons/fonts static/vendor/htmx static/vendor/flatpickr static/vendor/chartjs
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
	   static/vendor/bootstrap/
	cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css static/vendor/bootstrap-icons/
	cp node_modules/bootstrap-icons/font/fonts/* static/vendor/bootstrap-icons/fonts/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp node_modules/flatpickr/dist/flatpickr.min.js node_modules/flatpickr/dist/flatpickr.min.css node_modules/flatpickr/dist/l10n/vn.js static/vendor/flatpickr/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map static/vendor/chartjs/
	touch $@

assets: static/vendor/.stamp

# Extract msgids into each app's locale/vi catalogue (and locale/ for top-level templates).
messages-extract: $(VENV)/.installed
	$(MANAGE) makemessages -l vi --no-obsolete -i .venv -i node_modules -i static -i '*/tests/*' -v 0

messages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

migrate: install
	$(MANAGE) migrate --noinput -v 0

demo: migrate
	$(MANAGE) seed_demo

# Static files with hashed names under staticfiles/, served by whitenoise when DEBUG is off.
static: install
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(MANAGE) collectstatic --noinput -v 0

# The real thing: DEBUG off, gunicorn (several workers), whitenoise, the Vietnamese error pages,
# the Celery worker with beat beside it. Ctrl-C stops both.
run: demo static
	@mkdir -p var/celery/queue var/celery/processed var/log
	@echo "Starting the Celery worker with beat (log: var/log/celery.log)…"
	@DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(BIN)/celery -A config worker -B -l info --concurrency 2 > var/log/celery.log 2>&1 & echo $$! > var/celery.pid
	@trap 'kill $$(cat var/celery.pid) 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(MANAGE) demo_logins --url http://$(HOST):$(PORT)/; \
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(BIN)/gunicorn config.wsgi -b $(HOST):$(PORT) \
	  --workers $(WEB_WORKERS) --threads $(WEB_THREADS) --timeout 120 --graceful-timeout 20 \
	  --access-logfile var/log/access.log --error-logfile -

# The production topology on loopback (scripts/stack.sh, docs/scaling.md): nginx, two gunicorn nodes,
# PostgreSQL primary + streaming replica, Redis, two Celery workers + beat, an S3 API server. Root, Debian.
stack: install
	bash scripts/stack.sh start

stack-stop:
	bash scripts/stack.sh stop

stack-status:
	bash scripts/stack.sh status

# For developers: the auto-reloading debug server, DEBUG on, English tracebacks.
dev: demo
	@mkdir -p var/celery/queue var/celery/processed var/log
	@$(BIN)/celery -A config worker -B -l info --concurrency 2 > var/log/celery.log 2>&1 & echo $$! > var/celery.pid
	@trap 'kill $$(cat var/celery.pid) 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) demo_logins --url http://$(HOST):$(PORT)/; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Backup and restore (database + uploaded files) into/from var/backups/. FILE=… picks one.
backup: $(VENV)/.installed
	$(MANAGE) backup $(if $(FILE),--output $(FILE),)

restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=var/backups/thidua-….tar.gz"; exit 1; }
	$(MANAGE) restore $(FILE)

test: install test-system-deps
	$(BIN)/pytest -q $(PYTEST_ARGS)

test-fast:
	$(BIN)/pytest -q -x $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles var db.sqlite3
