from pathlib import Path

import pytest

from fib_benchmarks.browser_peers import PYODIDE_BENCH_FILES, section_from


def test_the_pages_figures_become_one_timing_per_implementation_and_n():
    figures = {"100000": {"medians": {"fib_pybind.fib": 0.001, "flint.fmpz.fib_ui": 0.012}, "calls": 40},
               "1000000": {"medians": {"fib_pybind.fib": 0.01, "flint.fmpz.fib_ui": 0.1}, "calls": 9}}
    section = section_from({"pyodide": "314.0.7", "isolated": True, "figures": figures})
    assert section["status"] == "measured" and section["pyodide"] == "314.0.7"
    assert {(t["implementation"], t["n"], t["median_seconds"], t["calls"]) for t in section["timings"]} == {
        ("fib_pybind.fib", 100000, 0.001, 40), ("flint.fmpz.fib_ui", 100000, 0.012, 40),
        ("fib_pybind.fib", 1000000, 0.01, 9), ("flint.fmpz.fib_ui", 1000000, 0.1, 9)}


@pytest.mark.parametrize("name", PYODIDE_BENCH_FILES)
def test_the_code_run_in_the_browser_is_the_node_measurements(name):
    assert (Path(__file__).resolve().parents[2] / "fib-pybind" / "emscripten" / name).is_file()
