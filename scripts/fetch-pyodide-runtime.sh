#!/usr/bin/env bash
# Assembles a self-hosted Pyodide 0.25.1 runtime in build/pyodide/ that loads with no network:
# the core files of the npm package `pyodide` (root package.json), micropip and packaging wheels
# from PyPI (hash-pinned in fib-pybind/emscripten/pyodide-runtime-requirements.txt) and a
# pyodide-lock.json naming those served files. The web app serves this folder as it is.
# It also downloads the pure wheels that the in-Pyodide tests install (pytest and its
# dependencies) into build/pyodide-test-wheels/.
# Idempotent and offline once everything is there.
# Usage: scripts/fetch-pyodide-runtime.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
pyodide_version=0.25.1
npm_pkg=$repo/node_modules/pyodide
emscripten_dir=$repo/fib-pybind/emscripten
runtime=$repo/build/pyodide
test_wheels=$repo/build/pyodide-test-wheels
python=$repo/.venv/bin/python
[[ -x $python ]] || python=python3

log() { printf '[fetch-pyodide-runtime] %s\n' "$*"; }
die() { printf 'fetch-pyodide-runtime: error: %s\n' "$*" >&2; exit 1; }

installed_pyodide_version() {
  [[ -f $npm_pkg/package.json ]] && node -p "require('$npm_pkg/package.json').version" || true
}

"$repo/scripts/ensure-node-modules.sh"
[[ $(installed_pyodide_version) == "$pyodide_version" ]] ||
  die "node_modules/pyodide is not $pyodide_version; pin \"pyodide\": \"$pyodide_version\" in package.json"

# pip checks every file against the pinned hashes; the first try works offline from what is
# already there, the second asks the package index.
download_pinned() {
  local requirements=$1 dest=$2
  mkdir -p "$dest"
  "$python" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
      --no-index --find-links "$dest" -r "$requirements" -d "$dest" 2>/dev/null ||
    "$python" -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
      -r "$requirements" -d "$dest"
}

# The wheel files a requirements file pins, as paths in dest (name==version lines).
pinned_wheels() {
  local requirements=$1 dest=$2 name version
  while read -r name version; do
    compgen -G "$dest/${name}-${version}-*.whl" || die "no wheel for $name $version in $dest"
  done < <(sed -n 's/^\([A-Za-z0-9_.-]*\)==\([^ ]*\) .*/\1 \2/p' "$requirements")
}

mkdir -p "$runtime"
# Only what loadPyodide needs at run time (no type declarations, source maps or demo page).
for file in pyodide.asm.js pyodide.asm.wasm pyodide.js pyodide.mjs python_stdlib.zip package.json; do
  cp --preserve=timestamps --update "$npm_pkg/$file" "$runtime/$file"
done

download_pinned "$emscripten_dir/pyodide-runtime-requirements.txt" "$runtime"
mapfile -t runtime_wheels < <(pinned_wheels "$emscripten_dir/pyodide-runtime-requirements.txt" "$runtime")
"$python" "$emscripten_dir/write_served_lock.py" \
  "$npm_pkg/pyodide-lock.json" "$runtime/pyodide-lock.json" "${runtime_wheels[@]}"

download_pinned "$emscripten_dir/pyodide-test-requirements.txt" "$test_wheels"

log "Pyodide $pyodide_version runtime ready in ${runtime#"$repo"/}, test wheels in ${test_wheels#"$repo"/}"
