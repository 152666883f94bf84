"""Goodput past a lane's limit: answers with a 2xx status per second when more clients ask than
one of the server's lanes admits. The cheap native lane (F(10^5) on threads of the server
process) admits its workers plus its queue, read from /api/health; wrk then holds 1x, 2x and
4x that many connections, each asking again as soon as it has an answer, 200 or 503 (a closed
loop). Then h2load opens new connections at a fixed rate, twice the 1x run's goodput, each
asking once, whatever the answers (an open loop: new visitors keep arriving). Each run's
goodput is compared with the 1x run's, measured just before it on the same server."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import shutil
import subprocess
import urllib.request
from typing import TYPE_CHECKING, Callable

from .backend import require_loopback

if TYPE_CHECKING:
    from .server import LoadSettings

OVERLOAD_PATH = "/api/fib/100000?impl=native&include_value=false"
LANE = "cheap-native"
MULTIPLES = (1, 2, 4)
# The open loop's new connections per second, as a multiple of the 1x run's goodput.
OPEN_LOOP_MULTIPLE = 2
# h2load opens connections in batches, one batch per period (whole milliseconds): periods this
# short spread them out, so the server meets a steady arrival rate, not a burst every tenth of
# a second that fills its accept queue and lanes at once. A low rate gets a longer period.
SHORTEST_RATE_PERIOD_MS = 4


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
    peak = runs[0]["goodput_per_second"]
    pacing = Pacing.for_rate(OPEN_LOOP_MULTIPLE * peak)
    say(f"h2load: {pacing.per_second:g} new connections/s ({OPEN_LOOP_MULTIPLE}x the 1x goodput; "
        f"{pacing.per_period} every {pacing.period_ms} ms), one request each, {OVERLOAD_PATH} "
        f"for {load.duration_seconds:g} s")
    open_run = {"multiple_of_1x_goodput": OPEN_LOOP_MULTIPLE, "offered_per_second": pacing.per_second,
                "connections_per_period": pacing.per_period, "period_ms": pacing.period_ms,
                **h2load_run(url, pacing, load.duration_seconds, load.request_timeout_seconds)}
    for run in [*runs, open_run]:
        run["goodput_vs_1x"] = run["goodput_per_second"] / peak if peak else None
    return {"path": OVERLOAD_PATH, "lane": LANE, "lane_limit": limit, "runs": runs, "open_loop": open_run}


@dataclasses.dataclass(frozen=True)
class Pacing:
    """`per_period` new connections every `period_ms` milliseconds."""

    per_period: int
    period_ms: int

    @classmethod
    def for_rate(cls, per_second: float) -> Pacing:
        """The shortest period (at least SHORTEST_RATE_PERIOD_MS) that holds a whole connection,
        and the batch nearest the rate."""
        period_ms = max(SHORTEST_RATE_PERIOD_MS, math.ceil(1000 / max(per_second, 1e-3)))
        return cls(max(1, round(per_second * period_ms / 1000)), period_ms)

    @property
    def per_second(self) -> float:
        return self.per_period * 1000 / self.period_ms


def h2load_command(url: str, pacing: Pacing, duration_seconds: float, timeout_seconds: float) -> list[str]:
    """New connections paced as `pacing` says for `duration_seconds`, one request each."""
    total = max(1, round(pacing.per_second * duration_seconds))
    return ["h2load", "--h1", "--threads=1", f"--rate={pacing.per_period}", f"--rate-period={pacing.period_ms}ms",
            f"--clients={total}", f"--requests={total}", f"--connection-inactivity-timeout={timeout_seconds:g}", url]


def parse_h2load(stdout: str) -> dict:
    """The figures of one h2load run from its summary lines."""
    def numbers(pattern: str) -> tuple[float, ...]:
        found = re.search(pattern, stdout)
        if found is None:
            raise ValueError(f"h2load printed no line matching {pattern!r}")
        return tuple(float(value) for value in found.groups())

    (duration,) = numbers(r"finished in ([\d.]+)s,")
    total, done, errored, timeouts = numbers(r"requests: (\d+) total, \d+ started, (\d+) done, \d+ succeeded, "
                                             r"\d+ failed, (\d+) errored, (\d+) timeout")
    ok, redirected, client_errors, server_errors = numbers(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx")
    return {"requests": int(total), "answered": int(done), "duration_seconds": duration,
            "goodput_per_second": ok / duration if duration else 0.0, "refused": int(server_errors),
            "other_statuses": int(redirected + client_errors), "errored": int(errored), "timeouts": int(timeouts)}


def h2load_run(url: str, pacing: Pacing, duration_seconds: float, timeout_seconds: float) -> dict:
    if shutil.which("h2load") is None:
        raise FileNotFoundError("h2load is not installed (Debian package nghttp2-client)")
    done = subprocess.run(h2load_command(require_loopback(url), pacing, duration_seconds, timeout_seconds),
                          capture_output=True, text=True, check=False, timeout=duration_seconds + timeout_seconds + 60)
    if done.returncode != 0:
        raise RuntimeError(f"h2load exited {done.returncode}: {done.stderr.strip() or done.stdout.strip()}")
    return parse_h2load(done.stdout)
