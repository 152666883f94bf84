import pytest

from fib_benchmarks.overhead import Result, Sampled
from fib_benchmarks.runner import Cell, Measurement
from fib_benchmarks.targets import TARGETS, Sources, evaluate


def cell(algorithm, n, **medians):
    return Cell(algorithm, n, {name: Measurement("measured", median_seconds=s) for name, s in medians.items()},
                True, 1, {})


def by_id(results):
    return {r["id"]: r for r in results}


def test_every_target_is_reported_even_when_nothing_was_measured():
    results = evaluate(Sources([], None, None))
    assert [r["id"] for r in results] == [t.id for t in TARGETS]
    assert all(r["met"] is None and r["measured"] is None and r["reason"] for r in results)
    assert by_id(results)["pyodide_fib_1e6"]["reason"] == "needs --browser"
    assert by_id(results)["server_rps_1e5"]["reason"] == "needs --server"
    assert by_id(results)["pyodide_vs_flint_fib_1e6"]["reason"] == "needs --browser"


def test_local_targets_compare_medians_of_one_run():
    cells = [
        cell("fib", 10**6, fib_python=0.1, fib_pybind=0.004, gmpy2=0.0031),
        cell("fib", 10**7, fib_python=3.0, fib_pybind=0.05, gmpy2=0.0462),
        cell("fib_iterative", 5 * 10**5, fib_python=2.6, fib_pybind=0.8, gmpy2=0.9),
    ]
    results = by_id(evaluate(Sources(cells, None, None)))
    assert results["pybind_vs_gmpy2_fib_1e7"]["measured"] == pytest.approx(0.05 / 0.0462)  # 1.082x
    assert results["pybind_vs_gmpy2_fib_1e6"]["measured"] == pytest.approx(0.004 / 0.0031)
    assert results["pybind_vs_gmpy2_fib_1e6"]["met"] is False  # 1.29x is over 1.1x
    assert results["pybind_vs_gmpy2_fib_1e7"]["met"] is True
    assert results["pybind_vs_python_fib_1e6"]["measured"] == pytest.approx(25)
    assert results["pybind_vs_python_fib_1e6"]["met"] is True
    assert results["pybind_vs_python_iterative_5e5"]["measured"] == pytest.approx(3.25)
    assert results["pybind_vs_python_iterative_5e5"]["met"] is False


def test_a_skipped_implementation_leaves_its_target_unmeasured_with_the_skip_reason():
    skipped = Cell("fib", 10**7, {"fib_python": Measurement("measured", median_seconds=3.0),
                                  "fib_pybind": Measurement("skipped", "over budget"),
                                  "gmpy2": Measurement("measured", median_seconds=0.05)}, None, 1, {})
    result = by_id(evaluate(Sources([skipped], None, None)))["pybind_vs_gmpy2_fib_1e7"]
    assert result["met"] is None
    assert result["reason"] == "fib_pybind.fib at n=10,000,000 was not measured: over budget"


def browser_section(python_1e6, pybind_1e6):
    return {"status": "measured", "timings": [
        {"implementation": "fib_python", "algorithm": "fib", "n": 10**6, "median_seconds": python_1e6},
        {"implementation": "fib_pybind", "algorithm": "fib", "n": 10**6, "median_seconds": pybind_1e6},
    ]}


def test_browser_targets_use_the_pages_timings():
    results = by_id(evaluate(Sources([], browser_section(0.128, 0.016), None)))
    assert results["pyodide_fib_1e6"]["measured"] == pytest.approx(8)
    assert results["pyodide_fib_1e6"]["met"] is True
    assert results["pyodide_fib_1e7"]["reason"] == "the page gave no fib timing of both implementations at n=10,000,000"


def test_a_failed_browser_run_is_not_measured_and_says_why():
    result = by_id(evaluate(Sources([], {"status": "failed", "reason": "no chromium"}, None)))["pyodide_fib_1e6"]
    assert (result["met"], result["reason"]) == (None, "browser run failed: no chromium")


def peers_section(n, ours, flint, python=1.0):
    return {"status": "measured", "timings": [
        {"implementation": "fib_pybind.fib", "n": n, "median_seconds": ours, "calls": 3},
        {"implementation": "flint.fmpz.fib_ui", "n": n, "median_seconds": flint, "calls": 3},
        {"implementation": "fib_python.fib", "n": n, "median_seconds": python, "calls": 3},
    ]}


def test_flint_targets_are_the_ratio_in_one_pyodide():
    results = by_id(evaluate(Sources([], None, None, browser_peers=peers_section(10**6, 0.01, 0.093))))
    assert (results["pyodide_vs_flint_fib_1e6"]["measured"], results["pyodide_vs_flint_fib_1e6"]["met"]) == (
        pytest.approx(9.3), False)
    assert results["pyodide_vs_flint_fib_1e7"]["reason"] == "the peers were not timed at n=10,000,000"


def test_wasm_over_native_takes_the_native_wheel_from_the_grid():
    peers = peers_section(10**7, 0.18, 2.0)
    alone = by_id(evaluate(Sources([], None, None, browser_peers=peers)))["pyodide_vs_native_fib_1e7"]
    assert alone["reason"] == "the native fib_pybind.fib at n=10,000,000 was not measured in this run"
    cells = [cell("fib", 10**7, fib_python=3.0, fib_pybind=0.05, gmpy2=0.047)]
    result = by_id(evaluate(Sources(cells, None, None, browser_peers=peers)))["pyodide_vs_native_fib_1e7"]
    assert (result["measured"], result["met"]) == (pytest.approx(3.6), True)


def test_a_peer_the_run_did_not_time_leaves_the_target_unmeasured():
    peers = peers_section(10**6, 0.01, 0.1)
    peers["timings"] = [t for t in peers["timings"] if t["implementation"] != "flint.fmpz.fib_ui"]
    result = by_id(evaluate(Sources([], None, None, browser_peers=peers)))["pyodide_vs_flint_fib_1e6"]
    assert (result["met"], result["reason"]) == (None, "the peers run timed no flint.fmpz.fib_ui at n=1,000,000")


def test_wasm_over_native_needs_a_wall_clock_grid():
    cells = [cell("fib", 10**7, fib_python=3.0, fib_pybind=0.05, gmpy2=0.047)]
    sources = Sources(cells, None, None, browser_peers=peers_section(10**7, 0.18, 2.0), clock="cpu")
    result = by_id(evaluate(sources))["pyodide_vs_native_fib_1e7"]
    assert result["met"] is None and "cpu clock" in result["reason"]


def test_a_failed_peers_run_is_not_measured_and_says_why():
    failed = {"status": "failed", "reason": "RuntimeError: no flint"}
    result = by_id(evaluate(Sources([], None, None, browser_peers=failed)))["pyodide_vs_flint_fib_1e7"]
    assert (result["met"], result["reason"]) == (None, "browser peers run failed: RuntimeError: no flint")


def server_section(native_rps, python_rps, errors=0, n=10**6):
    run = {"n": n, "total_errors": 0}
    return {"status": "measured", "runs": [
        {**run, "implementation": "native", "requests_per_second": native_rps, "total_errors": errors},
        {**run, "implementation": "python", "requests_per_second": python_rps},
    ]}


def test_server_target_is_the_ratio_of_requests_per_second():
    result = by_id(evaluate(Sources([], None, server_section(300.0, 10.0))))["server_rps_1e6"]
    assert (result["measured"], result["met"]) == (pytest.approx(30), True)


def test_server_target_with_errors_is_not_counted():
    result = by_id(evaluate(Sources([], None, server_section(300.0, 10.0, errors=2))))["server_rps_1e6"]
    assert (result["met"], result["reason"]) == (None, "2 failed requests: the target needs zero errors")


def test_server_target_with_no_completed_python_request_is_not_measured():
    result = by_id(evaluate(Sources([], None, server_section(300.0, 0.0))))["server_rps_1e6"]
    assert result["met"] is None
    assert result["reason"] == "the python endpoint completed no request in the test's time"


def goodput_section(*ratios, open_loop=None):
    return {"status": "measured", "runs": [], "overload": {"runs": [
        {"multiple": multiple, "goodput_vs_1x": ratio} for multiple, ratio in zip((1, 2, 4), (1.0, *ratios))],
        "open_loop": None if open_loop is None else {"goodput_vs_1x": open_loop}}}


def test_the_open_loop_target_is_its_ratio_to_the_1x_run():
    result = by_id(evaluate(Sources([], None, goodput_section(0.9, 0.9, open_loop=0.5))))["server_goodput_open_loop"]
    assert (result["measured"], result["met"]) == (0.5, False)
    result = by_id(evaluate(Sources([], None, goodput_section(0.9, 0.9))))["server_goodput_open_loop"]
    assert (result["met"], result["reason"]) == (None, "no open-loop run next to a 1x run")


def test_goodput_targets_are_the_ratios_to_the_1x_run():
    results = by_id(evaluate(Sources([], None, goodput_section(0.9, 0.7))))
    assert (results["server_goodput_2x"]["measured"], results["server_goodput_2x"]["met"]) == (0.9, True)
    assert (results["server_goodput_4x"]["measured"], results["server_goodput_4x"]["met"]) == (0.7, False)


def test_goodput_targets_need_the_overload_runs():
    result = by_id(evaluate(Sources([], None, server_section(300.0, 10.0))))["server_goodput_4x"]
    assert (result["met"], result["reason"]) == (None, "no goodput measured at 1x and 4x the lane's limit")


def overhead_result(function, arguments, ours, reference):
    return Result(function, list(arguments), "ref", 1.5, True, Sampled(ours, [ours], 1), Sampled(reference, [reference], 1),
                  ours / reference)


def test_overhead_targets_take_the_worse_sign_of_n():
    results = [overhead_result("fib", (90,), 1.0, 1.0), overhead_result("fib", (-90,), 1.6, 1.0),
               overhead_result("lucas", (90,), 1.2, 1.0), overhead_result("fib_mod", (10, 7), 1.4, 1.0)]
    evaluated = by_id(evaluate(Sources([], None, None, results)))
    assert (evaluated["pybind_fib_vs_gmp_90"]["measured"], evaluated["pybind_fib_vs_gmp_90"]["met"]) == (1.6, False)
    assert (evaluated["pybind_lucas_vs_gmp_90"]["measured"], evaluated["pybind_lucas_vs_gmp_90"]["met"]) == (1.2, True)
    assert evaluated["pybind_fib_str_vs_gmp_90"]["reason"] == "fib_str at 90 is not part of this run's grid"
    assert evaluated["pybind_fib_vs_gmp_10000000"]["threshold"] == 1.1
    assert evaluated["pybind_fib_mod_vs_floor_10_1000000007"]["met"] is None
