"""fib_pybind keeps computing correctly with another module's GMP (and Boost, pybind11) loaded.

Runs inside Pyodide only (test_in_pyodide.py). FIB_GMP_IMPOSTOR names the impostor side
module (make_impostor.py): every symbol of GMP and of fib_pybind's own code, exported, broken.
The test loads it with RTLD_GLOBAL; test_in_pyodide.py also runs this file once with the
impostor loaded before fib_pybind is installed, so both load orders are covered.
"""

import ctypes
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "emscripten", reason="Pyodide's dynamic linker")

@pytest.fixture(scope="module")
def fib_pybind():
    import fib_pybind

    impostor = os.environ["FIB_GMP_IMPOSTOR"]
    ctypes.CDLL(impostor, mode=ctypes.RTLD_GLOBAL)
    # The impostor's symbols are in the global table (a lookup in the main program finds them).
    assert ctypes.CDLL(None).fib_gmp_impostor_loaded() == 42
    return fib_pybind


@pytest.fixture(scope="module")
def vectors():
    # FIB_VECTORS when the repository is mounted elsewhere, as in Pyodide; else repo-relative.
    path = os.environ.get("FIB_VECTORS")
    if not path:
        path = Path(__file__).resolve().parents[3] / "testdata/fibonacci.json"
    return json.loads(Path(path).read_text())


def test_small_values_lucas_and_negative_n(fib_pybind, vectors):
    for case in vectors["fib"]:
        assert fib_pybind.fib(case["n"]) == int(case["value"])
    for case in vectors["lucas"]:
        assert fib_pybind.lucas(case["n"]) == int(case["value"])


def test_large_values_through_gmp_multiplication_and_formatting(fib_pybind, vectors):
    edge = vectors["edge_digits"]
    for case in vectors["fib_large"]:
        magnitude = abs(fib_pybind.fib(case["n"]))
        raw = magnitude.to_bytes((magnitude.bit_length() + 7) // 8, "big")
        assert hashlib.sha256(raw).hexdigest() == case["sha256"]
        text = fib_pybind.fib_str(case["n"]).lstrip("-")
        assert (text[:edge], text[-edge:]) == (case["leading"], case["trailing"])
    for case in vectors["fib_hex"]:
        assert fib_pybind.fib_str(case["n"], 16) == case["value"]


def test_fib_mod(fib_pybind, vectors):
    for case in vectors["fib_mod"]:
        assert fib_pybind.fib_mod(case["n"], case["m"]) == case["value"]


def test_errors_still_map_to_python_exceptions(fib_pybind):
    # C++ exceptions cross the module boundary by type_info, one of the things an impostor copies.
    with pytest.raises(ValueError):
        fib_pybind.fib_mod(10, 0)
    with pytest.raises(OverflowError):
        fib_pybind.fib(fib_pybind.MAX_N + 1)
    with pytest.raises(TypeError):
        fib_pybind.fib(1.5)
