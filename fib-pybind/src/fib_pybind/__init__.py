"""Fibonacci numbers at GMP speed: fib-cpp (C++, Boost.Multiprecision on GMP) wrapped with pybind11.

The same API as the pure-Python fib_python, plus set_threads, get_threads and LARGE_N_PATH.

A manylinux wheel holds two builds of the extension: _core, for every CPU, and _core_flint, whose
F(n) and L(n) from n = 150,000 on multiply with FLINT's fft_small code, faster than GMP's; the
package takes _core_flint where the CPU runs it (x86-64 with AVX2 and FMA, every aarch64).
FIB_PYBIND_LARGE_N_PATH=gmp in the environment keeps _core everywhere.
"""

import importlib
import os
import types

from . import _core
from ._core import (
    LARGE_N_PATH,
    MAX_ITERATIVE_N,
    MAX_N,
    __version__,
    fib,
    fib_iterative,
    fib_mod,
    fib_str,
    get_threads,
    lucas,
    set_threads,
)

__all__ = [
    "LARGE_N_PATH",
    "MAX_ITERATIVE_N",
    "MAX_N",
    "__version__",
    "fib",
    "fib_iterative",
    "fib_mod",
    "fib_str",
    "get_threads",
    "lucas",
    "set_threads",
]

_PATH_VARIABLE = "FIB_PYBIND_LARGE_N_PATH"


def _build_in_use() -> types.ModuleType:
    requested = os.environ.get(_PATH_VARIABLE, "auto")
    if requested not in ("auto", "gmp"):
        raise ImportError(f"{_PATH_VARIABLE} must be 'auto' or 'gmp', not {requested!r}")
    if requested == "gmp" or not _core._cpu_runs_flint_build():
        return _core
    try:
        return importlib.import_module(f"{__name__}._core_flint")
    except ModuleNotFoundError:  # built without it: the sdist, aarch64, Pyodide
        return _core


_native = _build_in_use()
# The public names from the build in use (the import above gives type checkers their signatures,
# which both builds share).
globals().update({name: getattr(_native, name) for name in __all__})
