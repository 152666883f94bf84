"""Shared helpers: an independent F(n) and the implementations this Python has."""

import sys

import pytest

from webapp_worker import available_implementations


def reference_fib(n: int) -> int:
    """F(n) by the plain loop, independent of the packages under test."""
    a, b = 0, 1
    for _ in range(abs(n)):
        a, b = b, a + b
    return -a if n < 0 and n % 2 == 0 else a


def reference_text(n: int) -> str:
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return str(reference_fib(n))
    finally:
        sys.set_int_max_str_digits(limit)


@pytest.fixture(params=["python", "native"])
def impl(request) -> str:
    """Each implementation; the native one only where fib_pybind is importable."""
    if request.param not in available_implementations():
        pytest.skip(f"{request.param} implementation not importable here")
    return request.param
