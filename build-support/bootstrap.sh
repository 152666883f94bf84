#!/usr/bin/env bash
# The one setup step both commands run first: installs the missing Debian packages of
# debian-packages.txt and the pinned nox (requirements-dev.txt) into a venv outside the clone.
# Idempotent: with everything there it costs a dpkg query and a pip no-op.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
nox_venv=/var/cache/py-cpp-fib/tools/nox

mapfile -t packages < <(grep -v -e '^#' -e '^$' "$here/debian-packages.txt")
missing=()
for package in "${packages[@]}"; do
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null) == installed ]] || missing+=("$package")
done
# NodeSource's nodejs ships npm; Debian's does not, and then npm is a package of its own.
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  echo "bootstrap: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

[[ -x $nox_venv/bin/python ]] || python3 -m venv "$nox_venv"
"$nox_venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "$(grep '^nox==' "$here/../requirements-dev.txt")"
echo "bootstrap: ${#packages[@]} Debian packages present, $("$nox_venv/bin/nox" --version 2>&1 | tail -1)"
