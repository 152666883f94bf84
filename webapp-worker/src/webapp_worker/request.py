"""Checks a run request from the page and turns it into typed values."""

from collections.abc import Mapping
from dataclasses import dataclass

IMPLEMENTATIONS = ("python", "native")
ALGORITHMS = ("fib", "fib_iterative")

# Limits for a browser tab, well inside the libraries' own (|n| <= 10**9 for fib):
# F(10**7) has about 2.1 million digits; the naive loop keeps the libraries' 10**6.
MAX_N = 10_000_000
MAX_ITERATIVE_N = 1_000_000

# Longest text accepted for n: a sign and eight digits is already past MAX_N.
_MAX_N_TEXT = 12


class RequestError(ValueError):
    """A request the worker cannot run; the message is meant for the visitor."""


@dataclass(frozen=True)
class RunRequest:
    n: int
    impls: tuple[str, ...]
    algorithms: tuple[str, ...]


def parse_request(raw: object, available: frozenset[str] | set[str]) -> RunRequest:
    """Validate `raw` ({n, impls, algorithms}); raise RequestError saying what is wrong."""
    if not isinstance(raw, Mapping):
        raise RequestError("A request must be an object with n, impls and algorithms.")
    n = _parse_n(raw.get("n"))
    impls = _parse_choices(raw.get("impls"), IMPLEMENTATIONS, "implementation")
    algorithms = _parse_choices(raw.get("algorithms"), ALGORITHMS, "algorithm")
    for impl in impls:
        if impl not in available:
            raise RequestError(f"The {impl} implementation is not installed in this worker.")
    if "fib" in algorithms and abs(n) > MAX_N:
        raise RequestError(f"n is too large: fib runs here for |n| up to {MAX_N:,}.")
    if "fib_iterative" in algorithms:
        if n < 0:
            raise RequestError("The naive loop (fib_iterative) needs n >= 0.")
        if n > MAX_ITERATIVE_N:
            raise RequestError(
                f"n is too large: the naive loop (fib_iterative) runs here up to {MAX_ITERATIVE_N:,}."
            )
    return RunRequest(n=n, impls=impls, algorithms=algorithms)


def _parse_n(value: object) -> int:
    if isinstance(value, bool):
        raise RequestError("n must be a whole number.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        # JavaScript numbers arrive as floats when they are not small ints.
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise RequestError("Enter n, a whole number such as 100000.")
        if len(text) > _MAX_N_TEXT:
            raise RequestError(f"n is too large: at most {MAX_N:,}.")
        digits = text[1:] if text[0] in "+-" else text
        if digits.isascii() and digits.isdigit():
            return int(text)
    raise RequestError(f"n must be a whole number, not {value!r}.")


def _parse_choices(value: object, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise RequestError(f"Choose at least one {what} ({', '.join(allowed)}).")
    if not value:
        raise RequestError(f"Choose at least one {what} ({', '.join(allowed)}).")
    for item in value:
        if item not in allowed:
            raise RequestError(f"Unknown {what} {item!r}: choose from {', '.join(allowed)}.")
    # Keep the page's order, drop repeats.
    return tuple(dict.fromkeys(value))
