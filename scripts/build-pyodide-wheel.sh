#!/usr/bin/env bash
# Builds the browser wheel into dist/:
#   fib_pybind-<version>-cp311-cp311-emscripten_3_1_46_wasm32.whl  (Pyodide 0.25.1, GMP inside)
# (The pure wheels the browser also installs come from scripts/build-native-wheel.sh and
# scripts/build-webapp-worker-wheel.sh.)
# The extension is built by scikit-build-core with fib-pybind/emscripten/toolchain.cmake and
# Debian's emscripten; it first makes sure the Pyodide runtime (scripts/fetch-pyodide-runtime.sh)
# and the wasm32 GMP (scripts/build-wasm-gmp.sh) are there, and assembles the wasm32 headers in
# build/wasm/. A wheel newer than all of its inputs is left as it is.
# Needs in .venv: scikit-build-core, pybind11, hatchling, setuptools (requirements-dev.txt).
# Usage: scripts/build-pyodide-wheel.sh [--force]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
python=$repo/.venv/bin/python
deps=$repo/build/wasm
runtime=$repo/build/pyodide
dist=$repo/dist
emscripten_dir=$repo/fib-pybind/emscripten
platform_tag=emscripten_3_1_46_wasm32
ext_suffix=.cpython-311-wasm32-emscripten.so
build_dir=$deps/fib-pybind-build
force=false
[[ ${1:-} == --force ]] && force=true

# emscripten's JavaScript tools need Debian's node modules; the nodesource node does not look there.
export NODE_PATH=/usr/share/nodejs

log() { printf '[build-pyodide-wheel %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'build-pyodide-wheel: error: %s\n' "$*" >&2; exit 1; }

require_tools() {
  command -v em++ >/dev/null || die "em++ missing; install the apt package emscripten"
  [[ -f /usr/include/python3.11/Python.h ]] || die "Python 3.11 headers missing; install the apt package python3.11-dev"
  [[ -f /usr/include/boost/version.hpp ]] || die "Boost headers missing; install the apt package libboost1.81-dev"
  [[ -x $python ]] || die "no $python; run scripts/ensure-python-env.sh"
  "$python" -c "import scikit_build_core, pybind11, hatchling, setuptools" 2>/dev/null ||
    die ".venv lacks scikit-build-core, pybind11, hatchling or setuptools; run scripts/ensure-python-env.sh"
}

# True when $1 exists and no file below the other arguments is newer.
up_to_date() {
  local target=$1
  shift
  ! $force && [[ -e $target ]] && [[ -z $(find "$@" -newer "$target" -print -quit) ]]
}

# CPython 3.11 headers for wasm32: Debian's tree (linked entry by entry, so /usr/include itself is
# never on em++'s include path) with a pyconfig.h generated from the target's sysconfig data.
assemble_python_headers() {
  local include=$deps/python/include/python3.11 entry
  mkdir -p "$include"
  for entry in /usr/include/python3.11/*; do
    [[ $(basename "$entry") == pyconfig.h ]] || ln -sfn "$entry" "$include/"
  done
  if ! up_to_date "$include/pyconfig.h" "$runtime/python_stdlib.zip" "$emscripten_dir/make_wasm_pyconfig.py"; then
    log "generating the wasm32 pyconfig.h"
    "$python" "$emscripten_dir/make_wasm_pyconfig.py" "$runtime/python_stdlib.zip" \
      /usr/include/x86_64-linux-gnu/python3.11/pyconfig.h "$include/pyconfig.h"
  fi
  # Boost is header-only here: a private include root holding a link to Debian's boost/ folder.
  mkdir -p "$deps/root/include"
  ln -sfn /usr/include/boost "$deps/root/include/boost"
}

build_extension_wheel() {
  local version wheel
  version=$(sed -n 's/^#define FIB_VERSION "\(.*\)"/\1/p' "$repo/fib-cpp/include/fib/version.hpp")
  wheel=$dist/fib_pybind-$version-cp311-cp311-$platform_tag.whl
  if up_to_date "$wheel" "$repo/fib-pybind/src" "$repo/fib-pybind/CMakeLists.txt" \
       "$repo/fib-pybind/pyproject.toml" "$repo/fib-cpp/include" "$repo/fib-cpp/CMakeLists.txt" \
       "$emscripten_dir/toolchain.cmake" "$emscripten_dir/cmake" "$emscripten_dir/bin" \
       "$emscripten_dir/include" "$deps/gmp-prefix/lib/libgmp.a" "$deps/gmp-prefix/include/gmp.h" \
       "$deps/python/include/python3.11/pyconfig.h"; then
    log "${wheel#"$repo"/} is up to date"
    return
  fi
  log "building ${wheel#"$repo"/}"
  # The toolchain's flags seed CMake's cache only when it is created: start afresh when they change.
  if ! up_to_date "$build_dir/CMakeCache.txt" "$emscripten_dir/toolchain.cmake" "$emscripten_dir/cmake" \
       "$emscripten_dir/bin" "$emscripten_dir/include"; then
    rm -rf "$build_dir"
  fi
  # The host's interpreter runs scikit-build-core; these two tell it the target's wheel platform
  # tag and extension suffix (the toolchain file tells CMake, FindPython and pybind11).
  _PYTHON_HOST_PLATFORM=$platform_tag SETUPTOOLS_EXT_SUFFIX=$ext_suffix \
    "$python" -m pip wheel --quiet --no-deps --no-build-isolation --disable-pip-version-check \
      --wheel-dir "$dist" "$repo/fib-pybind" \
      --config-settings=cmake.args=--toolchain="$emscripten_dir/toolchain.cmake" \
      --config-settings=cmake.define.pybind11_DIR="$("$python" -m pybind11 --cmakedir)" \
      --config-settings=build-dir="$build_dir"
  [[ -f $wheel ]] || die "scikit-build-core did not produce ${wheel#"$repo"/}"
  "$python" - "$wheel" "$ext_suffix" <<'EOF' || die "${wheel#"$repo"/} lacks fib_pybind/_core$ext_suffix"
import sys, zipfile
wheel, suffix = sys.argv[1:]
sys.exit(0 if f"fib_pybind/_core{suffix}" in zipfile.ZipFile(wheel).namelist() else 1)
EOF
  touch "$wheel"  # pip keeps the build's timestamp; the freshness check wants the build's end
}

require_tools
"$repo/scripts/fetch-pyodide-runtime.sh"
"$repo/scripts/build-wasm-gmp.sh"
assemble_python_headers
mkdir -p "$dist"
build_extension_wheel
log "browser wheel in ${dist#"$repo"/}: $(cd "$dist" && ls ./*emscripten*.whl | xargs -n 1 basename)"
