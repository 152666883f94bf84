"""What the manylinux build takes from the Debian testing root of build-support/debian-root.sh:
commands run there (its apt knows testing's source packages, its autotools are newer than
Debian 12's), and the source packages fetched by ../emscripten/debian_source.py."""

import subprocess
from pathlib import Path

from layout import REPO

DEBIAN_ROOT = REPO / "build-support/debian-root.sh"
DEBIAN_SOURCE = REPO / "fib-pybind/emscripten/debian_source.py"


def run(*command: str, cwd: Path = REPO) -> str:
    """Runs command in the root, in cwd (the root sees the repository and the cache at the same
    paths), and returns its output."""
    result = subprocess.run(
        [str(DEBIAN_ROOT), "run", "--", *command], cwd=cwd, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in the Debian testing root:\n{result.stdout}{result.stderr}")
    return result.stdout


def source(package: str, command: str) -> str:
    """debian_source.py's `dsc` (the .dsc's name, which carries the version) or `download` (the
    downloaded .dsc's path) for package."""
    return run("python3", str(DEBIAN_SOURCE), package, command).strip()
