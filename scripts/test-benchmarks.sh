#!/usr/bin/env bash
# The benchmarks' part of the test command: the harness's unit tests, then the quick run.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/benchmarks-env.sh"
(cd "$repo/benchmarks" && "$repo/scripts/poetry.sh" run pytest -q)
"$repo/scripts/benchmark-quick.sh"
