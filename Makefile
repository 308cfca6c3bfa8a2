# Paraat: `make run` starts the bot with the Agents Playground; `make test` runs the whole suite.
# Both set up what they need first (scripts/setup.sh), so they work on a fresh clone.
# `make check` is the quick loop while working: lint, types, the import contract and the fast
# tests (no Chromium, PostgreSQL or Playground). `make fmt` formats.

VENV := .venv
BIN := $(VENV)/bin
FAST := not postgres and not e2e and not chromium

.PHONY: run test check fmt lint typecheck contracts pytest fast bench setup setup-test clean

run: setup
	$(BIN)/paraat dev

test: setup-test lint typecheck contracts pytest

check: setup lint typecheck contracts fast

fmt: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

# The floors of the code (docs/decisions.md #18), from [tool.importlinter] in pyproject.toml.
contracts:
	$(BIN)/lint-imports

pytest:
	$(BIN)/python -m pytest

fast:
	$(BIN)/python -m pytest -q -m "$(FAST)"

# Paraat's turns against a bare Agents SDK echo bot, as ratios (writes docs/performance.md).
bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) tools/node_modules .pytest_cache .mypy_cache .ruff_cache
