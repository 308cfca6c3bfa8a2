#!/usr/bin/env bash
# Sets up what Paraat needs on a fresh machine; safe to run again (it skips what is there).
#   scripts/setup.sh          Python virtualenv + the project, and the Node tools
#   scripts/setup.sh --test   the same, plus the Debian packages the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

python_env() {
  local python=${PYTHON:-python3}
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Paraat needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1)." >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    say "Making the Python environment (.venv)"
    "$python" -m venv .venv
  fi
  # Reinstall only when pyproject.toml changed since the last install.
  if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
    say "Installing Paraat and its tools into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[dev]'
    touch .venv/.installed
  fi
}

node_tools() {
  if ! command -v npm >/dev/null; then
    need_debian nodejs npm
  fi
  if [ ! -f tools/node_modules/.installed ] || [ tools/package-lock.json -nt tools/node_modules/.installed ]; then
    say "Installing the Node tools (Agents Playground) from tools/package-lock.json"
    npm ci --prefix tools --no-audit --no-fund --loglevel=error
    touch tools/node_modules/.installed
  fi
}

need_debian() {
  if ! command -v apt-get >/dev/null; then
    echo "Please install these packages: $*" >&2
    exit 1
  fi
  say "Installing Debian packages: $*"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

test_packages() {
  local missing=()
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The printed cards are checked as a reader would: text, pages and images from the PDFs.
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  # The card screenshots map Teams' Segoe UI to Liberation Sans (same metrics as Arial).
  compgen -G '/usr/share/fonts/truetype/liberation*/LiberationSans-Regular.ttf' >/dev/null \
    || missing+=(fonts-liberation)
  if [ ${#missing[@]} -gt 0 ]; then
    need_debian "${missing[@]}"
  fi
}

python_env
node_tools
if [ "${1:-}" = "--test" ]; then
  test_packages
fi
