# Have Your Say: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
VENDOR := intake/static/vendor/govuk-frontend
STAMP := $(VENV)/.installed
UV := $(BIN)/uv

LINTED := intake tests bench scripts wsgi.py
# The suite on every core (pytest-xdist), each worker with its own database; a browser-test module stays on one
# worker (one Chromium, one live server). JOBS=2 sets how many workers; JOBS=0 runs it in this one process.
PYTEST := $(BIN)/python -m pytest -q -p no:cacheprovider -n $(or $(JOBS),auto) --dist loadgroup

.PHONY: install run test test-postgres lint typecheck lock translations-extract translations-update translations-compile bench clean

## install: Python packages, front-end assets and compiled translations (idempotent).
install: $(STAMP) $(VENDOR)/govuk-frontend.min.css translations-compile
	@# Bytecode for our own code (pip compiles the packages it installs): some machines set PYTHONDONTWRITEBYTECODE,
	@# and then every start would compile every module again.
	@$(BIN)/python -m compileall -q intake wsgi.py

# Everything comes from requirements.lock, every file checked against its hash: pip installs uv (itself from
# requirements-uv.lock, hashed), and uv installs the rest, in parallel, ten times as fast as pip here.
$(STAMP): requirements.txt requirements-dev.txt requirements.lock $(UV) pyproject.toml
	@$(PYTHON) scripts/check_lock.py
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes --no-deps --compile-bytecode -r requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(UV): requirements-uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --require-hashes --no-deps -r requirements-uv.lock
	touch $(UV)

## lock: write requirements.lock (and requirements-uv.lock) from requirements.txt and requirements-dev.txt, with hashes.
lock: $(UV)
	$(UV) pip compile --quiet --generate-hashes --python-version 3.11 -o requirements.lock requirements-dev.txt
	grep -E '^uv==' requirements-dev.txt | $(UV) pip compile --quiet --generate-hashes --python-version 3.11 -o requirements-uv.lock -
	@echo "Locked. Commit requirements.lock and requirements-uv.lock; make install now installs from them."

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.package-lock.json

$(VENDOR)/govuk-frontend.min.css: node_modules/.package-lock.json
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(VENDOR)/
	@# No web font, ever: the GDS Transport faces are GOV.UK's own, and a browser fetches one whenever anything
	@# styled with it is drawn (site.css sets the system fonts on every element, but a race or a pseudo-element
	@# could still draw one). Without @font-face there is nothing to fetch.
	sed -E -i 's/@font-face\{[^}]*\}//g' $(VENDOR)/govuk-frontend.min.css
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

## test: install what the tests need, then lint and run the whole suite (SQLite, or TEST_DATABASE_URL).
test: install
	@bash scripts/ensure-test-packages.sh
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check --quiet $(LINTED)
	$(BIN)/mypy
	@bash scripts/audit-dependencies.sh
	$(PYTEST) $(PYTEST_ARGS)

## test-postgres: the tests that touch a database, on a throw-away PostgreSQL (as .ci/run does). Browser tests
## run once, on SQLite, in `make test`: they drive the same routes the client tests already run here.
test-postgres: install
	bash scripts/with-postgres.sh $(PYTEST) -m "db and not browser" $(PYTEST_ARGS)

## lint: ruff, and mypy over intake/domain and intake/data (make test runs both too).
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	@$(MAKE) --no-print-directory typecheck

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache
