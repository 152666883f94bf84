#!/usr/bin/env bash
# Installs whatever is missing and builds every artifact the app serves and the tests use:
# the manylinux fib_pybind wheel (also installed into .venv for the server-side API), the
# Emscripten fib_pybind wheel with GMP inside, the pure wheels and the self-hosted Pyodide runtime.
# Each step skips work that is already up to date.
set -euo pipefail

scripts=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$scripts")

"$scripts/ensure-system-packages.sh"
"$scripts/ensure-node-modules.sh"
"$scripts/ensure-python-env.sh"
"$scripts/build-native-wheel.sh"
"$repo/.venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall \
  "$(ls -t "$repo"/dist/fib_pybind-*-manylinux*.whl | head -1)"
"$scripts/build-pyodide-wheel.sh"
"$scripts/build-webapp-worker-wheel.sh"
