#!/usr/bin/env bash
# Tests the web app: webapp_worker's unit tests, then the backend's API tests against a real
# uvicorn and the end-to-end tests in Debian's Chromium (Playwright, no browser download).
# Needs build/pyodide/ (scripts/fetch-pyodide-runtime.sh) and the fib_python and browser
# fib_pybind wheels in dist/; builds the webapp_worker wheel itself.
# Usage: scripts/test-webapp.sh [extra pytest arguments]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
python=$repo/.venv/bin/python
die() { printf 'test-webapp: error: %s\n' "$*" >&2; exit 1; }

[[ -x $python ]] || die "no $python; run scripts/ensure-python-env.sh"
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || die "no Chromium at ${CHROMIUM:-/usr/bin/chromium}: apt-get install chromium"
[[ -f $repo/build/pyodide/pyodide.mjs ]] || die "no Pyodide runtime in build/pyodide/: run scripts/fetch-pyodide-runtime.sh"
compgen -G "$repo/dist/fib_python-*-py3-none-any.whl" > /dev/null || die "no fib_python wheel in dist/"
compgen -G "$repo/dist/fib_pybind-*-emscripten_*_wasm32.whl" > /dev/null || die "no browser fib_pybind wheel in dist/"

"$repo/scripts/build-webapp-worker-wheel.sh"
cd "$repo"
"$python" -m pytest webapp-worker "$@"
"$python" -m pytest webapp-backend "$@"
