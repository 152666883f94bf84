"""Fibonacci and Lucas numbers in pure Python, with the same API as the native fib_pybind."""

from importlib.metadata import version

from ._doubling import fib, lucas
from ._format import fib_str
from ._iterative import fib_iterative
from ._modular import fib_mod
from ._validation import MAX_ITERATIVE_N, MAX_N

# The installed distribution's version, which the build read from fib-cpp's version.hpp.
__version__ = version("fib-python")

__all__ = ["MAX_ITERATIVE_N", "MAX_N", "fib", "fib_iterative", "fib_mod", "fib_str", "lucas"]
