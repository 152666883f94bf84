"""The pyodide-lock.json that the self-hosted runtime serves: Pyodide's own, naming only the
wheels we serve next to it.

loadPyodide() reads the lock from its indexURL; loadPackage("micropip") fetches the file the lock
names from there and the browser checks it against the lock's sha256 (subresource integrity).
Pyodide built its own copy of micropip, so the file we serve from the Python package index has the
lock's file name and version but another hash: the served lock carries the served file's hash.
Packages we do not serve are left out, so asking for one fails by name instead of with a 404.
"""

import hashlib
import json
from pathlib import Path


def served_lock(npm_lock: dict, wheels: list[Path]) -> dict:
    by_file = {entry["file_name"]: name for name, entry in npm_lock["packages"].items()}
    packages = {}
    for wheel in wheels:
        if wheel.name not in by_file:
            raise SystemExit(f"error: {wheel.name} is not a file that Pyodide's lock file names; "
                             "pin the version the lock names")
        name = by_file[wheel.name]
        packages[name] = {**npm_lock["packages"][name],
                          "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()}
    return {**npm_lock, "packages": packages}


def write(npm_lock: Path, out_lock: Path, wheels: list[Path]) -> None:
    text = json.dumps(served_lock(json.loads(npm_lock.read_text()), wheels), separators=(",", ":"))
    # Rewritten only on change, so the served file keeps its ETag across re-runs.
    if not out_lock.exists() or out_lock.read_text() != text:
        out_lock.write_text(text)
