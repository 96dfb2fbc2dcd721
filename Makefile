# The two commands of the README's quick start: `make demo` and `make test`.
# Both install what is missing, so they work on a fresh Debian machine as root.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= kroniek.duckdb

.PHONY: demo test lint frog chromium venv clean

frog:
	@command -v frog >/dev/null 2>&1 || { \
		echo "Installing Frog (Debian packages frog and frogdata)..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq frog frogdata; }

$(BIN)/kroniek: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/kroniek
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

venv: $(BIN)/kroniek

demo: frog $(BIN)/kroniek
	$(BIN)/kroniek run examples/corpus --db $(DB)

# The browser tests drive Debian's chromium through Playwright (no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium (Debian package chromium) for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: frog chromium $(VENV)/.test-deps
	$(BIN)/ruff check kroniek tests
	$(BIN)/pytest -q

lint: $(VENV)/.test-deps
	$(BIN)/ruff check kroniek tests

clean:
	rm -rf $(VENV) $(DB) $(DB).wal $(DB).lock test-artifacts
