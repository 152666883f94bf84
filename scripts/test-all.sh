#!/usr/bin/env bash
# Every test suite of every package. Builds what they need first (scripts/build-all.sh), runs
# each suite even when an earlier one failed, and exits non-zero if any failed.
set -uo pipefail

scripts=$(cd "$(dirname "$0")" && pwd)
started=$SECONDS

"$scripts/build-all.sh" || { echo "test-all: the build failed, no suite was run" >&2; exit 1; }

suites=(
  test-cpp.sh          # ctest: GoogleTest for both backends, ASan+UBSan, installed-package consumer
  test-python.sh       # pytest: fib_python, vectors, conformance, fib_pybind from the installed wheel
  test-wasm-gmp.sh     # GMP's own tests/mpn and tests/mpz on the wasm32 GMP, under Node
  test-pyodide.sh      # pytest inside Pyodide under Node: the browser wheel, imports, GMP privacy
  test-webapp.sh       # pytest: worker package, API against uvicorn, Chromium end to end
  test-benchmarks.sh   # pytest of the harness and `benchmark --quick` smoke run
)
passed=()
failed=()
for suite in "${suites[@]}"; do
  echo
  echo "======== $suite"
  if "$scripts/$suite"; then
    passed+=("$suite")
  else
    failed+=("$suite")
  fi
done

echo
echo "test-all: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
for suite in "${failed[@]}"; do
  echo "FAILED: $suite"
done
echo "suites: ${#passed[@]} passed, ${#failed[@]} failed"
((${#failed[@]} == 0))
