"""The conformance suite: every implementation of the public API must pass it.

FIB_IMPLEMENTATIONS names the modules to test (comma-separated, default both); a named module
that cannot be imported is an error, never a silent skip. FIB_VECTORS overrides the path of the
shared vector file (the Pyodide runner copies it elsewhere).
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pytest

DEFAULT_VECTORS = Path(__file__).resolve().parent.parent / "fibonacci.json"
IMPLEMENTATIONS = os.environ.get("FIB_IMPLEMENTATIONS", "fib_python,fib_pybind").split(",")


@pytest.fixture(scope="session")
def vectors() -> dict:
    return json.loads(Path(os.environ.get("FIB_VECTORS", DEFAULT_VECTORS)).read_text())


@pytest.fixture(scope="session", params=IMPLEMENTATIONS)
def api(request):
    return importlib.import_module(request.param)
