import time

import fib_pybind
import pytest
from conftest import FakeClock, RecordingProgress

from fib_benchmarks import beyond_gmp
from fib_benchmarks.beyond_gmp import BEFORE, FLINT, GMPY2, OURS, OURS_TWO_THREADS, Plan, measure, measure_row, speedup
from fib_benchmarks.targets import Sources, evaluate

TINY = Plan(ns=(1000, 200_000), str_n=5_000, repeats=2, min_sample_seconds=0.001)


def by_id(results):
    return {r["id"]: r for r in results}


def fake_row(n, **seconds):
    return {"n": n, "results_agree": True, "median_seconds": seconds,
            "samples_seconds": {side: [value] for side, value in seconds.items()},
            "calls_per_sample": {side: 1 for side in seconds}}


def fake_beyond_section(fib_rows, str_row):
    return {"status": "measured", "large_n_path": "flint", "fib_pybind": "0.1.0", "gmpy2": "2.3.2",
            "python_flint": "0.9.0", "repeats": 1, "fib": fib_rows, "fib_str": str_row}


def sides_taking(clock, seconds, wrong=()):
    """Sides whose calls advance the fake clock by their seconds; those named in wrong answer n + 1."""
    def side(name):
        def call(n):
            clock.now += seconds[name]
            return n + 1 if name in wrong else n
        return call

    return {name: side(name) for name in seconds}


def test_a_row_has_every_sides_median_and_samples():
    clock = FakeClock()
    row = measure_row(sides_taking(clock, {OURS: 0.25, GMPY2: 1.0}), 10**8, Plan((), 0, 3, 0.1), clock)
    assert row["results_agree"] is True
    assert row["median_seconds"] == {OURS: pytest.approx(0.25), GMPY2: pytest.approx(1.0)}
    assert [len(samples) for samples in row["samples_seconds"].values()] == [3, 3]
    assert speedup(row, GMPY2) == pytest.approx(4.0)


def test_a_side_with_another_value_is_noticed():
    clock = FakeClock()
    row = measure_row(sides_taking(clock, {OURS: 0.1, BEFORE: 0.1}, wrong={BEFORE}), 7, Plan((), 0, 2, 0.1), clock)
    assert row["results_agree"] is False


def test_the_real_sides_agree_and_the_threads_setting_is_restored():
    progress = RecordingProgress()
    section = measure(TINY, time.perf_counter, progress)
    assert section["status"] == "measured"
    assert section["large_n_path"] == fib_pybind.LARGE_N_PATH
    assert [row["n"] for row in section["fib"]] == [1000, 200_000]
    assert all(row["results_agree"] for row in [*section["fib"], section["fib_str"]])
    assert set(section["fib"][0]["median_seconds"]) == {OURS, OURS_TWO_THREADS, BEFORE, GMPY2, FLINT}
    assert set(section["fib_str"]["median_seconds"]) == {OURS, BEFORE}
    assert progress.steps == beyond_gmp.planned_steps(TINY)
    assert fib_pybind.get_threads() == 1


def test_targets_read_the_rows_of_their_n():
    rows = [fake_row(1000, **{OURS: 1.05, BEFORE: 1.0}), fake_row(10**5, **{OURS: 1.0, BEFORE: 1.0}),
            fake_row(10**7, **{OURS: 0.02, OURS_TWO_THREADS: 0.018, GMPY2: 0.046}),
            fake_row(10**8, **{OURS: 0.4, OURS_TWO_THREADS: 0.3, GMPY2: 1.1})]
    section = fake_beyond_section(rows, fake_row(10**7, **{OURS: 0.6, BEFORE: 0.58}))
    results = by_id(evaluate(Sources([], None, None, beyond_gmp=section)))
    assert results["beyond_gmp_1e7"]["measured"] == pytest.approx(2.3)
    assert results["beyond_gmp_1e7"]["met"] is True
    assert results["beyond_gmp_1e8"]["measured"] == pytest.approx(2.75)
    assert results["beyond_gmp_1e8_2_threads"]["measured"] == pytest.approx(1.1 / 0.3)
    assert results["beyond_gmp_no_slower_below_1e6"]["measured"] == pytest.approx(1 / 1.05)
    assert results["beyond_gmp_no_slower_below_1e6"]["met"] is True  # 0.95x is within the 0.9x allowed
    assert results["beyond_gmp_fib_str_1e7"]["measured"] == pytest.approx(0.58 / 0.6)
    assert results["beyond_gmp_fib_str_1e7"]["met"] is True


def test_targets_say_why_they_were_not_measured():
    quick = fake_beyond_section([fake_row(1000, **{OURS: 1.0, BEFORE: 1.0})], fake_row(10**5, **{OURS: 1.0, BEFORE: 1.0}))
    results = by_id(evaluate(Sources([], None, None, beyond_gmp=quick)))
    assert results["beyond_gmp_1e8"]["reason"] == "n=100,000,000 is not part of this run's beyond-GMP rows"
    assert results["beyond_gmp_fib_str_1e7"]["reason"] == "this run timed fib_str at n=100,000, not 10,000,000"
    failed = by_id(evaluate(Sources([], None, None, beyond_gmp={"status": "failed", "reason": "no flint"})))
    assert failed["beyond_gmp_1e7"]["reason"] == "beyond-GMP run failed: no flint"
    assert failed["beyond_gmp_1e7"]["met"] is None
