# The two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUNDLE := dist/fractional-desk

# What a fresh Debian 12+ or Ubuntu 24.04+ needs for `make run` and `make test` (the README lists
# the same line; tests/desktop/test_packaging.py keeps them equal). The Qt libraries are for the offscreen
# tests and the X11 window; a font so that text has a size.
SYSTEM_PACKAGES := python3 python3-venv make fonts-dejavu-core libgl1 libegl1 libfontconfig1 \
	libxkbcommon0 libdbus-1-3 libglib2.0-0 libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 \
	libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 \
	libxcb-shape0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1
# `make build` also reads the libraries' links with objdump.
BUILD_PACKAGES := binutils

.PHONY: run demo test lint format typecheck layers bench build check-bundle deps build-deps \
	install-desktop clean screenshots document-pages

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "Fractional Desk needs Python 3.11 or newer: make PYTHON=python3.12 …"; exit 1; }
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

deps:  ## Install the system packages the README lists (Debian, Ubuntu)
	@.ci/apt-install $(SYSTEM_PACKAGES)

build-deps:  ## deps, and what `make build` needs besides
	@.ci/apt-install $(SYSTEM_PACKAGES) $(BUILD_PACKAGES)

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

build: $(STAMP)  ## The one-folder app in dist/fractional-desk
	rm -rf build $(BUNDLE)
	$(BIN)/pyinstaller --noconfirm --log-level WARN build.spec
	cp resources/linux/install-desktop $(BUNDLE)/
	@du -sh $(BUNDLE)

check-bundle: build  ## Build, then check the bundle's size and start it offscreen
	$(BIN)/python -m tools.bundle_check $(BUNDLE)

install-desktop: $(STAMP)  ## Add Fractional Desk to this user's application menu (Linux)
	resources/linux/install-desktop $(abspath $(BIN)/fractional-desk)

screenshots: $(STAMP)  ## The README's screenshots, light and dark, 1280x800 and 1024x640, from the sample practice
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots resources/screenshots
	QT_QPA_PLATFORM=offscreen SCREENSHOT_SIZE=1024x640 $(BIN)/python -m tools.screenshots resources/screenshots

document-pages: $(STAMP)  ## The README's document pages, rendered by LibreOffice (needs soffice, pdftoppm)
	$(BIN)/python -m tools.document_pages resources/screenshots

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
