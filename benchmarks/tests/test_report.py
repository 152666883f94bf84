import copy
import json
import shutil

import pytest
from conftest import FakeClock, RecordingProgress, fake_implementation
from test_beyond_gmp import fake_beyond_section, sides_taking
from test_overhead import fake_case
from test_page_load import fake_section

from fib_benchmarks.beyond_gmp import BEFORE, GMPY2, OURS, Plan, measure_row
from fib_benchmarks.free_threaded import QUICK, summarise
from fib_benchmarks.overhead import measure_case
from fib_benchmarks.plots import overhead_series, ratio_series, write_plots
from fib_benchmarks.report import TOP_LEVEL_FIELDS, build_report, check_report, write_report
from fib_benchmarks.runner import Settings, run_grid
from fib_benchmarks.targets import Sources, evaluate


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A report of a small fake run, written once with its plots: (report as read back, its directory)."""
    out_dir = tmp_path_factory.mktemp("report")
    clock = FakeClock()
    impls = [fake_implementation("fib_python", clock, 1e-6), fake_implementation("fib_pybind", clock, 1e-7),
             fake_implementation("gmpy2", clock, 5e-8)]
    settings = Settings({"fib": (1000, 10_000), "fib_iterative": (1000,)}, 3, 10.0, 0.0)
    cells = run_grid(impls, settings, RecordingProgress(), clock)
    overhead_results = [measure_case(fake_case(clock, 1e-7, 2e-7), 3, 0.0, clock)]
    three_rounds = Plan((), 0, 3, 0.0)
    beyond = fake_beyond_section(
        [measure_row(sides_taking(clock, {OURS: 0.1, GMPY2: 0.2}), 10**7, three_rounds, clock)],
        measure_row(sides_taking(clock, {OURS: 0.1, BEFORE: 0.1}), 10**7, three_rounds, clock))
    report = build_report(
        mode="quick", clock="wall", command=["benchmark", "--quick"], settings=settings, machine={"cpu_model": "test cpu",
        "logical_cores": 2, "python": {"version": "3.11"}}, implementations=impls, cells=cells, conversions=[],
        overhead=overhead_results, beyond_gmp=beyond, browser=None, browser_peers=None, page_load=fake_section(), server=None,
        free_threaded=summarise({"python": "3.13.15", "free_threaded_build": True, "gil_enabled": False,
                                 "fib_pybind": "1.0.0", "calls_per_second": {"1": [100.0, 110.0], "2": [190.0, 200.0]},
                                 "cores_used": {"1": [1.0, 1.0], "2": [1.9, 2.0]}},
                                QUICK),
        targets=evaluate(Sources(cells, None, None, overhead_results, beyond_gmp=beyond)), plots={},
    )
    report["plots"] = write_plots(report, out_dir)
    path = write_report(report, out_dir)
    return json.loads(path.read_text()), out_dir


@pytest.fixture
def sound_report(written):
    return copy.deepcopy(written[0])


def test_a_written_report_has_every_field_and_passes_the_check(sound_report, written):
    assert list(sound_report) == list(TOP_LEVEL_FIELDS)
    assert check_report(sound_report, written[1]) == []
    assert sound_report["cells"][0]["measurements"]["gmpy2"]["samples_seconds"] == pytest.approx([5e-5] * 3)


def test_the_overhead_plot_draws_each_sign_of_n_as_its_own_line(sound_report, written):
    assert overhead_series(sound_report, "fib", -1) == ([10], [pytest.approx(0.5)])
    assert overhead_series(sound_report, "fib", 1) == ([], [])
    assert (written[1] / sound_report["plots"]["overhead"]).read_bytes()[:4] == b"\x89PNG"


def test_the_ratio_plot_uses_time_ratios_where_both_were_measured(sound_report):
    ns, ratios = ratio_series(sound_report, "fib", "fib_python", "fib_pybind")
    assert ns == [1000, 10_000]
    assert ratios == pytest.approx([10, 10])


@pytest.mark.parametrize(
    ("break_it", "problem"),
    [
        (lambda r: r.pop("machine"), "report lacks top-level fields: machine"),
        (lambda r: r["cells"][0].update(results_agree=False),
         "fib(1000): the implementations returned different values"),
        (lambda r: r["cells"][0]["measurements"].pop("gmpy2"), "fib(1000): no entry for gmpy2"),
        (lambda r: r["cells"][0]["measurements"]["gmpy2"]["samples_seconds"].pop(),
         "fib(1000): gmpy2 has 2 samples (want 3) or a non-positive median"),
        (lambda r: r["cells"][0]["measurements"]["gmpy2"].update(median_seconds=None),
         "fib(1000): gmpy2 lacks median_seconds"),
        (lambda r: r["cells"][0]["measurements"]["gmpy2"].update(status="skipped", reason=None),
         "fib(1000): gmpy2 skipped without a reason"),
        (lambda r: r["cells"].pop(), "do not match the grid"),
        (lambda r: r["targets"].pop(), "the targets table does not list every target"),
        (lambda r: r.update(server={"runs": []}), "the server section has no status"),
        (lambda r: r["conversion"].append({"n": 1, "status": "measured", "share": 0.1, "value_matches_fib": False}),
         "conversion at n=1: value mismatch"),
        (lambda r: r.update(schema_version=0), "schema_version 0 is not 6"),
        (lambda r: r["beyond_gmp"]["fib"][0].update(results_agree=False),
         "beyond GMP at n=10,000,000: the sides returned different values"),
        (lambda r: r["beyond_gmp"]["fib_str"]["samples_seconds"]["fib_pybind"].pop(),
         "beyond GMP at n=10,000,000: fib_pybind has 2 samples (want 3)"),
        (lambda r: r.update(beyond_gmp={"status": "failed", "reason": "ImportError: flint"}),
         "the beyond_gmp part failed: ImportError: flint"),
        (lambda r: r["free_threaded"]["threads"][1]["samples_calls_per_second"].pop(),
         "free-threaded, 2 threads: 1 samples (want 2) or a non-positive median"),
        (lambda r: r["free_threaded"].update(ratio_2_vs_1_thread=0), "free-threaded: ratio 0 is not positive"),
        (lambda r: r["page_load"]["sides"]["after"]["loads"].pop(), "page load, after: 2 loads (want 3)"),
        (lambda r: r["page_load"]["sides"]["before"]["loads"][0].update(cold_bytes=0),
         "page load, before: a cold load moved no bytes or was never ready"),
        (lambda r: r["overhead"][0].update(results_agree=False),
         "overhead of fib(-10): fib_pybind and g(|n|) returned different values"),
        (lambda r: r["overhead"][0]["reference"]["samples_seconds"].pop(),
         "overhead of fib(-10): reference has 2 samples (want 3)"),
    ],
)
def test_the_check_names_what_makes_a_report_unsound(sound_report, written, break_it, problem):
    break_it(sound_report)
    problems = check_report(sound_report, written[1])
    assert any(problem in p for p in problems), problems


def test_the_check_finds_a_missing_or_corrupt_plot(sound_report, written, tmp_path):
    shutil.copytree(written[1], tmp_path, dirs_exist_ok=True)
    (tmp_path / sound_report["plots"]["ratios"]).unlink()
    (tmp_path / sound_report["plots"]["time_vs_n"]).write_bytes(b"not a png")
    (tmp_path / sound_report["plots"]["overhead"]).unlink()
    problems = check_report(sound_report, tmp_path)
    assert len([p for p in problems if "is missing or not a PNG" in p]) == 3
