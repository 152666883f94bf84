"""A bounded load test of /api/fib/{n} for both server-side implementations, with wrk."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .backend import require_loopback, running_app, server_process
from .overload import overload
from .slow_requests import slow_request_scenarios
from .stalled_readers import stalled_readers

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
MARKER = "FIB_BENCH_WRK "
SERVER_IMPLS = ("native", "python")
SERVER_NS = (10**5, 10**6)
SERVER_PROCESS_COUNTS = (1, 2)
# Bound by request handling (a tiny native computation), and by computation (python at 10^5).
SCALING_PATHS = ("/api/fib/1000?impl=native", "/api/fib/100000?impl=python")
# With several server processes, the request-bound run again with one of them killed this far
# into it: uvicorn's supervisor starts another, which must win clients back (connections.py
# recycles kept-alive ones) for the rest of the run.
KILL_AFTER_FRACTION = 0.25


@dataclass(frozen=True)
class LoadSettings:
    connections: int
    duration_seconds: float
    # One wrk thread: the two cores are better left to the server under test.
    threads: int = 1
    # Long enough for the slowest request here (fib_python's decimal text at 10^6, under load),
    # so a slow answer counts as slow, not as a timeout error.
    request_timeout_seconds: float = 60


def wrk_command(url: str, load: LoadSettings) -> list[str]:
    return [
        "wrk", f"--threads={load.threads}", f"--connections={load.connections}",
        f"--duration={load.duration_seconds:g}s", f"--timeout={load.request_timeout_seconds:g}s",
        f"--script={WRK_SCRIPT}", url,
    ]


def parse_wrk(stdout: str) -> dict:
    """The figures of one wrk run from the line our Lua `done` hook prints."""
    line = next((l for l in stdout.splitlines() if l.startswith(MARKER)), None)
    if line is None:
        raise ValueError("wrk printed no summary line (did the Lua script run?)")
    raw = json.loads(line[len(MARKER):])
    duration = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "duration_seconds": duration,
        "requests_per_second": raw["requests"] / duration if duration else 0.0,
        "latency_p50_seconds": raw["latency_p50_us"] / 1e6,
        "latency_p99_seconds": raw["latency_p99_us"] / 1e6,
        "latency_max_seconds": raw["latency_max_us"] / 1e6,
        "bytes": raw["bytes"],
        # "status" counts answers outside 2xx/3xx; the others are socket errors.
        "errors": raw["errors"],
        "total_errors": sum(raw["errors"].values()),
    }


def endpoint(base_url: str, n: int, impl: str) -> str:
    return f"{require_loopback(base_url)}/api/fib/{n}?impl={impl}"


def load_test(
    base_url: str,
    load: LoadSettings,
    ns: tuple[int, ...] = SERVER_NS,
    say: Callable[[str], None] = print,
    slow_requests: bool = True,
    scaling: bool = True,
    goodput: bool = True,
    stalled: bool = True,
) -> dict:
    """One wrk run per (n, implementation), each bounded by the duration; a first plain request
    checks the endpoint answers and warms it up. Then, unless turned off, the slow-request
    scenarios against the same app, goodput at 1x, 2x and 4x a lane's limit, clients that never
    read their answers, and requests per second of fresh apps with 1 and 2 server processes.
    Raises when any part cannot run."""
    if shutil.which("wrk") is None:
        raise FileNotFoundError("wrk is not installed (Debian package wrk)")
    runs = []
    for n in ns:
        for impl in SERVER_IMPLS:
            url = endpoint(base_url, n, impl)
            # Raises HTTPError on any status but 2xx/3xx.
            with urllib.request.urlopen(url, timeout=load.request_timeout_seconds) as response:
                response.read()
            say(f"wrk: {url} for {load.duration_seconds:g} s")
            runs.append({"n": n, "implementation": impl, "url": url, **wrk_run(url, load)})
    return {
        "status": "measured",
        "tool": "wrk",
        "connections": load.connections,
        "threads": load.threads,
        "duration_seconds": load.duration_seconds,
        "request_timeout_seconds": load.request_timeout_seconds,
        "runs": runs,
        "slow_requests": slow_request_scenarios(base_url, say) if slow_requests else None,
        "overload": overload(base_url, load, say) if goodput else None,
        "stalled_readers": stalled_readers(base_url, say) if stalled else None,
        "server_processes": process_scaling(load, say) if scaling else None,
    }


def wrk_run(url: str, load: LoadSettings) -> dict:
    """One bounded wrk run against `url` (on this machine); raises when wrk fails."""
    done = subprocess.run(
        wrk_command(require_loopback(url), load), capture_output=True, text=True, check=False,
        timeout=load.duration_seconds + load.request_timeout_seconds + 30,
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrk exited {done.returncode}: {done.stderr.strip()}")
    return parse_wrk(done.stdout)


def wrk_run_killing(url: str, load: LoadSettings, kill: Callable[[], None]) -> dict:
    """wrk_run with `kill` called KILL_AFTER_FRACTION of the way through."""
    timer = threading.Timer(load.duration_seconds * KILL_AFTER_FRACTION, kill)
    timer.start()
    try:
        return wrk_run(url, load)
    finally:
        timer.cancel()


@contextlib.contextmanager
def _server_processes(count: int) -> Iterator[None]:
    """uvicorn reads its number of worker processes from WEB_CONCURRENCY, and running_app starts
    the app with this process's environment: an app started inside this block runs `count`."""
    previous = os.environ.get("WEB_CONCURRENCY")
    os.environ["WEB_CONCURRENCY"] = str(count)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["WEB_CONCURRENCY"]
        else:
            os.environ["WEB_CONCURRENCY"] = previous


def process_scaling(load: LoadSettings, say: Callable[[str], None] = print,
                    counts: tuple[int, ...] = SERVER_PROCESS_COUNTS) -> list[dict]:
    """Requests per second of a fresh app (running_app, on 127.0.0.1) with 1, then 2 server
    processes, on a request-bound URL and a computation-bound one; with several, the
    request-bound one again while one server process is killed."""
    from .cli import repo_root  # the CLI imports this module; the root is found the same way

    root = repo_root()
    results = []
    for count in counts:
        with _server_processes(count), running_app(root, None, root / "build" / "server-processes.log", 180) as base:
            runs = []
            for path in SCALING_PATHS:
                say(f"wrk: {count} server process(es), {path} for {load.duration_seconds:g} s")
                runs.append({"path": path, **wrk_run(base + path, load)})
            killed = None
            if count > 1:
                path, victim = SCALING_PATHS[0], server_process(base)
                after = load.duration_seconds * KILL_AFTER_FRACTION
                say(f"wrk: {count} server processes, {path} for {load.duration_seconds:g} s, "
                    f"one killed after {after:g} s")
                killed = {"path": path, "killed_after_seconds": after,
                          **wrk_run_killing(base + path, load, lambda: os.kill(victim, signal.SIGKILL))}
        results.append({"server_processes": count, "runs": runs, "one_killed": killed})
    return results
