"""Time fib_python.fib against fib_pybind.fib inside Pyodide, in one process (a measurement, not
a test). Runs under scripts/measure-pyodide.sh; prints one line per n with both medians and their
ratio, the speed-up of the wasm GMP module over pure Python.

Usage (inside Pyodide): bench_in_pyodide.py [N]...   (default: 10**5 10**6 10**7)
"""

import statistics
import sys
import time

import fib_pybind
import fib_python

# Fewer rounds for the big n: pure Python takes seconds there.
ROUNDS = {10**5: 9, 10**6: 5}
DEFAULT_ROUNDS = 3


def seconds(function, n: int) -> float:
    start = time.perf_counter()
    function(n)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    sizes = [int(arg) for arg in argv] or [10**5, 10**6, 10**7]
    print(f"{'n':>10} {'fib_python.fib':>15} {'fib_pybind.fib':>15} {'ratio':>8}")
    for n in sizes:
        assert fib_python.fib(n) == fib_pybind.fib(n), n
        python_times, native_times = [], []
        # Interleaved rounds, so a slow phase of the machine hits both alike.
        for _ in range(ROUNDS.get(n, DEFAULT_ROUNDS)):
            python_times.append(seconds(fib_python.fib, n))
            native_times.append(seconds(fib_pybind.fib, n))
        python_median = statistics.median(python_times)
        native_median = statistics.median(native_times)
        print(f"{n:>10} {python_median * 1e3:>12.1f} ms {native_median * 1e3:>12.2f} ms "
              f"{python_median / native_median:>7.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
