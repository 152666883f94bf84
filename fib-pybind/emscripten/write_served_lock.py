"""Write the pyodide-lock.json that the self-hosted runtime serves.

Pyodide's lock file names each package's wheel and its sha256; loadPackage() fetches the wheel
from indexURL and the browser checks that hash (subresource integrity). Pyodide rebuilt micropip
and packaging itself, so the PyPI files we serve have the lock's file names and versions but other
hashes. This script checks that every served wheel is the one the lock names (same file name,
same version) and writes the lock with the served files' hashes; pip already checked those files
against the hashes pinned in pyodide-runtime-requirements.txt.

Usage: write_served_lock.py NPM_LOCK OUT_LOCK WHEEL...
"""

import hashlib
import json
import sys
from pathlib import Path


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lock_entry_for(lock: dict, wheel: Path) -> dict:
    for entry in lock["packages"].values():
        if entry["file_name"] == wheel.name:
            return entry
    raise SystemExit(f"error: {wheel.name} is not a file that the Pyodide lock file names")


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        raise SystemExit(__doc__)
    npm_lock, out_lock, *wheels = (Path(arg) for arg in argv)
    lock = json.loads(npm_lock.read_text())
    for wheel in wheels:
        entry = lock_entry_for(lock, wheel)
        entry["sha256"] = sha256_of(wheel)
    text = json.dumps(lock, separators=(",", ":"))
    # Rewrite only on change, so the runtime folder's timestamps stay put on a re-run.
    if not out_lock.exists() or out_lock.read_text() != text:
        out_lock.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
