"""The public functions are called like Python functions: by position or by keyword, with the
same TypeError as fib_python for a call that does not fit the signature."""

import inspect

import fib_pybind
import fib_python
import pytest


def test_keywords_name_the_parameters():
    assert fib_pybind.fib(n=10) == fib_pybind.fib(5) * fib_pybind.lucas(n=5) == 55
    assert fib_pybind.fib_iterative(n=10) == 55
    assert fib_pybind.fib_mod(n=10, m=7) == fib_pybind.fib_mod(m=7, n=10) == 55 % 7
    assert fib_pybind.fib_str(n=10, base=16) == fib_pybind.fib_str(10, base=16) == "37"
    assert fib_pybind.fib_str(n=-10) == "-55"


@pytest.mark.parametrize("name", ["fib", "fib_iterative", "lucas", "fib_mod", "fib_str"])
def test_parameters_match_fib_python(name):
    def parameters(function):
        return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]

    assert parameters(getattr(fib_pybind, name)) == parameters(getattr(fib_python, name))


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("fib", (), {}),
        ("fib", (1, 2), {}),
        ("fib", (), {"x": 1}),
        ("fib", (1,), {"n": 1}),
        ("lucas", (1,), {"base": 10}),
        ("fib_mod", (1,), {}),
        ("fib_mod", (1, 2, 3), {}),
        ("fib_mod", (), {"m": 5}),
        ("fib_str", (), {"base": 10}),
        ("fib_str", (1, 10), {"base": 10}),
        ("fib_str", (1, 10, 3), {}),
    ],
)
def test_calls_that_do_not_fit_the_signature_are_type_errors(name, args, kwargs):
    with pytest.raises(TypeError):
        getattr(fib_python, name)(*args, **kwargs)
    with pytest.raises(TypeError, match=rf"^{name}\(\) "):
        getattr(fib_pybind, name)(*args, **kwargs)
