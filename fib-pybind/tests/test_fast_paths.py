"""Each edge of fib_pybind's fast paths gives the same value as fib_python.

Results up to 64 bits are built from one machine word (signed up to F(92)), up to 128 bits from
fib-cpp's tables (F(186), L(184)), beyond that by GMP; the GIL is released from |n| = 10,000.
"""

import fib_pybind
import fib_python
import pytest

EDGES = [0, 1, 2, 91, 92, 93, 94, 183, 184, 185, 186, 187, 188, 1000, 9_999, 10_000, 10_001]
SIGNED_EDGES = sorted({sign * n for n in EDGES for sign in (1, -1)})


@pytest.mark.parametrize("n", SIGNED_EDGES)
def test_fib_and_lucas_at_each_edge(n):
    for name in ("fib", "lucas"):
        value = getattr(fib_pybind, name)(n)
        assert type(value) is int
        assert value == getattr(fib_python, name)(n), (name, n)


@pytest.mark.parametrize("n", SIGNED_EDGES)
def test_fib_str_at_each_edge(n):
    for base in (10, 16):
        assert fib_pybind.fib_str(n, base) == fib_python.fib_str(n, base), (n, base)


def test_the_edges_really_are_where_the_words_run_out():
    assert fib_python.fib(92) < 2**63 <= fib_python.fib(93) < 2**64 <= fib_python.fib(94)
    assert fib_python.fib(186) < 2**128 <= fib_python.fib(187)
    assert fib_python.lucas(184) < 2**128 <= fib_python.lucas(185)
