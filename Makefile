# The two commands of the README, and a few more for developers.
#   make demo   install, migrate, load real units + demo data, serve on http://127.0.0.1:8000
#   make test   install what the tests need and run the whole suite

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Test workers; two cores here, more elsewhere.
WORKERS ?= auto
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

.PHONY: demo document-worker serve test e2e help-pictures bench lint format messages check-deploy system-deps browser-deps clean backup restore postgres-client

$(PY):
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    rm -rf $(VENV); apt-get update -qq && $(APT_INSTALL) python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Cannot create a virtual environment: install python3-venv (apt-get install python3-venv)."; exit 1; fi; }

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e ".[test]"
	@touch $@

# Debian packages: Pango for the PDF documents (WeasyPrint), gettext for the catalogues. The
# documents' font ships with the project (static/fonts), so no system font is needed.
system-deps:
	@missing=""; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && $(APT_INSTALL) $$missing; \
	  else echo "System packages missing:$$missing (install them with apt-get)"; exit 1; fi; \
	fi

# Debian's Chromium drives the browser journeys; no browser is downloaded. The fonts are for
# the pages it draws (screenshots), not for the PDF documents.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && $(APT_INSTALL) chromium fonts-liberation; \
	  else echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; \
	fi

demo: $(VENV)/.installed system-deps
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_units
	$(PY) manage.py load_outlets
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ with the task workers beside it (Ctrl+C stops all)."
	@exec $(PY) -m exemplar_portal.supervise \
	  --run "web=$(PY) manage.py runserver --noreload $(HOST):$(PORT)" \
	  --run "worker=$(PY) manage.py db_worker --no-reload --no-startup-delay" \
	  --restart "documents=$(DOCUMENT_WORKER)"

# Large PDFs: one render per worker process, started afresh after each (WeasyPrint keeps
# its memory after a big document). Production runs the same under systemd (docs/).
# exemplar_portal/supervise.py starts it again after each exit and stops it on Ctrl+C.
DOCUMENT_WORKER = $(PY) manage.py db_worker --queue-name documents --max-tasks 1 --no-reload --no-startup-delay -v0
document-worker:
	@exec $(PY) -m exemplar_portal.supervise --restart "documents=$(DOCUMENT_WORKER)"

test: $(VENV)/.installed-test system-deps browser-deps
	$(PY) manage.py makemigrations --check --dry-run -v0 --settings=exemplar_portal.settings_test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n $(WORKERS) -p no:cacheprovider --durations=25

e2e: $(VENV)/.installed-test browser-deps
	$(PY) -m pytest tests/e2e -p no:cacheprovider

# The help page's pictures (static/img/help), taken again from the pages the steps open.
help-pictures: $(VENV)/.installed-test browser-deps
	PORTAL_HELP_PICTURES=1 $(PY) -m pytest tests/e2e/test_help_journey.py -p no:cacheprovider \
	  -k help_pictures

bench: $(VENV)/.installed-test system-deps
	$(PY) -m tests.bench

# The portal as production runs it (gunicorn, PostgreSQL, the task workers) under many people
# at once, on 127.0.0.1 with a database of its own (docs/operations.md, "Load test"). Needs
# PostgreSQL on LOAD_PG. Not part of `make test` or CI.
.PHONY: loadtest loadtest-faults loadtest-soak
LOAD_USERS     ?= 200
LOAD_TIME      ?= 120
LOAD_EXEMPLARS ?= 20000
LOAD_UNITS     ?= 200
LOAD_WEB       ?= 5
LOAD_WAIT      ?= 3,15
LOAD_PG        ?= postgres://postgres@127.0.0.1:5432
LOAD_ARGS      ?=
SOAK_USERS     ?= 50
SOAK_TIME      ?= 900
LOAD_RUN = $(PY) -m tests.load.run --exemplars $(LOAD_EXEMPLARS) --units $(LOAD_UNITS) \
  --web-workers $(LOAD_WEB) --wait $(LOAD_WAIT) --pg $(LOAD_PG)

$(VENV)/.installed-load: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e ".[load]"
	@touch $@

loadtest: $(VENV)/.installed-load system-deps
	$(LOAD_RUN) --users $(LOAD_USERS) --run-time $(LOAD_TIME) $(LOAD_ARGS)

loadtest-faults: $(VENV)/.installed-load system-deps
	$(LOAD_RUN) --users $(LOAD_USERS) --run-time $(LOAD_TIME) --faults $(LOAD_ARGS)

loadtest-soak: $(VENV)/.installed-load system-deps
	$(LOAD_RUN) --soak --users $(SOAK_USERS) --run-time $(SOAK_TIME) $(LOAD_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The demo and the developer commands run with DEBUG off, as production does, on a key of
# this checkout's own (.secret-key, made once, never committed); production sets SECRET_KEY.
LOCAL_SECRET_KEY = $(shell test -s .secret-key || (umask 077; head -c 48 /dev/urandom | base64 > .secret-key); cat .secret-key)
demo messages: export SECRET_KEY ?= $(LOCAL_SECRET_KEY)
# Without a .env (a developer's checkout) the other commands use that key as well.
ifeq ($(wildcard .env),)
document-worker backup restore: export SECRET_KEY ?= $(LOCAL_SECRET_KEY)
endif

# Refresh the message catalogues after changing user-facing text, then translate the
# new entries in locale/vi/LC_MESSAGES/django.po and run it again to compile.
messages: $(VENV)/.installed system-deps
	$(PY) manage.py makemessages --locale vi --locale en --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --ignore '.venv/*'

check-deploy: $(VENV)/.installed
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=portal.example.vn \
	  SECURE_SSL_REDIRECT=1 SESSION_COOKIE_SECURE=1 CSRF_COOKIE_SECURE=1 \
	  SECURE_HSTS_SECONDS=31536000 SECURE_HSTS_INCLUDE_SUBDOMAINS=1 SECURE_HSTS_PRELOAD=1 \
	  $(PY) manage.py check --deploy --fail-level WARNING

# Backups of the database and the media files together (docs/operations.md, "Backups"):
#   make backup [BACKUP_DIR=/backup]
#   make restore FROM=/backup/exemplar-YYYYMMDD-HHMMSS [CLEAN=1]
BACKUP_DIR ?= backups
backup: $(VENV)/.installed postgres-client
	$(PY) manage.py backup --out "$(BACKUP_DIR)"

restore: $(VENV)/.installed postgres-client
	@test -n "$(FROM)" || { echo "Name the backup: make restore FROM=$(BACKUP_DIR)/exemplar-YYYYMMDD-HHMMSS [CLEAN=1]"; exit 2; }
	$(PY) manage.py restore "$(FROM)" $(if $(CLEAN),--clean)

# pg_dump and pg_restore of the server's major version (PostgreSQL 15 on Debian 12); the
# commands refuse older ones. Not needed for the SQLite demo.
PG_MAJOR ?= 15
postgres-client:
	@command -v pg_dump >/dev/null && command -v pg_restore >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && $(APT_INSTALL) postgresql-client-$(PG_MAJOR); \
	  else echo "pg_dump/pg_restore missing: a PostgreSQL database needs postgresql-client-$(PG_MAJOR) (apt-get install postgresql-client-$(PG_MAJOR))."; fi; }

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
