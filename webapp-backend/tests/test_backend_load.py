"""The API under load, against a real uvicorn: computations run in worker processes, full lanes
refuse with 503, cheap requests pass costly ones, and abandoned or overlong work is stopped.

The stand-in fib_python (conftest) decides what F(n) does from n's last digit; every n here
up to 100,000 goes to the cheap lane, larger ones to the costly lane.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest

from backend_support import PendingRequest, process_alive, wait_for

SPIN = 8  # computes forever, holding the GIL
COSTLY = 200_000
# Generous bounds for things that happen within about a second: the machine may be busy.
SOON = 10


@pytest.fixture(scope="module")
def small_server_process(server_factory, stand_ins):
    return server_factory(**stand_ins(), FIB_API_WORKERS="1", FIB_API_QUEUE="2")


@pytest.fixture
def small_server(small_server_process):
    """One process per lane and a queue of two, idle (what an earlier test left has ended)."""
    wait_for(lambda: all(lane(small_server_process, name)["busy"] + lane(small_server_process, name)["queued"] == 0
                         for name in ("cheap", "costly")), SOON, "the lanes becoming idle")
    return small_server_process


def lane(server, name):
    return server.request("/api/health").json()["lanes"][name]


def running_pid(server, n):
    record = server.hold_dir / f"running-{n}"
    wait_for(record.exists, SOON, f"F({n}) starting")
    return int(record.read_text())


def test_a_full_lane_answers_503_while_health_and_cheap_requests_answer(small_server):
    ns = [COSTLY + SPIN, COSTLY + 10 + SPIN, COSTLY + 20 + SPIN]
    costly = [PendingRequest(small_server, f"/api/fib/{n}?impl=python") for n in ns]
    try:
        full = {"size": 1, "workers": 1, "busy": 1, "queued": 2, "queue_limit": 2}
        wait_for(lambda: lane(small_server, "costly") == full, SOON, "one costly request running and two queued")
        refused = small_server.request(f"/api/fib/{COSTLY + 30 + SPIN}?impl=python")
        assert refused.status == 503
        assert refused.header("retry-after") == "5"
        assert "busy" in refused.json()["detail"]
        # The running computation holds its process's GIL; the server's own process is free.
        for _ in range(10):
            assert small_server.request("/api/health").status == 200
        cheap = small_server.request("/api/fib/5?impl=python")
        assert cheap.status == 200
        assert cheap.json()["value"] == "5"
    finally:
        for request in costly:
            request.abandon()


def test_cheap_requests_pass_a_costly_python_computation(server_factory):
    """With the real libraries: F(10**7) in pure Python occupies the only costly worker."""
    server = server_factory(FIB_API_WORKERS="1", FIB_API_QUEUE="0")
    costly = PendingRequest(server, "/api/fib/10000000?impl=python&include_value=false")
    try:
        wait_for(lambda: lane(server, "costly")["busy"] == 1, SOON, "the costly computation starting")
        assert server.request("/api/fib/9999999?impl=python").status == 503
        for impl in ("native", "python"):
            response = server.request(f"/api/fib/10?impl={impl}")
            assert response.status == 200
            assert response.json()["value"] == "55"
        assert server.request("/api/fib/1000000?impl=native&include_value=false").json()["digits"] == 208988
        assert lane(server, "costly")["busy"] == 1
    finally:
        costly.abandon()


def test_abandoned_requests_stop_running_and_leave_the_queue(small_server):
    ns = [COSTLY + 100 + SPIN, COSTLY + 110 + SPIN, COSTLY + 120 + SPIN]
    costly = [PendingRequest(small_server, f"/api/fib/{n}?impl=python") for n in ns]
    pid = running_pid(small_server, ns[0])
    wait_for(lambda: lane(small_server, "costly")["queued"] == 2, SOON,
             f"two requests queued (lane: {lane(small_server, 'costly')})")
    for request in costly:
        request.abandon()
    wait_for(lambda: not process_alive(pid), SOON, "the abandoned computation's process ending")
    wait_for(lambda: lane(small_server, "costly")["busy"] == 0, SOON, "the lane becoming free")
    assert lane(small_server, "costly")["queued"] == 0
    # The queued ones were dropped, never started.
    assert not (small_server.hold_dir / f"running-{ns[1]}").exists()
    assert not (small_server.hold_dir / f"running-{ns[2]}").exists()
    # The lane has its process back: the next request is computed.
    assert small_server.request(f"/api/fib/{COSTLY + 5}?impl=python").json()["value"] == str(COSTLY + 5)


def test_the_time_limit_answers_503_and_frees_the_process(server_factory, stand_ins):
    server = server_factory(**stand_ins(), FIB_API_WORKERS="1", FIB_API_TIME_LIMIT="0.5")
    response = server.request(f"/api/fib/{SPIN}?impl=python")
    assert response.status == 503
    assert response.json() == {
        "detail": f"F({SPIN}) took longer than this server's limit of 0.5 s; its computation was stopped"}
    pid = int((server.hold_dir / f"running-{SPIN}").read_text())
    wait_for(lambda: not process_alive(pid), SOON, "the stopped computation's process ending")
    assert server.request("/api/fib/5?impl=python").json()["value"] == "5"


def test_a_request_whose_time_runs_out_in_the_queue_is_told_it_was_not_computed(server_factory):
    """With the real libraries: the cheap native lane's one thread computes F(10**6), taking
    milliseconds, while the other requests wait past a limit of one."""
    server = server_factory(FIB_API_WORKERS="1", FIB_API_TIME_LIMIT="0.001")
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: server.request("/api/fib/1000000?impl=native&include_value=false"),
                                range(8)))
    assert {answer.status for answer in answers} <= {200, 503}
    assert ("F(1000000) took longer than this server's limit of 0.001 s; it waited for a free worker all that "
            "time and was not computed") in {answer.json().get("detail") for answer in answers}


def test_a_crashed_computation_is_503_and_the_next_one_runs(degraded_server):
    response = degraded_server.request("/api/fib/9?impl=python")
    assert response.status == 503
    assert response.json() == {"detail": "The process computing F(9) ended unexpectedly"}
    assert degraded_server.request("/api/fib/15?impl=python").json()["value"] == "15"


def test_no_computation_outlives_a_killed_server(server_factory, stand_ins):
    server = server_factory(**stand_ins(), FIB_API_WORKERS="1")
    pending = PendingRequest(server, f"/api/fib/{SPIN}?impl=python")
    pid = running_pid(server, SPIN)
    server.process.kill()  # no shutdown: nothing in the server can stop the computation
    wait_for(lambda: not process_alive(pid), SOON, "the computation ending with its server")
    pending.abandon()
