#!/usr/bin/env bash
# Creates the benchmarks' Poetry environment (benchmarks/.venv) when it is missing or out of
# date. Poetry builds fib-python and fib-pybind (C++, scikit-build-core) from their folders, but
# does not rebuild them when their sources change (their version stays 0.1.0); so a stamp in the
# venv holds a fingerprint of those folders, fib-cpp and the benchmarks' pyproject and lock, and
# any change recreates the venv (packages come from Poetry's cache; the C++ build takes ~1 min).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stamp="$repo/benchmarks/.venv/.inputs-fingerprint"
inputs=(benchmarks/pyproject.toml benchmarks/poetry.lock fib-python fib-pybind fib-cpp)

fingerprint() {
  (
    cd "$repo"
    # Outside a git work tree nothing tells what changed: a fresh value rebuilds every time.
    git rev-parse --is-inside-work-tree > /dev/null 2>&1 || { echo "no-git-$(date +%s%N)"; exit 0; }
    # Tracked and untracked-but-not-ignored files: the build outputs (ignored) stay out.
    git ls-files -co --exclude-standard -z -- "${inputs[@]}" | sort -z |
      while IFS= read -r -d '' file; do
        if [[ -f "$file" ]]; then sha256sum -- "$file"; fi
      done | sha256sum | cut -d' ' -f1
  )
}

wanted="$(fingerprint)"
if [[ -x "$repo/benchmarks/.venv/bin/python" && "$(cat "$stamp" 2>/dev/null)" == "$wanted" ]]; then
  exit 0
fi
echo "Building the benchmarks environment (benchmarks/.venv) with Poetry" >&2
rm -rf "$repo/benchmarks/.venv"
"$repo/scripts/poetry.sh" --directory="$repo/benchmarks" sync --no-interaction
echo "$wanted" > "$stamp"
