"""Fibonacci numbers at GMP speed: fib-cpp (C++, Boost.Multiprecision on GMP) wrapped with pybind11.

The same API as the pure-Python fib_python.
"""

from ._core import MAX_ITERATIVE_N, MAX_N, __version__, fib, fib_iterative, fib_mod, fib_str, lucas

__all__ = [
    "MAX_ITERATIVE_N",
    "MAX_N",
    "__version__",
    "fib",
    "fib_iterative",
    "fib_mod",
    "fib_str",
    "lucas",
]
