#!/usr/bin/env bash
# Builds and runs the fib-cpp GoogleTest suite twice: optimised (-O2, build/cpp, which also runs the
# installed-package consumer test) and under AddressSanitizer + UBSan (build/cpp-asan).
# Quick when nothing changed: configure and build are incremental.
# Needs: cmake, ninja-build, g++, libboost1.81-dev, libgmp-dev, libgtest-dev, nlohmann-json3-dev, libssl-dev.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

# run_suite BUILD_DIR CMAKE_ARGS...: configure with Ninja, build, run ctest (which prints its summary).
run_suite() {
  local build_dir=$1
  shift
  echo "== fib-cpp tests in ${build_dir#"$repo"/}"
  cmake -S "$repo/fib-cpp" -B "$build_dir" -G Ninja -DFIB_BENCHMARK=OFF "$@" >"$build_dir.configure.log" 2>&1 ||
    { cat "$build_dir.configure.log"; return 1; }
  cmake --build "$build_dir" --parallel "$jobs"
  ctest --test-dir "$build_dir" --output-on-failure --parallel "$jobs"
}

mkdir -p "$repo/build"
run_suite "$repo/build/cpp" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG"
run_suite "$repo/build/cpp-asan" -DCMAKE_BUILD_TYPE=Debug -DFIB_SANITIZE=ON
