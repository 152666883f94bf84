import pytest
from conftest import fake_implementation, true_fib

from fib_benchmarks.runner import Settings, measure_conversion, planned_steps, run_cell, run_grid


def settings(grid, budget=10.0, repeats=3):
    # min_sample_seconds=0: every sample is one call, so the fake clock's costs come back exactly.
    return Settings(grid=grid, repeats=repeats, budget_seconds=budget, min_sample_seconds=0.0)


def test_every_cell_gets_exact_medians_ratios_and_agreement(clock, progress):
    impls = [fake_implementation("fib_python", clock, 1e-6), fake_implementation("fib_pybind", clock, 1e-7)]
    s = settings({"fib": (1000, 10_000), "fib_iterative": (1000,)})
    cells = run_grid(impls, s, progress, clock)

    assert [(c.algorithm, c.n) for c in cells] == [("fib", 1000), ("fib", 10_000), ("fib_iterative", 1000)]
    second = cells[1]
    assert second.measurements["fib_python"].median_seconds == pytest.approx(1e-2)
    assert second.measurements["fib_python"].samples_seconds == pytest.approx([1e-2] * 3)
    assert second.measurements["fib_pybind"].median_seconds == pytest.approx(1e-3)
    assert second.ratios["fib_python/fib_pybind"] == pytest.approx(10)
    assert all(c.results_agree for c in cells)
    assert second.result_bits == true_fib(50).bit_length()
    assert progress.steps == planned_steps(s, implementations=2, conversion=False)
    assert progress.labels == ["fib(1,000)", "fib(10,000)", "fib_iterative(1,000)"]


def test_calls_within_a_cell_are_interleaved_after_one_first_call_each(clock, progress):
    impls = [fake_implementation("fib_python", clock, 1e-6), fake_implementation("fib_pybind", clock, 1e-7)]
    run_grid(impls, settings({"fib": (1000,)}, repeats=2), progress, clock)
    assert [name for name, _ in clock.calls] == [
        "fib_python", "fib_pybind",  # first calls: results and batch sizes
        "fib_python", "fib_pybind",  # round 1
        "fib_pybind", "fib_python",  # round 2, rotated
    ]


def test_a_cell_predicted_over_budget_is_skipped_without_calling_it(clock, progress):
    slow = fake_implementation("fib_python", clock, 1e-9, exponent=2)  # 1 ms at 10^3, 0.1 s at 10^4
    fast = fake_implementation("fib_pybind", clock, 1e-9)
    cells = run_grid([slow, fast], settings({"fib_iterative": (1000, 10_000)}, budget=0.05), progress, clock)

    skipped = cells[1].measurements["fib_python"]
    assert skipped.status == "skipped"
    assert skipped.reason.startswith("predicted 0.1 s per call (from 0.001 s at n=1000, growth n^2.00)")
    assert ("fib_python", 10_000) not in clock.calls
    assert cells[1].measurements["fib_pybind"].status == "measured"
    assert cells[1].ratios == {}
    assert cells[1].results_agree is None  # one implementation ran: nothing to compare
    assert progress.steps == planned_steps(settings({"fib_iterative": (1000, 10_000)}), 2, conversion=False)


def test_a_cell_past_an_implementations_maximum_is_skipped(clock, progress):
    capped = fake_implementation("fib_python", clock, 1e-9, max_n=5000)
    cells = run_grid([capped], settings({"fib_iterative": (1000, 10_000)}), progress, clock)
    assert cells[1].measurements["fib_python"].reason == "n is past fib_python's maximum for fib_iterative (5,000)"


def test_a_first_call_over_budget_stops_the_cell_after_that_call(clock, progress):
    slow = fake_implementation("fib_python", clock, 2e-3)  # 2 s at n=1000, nothing earlier to predict from
    cell = run_cell([slow], "fib", 1000, {"fib_python": []}, settings({"fib": (1000,)}, budget=1.0), progress, clock)
    m = cell.measurements["fib_python"]
    assert (m.status, m.first_call_seconds) == ("skipped", pytest.approx(2.0))
    assert m.reason == "the first call took 2 s, over the budget of 1 s per call"
    assert len(clock.calls) == 1


def test_disagreeing_results_are_flagged(clock, progress):
    impls = [fake_implementation("fib_python", clock, 1e-9), fake_implementation("fib_pybind", clock, 1e-9, wrong=True)]
    cells = run_grid(impls, settings({"fib": (1000,)}), progress, clock)
    assert cells[0].results_agree is False


def test_conversion_share_is_conversion_over_the_whole_call(clock, progress):
    impls = [fake_implementation("fib_pybind", clock, 1e-9)]
    cells = run_grid(impls, settings({"fib": (1000,)}), progress, clock)
    split = lambda n, calls: (true_fib(50), 3.0, 1.0)  # noqa: E731
    [conversion] = measure_conversion(split, None, lambda n: true_fib(50), cells, 3, progress)
    assert (conversion.status, conversion.share, conversion.value_matches_fib) == ("measured", 0.25, True)
    assert (conversion.compute_seconds, conversion.convert_seconds) == (3.0, 1.0)


def test_conversion_that_cannot_be_measured_says_why(clock, progress):
    impls = [fake_implementation("fib_pybind", clock, 1e-9, exponent=2)]
    cells = run_grid(impls, settings({"fib": (1000, 10**6)}, budget=0.5), progress, clock)
    split = lambda n, calls: (true_fib(50), 3.0, 1.0)  # noqa: E731
    measured, skipped = measure_conversion(split, None, lambda n: true_fib(50), cells, 3, progress)
    assert measured.status == "measured"
    assert (skipped.status, skipped.reason) == ("unavailable", "fib_pybind.fib was skipped at this n")
    assert progress.steps == planned_steps(settings({"fib": (1000, 10**6)}), 1, conversion=True)
    without_split = measure_conversion(None, "no split in this build", lambda n: 0, cells, 3, progress)
    assert [(c.status, c.reason) for c in without_split] == [("unavailable", "no split in this build")] * 2


def test_fib_pybinds_split_times_both_halves_of_a_real_call():
    import fib_pybind

    from fib_benchmarks.implementations import conversion_split

    split, reason = conversion_split()
    assert reason is None
    value, compute, convert = split(10_000, 3)
    assert value == fib_pybind.fib(10_000)
    assert compute > 0 and convert > 0
