import pytest

from webapp_worker.timing import MAX_RUNS, MIN_RUNS, TIMING_BUDGET_SECONDS, time_repeatedly


class SteppingClock:
    """A clock that moves only inside the timed function, by `step` seconds a call."""

    def __init__(self, step: float):
        self.now = 0.0
        self.step = step
        self.calls = 0

    def __call__(self) -> float:
        return self.now

    def function(self, n: int) -> int:
        self.calls += 1
        # A slow first call, as in a browser before its wasm tiers up.
        self.now += self.step * (100 if self.calls == 1 else 1)
        return n * 2


def test_the_warm_up_is_untimed_and_gives_the_value():
    clock = SteppingClock(0.01)
    timing = time_repeatedly(clock.function, 21, clock)
    assert timing.value == 42
    assert timing.median_seconds == pytest.approx(0.01)
    assert timing.runs == clock.calls - 1


def test_runs_fill_the_budget():
    # A power of two, so the sum of the samples is exact.
    clock = SteppingClock(TIMING_BUDGET_SECONDS / 8)
    assert time_repeatedly(clock.function, 1, clock).runs == 8


def test_slow_calls_still_get_the_minimum_runs():
    clock = SteppingClock(TIMING_BUDGET_SECONDS * 2)
    assert time_repeatedly(clock.function, 1, clock).runs == MIN_RUNS


def test_fast_calls_stop_at_the_maximum_runs():
    clock = SteppingClock(0.0)
    assert time_repeatedly(clock.function, 1, clock).runs == MAX_RUNS
