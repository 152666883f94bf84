"""Runs and times Fibonacci implementations for the web app's Pyodide worker.

The worker's JavaScript passes each request to `run`, which yields plain dicts (progress,
results, errors; see messages.py) that the JavaScript converts to plain objects and posts to
the page. Everything here is ordinary Python, so it is tested with pytest in CPython too.
"""

from .contract import PACKAGES, WEB_MAX_N, FibResult, load_implementations
from .messages import MessageKind
from .request import ALGORITHMS, IMPLEMENTATIONS, RequestError, limits_for, parse_request
from .runner import describe, run

__version__ = "0.1.0"

__all__ = [
    "ALGORITHMS",
    "IMPLEMENTATIONS",
    "PACKAGES",
    "WEB_MAX_N",
    "FibResult",
    "MessageKind",
    "RequestError",
    "describe",
    "limits_for",
    "load_implementations",
    "parse_request",
    "run",
]
