"""Long native calls release the GIL: another Python thread keeps running during them."""

import sys
import threading

import fib_pybind
import pytest

pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten", reason="Pyodide has no threads: there is no GIL to hand over"
)

# A thread that holds the GIL for the whole call would leave the counter where it was; with the
# GIL released the counting thread runs for the full tens of milliseconds the call takes.
MIN_PROGRESS = 1000


def progress_during(call):
    counter = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            counter[0] += 1

    thread = threading.Thread(target=count)
    thread.start()
    try:
        while counter[0] == 0:  # make sure the counting thread is running first
            pass
        before = counter[0]
        call()
        return counter[0] - before
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize(
    "call",
    [
        lambda: fib_pybind.fib(20_000_000),
        lambda: fib_pybind.lucas(20_000_000),
        lambda: fib_pybind.fib_str(5_000_000),
        lambda: fib_pybind.fib_iterative(300_000),
    ],
    ids=["fib", "lucas", "fib_str", "fib_iterative"],
)
def test_other_threads_progress_during_a_long_call(call):
    assert progress_during(call) > MIN_PROGRESS
