"""The web app's contract, shared by the server's API (webapp_backend) and the page's Pyodide
worker: implementation names, the web app's limit on n, and the result schema."""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Literal

# The name the page and the API use -> the Python package behind it (both have one API).
PACKAGES = {"python": "fib_python", "native": "fib_pybind"}
Implementation = Literal["python", "native"]

# The web app's bound on |n| for fib (the page; the API's default): F(10**7) has about 2.1
# million digits, which a browser tab computes in about a second. The libraries allow more.
WEB_MAX_N = 10_000_000


@dataclass(frozen=True)
class FibResult:
    """One timed computation of F(n), as the worker posts it and /api/fib/{n} answers it."""

    implementation: Implementation
    algorithm: str
    n: int
    # How many timed runs `seconds` is the median of (after a warm-up run, in the worker).
    runs: int
    seconds: float
    digits: int
    negative: bool
    # Up to EDGE_DIGITS digits from each end of |F(n)|.
    leading: str
    trailing: str


def load_implementations() -> dict[str, ModuleType]:
    """The importable implementations, by their page/API names."""
    found = {}
    for name, package in PACKAGES.items():
        try:
            found[name] = importlib.import_module(package)
        except ImportError:
            continue
    return found


def library_limit(modules: Mapping[str, ModuleType], name: str, default: int) -> int:
    """The smallest of the packages' own limit `name` (MAX_N or MAX_ITERATIVE_N); `default`
    when none is installed."""
    return min((getattr(module, name) for module in modules.values()), default=default)
