import os
import platform
import shlex
import sys

import pytest

from fib_benchmarks.free_threaded import N, Plan, measure, run_probe, summarise

TINY = Plan(calls_per_thread=2, rounds=2)
# The nox session benchmark_tests names the cp313t venv's python here (a command line).
FREE_THREADED = shlex.split(os.environ.get("FIB_FREE_THREADED_PYTHON", ""))


def probe_output(**changes):
    return {"python": "3.13.15", "free_threaded_build": True, "gil_enabled": False, "fib_pybind": "1.0.0",
            "calls_per_second": {"1": [100.0, 50.0, 120.0], "2": [190.0, 100.0, 180.0]},
            "cores_used": {"1": [1.0, 0.5, 0.9], "2": [1.9, 1.0, 1.8]}, **changes}


def test_the_section_has_medians_per_thread_count_and_the_median_of_each_rounds_ratio():
    section = summarise(probe_output(), Plan(calls_per_thread=10, rounds=3))
    assert section["status"] == "measured"
    assert [(row["threads"], row["median_calls_per_second"], row["median_cores_used"]) for row in section["threads"]] == [
        (1, 100.0, 0.9), (2, 180.0, 1.8)]
    assert section["ratio_2_vs_1_thread"] == pytest.approx(1.9)  # rounds: 1.9, 2.0, 1.5
    assert (section["n"], section["calls_per_thread"], section["rounds"]) == (N, 10, 3)


@pytest.mark.parametrize("changes", [{"gil_enabled": True}, {"free_threaded_build": False, "gil_enabled": True}])
def test_an_interpreter_with_the_gil_enabled_is_refused(changes):
    with pytest.raises(RuntimeError, match="ran with the GIL enabled"):
        summarise(probe_output(**changes), TINY)


def test_the_probe_runs_in_another_interpreter_and_reports_each_round():
    # The harness's own CPython 3.11 with its fib_pybind: a real run, with the GIL.
    probe = run_probe([sys.executable], TINY)
    assert probe["python"] == platform.python_version()
    assert probe["gil_enabled"] is True
    assert [len(probe["calls_per_second"][count]) for count in ("1", "2")] == [2, 2]
    for figures in (probe["calls_per_second"], probe["cores_used"]):
        assert all(value > 0 for values in figures.values() for value in values)
    section = measure([sys.executable], TINY)
    assert section["status"] == "failed"
    assert f"CPython {platform.python_version()} ran with the GIL enabled" in section["reason"]


def test_a_missing_interpreter_fails_the_part_and_says_so(tmp_path):
    section = measure([str(tmp_path / "python3.13t")], TINY)
    assert section == {"status": "failed", "reason": f"RuntimeError: no such interpreter: {tmp_path / 'python3.13t'}"}


def test_an_interpreter_without_fib_pybind_fails_the_part_and_says_so():
    section = measure([sys.executable, "-I", "-S"], TINY)
    assert section["status"] == "failed"
    assert "ModuleNotFoundError: No module named 'fib_pybind'" in section["reason"]


@pytest.mark.skipif(not FREE_THREADED, reason="FIB_FREE_THREADED_PYTHON names no free-threaded CPython")
def test_the_free_threaded_cpython_is_measured_with_its_gil_disabled():
    section = measure(FREE_THREADED, TINY)
    assert section["status"] == "measured", section.get("reason")
    assert section["python"].startswith("3.13.")
    assert [row["threads"] for row in section["threads"]] == [1, 2]
    assert section["ratio_2_vs_1_thread"] > 0
