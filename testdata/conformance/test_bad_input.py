"""Bad input gets the documented exception and leaves the interpreter healthy."""

import pytest

NOT_INTS = [1.0, 2.5, "10", None, b"1", [1], 1j, True, False]


class IndexLike:
    """Not an int, but usable as one through __index__ (as numpy integers are)."""

    def __index__(self):
        return 10


@pytest.mark.parametrize("value", NOT_INTS, ids=repr)
def test_non_int_n_is_a_type_error(api, value):
    for call in (api.fib, api.fib_iterative, api.lucas, api.fib_str):
        with pytest.raises(TypeError, match="must be an int"):
            call(value)
    with pytest.raises(TypeError, match="must be an int"):
        api.fib_mod(value, 7)
    with pytest.raises(TypeError, match="must be an int"):
        api.fib_mod(7, value)
    with pytest.raises(TypeError, match="must be an int"):
        api.fib_str(7, value)


class BrokenIndex:
    """__index__ itself fails: its own exception must come through, not a crash."""

    def __index__(self):
        raise RuntimeError("broken __index__")


def test_an_exception_from_index_propagates(api):
    for call in (api.fib, api.fib_iterative, api.lucas, api.fib_str):
        with pytest.raises(RuntimeError, match="broken __index__"):
            call(BrokenIndex())
    with pytest.raises(RuntimeError, match="broken __index__"):
        api.fib_mod(5, BrokenIndex())


def test_index_objects_are_accepted(api):
    assert api.fib(IndexLike()) == 55
    assert api.fib_mod(IndexLike(), IndexLike()) == 5


@pytest.mark.parametrize(
    "n", [10**9 + 1, -(10**9) - 1, 2**63 - 1, -(2**63), 2**63, 2**64, -(2**64), 10**100]
)
def test_n_past_the_maximum_is_an_overflow_error(api, n):
    for call in (api.fib, api.lucas, api.fib_str, api.fib_iterative):
        if call is api.fib_iterative and n < 0:
            continue
        with pytest.raises(OverflowError, match="at most"):
            call(n)


def test_huge_int_with_more_digits_than_str_allows(api):
    with pytest.raises(OverflowError):
        api.fib(10**5000)


def test_fib_iterative_limits(api):
    with pytest.raises(ValueError, match=">= 0"):
        api.fib_iterative(-1)
    with pytest.raises(ValueError, match=">= 0"):
        api.fib_iterative(-(2**70))
    with pytest.raises(OverflowError, match="at most"):
        api.fib_iterative(api.MAX_ITERATIVE_N + 1)


def test_fib_mod_argument_errors(api):
    with pytest.raises(ValueError, match="m must be >= 1"):
        api.fib_mod(10, 0)
    with pytest.raises(ValueError, match="m must be >= 1"):
        api.fib_mod(10, -5)
    with pytest.raises(ValueError, match="n must be >= 0"):
        api.fib_mod(-1, 5)
    with pytest.raises(OverflowError):
        api.fib_mod(2**64, 5)
    with pytest.raises(OverflowError):
        api.fib_mod(5, 2**64)
    assert api.fib_mod(2**64 - 1, 1) == 0


def test_fib_str_checks_n_before_base(api):
    with pytest.raises(TypeError, match="n must be an int"):
        api.fib_str("x", 3)
    with pytest.raises(OverflowError):
        api.fib_str(10**10, 3)
    with pytest.raises(TypeError, match="base must be an int"):
        api.fib_str(10, "16")


@pytest.mark.parametrize("base", [0, 2, 8, 15, 36, -10])
def test_fib_str_rejects_other_bases(api, base):
    with pytest.raises(ValueError, match="base must be 10 or 16"):
        api.fib_str(10, base)


def test_interpreter_is_healthy_after_errors(api):
    for bad in (None, -1, 10**30):
        with pytest.raises((TypeError, ValueError, OverflowError)):
            api.fib_iterative(bad)
    assert api.fib(90) == 2880067194370816120
    assert api.fib_iterative(90) == 2880067194370816120


def test_wrong_arity_is_a_type_error(api):
    with pytest.raises(TypeError):
        api.fib()
    with pytest.raises(TypeError):
        api.fib_mod(1)
