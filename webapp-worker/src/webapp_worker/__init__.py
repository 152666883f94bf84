"""Runs and times Fibonacci implementations for the web app's Pyodide worker.

The worker's JavaScript passes each request to `run`, which yields plain dicts (progress,
results, errors) that the JavaScript converts to plain objects and posts to the page.
Everything here is ordinary Python, so it is tested with pytest in CPython too.
"""

from .implementations import available_implementations
from .request import ALGORITHMS, IMPLEMENTATIONS, MAX_ITERATIVE_N, MAX_N, RequestError, parse_request
from .runner import describe, run

__version__ = "0.1.0"

__all__ = [
    "ALGORITHMS",
    "IMPLEMENTATIONS",
    "MAX_ITERATIVE_N",
    "MAX_N",
    "RequestError",
    "available_implementations",
    "describe",
    "parse_request",
    "run",
]
