#!/usr/bin/env bash
# Installs the root package.json's Node dependencies (the Pyodide runtime) exactly as locked.
# Quick when nothing changed: a stamp records the lock file it was installed from.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
stamp=node_modules/.installed-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
  echo "node modules: up to date"
  exit 0
fi
npm ci --no-audit --no-fund
echo "$wanted" > "$stamp"
