"""fib_pybind and the pure-Python fib_python agree on random inputs, including edge cases."""

import fib_pybind
import fib_python
from hypothesis import given, settings
from hypothesis import strategies as st

signed_n = st.integers(min_value=-20_000, max_value=20_000)
u64 = st.integers(min_value=0, max_value=2**64 - 1)
modulus = st.integers(min_value=1, max_value=2**64 - 1)
any_int = st.integers(min_value=-(2**80), max_value=2**80)


@given(signed_n)
def test_fib(n):
    assert fib_pybind.fib(n) == fib_python.fib(n)


@given(signed_n)
def test_lucas(n):
    assert fib_pybind.lucas(n) == fib_python.lucas(n)


@given(st.integers(min_value=0, max_value=3000))
def test_fib_iterative(n):
    assert fib_pybind.fib_iterative(n) == fib_python.fib_iterative(n)


@given(st.one_of(u64, st.integers(min_value=0, max_value=10**18)), modulus)
def test_fib_mod(n, m):
    assert fib_pybind.fib_mod(n, m) == fib_python.fib_mod(n, m)


@given(signed_n, st.sampled_from([10, 16]))
def test_fib_str(n, base):
    assert fib_pybind.fib_str(n, base) == fib_python.fib_str(n, base)


def exception_type(call, *args):
    try:
        call(*args)
    except (ValueError, OverflowError, TypeError) as error:
        return type(error)
    return None


# Arguments around and far past the valid ranges (never a valid huge n: that would compute).
out_of_range_n = st.one_of(
    st.integers(min_value=10**9 + 1, max_value=2**80),
    st.integers(min_value=-(2**80), max_value=-(10**9) - 1),
)


@settings(max_examples=200)
@given(out_of_range_n)
def test_same_exception_past_the_maximum(n):
    for name in ("fib", "lucas", "fib_iterative", "fib_str"):
        expected = exception_type(getattr(fib_python, name), n)
        assert expected is not None
        assert exception_type(getattr(fib_pybind, name), n) is expected, (name, n)


@settings(max_examples=200)
@given(any_int, any_int)
def test_same_outcome_for_any_fib_mod_arguments(n, m):
    python_error = exception_type(fib_python.fib_mod, n, m)
    assert exception_type(fib_pybind.fib_mod, n, m) is python_error
    if python_error is None:
        assert fib_pybind.fib_mod(n, m) == fib_python.fib_mod(n, m)


@given(st.integers(min_value=-40, max_value=40), st.integers(min_value=-40, max_value=40))
def test_addition_identity(m, n):
    f = fib_pybind.fib
    assert f(m + n) == f(m) * f(n + 1) + f(m - 1) * f(n)
