import json

import pytest

from fib_benchmarks.cli import main, parse_args, settings_for
from fib_benchmarks.runner import FULL_GRID, QUICK_GRID


@pytest.mark.parametrize("argv", [["--repeats", "0"], ["--budget", "-1"], ["--max-n", "ten"], ["--bogus"]])
def test_bad_options_are_refused_with_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        parse_args(argv)
    assert exit_.value.code == 2
    assert "usage: benchmark" in capsys.readouterr().err


def test_the_full_run_covers_10_to_the_3_through_10_to_the_7_and_the_references_point():
    s = settings_for(parse_args([]))
    assert s.grid == FULL_GRID
    assert s.grid["fib"] == (10**3, 10**4, 10**5, 10**6, 10**7)
    assert 5 * 10**5 in s.grid["fib_iterative"]
    assert (s.repeats, s.budget_seconds) == (5, 15.0)


def test_quick_and_max_n_shrink_the_grid():
    s = settings_for(parse_args(["--quick", "--max-n", "10000", "--repeats", "4"]))
    assert s.grid == {algorithm: tuple(n for n in ns if n <= 10_000) for algorithm, ns in QUICK_GRID.items()}
    assert (s.repeats, s.budget_seconds) == (4, 0.5)


def test_a_quick_run_writes_a_sound_report_and_plots(tmp_path, capsys):
    assert main(["--quick", "--max-n", "1000", "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["mode"] == "quick"
    assert [(c["algorithm"], c["n"], c["results_agree"]) for c in report["cells"]] == [
        ("fib", 1000, True), ("fib_iterative", 1000, True)]
    assert set(report["cells"][0]["measurements"]) == {"fib_python", "fib_pybind", "gmpy2"}
    assert (tmp_path / "time_vs_n.png").is_file() and (tmp_path / "ratios.png").is_file()
    assert (tmp_path / "overhead.png").is_file()
    calls = {(r["function"], tuple(r["arguments"])) for r in report["overhead"]}
    assert {("fib", (10,)), ("fib", (-10,)), ("lucas", (1000,)), ("fib_str", (-1000,))} <= calls
    assert all(r["results_agree"] for r in report["overhead"])
    assert report["free_threaded"] is None
    out = capsys.readouterr().out
    assert "Targets (ratios measured in this run)" in out
    assert "free-threaded part skipped: needs --free-threaded PYTHON" in out


def test_a_requested_part_that_cannot_run_fails_the_run_and_the_report_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("fib_benchmarks.backend.find_spec", lambda name: None)  # no web app
    missing = tmp_path / "venv" / "bin" / "python"  # no free-threaded interpreter either
    argv = ["--quick", "--max-n", "1000", "--server", "--free-threaded", f"{missing} -X dev", "--out", str(tmp_path)]
    assert main(argv) == 1
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["server"]["status"] == "failed"
    assert "webapp_backend is not installed" in report["server"]["reason"]
    assert report["free_threaded"] == {"status": "failed", "reason": f"RuntimeError: no such interpreter: {missing}"}
    assert report["browser"] is None
    out = capsys.readouterr().out
    assert "--server did not complete" in out and "--free-threaded did not complete" in out


def test_the_cpu_clock_is_recorded_in_the_report(tmp_path):
    assert main(["--quick", "--max-n", "1000", "--clock", "cpu", "--out", str(tmp_path)]) == 0
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["settings"]["clock"] == "cpu"


def test_an_unknown_clock_is_refused(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--clock", "sundial"])
    assert "invalid choice: 'sundial'" in capsys.readouterr().err

