#!/usr/bin/env bash
# Tests the browser wheel inside Pyodide 0.25.1 under Node, with no network:
#  1. builds what it needs (scripts/build-pyodide-wheel.sh: runtime, wasm GMP, wheels);
#  2. runs the host tests of its tools, checks statically that Pyodide's main module provides every import of the wasm module and
#     that the module exports nothing but its init function;
#  3. micropip installs the wheels (fib_pybind, fib_python, pytest and hypothesis) from local
#     files and pytest runs the shared conformance suite, fib-pybind/tests and the GMP privacy
#     test (an impostor module with every GMP and template symbol loaded after fib_pybind);
#  4. runs the privacy test again with the impostor loaded before fib_pybind is installed.
# Exits with the first failing step's status; pytest prints its own summary lines.
# Usage: scripts/test-pyodide.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
python=$repo/.venv/bin/python
emscripten_dir=$repo/fib-pybind/emscripten
runtime=$repo/build/pyodide
privacy_dir=$repo/build/wasm/gmp-privacy
export NODE_PATH=/usr/share/nodejs

log() { printf '[test-pyodide] %s\n' "$*"; }
die() { printf 'test-pyodide: error: %s\n' "$*" >&2; exit 1; }

"$repo/scripts/build-pyodide-wheel.sh"

version=$(sed -n 's/^#define FIB_VERSION "\(.*\)"/\1/p' "$repo/fib-cpp/include/fib/version.hpp")
extension_wheel=$repo/dist/fib_pybind-$version-cp311-cp311-emscripten_3_1_46_wasm32.whl
fib_python_wheel=$(ls -t "$repo"/dist/fib_python-*-py3-none-any.whl | head -n 1)
[[ -f $extension_wheel && -f $fib_python_wheel ]] || die "wheels missing in dist/"

log "host tests of the browser build's own tools (import check, pyconfig generator, lock file)"
"$python" -m pytest -p no:cacheprovider "$emscripten_dir/tests"

log "checking the wasm module's imports and exports"
"$python" "$emscripten_dir/check_wasm_imports.py" --runtime "$runtime" \
  --only-export PyInit__core "$extension_wheel"

# The impostor copies the names of GMP and of the extension's own (LTO bitcode) object files.
log "building the impostor module for the GMP privacy test"
mkdir -p "$privacy_dir"
"$python" "$emscripten_dir/gmp-privacy/make_impostor.py" "$privacy_dir/impostor.c" "$runtime" \
  "$repo/build/wasm/gmp-prefix/lib/libgmp.a" \
  "$repo"/build/wasm/fib-pybind-build/CMakeFiles/_core.dir/src/*.o
emcc -O1 -fPIC -sSIDE_MODULE=1 -sWASM_BIGINT "$privacy_dir/impostor.c" -o "$privacy_dir/libfib_impostor.so"

wheel_args=()
for wheel in "$repo"/build/pyodide-test-wheels/*.whl "$extension_wheel" "$fib_python_wheel"; do
  wheel_args+=(--wheel "$wheel")
done
# Host folders appear in Pyodide's file system at fixed places; the tests find the vectors
# through FIB_VECTORS and the impostor through FIB_GMP_IMPOSTOR.
pyodide_args=(
  --mount "$repo/testdata:/repo/testdata"
  --mount "$repo/fib-pybind/tests:/repo/fib-pybind/tests"
  --mount "$emscripten_dir/gmp-privacy:/repo/gmp-privacy"
  --mount "$privacy_dir:/impostor"
  --env FIB_VECTORS=/repo/testdata/fibonacci.json
  --env FIB_GMP_IMPOSTOR=/impostor/libfib_impostor.so
  --cwd /repo
)

# Both runs go ahead whatever the first one says; the script exits with the first failure's status.
status=0
record() { local rc=$?; ((status != 0)) || status=$rc; }

log "pytest in Pyodide: conformance suite, fib-pybind tests, GMP privacy (impostor loaded last)"
node "$emscripten_dir/run-in-pyodide.mjs" "${wheel_args[@]}" "${pyodide_args[@]}" -- \
  pytest -p no:cacheprovider testdata/conformance fib-pybind/tests gmp-privacy || record

log "pytest in Pyodide: GMP privacy with the impostor loaded before fib_pybind"
node "$emscripten_dir/run-in-pyodide.mjs" --preload-global "$privacy_dir/libfib_impostor.so" \
  "${wheel_args[@]}" "${pyodide_args[@]}" -- pytest -p no:cacheprovider gmp-privacy || record

exit "$status"
