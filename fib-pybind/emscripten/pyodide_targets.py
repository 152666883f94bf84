"""The Pyodide runtimes the browser wheels are built for, and where each one's files are.

Each runtime is the npm package `pyodide` at the version pinned in the root package.json under an
alias (node_modules/pyodide-314, node_modules/pyodide-0.29), so both are installed side by side by
one `npm ci` and locked with their hashes in package-lock.json.
"""

import json
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Target:
    name: str  # as on the command line and in the npm alias
    abi: str  # Pyodide's ABI version (pyodide-lock.json's info.abi_version)
    platform_tag: str  # the wheel tag this runtime's micropip installs

    @property
    def runtime(self) -> Path:
        return REPO / "node_modules" / f"pyodide-{self.name}"

    @property
    def stdlib_zip(self) -> Path:
        return self.runtime / "python_stdlib.zip"

    def lock_info(self) -> dict:
        lock = self.runtime / "pyodide-lock.json"
        if not lock.is_file():
            raise SystemExit(f"error: no {lock}; run `npm ci` in {REPO}")
        return json.loads(lock.read_text())["info"]

    @property
    def python(self) -> str:
        """The runtime's CPython as major.minor, e.g. 3.14."""
        return ".".join(self.lock_info()["python"].split(".")[:2])

    def check_abi(self) -> None:
        found = self.lock_info()["abi_version"]
        if found != self.abi:
            raise SystemExit(f"error: {self.runtime} has ABI {found}, expected {self.abi}; "
                             "a new Pyodide release needs a new target here")


TARGETS = {
    # PEP 783's platform name; this runtime's micropip also accepts pyodide_2026_0.
    "314": Target("314", "2026_0", "pyemscripten_2026_0_wasm32"),
    "0.29": Target("0.29", "2025_0", "pyodide_2025_0_wasm32"),
}
