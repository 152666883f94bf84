"""Which wheels in dist/ the Pyodide worker installs."""

import json
from pathlib import Path

# Installed in this order: the two implementations, then the worker that imports them.
WORKER_PACKAGES = ("fib_python", "fib_pybind", "webapp_worker")


def browser_platform(pyodide_dir: Path) -> str | None:
    """The wheel platform tag of the served Pyodide (e.g. emscripten_3_1_46_wasm32)."""
    try:
        info = json.loads((pyodide_dir / "pyodide-lock.json").read_text())["info"]
        return f"{info['platform']}_{info['arch']}"
    except (OSError, ValueError, KeyError):
        return None


def worker_wheels(wheels_dir: Path, platform: str | None) -> dict[str, str]:
    """Package name -> wheel file name, for the wheels the served Pyodide can install.

    A package with several matching wheels gets the most recently built one.
    """
    chosen: dict[str, Path] = {}
    for wheel in sorted(wheels_dir.glob("*.whl")) if wheels_dir.is_dir() else []:
        # name-version(-build)?-python-abi-platform.whl
        fields = wheel.stem.split("-")
        if len(fields) not in (5, 6) or fields[0] not in WORKER_PACKAGES:
            continue
        if fields[-1] not in ("any", platform):
            continue
        current = chosen.get(fields[0])
        if current is None or wheel.stat().st_mtime > current.stat().st_mtime:
            chosen[fields[0]] = wheel
    return {name: chosen[name].name for name in WORKER_PACKAGES if name in chosen}
