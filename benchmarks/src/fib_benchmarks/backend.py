"""The web app under test: the installed webapp_backend served by uvicorn on 127.0.0.1 (as the
nox session `serve` does), or one already running."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib.util import find_spec
from pathlib import Path
from typing import Iterator, Mapping
from urllib.parse import urlsplit


def require_loopback(url: str) -> str:
    """The URL without a trailing slash, if its host is this machine; load goes nowhere else."""
    host = urlsplit(url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise ValueError(f"refusing {url!r}: benchmarks only target 127.0.0.0/8, ::1 or localhost")
    return url.rstrip("/")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(base_url: str, timeout: float, server: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server is not None and server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with status {server.returncode} before the app was up")
        try:
            with urllib.request.urlopen(f"{base_url}/api/health", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{base_url}/api/health did not answer 200 within {timeout:g} s")
        time.sleep(0.5)


def server_process(base_url: str) -> int:
    """The id of a server process of the app (the one that answered)."""
    with urllib.request.urlopen(f"{require_loopback(base_url)}/api/health", timeout=30) as response:
        return json.load(response)["server_process"]


def app_command(port: int) -> list[str]:
    """The webapp_backend installed in this environment, served as a deployment serves it."""
    if find_spec("webapp_backend") is None:
        raise ModuleNotFoundError("webapp_backend is not installed in the benchmark's environment "
                                  "(the nox sessions benchmark and benchmark_tests install it)")
    return [sys.executable, "-m", "webapp_backend", "--host", "127.0.0.1", "--port", str(port)]


@contextlib.contextmanager
def running_app(repo_root: Path, url: str | None, log_path: Path, timeout: float,
                env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Yields the app's base URL; an app this function started (with `env` added to its
    environment) is stopped on exit."""
    if url is not None:
        base = require_loopback(url)
        wait_until_healthy(base, timeout)
        yield base
        return
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = app_command(port)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        # A session of its own, so uvicorn and its worker processes stop together.
        server = subprocess.Popen(
            command, cwd=repo_root, env={**os.environ, **(env or {}), "HOST": "127.0.0.1"},
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            wait_until_healthy(base, timeout, server)
            yield base
        finally:
            _stop(server)


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
