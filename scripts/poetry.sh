#!/usr/bin/env bash
# Runs the project's pinned Poetry, installing it on first use into build/tools/poetry-venv
# (a venv of its own, so Poetry's dependencies never mix with a project environment).
# Poetry reads PyPI through the simple index, as pip does: see benchmarks/tools/poetry_simple_index.py.
# Usage: scripts/poetry.sh [poetry arguments...]
set -euo pipefail

POETRY_VERSION=2.5.1
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$repo/build/tools/poetry-venv"

if [[ "$("$tools/bin/poetry" --version 2>/dev/null)" != *"version $POETRY_VERSION)"* ]]; then
  echo "Installing Poetry $POETRY_VERSION into $tools" >&2
  python3 -m venv --clear "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check "poetry==$POETRY_VERSION"
fi
exec "$tools/bin/python" "$repo/benchmarks/tools/poetry_simple_index.py" "$@"
