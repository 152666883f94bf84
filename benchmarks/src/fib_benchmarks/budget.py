"""Skipping cells that would take too long, predicted from the same implementation at smaller n."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Growth of one call's time with n when only one earlier point is known: fast doubling rides
# GMP's/CPython's sub-quadratic multiplication; the naive loop does n additions of O(n)-bit numbers.
DEFAULT_EXPONENTS = {"fib": 1.6, "fib_iterative": 2.0}

# Clamp for exponents measured from two points: at small n per-call overhead flattens the curve,
# and an exponent near 0 would predict that a 10x larger n costs nothing more.
MIN_EXPONENT = 1.0
MAX_EXPONENT = 2.5


@dataclass(frozen=True)
class Point:
    n: int
    seconds: float


@dataclass(frozen=True)
class Prediction:
    seconds: float
    exponent: float
    basis: Point


def predict(history: list[Point], n: int, default_exponent: float) -> Prediction | None:
    """Seconds per call at n, extrapolated as a power law from the last measured points."""
    if not history:
        return None
    last = history[-1]
    exponent = default_exponent
    if len(history) >= 2:
        before = history[-2]
        if before.seconds > 0 and last.seconds > 0 and last.n != before.n:
            measured = math.log(last.seconds / before.seconds) / math.log(last.n / before.n)
            exponent = min(MAX_EXPONENT, max(MIN_EXPONENT, measured))
    return Prediction(last.seconds * (n / last.n) ** exponent, exponent, last)


def skip_reason(history: list[Point], n: int, default_exponent: float, budget_seconds: float) -> str | None:
    """Why a call at n is not attempted, or None when it is predicted to fit the budget."""
    prediction = predict(history, n, default_exponent)
    if prediction is None or prediction.seconds <= budget_seconds:
        return None
    return (
        f"predicted {prediction.seconds:.3g} s per call (from {prediction.basis.seconds:.3g} s at "
        f"n={prediction.basis.n}, growth n^{prediction.exponent:.2f}) exceeds the budget of "
        f"{budget_seconds:g} s per call"
    )
