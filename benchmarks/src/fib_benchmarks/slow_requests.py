"""The slow-request scenarios of the server load test: how /api/fib behaves when flooded with the
most expensive requests it accepts (impl=python at the server's largest n).

- health under a flood: /api/health latency while 32 such requests are in flight;
- a cheap request behind expensive ones: GET /api/fib/10?impl=native with 8 in flight;
- abandoned requests: CPU seconds the server still burns after 50 clients gave up at 0.2 s.

Every loop is bounded in count and time; in-flight requests are abandoned (their sockets shut)
at the end of each scenario, and the next scenario waits until the server is idle again.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from typing import Callable
from urllib.parse import urlsplit

from .backend import require_loopback
from .server_cpu import wait_until_idle
from .timing import median

FLOOD_REQUESTS = 32
FLOOD_WINDOW_SECONDS = 15.0
PROBE_INTERVAL_SECONDS = 0.1
PROBE_TIMEOUT_SECONDS = 5.0
EXPENSIVE_IN_FLIGHT = 8
CHEAP_PATH = "/api/fib/10?impl=native"
CHEAP_PROBES = 5
CHEAP_TIMEOUT_SECONDS = 60.0
ABANDONED_REQUESTS = 50
ABANDON_AFTER_SECONDS = 0.2
# The old single-process server took about two minutes of CPU to finish 50 abandoned requests.
IDLE_BOUND_SECONDS = 240.0


class Address:
    def __init__(self, base_url: str):
        parts = urlsplit(require_loopback(base_url))
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80


class PendingRequest:
    """A GET sent at once on its own connection; its answer is awaited in a thread, and the
    client can give up on it (shut its socket) at any time."""

    def __init__(self, address: Address, path: str, timeout: float):
        self.connection = http.client.HTTPConnection(address.host, address.port, timeout=timeout)
        self.connection.request("GET", path)
        self.status: int | None = None
        self.thread = threading.Thread(target=self._await_answer, daemon=True)
        self.thread.start()

    def _await_answer(self) -> None:
        try:
            response = self.connection.getresponse()
            response.read()
            self.status = response.status
        except (OSError, http.client.HTTPException):
            pass  # abandoned, or no answer in time: status stays None

    def abandon(self) -> None:
        # Shut the socket only: the waiting thread then fails its read and ends; closing the
        # connection under it would race with http.client's own cleanup.
        sock = self.connection.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.thread.join(timeout=5)
        self.connection.close()


def timed_get(address: Address, path: str, timeout: float) -> tuple[float | None, int | None]:
    """(seconds until the whole answer arrived, status); (None, None) when none came in time."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(address.host, address.port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return time.perf_counter() - start, response.status
    except (OSError, http.client.HTTPException):
        return None, None
    finally:
        connection.close()


def get_json(address: Address, path: str) -> dict:
    connection = http.client.HTTPConnection(address.host, address.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return json.loads(body)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def _statuses(requests: list[PendingRequest]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for request in requests:
        key = "no answer" if request.status is None else str(request.status)
        counts[key] = counts.get(key, 0) + 1
    return counts


def expensive_path(max_n: int) -> str:
    return f"/api/fib/{max_n}?impl=python&include_value=false"


def health_under_flood(address: Address, max_n: int, flood_requests: int = FLOOD_REQUESTS,
                       window_seconds: float = FLOOD_WINDOW_SECONDS) -> dict:
    flood = [PendingRequest(address, expensive_path(max_n), window_seconds * 10) for _ in range(flood_requests)]
    latencies: list[float] = []
    unanswered = 0
    deadline = time.monotonic() + window_seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        seconds, status = timed_get(address, "/api/health", PROBE_TIMEOUT_SECONDS)
        if seconds is None or status != 200:
            unanswered += 1
        else:
            latencies.append(seconds)
        time.sleep(max(0.0, started + PROBE_INTERVAL_SECONDS - time.monotonic()))
    # Counted before the flood is abandoned: what the clients had received within the window.
    statuses = _statuses(flood)
    for request in flood:
        request.abandon()
    # An unanswered probe counts as the probe timeout, so p99 cannot hide it.
    counted = latencies + [PROBE_TIMEOUT_SECONDS] * unanswered
    return {
        "flood_requests": flood_requests,
        "flood_path": expensive_path(max_n),
        "window_seconds": window_seconds,
        "probes": len(counted),
        "unanswered_probes": unanswered,
        "probes_over_100ms": sum(1 for s in counted if s > 0.1),
        "probes_over_1s": sum(1 for s in counted if s > 1.0),
        "health_p50_seconds": percentile(counted, 0.50) if counted else None,
        "health_p99_seconds": percentile(counted, 0.99) if counted else None,
        "health_max_seconds": max(counted) if counted else None,
        "flood_statuses_within_window": statuses,
    }


def cheap_behind_expensive(address: Address, max_n: int) -> dict:
    expensive = [PendingRequest(address, expensive_path(max_n), CHEAP_TIMEOUT_SECONDS * 10)
                 for _ in range(EXPENSIVE_IN_FLIGHT)]
    # Let the server take all of them in (running or queued) before the cheap request.
    time.sleep(1.0)
    probes = [timed_get(address, CHEAP_PATH, CHEAP_TIMEOUT_SECONDS) for _ in range(CHEAP_PROBES)]
    statuses = _statuses(expensive)
    for request in expensive:
        request.abandon()
    latencies = [CHEAP_TIMEOUT_SECONDS if seconds is None else seconds for seconds, _ in probes]
    return {
        "expensive_in_flight": EXPENSIVE_IN_FLIGHT,
        "cheap_path": CHEAP_PATH,
        "cheap_latencies_seconds": latencies,
        "cheap_statuses": [status for _, status in probes],
        "cheap_median_seconds": median(latencies),
        "cheap_max_seconds": max(latencies),
        "expensive_statuses_meanwhile": statuses,
    }


def abandoned_requests(address: Address, max_n: int, count: int = ABANDONED_REQUESTS) -> dict:
    requests = [PendingRequest(address, expensive_path(max_n), ABANDON_AFTER_SECONDS * 100) for _ in range(count)]
    time.sleep(ABANDON_AFTER_SECONDS)
    for request in requests:
        request.abandon()
    started = time.monotonic()
    idle, cpu_seconds = wait_until_idle(address.port, IDLE_BOUND_SECONDS)
    return {
        "abandoned_requests": count,
        "abandoned_after_seconds": ABANDON_AFTER_SECONDS,
        "cpu_seconds_after_abandoning": cpu_seconds,
        "seconds_until_idle": time.monotonic() - started,
        # False: still busy when the bound ran out, so the CPU seconds are a lower bound.
        "idle_within_bound": idle,
    }


def slow_request_scenarios(base_url: str, say: Callable[[str], None] = print) -> dict:
    """Runs the three scenarios in turn against the server at `base_url` (on this machine)."""
    address = Address(base_url)
    max_n = get_json(address, "/api/health")["max_n"]
    scenarios = {}
    for name, scenario in (("health_under_flood", health_under_flood),
                           ("cheap_behind_expensive", cheap_behind_expensive),
                           ("abandoned_requests", abandoned_requests)):
        idle, _ = wait_until_idle(address.port, IDLE_BOUND_SECONDS)
        if not idle:
            raise RuntimeError(f"the server stayed busy for {IDLE_BOUND_SECONDS:g} s before {name}")
        say(f"slow requests: {name} (impl=python, n={max_n:,})")
        scenarios[name] = scenario(address, max_n)
        say(f"slow requests: {name}: {json.dumps(scenarios[name])}")
    return {"max_n": max_n, **scenarios}
