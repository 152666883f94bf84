"""Results cross into Python as exact ints, whatever their size and sign."""

import fib_pybind
from fib_pybind import _native


def test_results_are_plain_ints():
    for n in (0, 1, -2, 10**5):
        assert type(fib_pybind.fib(n)) is int
        assert type(fib_pybind.lucas(n)) is int
    assert type(fib_pybind.fib_mod(10, 7)) is int


def test_word_boundaries_survive_the_byte_conversion():
    # F(93) is the first value past 2^64, F(186) past 2^128: values around whole 64-bit words.
    for n in (92, 93, 94, 185, 186, 187, -92, -93, -94):
        # The recurrence holds for every integer n, negative ones included.
        assert fib_pybind.fib(n) == fib_pybind.fib(n - 1) + fib_pybind.fib(n - 2), n
    assert fib_pybind.fib(93) == 12200160415121876738
    assert fib_pybind.fib(-94) == -19740274219868223167


def test_split_compute_and_convert_equals_fib():
    for n in (0, 1, -7, 12_345, 10**6):
        assert _native._compute(n).to_int() == fib_pybind.fib(n)
