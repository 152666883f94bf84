"""Which Fibonacci packages this Python has, by the names the page uses."""

import importlib
from types import ModuleType

# Page name -> Python package. Both packages expose the same API.
PACKAGES = {"python": "fib_python", "native": "fib_pybind"}


def available_implementations() -> dict[str, ModuleType]:
    """The importable implementations, keyed by page name ("python", "native")."""
    found = {}
    for name, package in PACKAGES.items():
        try:
            found[name] = importlib.import_module(package)
        except ImportError:
            continue
    return found
