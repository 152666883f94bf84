import time

import pytest
from conftest import FakeClock

from fib_benchmarks import overhead
from fib_benchmarks.overhead import Case, build_cases, measure_case


def fake_case(clock: FakeClock, ours_seconds: float, reference_seconds: float, function="fib", ours_value=55,
              reference_value=55) -> Case:
    """A case whose two statements advance the fake clock by fixed costs and return fixed values."""
    def ours(n):
        clock.now += ours_seconds
        return ours_value

    def reference(k):
        clock.now += reference_seconds
        return reference_value

    return Case(function, (-10,), "f(n)", "g(k)", "g(|n|)", {"f": ours, "g": reference, "n": -10, "k": 10}, 1.5)


def test_the_ratio_is_ours_over_the_reference_from_alternating_rounds(clock):
    result = measure_case(fake_case(clock, 3.0, 2.0), repeats=4, min_sample_seconds=0.0, clock=clock)
    assert result.ours.samples_seconds == [3.0] * 4
    assert result.reference.samples_seconds == [2.0] * 4
    assert (result.ratio, result.met, result.results_agree) == (1.5, True, True)
    assert result.arguments == [-10]


def test_a_ratio_over_the_threshold_is_not_met(clock):
    assert measure_case(fake_case(clock, 4.0, 2.0), 3, 0.0, clock).met is False


def test_short_calls_are_batched_to_the_minimum_sample(clock):
    result = measure_case(fake_case(clock, 1e-7, 1e-6), 3, 0.01, clock)
    assert result.ours.calls_per_sample == pytest.approx(100_000, rel=0.01)
    assert result.reference.calls_per_sample == pytest.approx(10_000, rel=0.01)
    assert result.ratio == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("function", "ours", "reference", "agree"),
    [("fib", -55, 55, True), ("fib", 56, 55, False), ("fib", 55.0, 55, False),
     ("fib_str", "-55", "55", True), ("fib_str", "55", "56", False)],
)
def test_results_agree_up_to_the_sign_only(clock, function, ours, reference, agree):
    case = fake_case(clock, 1.0, 1.0, function, ours, reference)
    assert measure_case(case, 1, 0.0, clock).results_agree is agree


def test_the_full_grid_covers_both_signs_of_every_n_and_the_fib_mod_cases():
    cases = build_cases(max_n=None, quick=False)
    for function in ("fib", "lucas", "fib_str"):
        arguments = sorted(c.arguments[0] for c in cases if c.function == function)
        assert arguments == sorted([*overhead.FULL_NS, *(-n for n in overhead.FULL_NS)])
    assert [c.arguments for c in cases if c.function == "fib_mod"] == list(overhead.FIB_MOD_CASES)
    assert {c.threshold for c in cases if abs(c.arguments[0]) == 10**5 and c.function != "fib_mod"} == {1.5}
    assert {c.threshold for c in cases if abs(c.arguments[0]) == 10**6 and c.function != "fib_mod"} == {1.1}


def test_quick_and_max_n_shrink_the_grid():
    cases = build_cases(max_n=1000, quick=True)
    assert sorted({abs(c.arguments[0]) for c in cases if c.function == "fib"}) == [10, 1000]


def test_every_real_pair_computes_the_same_value():
    for case in build_cases(max_n=10**5, quick=False):
        assert measure_case(case, 1, 0.0, time.perf_counter).results_agree, case.key
