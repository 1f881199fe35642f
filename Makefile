# The two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run demo test lint format typecheck layers bench build clean screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## Start the app on your own data folder
	$(BIN)/fractional-desk

demo: $(STAMP)  ## Start the app on a freshly generated sample practice
	$(BIN)/fractional-desk --demo

test: $(STAMP) lint layers typecheck  ## Every test, headless
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

bench: $(STAMP)  ## Benchmarks on the realistic and the stress sample practice
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.benchmarks

build: $(STAMP)
	$(BIN)/pyinstaller --noconfirm build.spec

screenshots: $(STAMP)  ## The README's screenshots, light and dark, from the sample practice
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.screenshots resources/screenshots

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
