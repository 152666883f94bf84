#!/usr/bin/env bash
# The Python packages' suites:
#   1. in .venv: fib_python's own tests, the vector file's generator check and the conformance
#      suite for fib_python;
#   2. in a fresh venv holding only binary wheels (no compiler, no build backend, pip refuses to
#      build anything): the repaired manylinux fib_pybind wheel from dist/, and against that
#      install fib-pybind's tests and the conformance suite for both implementations.
# Needs dist/ from scripts/build-native-wheel.sh.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dist=$repo/dist
test_venv=$repo/build/installed-wheel-venv
wheel=$(ls -t "$dist"/fib_pybind-*-manylinux*.whl 2>/dev/null | head -1 || true)
[[ -n $wheel ]] || { echo "test-python: no manylinux wheel in dist/: run scripts/build-native-wheel.sh" >&2; exit 1; }

echo "== fib_python, the vector file and the conformance suite (.venv)"
cd "$repo"
FIB_IMPLEMENTATIONS=fib_python "$repo/.venv/bin/python" -m pytest fib-python/tests testdata

echo "== fib_pybind installed from ${wheel##*/} into a fresh venv"
rm -rf "$test_venv"
python3 -m venv "$test_venv"
pip_install=("$test_venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all:)
"${pip_install[@]}" --no-index --find-links "$dist" fib_pybind fib_python
"${pip_install[@]}" $(grep -E '^(pytest|hypothesis|mypy)==' "$repo/requirements-dev.txt")
# Run from outside the repository so nothing can import the source tree instead of the install.
cd "$test_venv"
location=$("$test_venv/bin/python" -c 'import fib_pybind; print(fib_pybind.__file__)')
[[ $location == "$test_venv"/* ]] || { echo "test-python: fib_pybind imported from $location" >&2; exit 1; }
echo "fib_pybind imported from ${location#"$repo"/}"
FIB_IMPLEMENTATIONS=fib_pybind,fib_python "$test_venv/bin/python" -m pytest -p no:cacheprovider \
  --rootdir "$repo" "$repo/fib-pybind/tests" "$repo/testdata/conformance"
