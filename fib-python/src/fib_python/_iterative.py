"""The naive loop, the reference implementation's algorithm, kept for like-for-like benchmarks."""

from __future__ import annotations

from ._validation import check_iterative_n


def fib_iterative(n: int) -> int:
    """F(n) for 0 <= n <= MAX_ITERATIVE_N by n additions."""
    n = check_iterative_n(n)
    current, following = 0, 1
    for _ in range(n):
        current, following = following, current + following
    return current
