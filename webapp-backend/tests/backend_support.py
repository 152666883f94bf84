"""Helpers for the backend tests: a real uvicorn process on 127.0.0.1, the test vectors."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

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


VECTORS = json.loads((REPO / "testdata" / "fibonacci.json").read_text())
API_MAX_N = 200_000
BROWSER_PLATFORM = "emscripten_3_1_46_wasm32"


def write(path: Path, content: bytes | str, mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path
