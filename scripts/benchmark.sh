#!/usr/bin/env bash
# The full benchmark (a few minutes): n = 10^3..10^7, tables, JSON report and plots in
# build/benchmark-report/. Extra arguments go to `benchmark`: --browser (Pyodide in Chromium,
# needs the built web app), --server (wrk load test of /api/fib), --out DIR, --help.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/benchmarks-env.sh"
# --project keeps the caller's working directory, so a relative --out means what it says.
exec "$repo/scripts/poetry.sh" --project="$repo/benchmarks" run benchmark "$@"
