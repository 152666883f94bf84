#!/usr/bin/env bash
# The benchmarks' smoke run (seconds): measures n <= 10^5 and fails unless the report is sound
# (all implementations agree, every JSON field present, plots written). Never judges timings.
# Extra arguments go to `benchmark`, e.g. --out DIR. Report: build/benchmark-quick/.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/benchmarks-env.sh"
# --project keeps the caller's working directory, so a relative --out means what it says.
exec "$repo/scripts/poetry.sh" --project="$repo/benchmarks" run benchmark --quick "$@"
