import gc

import pytest

from fib_benchmarks.timing import calls_per_sample, interleaved_samples, median, round_orders, time_calls


def test_round_orders_rotate_so_each_implementation_leads_once_per_cycle():
    assert round_orders(["a", "b", "c"], 4) == [
        ["a", "b", "c"],
        ["b", "c", "a"],
        ["c", "a", "b"],
        ["a", "b", "c"],
    ]


def test_round_orders_of_no_implementation_are_empty_rounds():
    assert round_orders([], 2) == [[], []]


def test_interleaved_samples_take_one_sample_of_each_implementation_per_round(clock):
    cost = {"slow": 3.0, "fast": 1.0}
    funcs = {name: (lambda n, name=name: clock.calls.append((name, n)) or setattr(clock, "now", clock.now + cost[name]))
             for name in cost}
    samples = interleaved_samples(funcs, 7, {"slow": 1, "fast": 1}, rounds=3, clock=clock)
    assert [name for name, _ in clock.calls] == ["slow", "fast", "fast", "slow", "slow", "fast"]
    assert samples == {"slow": [3.0, 3.0, 3.0], "fast": [1.0, 1.0, 1.0]}
    assert all(n == 7 for _, n in clock.calls)


def test_a_batched_sample_reports_seconds_per_call(clock):
    def work(n):
        clock.now += 0.5
        return n * 2

    seconds, result = time_calls(work, 21, calls=4, clock=clock)
    assert seconds == 0.5
    assert result == 42


def test_time_calls_pauses_the_collector_and_restores_it():
    states = []
    assert gc.isenabled()
    time_calls(lambda n: states.append(gc.isenabled()), 1, calls=2)
    assert states == [False, False]
    assert gc.isenabled()


def test_time_calls_restores_the_collector_when_the_call_raises():
    with pytest.raises(ZeroDivisionError):
        time_calls(lambda n: 1 / n, 0, calls=1)
    assert gc.isenabled()


def test_time_calls_needs_at_least_one_call():
    with pytest.raises(ValueError, match="at least 1"):
        time_calls(lambda n: n, 1, calls=0)


@pytest.mark.parametrize(
    ("first", "minimum", "expected"),
    [(0.5, 0.02, 1), (0.02, 0.02, 1), (0.001, 0.02, 20), (0.0003, 0.02, 67), (0.0, 0.02, 100_000), (1e-9, 0.02, 100_000)],
)
def test_calls_per_sample_batches_short_calls_up_to_a_cap(first, minimum, expected):
    assert calls_per_sample(first, minimum) == expected


def test_median_of_odd_and_even_counts():
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_median_of_nothing_is_an_error():
    with pytest.raises(ValueError, match="no samples"):
        median([])
