"""The Fibonacci packages the API can use, by the names in its URLs."""

import importlib
from enum import Enum
from types import ModuleType


class Impl(str, Enum):
    native = "native"
    python = "python"


PACKAGES = {Impl.native: "fib_pybind", Impl.python: "fib_python"}


def load(impl: Impl) -> ModuleType | None:
    """The package behind `impl`, or None when it is not installed on this server."""
    try:
        return importlib.import_module(PACKAGES[impl])
    except ImportError:
        return None


def versions() -> dict[str, str | None]:
    """Each implementation's version, None for those not installed."""
    return {impl.value: getattr(load(impl), "__version__", None) for impl in Impl}
