# Two commands set everything up on a fresh machine: `make run` and `make test`.
# make test installs every optional extra (spark for the Spark test, fast for the compiled
# landscape kernels) so that no test is skipped.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# Reference data (ATOP for the base-rate lens, UN votes for the report) when it sits beside the
# project; optional.
DATA ?= $(wildcard ../shared/data)
DATA_OPT := $(if $(DATA),--data $(DATA) $(if $(wildcard $(DATA)/un-votes),--votes $(DATA)/un-votes))
REPORT ?= report.html

.PHONY: install run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,spark,fast]'
	touch $(TEST_STAMP) $(RUN_STAMP)

install: $(RUN_STAMP)

# The main job: assess the built-in scenario in the terminal and write the HTML report beside it.
run: $(RUN_STAMP)
	$(BIN)/blocs assess russia-iran-2017 $(DATA_OPT) --report $(REPORT)

test: $(TEST_STAMP)
	$(BIN)/pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(TEST_STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: $(TEST_STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
