# The README's commands. Everything installs from this project's own files into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := $(VENV)/demo-archive.db

.PHONY: demo test lint bench clean

# editable_mode=compat puts the project on sys.path with a .pth file instead of an import
# hook: measured here, the hook added 12 ms to every Python start (`python -c pass` 22 -> 10 ms),
# and `newsarc search` runs in shell loops. compileall: this machine's environment may set
# PYTHONDONTWRITEBYTECODE, and compiling newsarc on every start cost another 6 ms. warm(): the
# place gazetteer's caches (in ~/.cache/newsarc), which the first ingest would otherwise build.
$(BIN)/newsarc: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q newsarc
	$(BIN)/python -c "from newsarc.extract.places import warm; warm()"
	touch $@

demo: $(BIN)/newsarc
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsarc --db $(DEMO_DB) ingest seeds/
	$(BIN)/newsarc --db $(DEMO_DB) search "Al-Qaim"

# The suite, then its command-level tests again on a PostgreSQL archive (issue 20): with
# NEWSARC_TEST_BACKEND=postgres each test's archive is a schema on a throwaway server
# (tests/pgserver.py; .ci/run installs the server). Left out there: the tests with no
# archive, those comparing the two backends or about PostgreSQL itself (already in the first
# run), sqlite-utils/Datasette's, the SQLite fast paths' (test_identical_paths) and the
# process-killing faults of test_faults (a PostgreSQL server killed mid-ingest is
# test_pg_archive's). Two processes each (pytest-xdist): the suite's 5 minutes on 2 cores.
PG_SUITE := $(filter-out tests/test_backends.py tests/test_pg.py tests/test_pg_archive.py \
	tests/test_other_tools.py tests/test_articles.py tests/test_bench_tables.py \
	tests/test_identical_paths.py tests/test_faults.py \
	tests/test_credits.py tests/test_dates.py tests/test_news_corpus.py tests/test_places.py \
	tests/test_timex.py tests/test_tokens.py tests/test_matches.py tests/test_query.py, \
	$(wildcard tests/test_*.py))

test: $(BIN)/newsarc
	$(BIN)/python -m pytest -q -n 2
	NEWSARC_TEST_BACKEND=postgres $(BIN)/python -m pytest -q -n 2 $(PG_SUITE)

lint: $(BIN)/newsarc
	$(BIN)/ruff check newsarc tests $(wildcard bench)
	$(BIN)/mypy

# `make bench BENCH_ARGS="--n 2000"` for a quick look; rg and grep are optional peers.
# `BENCH_ARGS="--n 1000000"`: ~45 min on 2 cores, the 1M figures beside 100k's (README).
bench: $(BIN)/newsarc
	$(BIN)/python -m compileall -q newsarc
	$(BIN)/python -c "from newsarc.extract.places import warm; warm()"
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
