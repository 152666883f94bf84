"""Assemble build/pyodide/, the self-hosted Pyodide runtime the web app serves (no network at run time).

The runtime is npm's pyodide@314.0.7 (node_modules/pyodide-314, pinned in the root package.json):
its core files, the standard library's archive re-packed with stored members (stored_stdlib.py) and the
modules the page's worker imports at start compiled (startup_bytecode.py, which needs the pure wheels), plus
micropip, which its lock file names but the npm package does not ship. micropip comes from the Python
package index at the version and hash pinned in micropip-requirements.txt (the pin the in-Pyodide
tests use), and the served pyodide-lock.json names only what is served here (write_served_lock.py).
Files of an earlier runtime in the folder are removed; the coded copies of served files
(`<file>.br`, `<file>.gz`, which webapp_backend.precompress writes next) are kept.

Usage: assemble_served_runtime.py
"""

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pinned_wheels
import startup_bytecode
import stored_stdlib
import write_served_lock
from pyodide_targets import REPO, TARGETS

HERE = Path(__file__).resolve().parent
TARGET = TARGETS["314"]
MICROPIP_PIN = HERE / "micropip-requirements.txt"
# What loadPyodide() fetches from its indexURL (no type declarations, source maps or demo pages).
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", TARGET.stdlib_zip.name)
LOCK = "pyodide-lock.json"
# The web app's default FIB_PYODIDE_DIR. Only this tool writes here: whatever else is in it is stale.
OUT = REPO / "build" / "pyodide"


def log(message: str) -> None:
    print(f"[pyodide-runtime] {message}", file=sys.stderr, flush=True)


def copy_if_changed(source: Path, target: Path) -> None:
    if not target.exists() or not filecmp.cmp(source, target, shallow=False):
        shutil.copy2(source, target)


def main(argv: list[str]) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    if not TARGET.runtime.is_dir():
        log(f"no {TARGET.runtime}: installing the root package-lock.json's Node packages")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO, check=True)
    missing = [name for name in (*CORE_FILES, LOCK) if not (TARGET.runtime / name).is_file()]
    if missing:
        raise SystemExit(f"error: {TARGET.runtime} lacks {', '.join(missing)}; run `npm ci` in {REPO}")
    TARGET.check_abi()
    OUT.mkdir(parents=True, exist_ok=True)
    bytecode = startup_bytecode.compile_startup(TARGET.runtime, startup_bytecode.page_wheels(REPO / "dist"))
    for name in CORE_FILES:
        if name == TARGET.stdlib_zip.name:
            stored_stdlib.write(TARGET.stdlib_zip, OUT / name, bytecode)
        else:
            copy_if_changed(TARGET.runtime / name, OUT / name)
    wheels = pinned_wheels.download(MICROPIP_PIN, OUT, TARGET)
    write_served_lock.write(TARGET.runtime / LOCK, OUT / LOCK, wheels)
    served = {*CORE_FILES, LOCK, *(wheel.name for wheel in wheels)}

    def belongs(name: str) -> bool:
        # A coded copy follows its source's content (precompress checks it on every build).
        return name in served or name.rpartition(".")[0] in served

    for stale in sorted(path for path in OUT.iterdir() if not belongs(path.name)):
        log(f"removing {stale.name} (not part of this runtime)")
        shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    version = json.loads((TARGET.runtime / "package.json").read_text())["version"]
    log(f"Pyodide {version} (CPython {TARGET.lock_info()['python']}, ABI {TARGET.abi}) ready in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
