"""Several server processes under uvicorn's supervisor (WEB_CONCURRENCY): they share the port,
and end with their supervisor, even one killed outright; one killed alone is replaced and gets
its share of keep-alive clients again. SIGTERM ends a server within a bounded time, even while a
request is still being answered."""

import http.client
import json
import os
import signal
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

from backend_support import PendingRequest, children, process_alive, wait_for
from webapp_backend.connections import KEEP_ALIVE_REQUESTS
from webapp_backend.__main__ import GRACEFUL_SHUTDOWN_SECONDS

SOON = 10


def answering_processes(server) -> set[int]:
    answered_by = set()

    def answerer(_):
        return server.request("/api/health").json()["server_process"]

    # Concurrent connections, in rounds: the second process may still be starting, and the
    # kernel gives an idle process's connections to whichever process accepts first.
    with ThreadPoolExecutor(max_workers=16) as pool:
        for _ in range(50):
            answered_by.update(pool.map(answerer, range(32)))
            if len(answered_by) == 2:
                break
            time.sleep(0.2)
    return answered_by


def test_several_server_processes_share_the_port(server_factory):
    server = server_factory(WEB_CONCURRENCY="2")
    answered_by = answering_processes(server)
    assert len(answered_by) == 2
    assert server.process.pid not in answered_by  # the supervisor only supervises


def test_server_processes_end_with_a_killed_supervisor(server_factory):
    server = server_factory(WEB_CONCURRENCY="2")
    answered_by = answering_processes(server)
    assert answered_by <= children(server.process.pid)
    server.process.kill()
    server.process.wait()
    wait_for(lambda: not any(process_alive(pid) for pid in answered_by), SOON, "the server processes ending")
    with socket.socket() as client:
        client.settimeout(SOON)
        assert client.connect_ex((server.host, server.port)) != 0, "something still answers on the port"


def test_sigterm_ends_the_server_in_bounded_time_while_a_request_is_held(server_factory, stand_ins):
    server = server_factory(**stand_ins(), WEB_CONCURRENCY="2")
    # A computation that runs until told to stop (by a file never written): uvicorn alone would
    # wait for its answer, up to the 60 s time limit.
    held = PendingRequest(server, "/api/fib/7?impl=python")
    try:
        wait_for((server.hold_dir / "started").exists, SOON, "the held computation starting")
        server.process.terminate()
        try:
            server.process.wait(timeout=GRACEFUL_SHUTDOWN_SECONDS + SOON)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the server still runs {GRACEFUL_SHUTDOWN_SECONDS + SOON} s after SIGTERM") from None
    finally:
        held.abandon()


class KeepAliveClient:
    """One client on one kept-alive connection, which it opens again when the server closes it."""

    def __init__(self, server):
        self.connection = http.client.HTTPConnection(server.host, server.port, timeout=SOON)

    def answerer(self) -> int:
        """The server process that answers the client's next request."""
        self.connection.request("GET", "/api/health")
        response = self.connection.getresponse()
        answerer = json.loads(response.read())["server_process"]
        if response.will_close:
            self.connection.close()
        return answerer

    def close(self) -> None:
        self.connection.close()


def test_a_replaced_server_process_gets_keep_alive_clients_again(server_factory):
    # After a server process is killed under load, its clients reconnect to the survivor while
    # the replacement starts; if connections were kept forever, they would stay there.
    server = server_factory(WEB_CONCURRENCY="2")
    killed, survivor = sorted(answering_processes(server))
    clients, others = [], []
    try:
        # Eight clients kept alive by the survivor (connections the killed one accepted are set aside).
        while len(clients) < 8:
            client = KeepAliveClient(server)
            (clients if client.answerer() == survivor else others).append(client)
        before = children(server.process.pid)
        os.kill(killed, signal.SIGKILL)
        wait_for(lambda: len(children(server.process.pid) - before) == 1, SOON, "the supervisor starting a replacement")
        [replacement] = children(server.process.pid) - before
        wait_for(lambda: replacement in answering_processes(server), SOON, "the replacement answering")
        answers = [client.answerer() for _ in range(2 * KEEP_ALIVE_REQUESTS) for client in clients]
        assert answers.count(replacement) >= len(answers) // 10, \
            f"the replacement answered {answers.count(replacement)} of {len(answers)} requests"
    finally:
        for client in clients + others:
            client.close()
