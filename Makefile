# Two commands: `make run` (set up and serve) and `make test` (set up and run the suite).
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
MANAGE := $(PY) manage.py

.PHONY: run setup test test-browser lint check messages messages-update messages-check jobs bench drills clean preview backup restore

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# Compiled translations are built, never committed.
messages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=.venv -v0

# Spanish catalogue: `messages-update` adds new source strings to locale/es (then fill their msgstr);
# `messages-check` fails, listing them, while any string lacks a translation (it never edits locale/).
messages-update: $(VENV)/.installed
	$(MANAGE) makemessages -l es --ignore=.venv --ignore=tests --ignore=media --ignore=staticfiles --ignore=bench-results
	$(MANAGE) check_translations

messages-check: $(VENV)/.installed
	$(MANAGE) check_translations

setup: messages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_demo_content
	$(MANAGE) create_local_admin

# The periodic jobs, run once (production runs this from cron or a scheduler, e.g. every 5 minutes; see README).
jobs: $(VENV)/.installed
	$(MANAGE) publish_scheduled
	$(MANAGE) deliver_pending
	$(MANAGE) purge_appointment_requests

run: setup
	@echo "Serving http://127.0.0.1:8000/  (admin at /admin/; Ctrl-C to stop)"
	$(MANAGE) runserver 127.0.0.1:8000

# Both CPUs: pytest-xdist runs two workers, each with its own test database (see tests/conftest.py).
test: messages
	$(PY) -m pytest -q -n 2

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.installed
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Real-browser tests: Debian's Chromium (never `playwright install`) against a production-like server.
test-browser: messages
	@test -x /usr/bin/chromium || { echo "test-browser needs Chromium: apt-get install -y chromium"; exit 1; }
	@test -x /usr/bin/java || { echo "test-browser needs Java for the Nu HTML Checker: apt-get install -y openjdk-17-jre-headless"; exit 1; }
	$(PY) -m pytest tests/browser -q -p no:django --confcutdir=tests/browser -W "ignore:Unknown config option"

# Not part of `make test`: a production build on gunicorn, measured (see README, Performance).
# BENCH_ARGS=--postgres measures PostgreSQL + Redis instead of SQLite + the file cache.
bench: messages
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk (see README, Performance)"; exit 1; }
	$(PY) tests/bench/run_bench.py $(BENCH_ARGS)

# Fault drills on the embedded default, then on PostgreSQL + Redis; fails if any drill fails.
drills: messages
	$(PY) tests/bench/drills.py $(DRILL_ARGS)

# The production stack on this machine over plain HTTP: Caddy + gunicorn (2 workers) + db_worker, DEBUG off,
# on http://127.0.0.1:8080 (PREVIEW_PORT); PostgreSQL + Redis when DATABASE_URL and CACHE_URL are set. Ctrl-C stops.
preview: messages
	$(PY) deploy/preview.py

# One dated archive of the database and media in BACKUP_DIR (var/backups), encrypted with age when
# BACKUP_AGE_RECIPIENT is set; keeps the newest BACKUP_KEEP. Production runs it daily from cron (see README).
backup: $(VENV)/.installed
	$(MANAGE) backup

# Fill an EMPTY database and media folder from an archive: make restore BACKUP=var/backups/limbic-....tar.gz
restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=path/to/limbic-<time>.tar.gz[.age]"; exit 2; }
	$(MANAGE) restore "$(BACKUP)"

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
