#!/usr/bin/env bash
# Builds the fib-cpp micro-benchmark (Release, -O2) in build/cpp-bench, runs it once and prints
# every implementation's time relative to GMP's mpz_fib_ui from that same run.
# Extra arguments go to the benchmark, e.g. --benchmark_filter='^fib/'.
# Needs: cmake, ninja-build, g++, libboost1.81-dev, libgmp-dev, libbenchmark-dev, python3.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$repo/build/cpp-bench
results=$build_dir/results.json

mkdir -p "$build_dir"
cmake -S "$repo/fib-cpp" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
  -DFIB_TEST=OFF -DFIB_INSTALL=OFF -DFIB_BENCHMARK=ON >"$build_dir/configure.log" 2>&1 ||
  { cat "$build_dir/configure.log"; exit 1; }
cmake --build "$build_dir" --target fib_benchmark

# Five repetitions; the reporter uses their medians.
"$build_dir/bench/fib_benchmark" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_out="$results" --benchmark_out_format=json "$@"
echo
python3 "$repo/fib-cpp/bench/report_ratios.py" "$results"
