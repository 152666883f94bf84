"""Checks a run request from the page and turns it into typed values."""

from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType

from .contract import PACKAGES, WEB_MAX_N, library_limit

IMPLEMENTATIONS = tuple(PACKAGES)
ALGORITHMS = ("fib", "fib_iterative")

# Longest text accepted for n: a sign and eight digits is already past the web app's limit.
_MAX_N_TEXT = 12


class RequestError(ValueError):
    """A request the worker cannot run; the message is meant for the visitor."""


@dataclass(frozen=True)
class Limits:
    max_n: int
    max_iterative_n: int


def limits_for(available: Mapping[str, ModuleType]) -> Limits:
    """fib within the web app's limit and the packages' own; the naive loop within the packages'."""
    return Limits(
        max_n=min(WEB_MAX_N, library_limit(available, "MAX_N", WEB_MAX_N)),
        max_iterative_n=library_limit(available, "MAX_ITERATIVE_N", 0),
    )


@dataclass(frozen=True)
class RunRequest:
    n: int
    impls: tuple[str, ...]
    algorithms: tuple[str, ...]


def parse_request(raw: object, available: Mapping[str, ModuleType]) -> RunRequest:
    """Validate `raw` ({n, impls, algorithms}) against the `available` implementations;
    raise RequestError saying what is wrong."""
    if not isinstance(raw, Mapping):
        raise RequestError("A request must be an object with n, impls and algorithms.")
    limits = limits_for(available)
    n = _parse_n(raw.get("n"), limits)
    impls = _parse_choices(raw.get("impls"), IMPLEMENTATIONS, "implementation")
    algorithms = _parse_choices(raw.get("algorithms"), ALGORITHMS, "algorithm")
    for impl in impls:
        if impl not in available:
            raise RequestError(f"The {impl} implementation is not installed in this worker.")
    if "fib" in algorithms and abs(n) > limits.max_n:
        raise RequestError(f"n is too large: fib runs here for |n| up to {limits.max_n:,}.")
    if "fib_iterative" in algorithms:
        if n < 0:
            raise RequestError("The naive loop (fib_iterative) needs n >= 0.")
        if n > limits.max_iterative_n:
            raise RequestError(
                f"n is too large: the naive loop (fib_iterative) runs here up to {limits.max_iterative_n:,}."
            )
    return RunRequest(n=n, impls=impls, algorithms=algorithms)


def _parse_n(value: object, limits: Limits) -> int:
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
            raise RequestError(f"n is too large: at most {limits.max_n:,}.")
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
