import http.server
import shutil
import threading
import time

import pytest

from fib_benchmarks.overload import Pacing, goodput, h2load_command, parse_h2load
from fib_benchmarks.server import (
    KILL_AFTER_FRACTION, LoadSettings, endpoint, load_test, parse_wrk, wrk_command, wrk_run_killing)

WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:8000/api/fib/1000?impl=native
  1 threads and 4 connections
FIB_BENCH_WRK {"requests": 2500, "duration_us": 2000000, "bytes": 123456, "latency_p50_us": 1500, \
"latency_p99_us": 9000, "latency_max_us": 12000, "errors": {"connect": 0, "read": 1, "write": 0, "status": 2, \
"timeout": 0}}
"""


def test_wrk_summary_line_becomes_rates_latencies_and_errors():
    run = parse_wrk(WRK_OUTPUT)
    assert run["requests_per_second"] == 1250.0
    assert (run["latency_p50_seconds"], run["latency_p99_seconds"]) == (0.0015, 0.009)
    assert run["errors"] == {"connect": 0, "read": 1, "write": 0, "status": 2, "timeout": 0}
    assert run["total_errors"] == 3


def test_goodput_counts_only_answers_with_a_2xx_status():
    assert goodput(parse_wrk(WRK_OUTPUT)) == 1249.0


H2LOAD_OUTPUT = """starting benchmark...
progress: 100% of clients started

finished in 3.64s, 823.62 req/s, 376.36KB/s
requests: 3000 total, 3000 started, 2990 done, 1034 succeeded, 1966 failed, 4 errored, 6 timeout
status codes: 1034 2xx, 0 3xx, 2 4xx, 1954 5xx
traffic: 1.34MB (1403756) total, 714.45KB (731592) headers (space savings 0.00%), 466.68KB (477878) data
"""


def test_h2load_summary_becomes_goodput_refusals_and_failures():
    run = parse_h2load(H2LOAD_OUTPUT)
    assert run["goodput_per_second"] == 1034 / 3.64
    assert (run["requests"], run["answered"], run["refused"], run["other_statuses"]) == (3000, 2990, 1954, 2)
    assert (run["errored"], run["timeouts"]) == (4, 6)


def test_h2load_output_without_its_summary_is_an_error():
    with pytest.raises(ValueError, match="no line matching"):
        parse_h2load("starting benchmark...\n")


def test_the_open_loop_opens_one_connection_per_request_at_the_rate():
    command = h2load_command("http://127.0.0.1:1/x", Pacing.for_rate(2000), 10, 60)
    # 8 connections every 4 ms for 10 s.
    assert {"--h1", "--rate=8", "--rate-period=4ms", "--clients=20000", "--requests=20000"} <= set(command)


@pytest.mark.parametrize("per_second, pacing", [
    (2000, Pacing(8, 4)), (2500, Pacing(10, 4)), (750, Pacing(3, 4)), (1234.5, Pacing(5, 4)),
    # Fewer than one per 4 ms: one per period as long as the rate allows.
    (100, Pacing(1, 10)), (0.5, Pacing(1, 2000)),
])
def test_new_connections_are_paced_in_small_batches(per_second, pacing):
    assert Pacing.for_rate(per_second) == pacing


def test_wrk_output_without_the_summary_line_is_an_error():
    with pytest.raises(ValueError, match="no summary line"):
        parse_wrk("Running 1s test @ http://127.0.0.1/\n")


def test_wrk_runs_bounded_in_time_with_our_summary_script():
    load = LoadSettings(connections=4, duration_seconds=2.5, request_timeout_seconds=30)
    command = wrk_command("http://127.0.0.1:1/x", load)
    assert command[0] == "wrk"
    assert {"--threads=1", "--connections=4", "--duration=2.5s", "--timeout=30s"} <= set(command)
    assert command[-2].endswith("wrk_report.lua")


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000", "http://127.0.0.2:9/", "http://[::1]:8000", "http://localhost:1"])
def test_endpoints_on_this_machine_are_accepted(base):
    assert endpoint(base, 1000, "native") == f"{base.rstrip('/')}/api/fib/1000?impl=native"


@pytest.mark.parametrize("base", ["http://10.0.0.1:8000", "http://192.168.1.2", "http://example.org", "http://8.8.8.8"])
def test_load_is_never_sent_off_this_machine(base):
    with pytest.raises(ValueError, match="refusing"):
        endpoint(base, 1000, "native")


class _FibApi(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        ok = self.path.startswith("/api/fib/")
        body = b'{"value": "1"}' if ok else b"{}"
        self.send_response(200 if ok else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk (Debian package) is not installed")
def test_a_load_test_against_a_local_api_reports_both_implementations():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FibApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        load = LoadSettings(connections=2, duration_seconds=1, request_timeout_seconds=10)
        section = load_test(f"http://127.0.0.1:{server.server_port}", load, ns=(10,), say=lambda line: None,
                            slow_requests=False, scaling=False, goodput=False, stalled=False)
    finally:
        server.shutdown()
        server.server_close()
    assert section["status"] == "measured"
    assert [(r["n"], r["implementation"]) for r in section["runs"]] == [(10, "native"), (10, "python")]
    for run in section["runs"]:
        assert run["requests"] > 0
        assert run["total_errors"] == 0
        assert 0 < run["latency_p50_seconds"] <= run["latency_p99_seconds"]


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk (Debian package) is not installed")
def test_a_run_with_a_kill_calls_it_once_part_way_through():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FibApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    calls = []
    try:
        started = time.monotonic()
        load = LoadSettings(connections=2, duration_seconds=2, request_timeout_seconds=10)
        run = wrk_run_killing(f"http://127.0.0.1:{server.server_port}/api/fib/1", load,
                              lambda: calls.append(time.monotonic() - started))
    finally:
        server.shutdown()
        server.server_close()
    assert run["requests"] > 0
    assert len(calls) == 1 and calls[0] >= 2 * KILL_AFTER_FRACTION
