"""Compute processes that die or cannot be started, against a real uvicorn: each lane notices
and replaces them itself, health counts only live ones, and a failed start is retried rather
than breaking the lane.

The stand-in fib_python (conftest) decides what F(n) does from n's last digit; every n here is
past 100,000, so it goes to the costly lane.
"""

import http.client
import json
import os
import resource
import signal
import time
from pathlib import Path

from backend_support import children, wait_for

ANSWER, RECORD_AND_ANSWER, SPIN = 5, 6, 8
COSTLY = 200_000
SOON = 10


def compute_processes(server) -> set[int]:
    """The compute processes: children of the fork server, the server process's child."""
    return {pid for fork_server in children(server.process.pid) for pid in children(fork_server)}


def answered_by(server, n: int) -> int:
    """The compute process that answered F(n), a RECORD_AND_ANSWER job."""
    assert server.request(f"/api/fib/{n}?impl=python").status == 200
    return int((server.hold_dir / f"answered-{n}").read_text())


def test_a_process_killed_while_idle_is_replaced_by_the_lane(server_factory, stand_ins):
    server = server_factory(**stand_ins(), FIB_API_WORKERS="1")
    n = COSTLY + RECORD_AND_ANSWER
    killed = answered_by(server, n)
    before = compute_processes(server)
    assert killed in before
    os.kill(killed, signal.SIGKILL)
    # Without any request: the lane starts another process in its place.
    wait_for(lambda: killed not in (now := compute_processes(server)) and len(now) == len(before), SOON,
             "the killed process being replaced")
    assert server.request("/api/health").json()["lanes"]["costly"]["workers"] == 1
    assert answered_by(server, n + 10) != killed


def is_fork_server(pid: int) -> bool:
    """Whether `pid` is a multiprocessing fork server (which starts the compute processes)."""
    try:
        return b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def fork_server(server) -> int:
    [pid] = [pid for pid in children(server.process.pid) if is_fork_server(pid)]
    return pid


def reading_a_pipe(pid: int) -> bool:
    """Whether a thread of process `pid` waits in the kernel for data from a pipe."""
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            if "pipe_read" in (task / "wchan").read_text():
                return True
        except OSError:
            pass  # the thread ended meanwhile
    return False


def test_a_fork_server_that_dies_while_starting_a_process_costs_the_lane_nothing(server_factory, stand_ins):
    server = server_factory(**stand_ins(), FIB_API_WORKERS="1")
    n = COSTLY + RECORD_AND_ANSWER
    killed = answered_by(server, n)
    first = fork_server(server)
    # The fork server dies while idle, so the lane's next start launches another first; that
    # one is stopped as soon as it exists, still starting up, while the server waits for the
    # new compute process's id from it; killed then, the server reads EOF instead (an
    # EOFError from multiprocessing, not an OSError).
    os.kill(first, signal.SIGKILL)
    os.kill(killed, signal.SIGKILL)
    deadline = time.monotonic() + SOON
    while not (second := [pid for pid in children(server.process.pid) if pid != first and is_fork_server(pid)]):
        assert time.monotonic() < deadline, "no new fork server was started"
    os.kill(second[0], signal.SIGSTOP)
    try:
        wait_for(lambda: reading_a_pipe(server.process.pid), SOON, "the server waiting for the fork server")
    finally:
        os.kill(second[0], signal.SIGKILL)
    wait_for(lambda: "could not be started (EOFError" in server.log_path.read_text(), SOON,
             "the failed start being logged")
    # The next check starts a third fork server, and with it the process.
    wait_for(lambda: server.request("/api/health").json()["lanes"]["costly"]["workers"] == 1, SOON,
             "the lane starting its process again")
    assert answered_by(server, n + 10) != killed


class Client:
    """One keep-alive connection, opened before the server runs out of file descriptors."""

    def __init__(self, server):
        self.connection = http.client.HTTPConnection(server.host, server.port, timeout=60)

    def get(self, path: str) -> tuple[int, dict, http.client.HTTPMessage]:
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        return response.status, json.loads(response.read()), response.headers


def test_a_replacement_that_cannot_start_is_retried_and_never_breaks_the_lane(server_factory, stand_ins):
    server = server_factory(**stand_ins(), FIB_API_WORKERS="1", FIB_API_TIME_LIMIT="1")
    api, health = Client(server), Client(server)
    costly_lane = lambda: health.get("/api/health")[1]["lanes"]["costly"]
    # Once with descriptors to spare, so that every module the answer needs is imported.
    assert api.get(f"/api/fib/{COSTLY + SPIN}?impl=python")[0] == 503
    wait_for(lambda: costly_lane()["workers"] == 1, SOON, "the stopped process being replaced")
    pid = server.process.pid
    limits = resource.prlimit(pid, resource.RLIMIT_NOFILE)
    # No new file descriptor, hence no new compute process: the server is out of them.
    resource.prlimit(pid, resource.RLIMIT_NOFILE, (len(os.listdir(f"/proc/{pid}/fd")), limits[1]))
    try:
        status, body, _ = api.get(f"/api/fib/{COSTLY + 10 + SPIN}?impl=python")
        assert (status, body["detail"]) == (503, f"F({COSTLY + 10 + SPIN}) took longer than this server's "
                                                 "limit of 1 s; its computation was stopped")
        assert costly_lane() == {"size": 1, "workers": 0, "busy": 0, "queued": 0, "queue_limit": 16}
        for n in (COSTLY + ANSWER, COSTLY + 10 + ANSWER):
            status, body, headers = api.get(f"/api/fib/{n}?impl=python")
            assert status == 503
            # The reason: out of descriptors here, or in the fork server that failed meanwhile.
            assert body["detail"].startswith(f"No process could be started to compute F({n}) ([Errno ")
            assert headers["retry-after"] == "5"
    finally:
        resource.prlimit(pid, resource.RLIMIT_NOFILE, limits)
    wait_for(lambda: costly_lane()["workers"] == 1, SOON, "the lane starting its process once it can")
    assert api.get(f"/api/fib/{COSTLY + ANSWER}?impl=python")[1]["value"] == str(COSTLY + ANSWER)
