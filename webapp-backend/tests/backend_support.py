"""Helpers for the backend tests: a real uvicorn process on 127.0.0.1, the test vectors."""

import http.client
import json
import os
import resource
import socket
import subprocess
import sys
import threading
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
    log_path: Path
    # The stand-in fib_python's folder, for servers that use it (conftest.stand_ins).
    hold_dir: Path | None = None

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


class PendingRequest:
    """A GET sent now on a connection of its own, answered in a thread; `abandon` shuts the
    connection as a client that gives up does."""

    def __init__(self, server: Server, path: str):
        self.connection = http.client.HTTPConnection(server.host, server.port, timeout=120)
        self.connection.request("GET", path)
        self.response: Response | None = None
        self.thread = threading.Thread(target=self._receive, daemon=True)
        self.thread.start()

    def _receive(self) -> None:
        try:
            reply = self.connection.getresponse()
            self.response = Response(reply.status, reply.headers, reply.read())
        except (OSError, http.client.HTTPException):
            pass  # abandoned

    def result(self, timeout: float = 120) -> Response:
        self.thread.join(timeout)
        assert self.response is not None, "no answer"
        return self.response

    def abandon(self) -> None:
        # Shut, then close once the reading thread has ended (closing under it races).
        if self.connection.sock is not None:
            self.connection.sock.shutdown(socket.SHUT_RDWR)
        self.thread.join(10)
        self.connection.close()


def wait_for(condition, timeout: float, what: str) -> None:
    """Poll `condition` until it holds; fail the test naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout:g} s"
        time.sleep(0.05)


def process_alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting to be reaped has already stopped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def children(pid: int) -> set[int]:
    """The processes `pid` started that still run (Linux's /proc/PID/task/*/children)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            pass  # the thread or process ended meanwhile
    return {child for child in found if process_alive(child)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def uvicorn_command(port: int) -> list[str]:
    """uvicorn serving the installed webapp_backend, started as a deployment does."""
    return [sys.executable, "-m", "webapp_backend", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "warning"]


def start_server(env: dict[str, str], log_path: Path, open_files: int | None = None) -> Server:
    """uvicorn with extra environment variables; `open_files` lowers its open-file limit (as
    `ulimit -n` would), so that attacks on it need few connections."""
    port = free_port()
    log = log_path.open("wb")

    def limit_open_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))

    process = subprocess.Popen(uvicorn_command(port), env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
                               preexec_fn=limit_open_files if open_files else None)
    server = Server("127.0.0.1", port, process, log_path)
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
BROWSER_PLATFORM = "pyemscripten_2026_0_wasm32"


def write(path: Path, content: bytes | str, mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path
