import ast
from pathlib import Path

from fib_benchmarks.browser_peers import PYODIDE_BENCH_FILES, section_from
from fib_benchmarks.targets import PEER_FLINT, PEER_OURS


def test_the_pages_figures_become_one_timing_per_implementation_and_n():
    figures = {"100000": {"medians": {"fib_pybind.fib": 0.001, "flint.fmpz.fib_ui": 0.012}, "calls": 40},
               "1000000": {"medians": {"fib_pybind.fib": 0.01, "flint.fmpz.fib_ui": 0.1}, "calls": 9}}
    section = section_from({"pyodide": "314.0.7", "isolated": True, "figures": figures})
    assert section["status"] == "measured" and section["pyodide"] == "314.0.7"
    assert {(t["implementation"], t["n"], t["median_seconds"], t["calls"]) for t in section["timings"]} == {
        ("fib_pybind.fib", 100000, 0.001, 40), ("flint.fmpz.fib_ui", 100000, 0.012, 40),
        ("fib_pybind.fib", 1000000, 0.01, 9), ("flint.fmpz.fib_ui", 1000000, 0.1, 9)}


def test_the_targets_name_the_implementations_the_pyodide_code_times():
    # The code runs inside Pyodide (python-flint is not importable here): read its table.
    source = (Path(__file__).resolve().parents[2] / "fib-pybind" / "emscripten" / "bench_in_pyodide.py").read_text()
    table = next(node for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "IMPLEMENTATIONS")
    assert {PEER_OURS, PEER_FLINT} <= {key.value for key in table.value.keys}
    assert "bench_in_pyodide.py" in PYODIDE_BENCH_FILES
