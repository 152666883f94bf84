"""Fakes shared by the harness tests: a clock that only moves when a fake implementation runs,
so timings are exact and the tests never depend on this machine's speed; stand-in HTTP servers
on 127.0.0.1."""

from __future__ import annotations

import contextlib
import http.server
import threading
from typing import Callable, Iterator

import pytest

from fib_benchmarks.implementations import Implementation


def true_fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.calls: list[tuple[str, int]] = []

    def __call__(self) -> float:
        return self.now


def fake_implementation(
    name: str, clock: FakeClock, seconds_per_n: float, exponent: float = 1.0, wrong: bool = False,
    max_n: int = 10**9,
) -> Implementation:
    """An implementation whose every call advances the clock by seconds_per_n * n**exponent."""

    def call(n: int) -> int:
        clock.calls.append((name, n))
        clock.now += seconds_per_n * n**exponent
        return true_fib(min(n, 50)) + (1 if wrong else 0)

    return Implementation(
        name=name,
        distribution=name,
        description=f"fake {name}",
        functions={"fib": call, "fib_iterative": call},
        max_n={"fib": max_n, "fib_iterative": max_n},
    )


class RecordingProgress:
    def __init__(self) -> None:
        self.steps = 0
        self.labels: list[str] = []

    def start(self, label: str) -> None:
        self.labels.append(label)

    def advance(self, steps: int = 1) -> None:
        self.steps += steps


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def progress() -> RecordingProgress:
    return RecordingProgress()


class StandInHandler(http.server.BaseHTTPRequestHandler):
    """What a stand-in API's handler shares: `answer` sends a body with its length; no log."""

    def answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """The handler (a class, or a partial of one) served on 127.0.0.1, a thread per connection;
    yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
