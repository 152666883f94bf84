import json
import os
import threading

import pytest
from conftest import StandInHandler, serving

from fib_benchmarks.stalled_readers import stalled_readers, tcp_memory_bytes

BIG = 4 * 1024 * 1024


class _BigAnswers(StandInHandler):
    """/api/health names this process; /big answers 503 twice, then 4 MiB to every client."""

    protocol_version = "HTTP/1.1"
    refusals = 2
    lock = threading.Lock()

    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path == "/api/health":
            self.answer(200, json.dumps({"server_process": os.getpid()}).encode())
            return
        with self.lock:
            refuse = _BigAnswers.refusals > 0
            _BigAnswers.refusals -= refuse
        try:
            self.answer(503, b"{}") if refuse else self.answer(200, b"x" * BIG)
        except OSError:
            pass  # the client left without reading


@pytest.fixture
def big_answers():
    with serving(_BigAnswers) as url:
        yield url


def test_the_machines_tcp_memory_is_read():
    assert tcp_memory_bytes() >= 0


def test_every_client_holds_an_answer_it_never_reads_and_refused_ones_ask_again(big_answers):
    # This server never drops a client, so its buffers stay taken for the whole (short) bound.
    section = stalled_readers(big_answers, say=lambda line: None, clients=4, path="/big", release_bound_seconds=2)
    assert (section["held"], section["refused_and_asked_again"], section["unanswered"]) == (4, 2, 0)
    assert section["tcp_memory_peak_bytes"] >= section["tcp_memory_before_bytes"]
    assert section["server_resident_peak_bytes"] > 0
    released = section["released_after_seconds"]
    assert released is None or 0 <= released <= 2
