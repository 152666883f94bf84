"""The implementations under test, each as a table of algorithm name -> callable(n)."""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from typing import Callable

from .timing import Clock, collector_paused


@dataclass(frozen=True)
class Implementation:
    name: str
    distribution: str  # the installed package whose version the report records
    description: str
    functions: dict[str, Callable[[int], object]]
    max_n: dict[str, int]  # the largest n each algorithm accepts


def _ours(module_name: str, distribution: str, description: str) -> Implementation:
    module = importlib.import_module(module_name)
    return Implementation(
        name=module_name,
        distribution=distribution,
        description=description,
        functions={"fib": module.fib, "fib_iterative": module.fib_iterative},
        max_n={"fib": module.MAX_N, "fib_iterative": module.MAX_ITERATIVE_N},
    )


def _gmpy2_iterative(n: int) -> object:
    # The naive loop of the other two, on GMP integers: the interpreter's loop overhead stays,
    # only the additions change.
    import gmpy2

    a, b = gmpy2.mpz(0), gmpy2.mpz(1)
    for _ in range(n):
        a, b = b, a + b
    return a


def _gmpy2() -> Implementation:
    import gmpy2

    return Implementation(
        name="gmpy2",
        distribution="gmpy2",
        description=(
            f"gmpy2.fib (GMP {gmpy2.mp_version()} mpz_fib_ui), results left as mpz: the practical "
            "limit; fib_iterative is a Python loop over mpz additions"
        ),
        functions={"fib": gmpy2.fib, "fib_iterative": _gmpy2_iterative},
        # mpz_fib_ui takes an unsigned long; the loop has no limit of its own.
        max_n={"fib": 2**64 - 1, "fib_iterative": 2**64 - 1},
    )


def load_implementations() -> list[Implementation]:
    """fib_python, fib_pybind and gmpy2, in the order the tables and plots show them."""
    return [
        _ours("fib_python", "fib-python", "pure Python: fast doubling and the naive loop"),
        _ours("fib_pybind", "fib-pybind", "pybind11 module over fib-cpp (Boost.Multiprecision on GMP)"),
        _gmpy2(),
    ]


# (F(n), compute seconds per call, conversion seconds per call) for n and a batch size.
ConversionSplit = Callable[[int, int], tuple[int, float, float]]


def conversion_split(clock: Clock = time.perf_counter) -> tuple[ConversionSplit | None, str | None]:
    """fib_pybind.fib timed in its two halves, through the extension's private `_compute(n)`
    (F(n) left as a native integer) and that object's `to_int()` (the conversion fib() does);
    or why this build cannot be split."""
    core = importlib.import_module("fib_pybind")._native  # the build fib() runs on this CPU
    compute = getattr(core, "_compute", None)
    if compute is None:
        return None, f"{core.__name__} has no _compute(n) in this build"

    def split(n: int, calls: int) -> tuple[int, float, float]:
        with collector_paused():
            start = clock()
            computed = [compute(n) for _ in range(calls)]
            middle = clock()
            values = [c.to_int() for c in computed]
            end = clock()
        return values[-1], (middle - start) / calls, (end - middle) / calls

    return split, None
