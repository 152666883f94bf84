"""Goodput past a lane's limit: answers with a 2xx status per second when more clients ask than
one of the server's lanes admits. The cheap native lane (F(10^5) on threads of the server
process) admits its workers plus its queue, read from /api/health; wrk then holds 1x, 2x and
4x that many connections, each asking again as soon as it has an answer, 200 or 503. Each
run's goodput is compared with the 1x run's, measured just before it on the same server."""

from __future__ import annotations

import dataclasses
import json
import urllib.request
from typing import TYPE_CHECKING, Callable

from .backend import require_loopback

if TYPE_CHECKING:
    from .server import LoadSettings

OVERLOAD_PATH = "/api/fib/100000?impl=native&include_value=false"
LANE = "cheap-native"
MULTIPLES = (1, 2, 4)


def lane_limit(base_url: str) -> int:
    """Requests the lane takes at once: its workers and its queue."""
    with urllib.request.urlopen(f"{require_loopback(base_url)}/api/health", timeout=30) as response:
        lane = json.load(response)["lanes"][LANE]
    return lane["size"] + lane["queue_limit"]


def goodput(run: dict) -> float:
    """2xx answers per second of a parsed wrk run (wrk counts other statuses as errors)."""
    duration = run["duration_seconds"]
    return (run["requests"] - run["errors"]["status"]) / duration if duration else 0.0


def overload(base_url: str, load: LoadSettings, say: Callable[[str], None]) -> dict:
    from .server import wrk_run  # the server module runs this part: imported once both exist

    limit = lane_limit(base_url)
    url = require_loopback(base_url) + OVERLOAD_PATH
    runs = []
    for multiple in MULTIPLES:
        connections = multiple * limit
        say(f"wrk: goodput at {multiple}x the {LANE} lane's limit ({connections} connections), "
            f"{OVERLOAD_PATH} for {load.duration_seconds:g} s")
        run = wrk_run(url, dataclasses.replace(load, connections=connections))
        runs.append({"multiple": multiple, "connections": connections, "goodput_per_second": goodput(run),
                     "refused": run["errors"]["status"], **run})
    for run in runs:
        run["goodput_vs_1x"] = run["goodput_per_second"] / runs[0]["goodput_per_second"] \
            if runs[0]["goodput_per_second"] else None
    return {"path": OVERLOAD_PATH, "lane": LANE, "lane_limit": limit, "runs": runs}
