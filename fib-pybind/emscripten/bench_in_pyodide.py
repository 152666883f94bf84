"""Time fib_pybind.fib, python-flint's fmpz.fib_ui and fib_python.fib side by side in one Pyodide
process (a measurement, not a test). measure_pyodide.py runs it under Node and reads the one JSON
line it prints; the benchmark harness's --browser calls measure() in Chromium. Both get
{n: {"medians": {implementation: seconds}, "calls": count}}.

Usage (inside Pyodide): bench_in_pyodide.py N...
"""

import json
import sys

import fib_pybind
import fib_python
import flint

from median_timing import medians_at, parse_sizes

IMPLEMENTATIONS = {
    "fib_pybind.fib": fib_pybind.fib,
    "flint.fmpz.fib_ui": flint.fmpz.fib_ui,
    "fib_python.fib": fib_python.fib,
}


def measure(sizes: list[int]) -> dict[int, dict]:
    return {n: medians_at(IMPLEMENTATIONS, n) for n in sizes}


def main(argv: list[str]) -> int:
    print(json.dumps(measure(parse_sizes(argv))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
