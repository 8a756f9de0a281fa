# One Makefile for people and CI. Needs only python3 (3.11+) with venv and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
UV_VERSION := 0.13.8

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

# `make run` serves plain HTTP on this machine; production sets these itself. E-mails
# (registration links) are printed in the terminal unless DJANGO_EMAIL_BACKEND says otherwise.
LOCAL_ENV = DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}" \
	DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-false}" \
	DJANGO_SECURE_COOKIES="$${DJANGO_SECURE_COOKIES:-false}" \
	DJANGO_HSTS_SECONDS="$${DJANGO_HSTS_SECONDS:-0}" \
	SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" \
	DJANGO_EMAIL_BACKEND="$${DJANGO_EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"

# Request limits and a timeout below the proxy's (README, Deployment notes); --preload
# forks workers from a loaded app, so a worker restart leaves no gap.
GUNICORN = $(BIN)/gunicorn kassel_integration.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
	--no-control-socket --access-logfile - --forwarded-allow-ips=127.0.0.1 \
	--preload --timeout 30 --graceful-timeout 20 --limit-request-line 4094 \
	--limit-request-fields 50 --limit-request-field_size 8190

.PHONY: help install run createsuperuser dev test lint format messages makemessages check-messages static bench screenshots audit clean

help:
	@echo "make run     install, migrate, load the Kassel content, serve on http://$(HOST):$(PORT)"
	@echo "make test    run the whole test suite (SQLite; DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make dev     Django's development server with DEBUG"
	@echo "make lint    ruff check and format check, import contracts (lint-imports)"
	@echo "make bench   performance benchmark (see README)"
	@echo "make screenshots  every page type in every language at 320, 768, 1280 px (var/screenshots/)"

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: uv.lock pyproject.toml | $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --quiet
	@touch $@

install: $(VENV)/.synced

.secret_key:
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@echo "Generated a local secret key in .secret_key (kept out of git)."

# Compiled with Babel (pure Python), so `make run` needs no GNU gettext.
messages: install
	@$(BIN)/pybabel compile --domain django --directory locale --statistics 2>&1 | grep -v "^$$" || true
	@$(BIN)/pybabel compile --domain djangojs --directory locale --statistics 2>&1 | grep -v "^$$" || true

makemessages: install
	DJANGO_DEBUG=true $(BIN)/python manage.py makemessages --all --no-obsolete --no-location --ignore ".venv/*" --ignore "staticfiles/*"

check-messages:
	@$(BIN)/python -m tests.tools.check_po locale

static: install
	DJANGO_DEBUG=true $(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: install messages static .secret_key
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --noinput
	$(LOCAL_ENV) $(BIN)/python manage.py load_kassel_content
	@echo
	@echo "  The portal runs at http://$(HOST):$(PORT)/ (Deutsch /de/, English /en/, Slovenščina /sl/)."
	@echo "  Create an admin account (in another terminal):  make createsuperuser"
	@echo "  then sign in at http://$(HOST):$(PORT)/$${DJANGO_ADMIN_PATH:-verwaltung/}"
	@echo
	exec env $(LOCAL_ENV) $(GUNICORN)

# Asks in the terminal; with DJANGO_SUPERUSER_PASSWORD set (and DJANGO_SUPERUSER_USERNAME,
# DJANGO_SUPERUSER_EMAIL) it asks nothing. Both ways check the password rules (README).
createsuperuser: install .secret_key
	@$(LOCAL_ENV) $(BIN)/python manage.py create_admin $(if $(DJANGO_SUPERUSER_PASSWORD),--noinput)

dev: install messages
	DJANGO_DEBUG=true $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=true $(BIN)/python manage.py load_kassel_content
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

# pytest-xdist: one worker per CPU; TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= auto
test: install messages
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install messages static .secret_key
	$(BIN)/python -m tests.bench.run $(BENCH_ARGS)

# Every page type in every language at 320, 768 and 1280 px: var/screenshots/ (README, Design).
screenshots: install messages
	$(BIN)/python -m tests.tools.screenshots $(SCREENSHOT_ARGS)

audit: install
	$(BIN)/uv export --frozen --format requirements-txt --no-hashes --quiet > .audit-requirements.txt
	$(BIN)/pip-audit --strict --requirement .audit-requirements.txt --no-deps --disable-pip; \
	status=$$?; rm -f .audit-requirements.txt; exit $$status

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .import_linter_cache
	find locale -name "*.mo" -delete
