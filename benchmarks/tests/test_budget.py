import pytest

from fib_benchmarks.budget import MAX_EXPONENT, MIN_EXPONENT, Point, predict, skip_reason


def test_nothing_is_predicted_without_an_earlier_point():
    assert predict([], 1000, 2.0) is None
    assert skip_reason([], 10**7, 2.0, budget_seconds=0.001) is None


def test_one_point_extrapolates_with_the_default_exponent():
    prediction = predict([Point(1000, 0.01)], 10_000, 2.0)
    assert prediction.seconds == pytest.approx(1.0)
    assert prediction.exponent == 2.0


def test_two_points_extrapolate_with_their_own_exponent():
    history = [Point(1000, 0.001), Point(10_000, 0.04)]  # grows as n^1.60...
    prediction = predict(history, 100_000, 2.0)
    assert prediction.exponent == pytest.approx(1.60206, rel=1e-4)
    assert prediction.seconds == pytest.approx(1.6)
    assert prediction.basis == Point(10_000, 0.04)


@pytest.mark.parametrize(("later_seconds", "clamped"), [(0.001, MIN_EXPONENT), (1000.0, MAX_EXPONENT)])
def test_implausible_measured_exponents_are_clamped(later_seconds, clamped):
    history = [Point(1000, 0.001), Point(10_000, later_seconds)]
    assert predict(history, 100_000, 2.0).exponent == clamped


def test_a_cell_over_budget_is_skipped_with_the_arithmetic_in_the_reason():
    reason = skip_reason([Point(500_000, 2.5)], 10**6, 2.0, budget_seconds=5)
    assert reason == (
        "predicted 10 s per call (from 2.5 s at n=500000, growth n^2.00) exceeds the budget of 5 s per call"
    )


def test_a_cell_within_budget_is_not_skipped():
    assert skip_reason([Point(500_000, 2.5)], 10**6, 2.0, budget_seconds=10) is None
