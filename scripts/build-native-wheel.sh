#!/usr/bin/env bash
# Builds fib_pybind for this machine the way a user's pip would, and collects it in dist/:
#   1. builds the sdist, which carries fib-cpp's headers (fib-pybind/fib-cpp links to them);
#   2. builds the wheel from that sdist (isolated build: scikit-build-core and pybind11 from PyPI);
#   3. repairs it with auditwheel, which bundles libgmp and sets the manylinux tag.
# Also builds the pure fib_python wheel. A wheel newer than every input is left as it is.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
python=$repo/.venv/bin/python
work=$repo/build/native-wheel
dist=$repo/dist
log() { printf '[build-native-wheel] %s\n' "$*"; }

inputs=("$repo/fib-pybind/src" "$repo/fib-pybind/CMakeLists.txt" "$repo/fib-pybind/pyproject.toml"
  "$repo/fib-cpp/include" "$repo/fib-cpp/CMakeLists.txt" "$repo/fib-cpp/cmake")
newest_wheel=$(ls -t "$dist"/fib_pybind-*-manylinux*.whl 2>/dev/null | head -1 || true)
if [[ -n $newest_wheel && -z $(find "${inputs[@]}" -newer "$newest_wheel" -print -quit) ]]; then
  log "up to date: ${newest_wheel#"$repo"/}"
else
  rm -rf "$work"
  mkdir -p "$work" "$dist"
  # fib-pybind/fib-cpp links to fib-cpp; the sdist stores the linked headers themselves.
  log "building the sdist"
  "$python" -m build --sdist --outdir "$work/sdist" "$repo/fib-pybind" > "$work/sdist.log" 2>&1 ||
    { cat "$work/sdist.log"; exit 1; }
  sdist=$(ls "$work"/sdist/fib_pybind-*.tar.gz)

  log "building the wheel from ${sdist##*/}"
  "$python" -m pip wheel --quiet --no-deps --wheel-dir "$work/wheel" "$sdist" > "$work/wheel.log" 2>&1 ||
    { cat "$work/wheel.log"; exit 1; }

  log "repairing with auditwheel"
  rm -f "$dist"/fib_pybind-*-linux_x86_64.whl "$dist"/fib_pybind-*-manylinux*.whl "$dist"/fib_pybind-*.tar.gz
  PATH=$repo/.venv/bin:$PATH "$python" -m auditwheel repair --wheel-dir "$dist" "$work"/wheel/fib_pybind-*.whl
  cp "$sdist" "$dist/"
  newest_wheel=$(ls -t "$dist"/fib_pybind-*-manylinux*.whl | head -1)
  "$python" -m auditwheel show "$newest_wheel" | tr '\n' ' ' | sed 's/  */ /g'
  echo
fi

if [[ -z $(ls "$dist"/fib_python-*-py3-none-any.whl 2>/dev/null) ||
  -n $(find "$repo/fib-python/src" "$repo/fib-python/pyproject.toml" -newer "$(ls -t "$dist"/fib_python-*.whl | head -1)" -print -quit) ]]; then
  log "building the fib_python wheel"
  rm -f "$dist"/fib_python-*.whl
  "$python" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$dist" "$repo/fib-python"
fi
ls -1 "$dist" | sed 's/^/  dist\//'
