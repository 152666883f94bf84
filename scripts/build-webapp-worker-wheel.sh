#!/usr/bin/env bash
# Builds the webapp_worker wheel (pure Python) into dist/, where the backend serves it to
# the Pyodide worker. Rebuilds every time: the file name stays the same when the code changes.
# Usage: scripts/build-webapp-worker-wheel.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
python=$repo/.venv/bin/python
[[ -x $python ]] || { echo "build-webapp-worker-wheel: no $python; run scripts/ensure-python-env.sh" >&2; exit 1; }

mkdir -p "$repo/dist"
# setuptools reuses webapp-worker/build/lib, where a deleted module would live on in the wheel.
rm -rf "$repo/webapp-worker/build"
# The pinned setuptools of .venv (requirements-dev.txt) builds it: no index needed.
"$python" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$repo/dist" "$repo/webapp-worker"
echo "[build-webapp-worker-wheel] $(cd "$repo" && ls dist/webapp_worker-*.whl)"
