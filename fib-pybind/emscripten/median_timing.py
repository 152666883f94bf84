"""Median call times of several implementations at one n, timed side by side (the same policy
inside Pyodide and on the host, so their figures compare)."""

import statistics
import time
from collections.abc import Callable

# Each n is timed until every implementation has this many calls and the round took this long.
MIN_CALLS = 3
BUDGET_SECONDS = 2.0


def seconds(function: Callable[[int], object], n: int) -> float:
    start = time.perf_counter()
    function(n)
    return time.perf_counter() - start


def medians_at(implementations: dict[str, Callable[[int], object]], n: int) -> dict:
    """{"medians": {name: seconds}, "calls": per implementation}. Every result is checked against
    the first implementation's in an untimed call first, which is also the warm-up: V8 runs wasm
    in a baseline tier until it has compiled the optimised code."""
    reference, *_ = implementations.values()
    expected = int(reference(n))
    for name, function in implementations.items():
        if int(function(n)) != expected:
            raise SystemExit(f"error: {name}({n}) differs from the others")
    times = {name: [] for name in implementations}
    started = time.perf_counter()
    # Interleaved, so a slow phase of the machine hits every implementation alike.
    while len(times[next(iter(times))]) < MIN_CALLS or time.perf_counter() - started < BUDGET_SECONDS:
        for name, function in implementations.items():
            times[name].append(seconds(function, n))
    return {"medians": {name: statistics.median(values) for name, values in times.items()},
            "calls": len(times[next(iter(times))])}


def parse_sizes(argv: list[str]) -> list[int]:
    if not argv or not all(arg.isdigit() for arg in argv):
        raise SystemExit("error: give the n to time as non-negative integers, e.g. 100000 1000000")
    return [int(arg) for arg in argv]
