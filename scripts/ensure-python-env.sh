#!/usr/bin/env bash
# Creates .venv (Python 3.11) with requirements-dev.txt and the pure-Python fib_python installed
# editable. Quick when nothing changed: a stamp records the requirements it was made from.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
venv=$repo/.venv
stamp=$venv/.requirements.sha256
wanted=$(sha256sum "$repo/requirements-dev.txt" "$repo/fib-python/pyproject.toml" | sha256sum | cut -d' ' -f1)

if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
  echo "python env: .venv up to date"
  exit 0
fi

if [[ ! -x $venv/bin/python ]]; then
  echo "python env: creating .venv with $(python3 --version)"
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$repo/requirements-dev.txt"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$repo/fib-python"
echo "$wanted" > "$stamp"
echo "python env: .venv ready"
