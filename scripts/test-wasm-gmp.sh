#!/usr/bin/env bash
# Runs GMP's own test programs against the wasm32 GMP build under Node: the library checks in
# tests/ (they exercise longlong.h, which we patch), tests/mpn and tests/mpz.
# Builds GMP first when needed (scripts/build-wasm-gmp.sh). The test programs stay in the build
# tree and make rebuilds them only when the library changes; the tests run every time.
# Ends with "gmp-wasm: N passed, M failed" and exits 1 if anything failed.
# Usage: scripts/test-wasm-gmp.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$repo/build/wasm/gmp-build
log_dir=$repo/build/wasm/logs
test_dirs=(tests tests/mpn tests/mpz)
jobs=2

# emscripten's JS tools need Debian's node modules (acorn); the nodesource node does not look there.
export NODE_PATH=/usr/share/nodejs

log() { printf '[test-wasm-gmp %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# Variables for GMP's automake test harness:
# - every program runs as `node --no-experimental-fetch t-foo`: Node 20's fetch cannot load
#   the .wasm from a file path, and without it Emscripten's loader reads the file directly;
# - some tests (reuse, big operands) outgrow Emscripten's fixed 16 MB heap;
# - link with -O1 (after configure's -O3): the objects under test are already optimised, and
#   binaryen's -O3 pass over each of ~120 programs would triple the run time of this script.
harness_vars=(
  LOG_COMPILER=node
  LOG_FLAGS=--no-experimental-fetch
  "LDFLAGS=-sALLOW_MEMORY_GROWTH=1 -O1"
)

# The test names a directory's Makefile runs (its TESTS variable).
tests_of() {
  make -s --no-print-directory -C "$build_dir/$1" -f Makefile \
    -f <(printf 'print-tests:\n\t@echo $(TESTS)\n') print-tests
}

main() {
  "$repo/scripts/build-wasm-gmp.sh"
  mkdir -p "$log_dir"
  local start=$SECONDS dir test result trs passed=0 failed=0 skipped=0 failures=()

  log "building the test library (tests/libtests.la)"
  make -s -C "$build_dir/tests" libtests.la >"$log_dir/test-libtests.log" 2>&1 || {
    tail -n 30 "$log_dir/test-libtests.log" >&2
    echo "gmp-wasm: 0 passed, 1 failed (tests/libtests.la did not build)"
    exit 1
  }

  for dir in "${test_dirs[@]}"; do
    log "building and running $dir (log: build/wasm/logs/test-${dir//\//-}.log)"
    # Results from an earlier run must not count if a program no longer builds.
    rm -f "$build_dir/$dir"/*.trs "$build_dir/$dir"/*.log
    # -k: a test that fails to build or run must not stop the others; results come from .trs.
    make -k -j"$jobs" -C "$build_dir/$dir" check-TESTS "${harness_vars[@]}" \
      >"$log_dir/test-${dir//\//-}.log" 2>&1 || true
    # Assigned first so a failure to list the tests stops the script (set -e does not see
    # failures inside a for loop's word list), and an empty list is an error, not a pass.
    local listed
    listed=$(tests_of "$dir")
    [[ -n $listed ]] || { echo "gmp-wasm: no tests listed in $dir" >&2; exit 1; }
    for test in $listed; do
      trs=$build_dir/$dir/$test.trs
      result=$([[ -f $trs ]] && sed -n 's/^:test-result: //p' "$trs" || echo "NOT-BUILT")
      case $result in
        PASS | XFAIL) passed=$((passed + 1)) ;;
        SKIP) skipped=$((skipped + 1)) ;;
        *) failed=$((failed + 1)); failures+=("$dir/$test: $result") ;;
      esac
    done
    log "  $dir done, $((SECONDS - start)) s so far"
  done

  for test in "${failures[@]}"; do
    echo "FAILED $test (see build/wasm/gmp-build/${test%%:*}.log)"
  done
  ((skipped == 0)) || echo "gmp-wasm: $skipped skipped"
  log "took $((SECONDS - start)) s"
  echo "gmp-wasm: $passed passed, $failed failed"
  ((failed == 0 && passed > 0))
}

main "$@"
