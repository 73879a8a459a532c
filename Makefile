# Two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SEED_DIR ?= ../shared/seed
SEED := $(SEED_DIR)/000_57345e16e62c26d9.txt
# Feeds and sitemaps name the address this machine serves on (contrib.sites, set at migrate).
export SITE_DOMAIN ?= 127.0.0.1:$(PORT)

.PHONY: run serve test test-postgres install browser seed fixture bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/.installed

seed: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py import_post $(SEED) --assets $(SEED_DIR)/assets --if-new
	$(PY) manage.py seed_facts
	$(PY) manage.py rebuild_search_index

run: seed
	$(PY) manage.py ensure_admin
	@echo "Serving http://127.0.0.1:$(PORT)/ (admin at http://127.0.0.1:$(PORT)/admin/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production mode on this machine: gunicorn (2 sync workers beat 4 and gthread on 2 cores),
# hashed and compressed static files from WhiteNoise, plain HTTP on loopback.
SERVE_ENV = DJANGO_SETTINGS_MODULE=config.settings.prod DJANGO_HTTPS=0 SERVE_MEDIA=1 \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$(cat var/dev-secret-key)}
serve: seed
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v0
	@echo "Serving (production settings, gunicorn) on http://127.0.0.1:$(PORT)/"
	$(SERVE_ENV) $(VENV)/bin/gunicorn config.wsgi --workers 2 --bind 127.0.0.1:$(PORT) --access-logfile -

test: install browser
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest

# What the tests need beyond Python: Debian's Chromium for the browser tests and redis-server
# for the cache-outage tests (apt-get, as root), and axe-core (npm, pinned).
browser: node_modules/axe-core/axe.min.js
	@for tool in chromium redis-server; do command -v $$tool >/dev/null || { [ "$$(id -u)" = 0 ] \
		&& apt-get update -qq && apt-get install -y -qq $$tool >/dev/null; } \
		|| { echo "Install Debian's $$tool (apt-get install $$tool) for the tests"; exit 1; }; done

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The load benchmark (wrk, nginx, chromium and postgresql from Debian, installed as root; Lighthouse
# from npm, pinned in bench/package.json), the scale-out run, then CPU per request in process.
bench: install bench/node_modules/.bin/lighthouse
	@ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq \
		&& apt-get install -y -qq postgresql >/dev/null; } || { echo "Install Debian's postgresql for the scale-out run"; exit 1; }
	@for tool in wrk nginx chromium; do command -v $$tool >/dev/null || [ -x /usr/sbin/$$tool ] || { [ "$$(id -u)" = 0 ] \
		&& apt-get update -qq && apt-get install -y -qq $$tool >/dev/null; } \
		|| { echo "Install Debian's $$tool (apt-get install $$tool) for the benchmark"; exit 1; }; done
	$(PY) bench/load.py
	$(PY) bench/scale.py
	$(PY) bench/pages.py --requests 300
	$(PY) bench/render.py

bench/node_modules/.bin/lighthouse: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	touch $@

# Rewrite fixtures/seed.json from a fresh import of the seed (a test compares the two).
FIXTURE_TMP := $(shell mktemp -u /tmp/seed-fixture.XXXXXX)
fixture: install
	mkdir -p $(FIXTURE_TMP)
	SQLITE_PATH=$(FIXTURE_TMP)/db.sqlite3 MEDIA_ROOT=$(FIXTURE_TMP)/media $(PY) manage.py migrate --noinput -v0
	SQLITE_PATH=$(FIXTURE_TMP)/db.sqlite3 MEDIA_ROOT=$(FIXTURE_TMP)/media $(PY) manage.py import_post $(SEED) --assets $(SEED_DIR)/assets
	SQLITE_PATH=$(FIXTURE_TMP)/db.sqlite3 MEDIA_ROOT=$(FIXTURE_TMP)/media $(PY) manage.py dumpdata blog frameworks taggit --indent 2 -o fixtures/seed.json
	rm -rf $(FIXTURE_TMP)

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media staticfiles node_modules

# The suite against a running PostgreSQL (what .ci/run does after the SQLite run).
test-postgres: install browser
	DATABASE_URL=$${DATABASE_URL:-postgres://cms:cms@127.0.0.1:5432/cms} $(PY) -m pytest
