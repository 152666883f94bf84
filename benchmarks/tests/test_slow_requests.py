import time

import pytest
from conftest import StandInHandler, serving

from fib_benchmarks.slow_requests import (
    Address, abandoned_requests, cheap_behind_expensive, health_under_flood, percentile)


@pytest.mark.parametrize(("fraction", "value"), [(0.5, 50), (0.99, 99), (1.0, 100), (0.0, 1)])
def test_percentiles_are_nearest_rank(fraction, value):
    assert percentile([float(v) for v in range(100, 0, -1)], fraction) == value


class _SlowApi(StandInHandler):
    """/api/health answers at once; /api/fib/... after 0.3 s, as a busy server would."""

    protocol_version = "HTTP/1.0"

    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path.startswith("/api/fib/") and "impl=python" in self.path:
            time.sleep(0.3)
        self.answer(200, b'{"max_n": 1000}')


@pytest.fixture
def slow_api():
    with serving(_SlowApi) as url:
        yield Address(url)


def test_health_is_probed_while_the_flood_is_in_flight(slow_api):
    result = health_under_flood(slow_api, 1000, flood_requests=3, window_seconds=1.0)
    assert result["flood_path"] == "/api/fib/1000?impl=python&include_value=false"
    assert result["probes"] >= 3 and result["unanswered_probes"] == 0
    assert 0 < result["health_p50_seconds"] <= result["health_p99_seconds"] <= result["health_max_seconds"]
    assert sum(result["flood_statuses_within_window"].values()) == 3


def test_cheap_requests_are_timed_behind_the_expensive_ones(slow_api):
    result = cheap_behind_expensive(slow_api, 1000)
    assert result["cheap_statuses"] == [200] * len(result["cheap_latencies_seconds"])
    assert result["expensive_statuses_meanwhile"] == {"200": 8}


def test_abandoned_requests_report_the_cpu_burned_until_idle(slow_api):
    # The fake server runs in this process, which is idle once the abandoned requests end.
    result = abandoned_requests(slow_api, 1000, count=3)
    assert result["idle_within_bound"] is True
    assert 0 <= result["cpu_seconds_after_abandoning"] < result["seconds_until_idle"] * 2


@pytest.mark.parametrize("base", ["http://10.0.0.1:8000", "http://example.org"])
def test_scenarios_only_target_this_machine(base):
    with pytest.raises(ValueError, match="refusing"):
        Address(base)
