"""Times one call the way the page reports it: a warm-up run, then the median of timed runs."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

# The timed runs of one implementation and algorithm stop once they have taken this long in
# all (and MIN_RUNS are done), or at MAX_RUNS: a run of the page stays within seconds.
TIMING_BUDGET_SECONDS = 1.0
MIN_RUNS = 3
MAX_RUNS = 50


@dataclass(frozen=True)
class Timing:
    value: int
    runs: int
    median_seconds: float


def time_repeatedly(function: Callable[[int], int], n: int,
                    clock: Callable[[], float] = time.perf_counter) -> Timing:
    """Call function(n) once untimed, then time it repeatedly; the value is the warm-up's.

    The warm-up runs at the same n because a first call is not typical: in Chromium new
    WebAssembly runs in baseline code until it tiers up (a first F(10**5) of the native module
    took 19 ms, the third 1.3 ms), and the heap grows to the size the call needs.
    """
    value = function(n)
    samples: list[float] = []
    while len(samples) < MAX_RUNS and (len(samples) < MIN_RUNS or sum(samples) < TIMING_BUDGET_SECONDS):
        start = clock()
        function(n)
        samples.append(clock() - start)
    return Timing(value=value, runs=len(samples), median_seconds=statistics.median(samples))
