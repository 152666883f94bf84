#!/usr/bin/env bash
# The product: builds everything (installing what is missing), then serves the web app.
# HOST and PORT choose where (default 127.0.0.1:8000).
set -euo pipefail

scripts=$(cd "$(dirname "$0")" && pwd)
"$scripts/build-all.sh"
exec "$scripts/serve.sh"
