# Two commands set everything up on a fresh machine: `make run` and `make test`.
# make test installs every optional extra (events, serve, plot; spark for the Spark test; fast
# for the compiled landscape kernels) so that no test is skipped.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# The reference-data root (ATOP for the base-rate lens, UN votes for the report) when it sits
# beside the project; optional.
DATA ?= $(wildcard ../shared/data)
DATA_OPT := $(if $(DATA),--data $(DATA))
REPORT ?= report.html

.PHONY: install run test browser lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,spark,fast,events,serve,plot]'
	touch $(TEST_STAMP) $(RUN_STAMP)

install: $(RUN_STAMP)

# The main job: assess the built-in scenario in the terminal and write the HTML report beside it.
run: $(RUN_STAMP)
	$(BIN)/blocs assess russia-iran-2017 $(DATA_OPT) --report $(REPORT)

# The browser tests drive Debian's headless Chromium (no browser download). make test installs it
# with apt-get when it is absent and we are root; otherwise it says in one line what to run and
# the browser tests skip with that reason.
CHROMIUM := /usr/bin/chromium
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then \
	    echo "installing chromium and chromium-driver for the browser tests (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else \
	    echo "browser tests will be skipped: run 'sudo apt-get install -y chromium chromium-driver' to include them"; \
	  fi; \
	fi

test: $(TEST_STAMP) browser
	$(BIN)/pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: $(TEST_STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(TEST_STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
