#!/usr/bin/env bash
# Installs the Debian packages every build and test needs, and only those that are missing, so a
# second run costs one dpkg query. Runs as root (or through sudo when that is available).
set -euo pipefail

packages=(
  # C++ library, its tests and micro-benchmarks
  build-essential cmake ninja-build libboost1.81-dev libgmp-dev libgtest-dev googletest
  libbenchmark-dev nlohmann-json3-dev libssl-dev
  # The browser wheel: Emscripten, CPython headers to retarget, tools to unpack Debian's gmp source
  emscripten llvm python3.11-dev dpkg-dev m4
  # The web app's end-to-end tests and the server benchmark
  chromium wrk
  # The Python and Node environments the scripts create (a Node that ships npm satisfies both)
  python3.11-venv nodejs
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$package")
done

# Debian's nodejs comes without npm; NodeSource's includes it (and conflicts with Debian's npm).
command -v npm > /dev/null || missing+=(npm)

if ((${#missing[@]} == 0)); then
  echo "system packages: all ${#packages[@]} present"
  exit 0
fi

sudo=()
((EUID == 0)) || sudo=(sudo)
echo "system packages: installing ${missing[*]}"
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
