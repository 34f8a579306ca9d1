# Have Your Say: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
VENDOR := intake/static/vendor/govuk-frontend
STAMP := $(VENV)/.installed

.PHONY: install run test test-postgres lint translations-extract translations-update translations-compile bench clean

## install: Python packages, front-end assets and compiled translations (idempotent).
install: $(STAMP) $(VENDOR)/govuk-frontend.min.css translations-compile
	@# Bytecode for our own code (pip compiles the packages it installs): some machines set PYTHONDONTWRITEBYTECODE,
	@# and then every start would compile every module again. Then the risk screen's patterns, compiled once and kept.
	@$(BIN)/python -m compileall -q intake wsgi.py
	@$(BIN)/python -c "import intake.domain.risk"

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

$(VENDOR)/govuk-frontend.min.css: node_modules/.package-lock.json
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(VENDOR)/
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(VENDOR)/assets

translations-compile: $(STAMP)
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then $(BIN)/pybabel -q compile -d translations; fi

translations-extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 --no-location --sort-output --omit-header -o translations/messages.pot .

translations-update: translations-extract
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

## run: serve on http://127.0.0.1:$(PORT) with SQLite under instance/ and demo data on the first run.
run: install
	@mkdir -p instance
	@test -f instance/.env || { echo "APP_ENV=development" > instance/.env; \
	  echo "SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(48))')" >> instance/.env; \
	  echo "Generated a local secret key in instance/.env"; }
	$(FLASK) db upgrade
	$(FLASK) sync-teams
	@test -f instance/.demo-loaded || { $(FLASK) demo-data && touch instance/.demo-loaded; }
	@echo "Serving Have Your Say on http://127.0.0.1:$(PORT) (staff area: /staff/login)"
	@echo "The outbox worker runs alongside; with no SMTP_HOST, mail and texts land in instance/outbox/."
	@$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(FLASK) run --host 127.0.0.1 --port $(PORT)

## test: install what the tests need, then run the whole suite (SQLite, or TEST_DATABASE_URL).
test: install
	@bash scripts/ensure-chromium.sh
	@bash scripts/ensure-dovecot.sh
	@bash scripts/ensure-poppler.sh
	$(BIN)/ruff check intake tests bench scripts wsgi.py
	$(BIN)/ruff format --check --quiet intake tests bench scripts wsgi.py
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

## test-postgres: the suite against a throw-away PostgreSQL (as .ci/run does).
test-postgres: install
	bash scripts/with-postgres.sh $(MAKE) test

lint: $(STAMP)
	$(BIN)/ruff check intake tests bench scripts wsgi.py
	$(BIN)/ruff format --check intake tests bench scripts wsgi.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache
