"""Argument checks shared by every public function, with the exceptions the API documents."""

from __future__ import annotations

import operator

MAX_N = 1_000_000_000
MAX_ITERATIVE_N = 1_000_000
U64_MAX = 2**64 - 1


def as_int(value: object, name: str) -> int:
    """An int (or an object with __index__) as a plain int; bool and float are refused."""
    # bool is an int subclass, but fib(True) is almost certainly a bug in the caller.
    if isinstance(value, bool) or not hasattr(type(value), "__index__"):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return operator.index(value)  # type: ignore[arg-type]


def check_signed_n(function: str, value: object) -> int:
    n = as_int(value, "n")
    if not -MAX_N <= n <= MAX_N:
        raise OverflowError(f"{function}: |n| must be at most {MAX_N}")
    return n


def check_iterative_n(value: object) -> int:
    n = as_int(value, "n")
    if n < 0:
        raise ValueError("fib_iterative: n must be >= 0")
    if n > MAX_ITERATIVE_N:
        raise OverflowError(f"fib_iterative: n must be at most {MAX_ITERATIVE_N}")
    return n


def check_fib_mod_args(n_value: object, m_value: object) -> tuple[int, int]:
    n = as_int(n_value, "n")
    m = as_int(m_value, "m")
    if n < 0:
        raise ValueError("fib_mod: n must be >= 0")
    if m < 1:
        raise ValueError("fib_mod: m must be >= 1")
    if n > U64_MAX or m > U64_MAX:
        raise OverflowError("fib_mod: n and m must be at most 2**64 - 1")
    return n, m


def check_base(value: object) -> int:
    base = as_int(value, "base")
    if base not in (10, 16):
        raise ValueError("fib_str: base must be 10 or 16")
    return base
