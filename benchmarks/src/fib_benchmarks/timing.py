"""Timing primitives: calibrated samples, and rounds that interleave implementations.

Every implementation of a cell is sampled once per round, so drift in the machine's speed
(frequency scaling, a neighbour process) hits all of them alike and the ratios between them
compare like with like.
"""

from __future__ import annotations

import contextlib
import gc
import math
import statistics
import time
from typing import Callable, Iterator, Sequence

Clock = Callable[[], float]

# "wall" is what a user waits; "cpu" is this process's CPU time, which other processes on a
# busy machine inflate far less (the computations timed here are single-threaded).
CLOCKS: dict[str, Clock] = {"wall": time.perf_counter, "cpu": time.process_time}


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pauses the cyclic garbage collector, as timeit does, so a collection triggered by
    unrelated objects does not land inside a sample."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def time_calls(
    func: Callable[[int], object], arg: int, calls: int, clock: Clock = time.perf_counter
) -> tuple[float, object]:
    """Seconds per call over `calls` back-to-back calls, and the last call's result."""
    if calls < 1:
        raise ValueError(f"calls must be at least 1, got {calls}")
    with collector_paused():
        start = clock()
        for _ in range(calls):
            result = func(arg)
        elapsed = clock() - start
    return elapsed / calls, result


def calls_per_sample(first_call_seconds: float, min_sample_seconds: float, max_calls: int = 100_000) -> int:
    """How many calls make one sample last at least `min_sample_seconds`.

    Sub-millisecond calls are timed in batches so the timer's resolution and the loop's own
    overhead stay negligible next to the work measured.
    """
    if first_call_seconds >= min_sample_seconds:
        return 1
    if first_call_seconds <= 0:
        return max_calls
    return min(max_calls, math.ceil(min_sample_seconds / first_call_seconds))


def round_orders(names: Sequence[str], rounds: int) -> list[list[str]]:
    """The order of the implementations in each round, rotated by one each round so that no
    implementation always runs first (on a cold cache) or last (after the others' garbage)."""
    names = list(names)
    if not names:
        return [[] for _ in range(rounds)]
    return [names[r % len(names):] + names[: r % len(names)] for r in range(rounds)]


def interleaved_samples(
    funcs: dict[str, Callable[[int], object]],
    arg: int,
    calls: dict[str, int],
    rounds: int,
    clock: Clock = time.perf_counter,
    after_sample: Callable[[str], None] = lambda name: None,
) -> dict[str, list[float]]:
    """Seconds per call for each implementation, one sample of each per round."""
    samples: dict[str, list[float]] = {name: [] for name in funcs}
    for order in round_orders(list(funcs), rounds):
        for name in order:
            seconds, _ = time_calls(funcs[name], arg, calls[name], clock)
            samples[name].append(seconds)
            after_sample(name)
    return samples


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("median of no samples")
    return statistics.median(values)
