"""Fixtures: the backend as real uvicorn processes over known or missing artifacts."""

import json
import os
from pathlib import Path

import pytest

from backend_support import API_MAX_N, Server, start_server, stop_server, write


@pytest.fixture(scope="module")
def server_factory(tmp_path_factory):
    """Start uvicorn with extra environment variables; all are stopped when the test module ends."""
    started = []

    def start(open_files: int | None = None, **env: str) -> Server:
        log = tmp_path_factory.mktemp("uvicorn") / "server.log"
        server = start_server(env, log, open_files)
        started.append(server)
        if "HOLD_DIR" in env:
            server.hold_dir = Path(env["HOLD_DIR"])
        return server

    yield start
    for server in started:
        stop_server(server)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """A Pyodide folder and a dist folder with known files, plus a secret beside them."""
    root = tmp_path_factory.mktemp("artifacts")
    write(root / "secret.txt", "TOP SECRET: outside the served folders")
    pyodide = root / "pyodide"
    write(pyodide / "pyodide.asm.wasm", b"\0asm\1\0\0\0")
    write(pyodide / "pyodide.mjs", "export const loadPyodide = () => {};\n")
    write(pyodide / "pyodide.asm.mjs", "export default function createPyodideModule() {}\n")
    write(pyodide / "python_stdlib.zip", b"PK\5\6" + b"\0" * 18)
    write(pyodide / "pyodide-lock.json",
          json.dumps({"info": {"abi_version": "2026_0", "arch": "wasm32", "platform": "emscripten_5_0_3",
                               "python": "3.14.2"}, "packages": {}}))
    write(pyodide / ".hidden", "dotfile")
    write(pyodide / ".git" / "config", "[core]")
    write(pyodide / "sub" / "inner.js", "// nested\n")
    (pyodide / "link-out.txt").symlink_to(root / "secret.txt")
    (pyodide / "loop.js").symlink_to(pyodide / "loop.js")

    dist = root / "dist"
    old, new = 1_700_000_000, 1_800_000_000
    for name, mtime in [
        ("fib_python-0.1.0-py3-none-any.whl", new),
        # The served Pyodide's wheel is chosen by its ABI even when others were built later.
        ("fib_pybind-0.1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl", old),
        ("fib_pybind-0.1.0-cp313-cp313-pyodide_2025_0_wasm32.whl", new),
        ("fib_pybind-0.1.0-cp313-cp313-pyemscripten_2026_0_wasm32.whl", new),
        ("fib_pybind-0.1.0-cp311-cp311-emscripten_3_1_46_wasm32.whl", new),
        ("fib_pybind-0.1.0-cp314-cp314-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", new),
        ("webapp_worker-0.0.9-py3-none-any.whl", old),
        ("webapp_worker-0.1.0-py3-none-any.whl", new),
        ("someone_else-1.0-py3-none-any.whl", new),
    ]:
        write(dist / name, b"PK\5\6" + name.encode(), mtime)
    write(dist / "notes.txt", "not a wheel")
    return root


@pytest.fixture(scope="module")
def server(server_factory, artifacts) -> Server:
    """The backend over the known artifacts, with a small API limit."""
    return server_factory(FIB_PYODIDE_DIR=str(artifacts / "pyodide"),
                          FIB_WHEELS_DIR=str(artifacts / "dist"),
                          FIB_API_MAX_N=str(API_MAX_N))


# A stand-in fib_python, whose fib_str(n) does what n's last digit says: 5 answers at once;
# 6 records its process id in $HOLD_DIR/answered-<n> and answers; 7 creates $HOLD_DIR/started,
# then waits for $HOLD_DIR/release; 8 records its process id in $HOLD_DIR/running-<n> and then
# computes forever, holding the GIL; 9 ends its process; anything else is out of memory.
# A record appears whole (written aside, then renamed), so a test that sees it can read it.
STAND_IN_FIB_PYTHON = """
import os, time
__version__ = "0.0.0"
MAX_N = 10**9
MAX_ITERATIVE_N = 10**6

def record_pid(name):
    path = os.path.join(os.environ["HOLD_DIR"], name)
    with open(path + ".part", "w") as record:
        record.write(str(os.getpid()))
    os.replace(path + ".part", path)

def fib_str(n, base=10):
    hold_dir = os.environ["HOLD_DIR"]
    kind = abs(n) % 10
    if kind == 5:
        return str(n)
    if kind == 6:
        record_pid(f"answered-{n}")
        return str(n)
    if kind == 7:
        open(os.path.join(hold_dir, "started"), "w").close()
        while not os.path.exists(os.path.join(hold_dir, "release")):
            time.sleep(0.01)
        return "13"
    if kind == 8:
        record_pid(f"running-{n}")
        while True:
            pass
    if kind == 9:
        os._exit(1)
    raise MemoryError
"""


@pytest.fixture(scope="session")
def stand_ins(tmp_path_factory):
    """A factory of environments in which fib_pybind is missing and fib_python is the stand-in;
    each has its own HOLD_DIR (returned as .hold_dir of the server started with it)."""

    def environment() -> dict[str, str]:
        shadow = tmp_path_factory.mktemp("shadow")
        write(shadow / "fib_pybind" / "__init__.py", 'raise ImportError("not built")\n')
        write(shadow / "fib_python" / "__init__.py", STAND_IN_FIB_PYTHON)
        path = os.pathsep.join(filter(None, [str(shadow), os.environ.get("PYTHONPATH")]))
        return {"PYTHONPATH": path, "HOLD_DIR": str(shadow)}

    return environment


@pytest.fixture(scope="module")
def degraded_server(server_factory, stand_ins, tmp_path_factory) -> Server:
    """The backend with nothing built, fib_pybind missing, and a stand-in fib_python."""
    missing = tmp_path_factory.mktemp("empty") / "missing"
    # Two processes per lane, so a held computation leaves one for the next cheap request.
    return server_factory(**stand_ins(), FIB_PYODIDE_DIR=str(missing), FIB_WHEELS_DIR=str(missing),
                          FIB_API_WORKERS="2")
