"""The standard library modules the page's worker imports before it is ready, as bytecode.

Pyodide ships its standard library as sources, so every start compiles the modules it imports,
in WebAssembly: about 250 of them before the page is ready, most of the worker's start-up time.
Here Pyodide's own CPython (the npm runtime under Node, run-in-pyodide.mjs) starts as the page's
worker does, with the page's pure wheels installed by loadPyodide, and compiles the modules that
loaded from its archive (startup_bytecode_in_pyodide.py). stored_stdlib.py puts them into the
served archive in place of their sources; the other modules stay sources, which compress to
less, and are compiled if a program imports them.
"""

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The pure wheels the page's worker installs; fib_pybind's modules are in its own wheel.
PURE_WHEELS = ("fib_python", "webapp_worker")


def page_wheels(dist: Path) -> list[Path]:
    wheels = []
    for name in PURE_WHEELS:
        found = sorted(dist.glob(f"{name}-*-py3-none-any.whl"), key=lambda path: path.stat().st_mtime)
        if not found:
            raise SystemExit(f"error: no {name} wheel in {dist}: run `nox -s pure_wheels` first")
        wheels.append(found[-1])
    return wheels


def compile_startup(runtime: Path, wheels: list[Path]) -> dict[str, bytes]:
    """Archive member name (`json/__init__.pyc`) -> its bytecode."""
    with tempfile.TemporaryDirectory() as folder:
        command = ["node", str(HERE / "run-in-pyodide.mjs"), "--runtime", str(runtime),
                   *(f"--package={wheel}" for wheel in wheels),
                   "--mount", f"{HERE}:/tools", "--mount", f"{folder}:/out",
                   "--", "/tools/startup_bytecode_in_pyodide.py", "/out/bytecode.zip"]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            raise SystemExit(f"error: compiling the start-up modules in Pyodide failed: {result.stderr.strip()}")
        print(f"[startup-bytecode] {result.stderr.strip()}", file=sys.stderr, flush=True)
        with zipfile.ZipFile(Path(folder) / "bytecode.zip") as bytecode:
            return {name: bytecode.read(name) for name in bytecode.namelist()}
