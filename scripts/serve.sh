#!/usr/bin/env bash
# Serves the web app (page, Pyodide runtime, wheels, API) with uvicorn.
# Usage: [HOST=127.0.0.1] [PORT=8000] [FIB_API_MAX_N=10000000] scripts/serve.sh
# Serves what is built; it builds nothing (make run builds first).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
python=$repo/.venv/bin/python
[[ -x $python ]] || { echo "serve: no $python; run scripts/ensure-python-env.sh" >&2; exit 1; }

warn() { printf 'serve: warning: %s\n' "$*" >&2; }
[[ -f $repo/build/pyodide/pyodide.mjs ]] ||
  warn "build/pyodide/ has no runtime: run scripts/fetch-pyodide-runtime.sh (the page cannot start Python)"
for package in fib_python fib_pybind webapp_worker; do
  compgen -G "$repo/dist/${package}-*.whl" > /dev/null ||
    warn "no $package wheel in dist/ (the page cannot install it)"
done

url_host=$host
[[ $host == *:* ]] && url_host="[$host]"
echo "Serving py-cpp-fib at http://$url_host:$port/ (API docs at http://$url_host:$port/docs)"
exec "$python" -m uvicorn --app-dir "$repo/webapp-backend" --factory webapp_backend.app:create_app \
  --host "$host" --port "$port"
