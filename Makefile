# Paraat: `make run` starts the bot with the Agents Playground; `make test` runs the whole suite.
# Both set up what they need first (scripts/setup.sh), so they work on a fresh clone.

VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck pytest bench setup setup-test clean

run: setup
	$(BIN)/paraat dev

test: setup-test lint typecheck pytest

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/python -m pytest

# Paraat's turns against a bare Agents SDK echo bot, as ratios (writes docs/performance.md).
bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) tools/node_modules .pytest_cache .mypy_cache .ruff_cache
