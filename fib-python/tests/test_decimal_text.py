"""fib_python's own decimal conversion: exact at every split size, and free of CPython's limit."""

import sys

import fib_python
import pytest
from fib_python._format import _DIRECT_BITS, to_text


@pytest.fixture
def unlimited_str():
    previous = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    yield
    sys.set_int_max_str_digits(previous)


@pytest.mark.parametrize(
    "bits", [1, _DIRECT_BITS - 1, _DIRECT_BITS, _DIRECT_BITS + 1, 2 * _DIRECT_BITS + 3, 100_003]
)
def test_matches_str_around_every_split(unlimited_str, bits):
    for value in (2**bits - 1, 2**bits, 3**bits // 7 * 10**9 + 12345):
        assert to_text(value) == str(value)
        assert to_text(-value) == str(-value)


def test_zeros_inside_the_low_half_are_kept(unlimited_str):
    value = 10 ** (3 * _DIRECT_BITS)  # the low half of the split is all zero digits
    assert to_text(value) == str(value)


def test_works_past_the_default_digit_limit():
    assert sys.get_int_max_str_digits() in (0, 4300)
    text = fib_python.fib_str(100_000)
    assert len(text) == 20_899
