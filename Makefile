# Two commands on a fresh machine: `make demo` (set up, run the main job) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup browser demo test lint bench clean

setup: $(VENV)/.installed

# Debian's Chromium for the end-to-end test (never a Playwright browser download); the demo
# does not need it, so only `make test` installs it.
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "make: could not install Debian chromium; only tests/test_e2e.py needs it"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@

demo: setup
	$(BIN)/ontwar demo --out demo-output

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test: lint browser
	$(BIN)/python -m pytest -n 2

bench: setup
	command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils)
	$(BIN)/python bench/recover.py
	$(BIN)/python bench/pdf.py --quick
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) demo-output .pytest_cache .ruff_cache .hypothesis
