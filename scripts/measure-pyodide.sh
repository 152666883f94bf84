#!/usr/bin/env bash
# Measures, inside Pyodide 0.25.1 under Node, fib_python.fib against fib_pybind.fib (the wasm
# wheel with GMP) at the given n (default 10^5, 10^6, 10^7): medians from one process, and their
# ratio. A measurement, not a test. Builds the wheels first if needed.
# Usage: scripts/measure-pyodide.sh [N]...
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
emscripten_dir=$repo/fib-pybind/emscripten

"$repo/scripts/build-pyodide-wheel.sh" >/dev/null
version=$(sed -n 's/^#define FIB_VERSION "\(.*\)"/\1/p' "$repo/fib-cpp/include/fib/version.hpp")
node "$emscripten_dir/run-in-pyodide.mjs" \
  --wheel "$repo/dist/fib_pybind-$version-cp311-cp311-emscripten_3_1_46_wasm32.whl" \
  --wheel "$(ls -t "$repo"/dist/fib_python-*-py3-none-any.whl | head -n 1)" \
  --mount "$emscripten_dir:/bench" -- /bench/bench_in_pyodide.py "$@"
