"""Threads calling fib_pybind at the same time get what one thread gets. On a free-threaded
CPython (3.13t) the calls truly run at once, with no GIL to take turns on, and importing the module
must leave the GIL disabled; on a CPython with the GIL the long calls still overlap, since they
release it."""

import random
import sys
import sysconfig
import threading
from concurrent.futures import ThreadPoolExecutor

import fib_pybind
import fib_python
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide has no threads")

FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
THREADS = 8
# Each thread goes through every call this many times, in an order of its own.
ROUNDS = 20
# Small n (128-bit tables), mid-sized n (GMP with the GIL held) and n from 10,000 on (GMP with the
# GIL released), negative n, both bases of fib_str, and moduli up to 2**64 - 1.
CALLS = [
    *(("fib", (n,)) for n in (*range(-100, 200, 9), 1_000, 9_999, 10_000, 40_000, 150_000)),
    *(("lucas", (n,)) for n in (-150, -1, 0, 90, 2_000, 12_345, -60_001)),
    *(("fib_str", (n, base)) for n in (-91, 95, 5_000, 25_000) for base in (10, 16)),
    *(("fib_mod", (n, m)) for n in (0, 99, 10**18 + 9, 2**64 - 1) for m in (1, 10**9 + 7, 2**64 - 1)),
]


def call(name, args):
    return getattr(fib_pybind, name)(*args)


def test_threads_get_the_results_of_fib_python():
    expected = {(name, args): getattr(fib_python, name)(*args) for name, args in CALLS}
    start_together = threading.Barrier(THREADS)

    def work(seed):
        order = CALLS * ROUNDS
        random.Random(seed).shuffle(order)
        start_together.wait()
        return [(name, args, call(name, args)) for name, args in order]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(work, range(THREADS)))
    for result in results:
        assert len(result) == len(CALLS) * ROUNDS
        for name, args, value in result:
            assert value == expected[name, args], (name, args)


def test_threads_get_the_errors_of_one_thread():
    bad_calls = [("fib", (fib_pybind.MAX_N + 1,)), ("fib_mod", (5, 0)), ("fib_str", (10, 7))]
    errors = {}
    for name, args in bad_calls:
        with pytest.raises((OverflowError, ValueError)) as raised:
            call(name, args)
        errors[name] = (type(raised.value), str(raised.value))

    def work(_):
        seen = {}
        for name, args in bad_calls * 50:
            try:
                call(name, args)
            except (OverflowError, ValueError) as error:
                seen[name] = (type(error), str(error))
        return seen

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        assert list(pool.map(work, range(THREADS))) == [errors] * THREADS


@pytest.mark.skipif(not FREE_THREADED, reason="a CPython with the GIL")
def test_the_gil_stays_disabled_with_fib_pybind_imported():
    assert sys._is_gil_enabled() is False
