"""Throughput of fib_pybind.fib(n) on 1 and on 2 threads, in the interpreter that runs this file:
the free-threaded part of the benchmark (free_threaded.py) runs it as a script on a CPython 3.13t,
whose threads run Python code at the same time. Standard library and fib_pybind only.

Usage: python free_threaded_probe.py N CALLS_PER_THREAD ROUNDS THREAD_COUNTS (e.g. 1,2)
prints one JSON object: the interpreter, whether the GIL was enabled, and per thread count the
calls per second of each round and the cores it kept busy (this process's CPU time over the wall
time: below the thread count where other work on the machine took the cores). Rounds interleave
the thread counts, so a busy spell on the machine hits both alike.
"""

import json
import sys
import sysconfig
import threading
import time

import fib_pybind


def calls_per_second(threads: int, n: int, calls: int, expected: int) -> tuple[float, float]:
    """Calls per second and cores used. All threads start together; each makes its calls and
    checks its last result."""
    start_together = threading.Barrier(threads + 1)
    wrong = []

    def work() -> None:
        start_together.wait()
        for _ in range(calls):
            value = fib_pybind.fib(n)
        if value != expected:
            wrong.append(value)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    start_together.wait()
    start, cpu_start = time.perf_counter(), time.process_time()
    for worker in workers:
        worker.join()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if wrong:
        raise SystemExit(f"fib_pybind.fib({n}) gave a different value on {len(wrong)} of {threads} threads")
    return threads * calls / elapsed, cpu / elapsed


def main(argv: list[str]) -> None:
    n, calls, rounds = (int(arg) for arg in argv[:3])
    thread_counts = [int(count) for count in argv[3].split(",")]
    expected = fib_pybind.fib(n)
    samples: dict[int, list[float]] = {count: [] for count in thread_counts}
    cores: dict[int, list[float]] = {count: [] for count in thread_counts}
    for _ in range(rounds):
        for count in thread_counts:
            throughput, busy = calls_per_second(count, n, calls, expected)
            samples[count].append(throughput)
            cores[count].append(busy)
    print(json.dumps({
        "python": sys.version.split()[0],
        "free_threaded_build": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        # CPython before 3.13 cannot disable the GIL at all.
        "gil_enabled": getattr(sys, "_is_gil_enabled", lambda: True)(),
        "fib_pybind": fib_pybind.__version__,
        "calls_per_second": samples,
        "cores_used": cores,
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
