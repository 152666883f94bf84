"""Fixtures that run the backend as a real uvicorn process on 127.0.0.1."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

BACKEND_DIR = Path(__file__).resolve().parents[1]
REPO = BACKEND_DIR.parent
STARTUP_SECONDS = 30


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


@dataclass
class Server:
    host: str
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(self, path: str, method: str = "GET", headers: dict | None = None) -> Response:
        """Send `path` exactly as given (no client-side dot-segment cleanup)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, headers=headers or {})
            reply = connection.getresponse()
            return Response(reply.status, reply.headers, reply.read())
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def uvicorn_command(port: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", "--app-dir", str(BACKEND_DIR), "--factory",
            "webapp_backend.app:create_app", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "warning"]


def start_server(env: dict[str, str], log_path: Path) -> Server:
    port = free_port()
    log = log_path.open("wb")
    process = subprocess.Popen(uvicorn_command(port), env={**os.environ, **env},
                               stdout=log, stderr=subprocess.STDOUT)
    server = Server("127.0.0.1", port, process)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited: {log_path.read_text()}")
        try:
            if server.request("/api/health").status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    raise RuntimeError(f"uvicorn did not answer within {STARTUP_SECONDS} s: {log_path.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def server_factory(tmp_path_factory):
    """Start uvicorn with extra environment variables; all are stopped at the end."""
    started = []

    def start(**env: str) -> Server:
        log = tmp_path_factory.mktemp("uvicorn") / "server.log"
        server = start_server(env, log)
        started.append(server)
        return server

    yield start
    for server in started:
        stop_server(server)


VECTORS = json.loads((REPO / "testdata" / "fibonacci.json").read_text())
API_MAX_N = 200_000
BROWSER_PLATFORM = "emscripten_3_1_46_wasm32"


def write(path: Path, content: bytes | str, mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """A Pyodide folder and a dist folder with known files, plus a secret beside them."""
    root = tmp_path_factory.mktemp("artifacts")
    write(root / "secret.txt", "TOP SECRET: outside the served folders")
    pyodide = root / "pyodide"
    write(pyodide / "pyodide.asm.wasm", b"\0asm\1\0\0\0")
    write(pyodide / "pyodide.mjs", "export const loadPyodide = () => {};\n")
    write(pyodide / "pyodide.asm.js", "var _createPyodideModule;\n")
    write(pyodide / "python_stdlib.zip", b"PK\5\6" + b"\0" * 18)
    write(pyodide / "pyodide-lock.json",
          json.dumps({"info": {"platform": "emscripten_3_1_46", "arch": "wasm32"}, "packages": {}}))
    write(pyodide / ".hidden", "dotfile")
    write(pyodide / ".git" / "config", "[core]")
    write(pyodide / "sub" / "inner.js", "// nested\n")
    (pyodide / "link-out.txt").symlink_to(root / "secret.txt")

    dist = root / "dist"
    old, new = 1_700_000_000, 1_800_000_000
    for name, mtime in [
        ("fib_python-0.1.0-py3-none-any.whl", new),
        ("fib_pybind-0.1.0-cp311-cp311-emscripten_3_1_46_wasm32.whl", new),
        ("fib_pybind-0.1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", new),
        ("fib_pybind-0.1.0-cp312-cp312-emscripten_3_1_58_wasm32.whl", new),
        ("webapp_worker-0.0.9-py3-none-any.whl", old),
        ("webapp_worker-0.1.0-py3-none-any.whl", new),
        ("someone_else-1.0-py3-none-any.whl", new),
    ]:
        write(dist / name, b"PK\5\6" + name.encode(), mtime)
    write(dist / "notes.txt", "not a wheel")
    return root


@pytest.fixture(scope="session")
def server(server_factory, artifacts) -> Server:
    """The backend over the known artifacts, with a small API limit."""
    return server_factory(FIB_PYODIDE_DIR=str(artifacts / "pyodide"),
                          FIB_WHEELS_DIR=str(artifacts / "dist"),
                          FIB_API_MAX_N=str(API_MAX_N))


@pytest.fixture(scope="session")
def degraded_server(server_factory, tmp_path_factory) -> Server:
    """The backend with nothing built, fib_pybind missing, and a fib_python out of memory."""
    shadow = tmp_path_factory.mktemp("shadow")
    write(shadow / "fib_pybind" / "__init__.py", 'raise ImportError("not built")\n')
    write(shadow / "fib_python" / "__init__.py",
          '__version__ = "0.0.0"\n\ndef fib_str(n, base=10):\n    raise MemoryError\n')
    missing = tmp_path_factory.mktemp("empty") / "missing"
    return server_factory(PYTHONPATH=os.pathsep.join(filter(None, [str(shadow), os.environ.get("PYTHONPATH")])),
                          FIB_PYODIDE_DIR=str(missing), FIB_WHEELS_DIR=str(missing))
