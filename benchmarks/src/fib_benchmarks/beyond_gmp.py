"""fib_pybind past GMP (issue 19): F(n) at large n against GMP's own mpz_fib_ui and python-flint.

Side by side in one run, one sample of each side per round in an order that rotates:
- `fib_pybind.fib` as the package runs it on this CPU (LARGE_N_PATH: "flint" where the wheel's
  FLINT build runs, else "gmp"), on one thread and with `set_threads(2)`;
- fib_pybind's GMP build (`fib_pybind._core`), which every CPU ran before and CPUs without AVX2
  still run: the "before" each row is held to;
- `gmpy2.fib` and python-flint's `flint.fmpz.fib_ui` (which calls GMP's mpz_fib_ui too), their
  results left as their own integers, as the grid leaves gmpy2's.
`fib_str` is timed the same way, the package's against the GMP build's. Medians per side; the
ratios are the reference's time over ours (above 1: ours is faster). A sample is one call, or a
batch of calls lasting at least min_sample_seconds.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from dataclasses import dataclass
from typing import Callable

from .runner import Progress
from .timing import Clock, calls_per_sample, interleaved_samples, median, time_calls

FULL_NS = (10**3, 10**5, 3 * 10**5, 10**6, 10**7, 10**8)
QUICK_NS = (10**3, 10**5, 3 * 10**5)
FULL_STR_N, QUICK_STR_N = 10**7, 10**5
# The sides' names in the report, and which one each ratio is taken against.
OURS, OURS_TWO_THREADS, BEFORE, GMPY2, FLINT = (
    "fib_pybind", "fib_pybind, 2 threads", "fib_pybind GMP build", "gmpy2.fib", "flint.fmpz.fib_ui")


@dataclass(frozen=True)
class Plan:
    ns: tuple[int, ...]
    str_n: int
    repeats: int
    min_sample_seconds: float


def _with_threads(module, threads: int) -> Callable[[int], object]:
    def call(n: int) -> object:
        module.set_threads(threads)
        try:
            return module.fib(n)
        finally:
            module.set_threads(1)

    return call


def sides() -> tuple[dict[str, Callable[[int], object]], dict[str, Callable[[int], object]], dict]:
    """The fib sides, the fib_str sides, and what the report records about them."""
    import flint
    import gmpy2

    package = importlib.import_module("fib_pybind")
    native, before = package._native, package._core
    fib_sides = {
        OURS: native.fib,
        OURS_TWO_THREADS: _with_threads(native, 2),
        BEFORE: before.fib,
        GMPY2: gmpy2.fib,
        FLINT: flint.fmpz.fib_ui,
    }
    str_sides = {OURS: native.fib_str, BEFORE: before.fib_str}
    about = {
        "large_n_path": package.LARGE_N_PATH,
        "fib_pybind": package.__version__,
        "gmpy2": f"{gmpy2.version()} ({gmpy2.mp_version()})",
        "python_flint": f"{importlib.metadata.version('python-flint')} (FLINT {flint.__FLINT_VERSION__})",
    }
    return fib_sides, str_sides, about


def measure_row(functions: dict[str, Callable[[int], object]], n: int, plan: Plan, clock: Clock) -> dict:
    """One n: each side's median seconds per call, and whether all sides gave the same number."""
    values, calls = {}, {}
    for name, function in functions.items():
        first, values[name] = time_calls(function, n, 1, clock)
        calls[name] = calls_per_sample(first, plan.min_sample_seconds)
    as_ints = {name: int(value) if not isinstance(value, str) else value for name, value in values.items()}
    samples = interleaved_samples(functions, n, calls, plan.repeats, clock)
    return {
        "n": n,
        "results_agree": len(set(as_ints.values())) == 1,
        "median_seconds": {name: median(values) for name, values in samples.items()},
        "samples_seconds": samples,
        "calls_per_sample": calls,
    }


def speedup(row: dict, reference: str, ours: str = OURS) -> float:
    """How many times faster ours ran than the reference in this row."""
    return row["median_seconds"][reference] / row["median_seconds"][ours]


def measure(plan: Plan, clock: Clock, progress: Progress) -> dict:
    """The report's beyond_gmp section: a row per n for fib, one for fib_str."""
    fib_sides, str_sides, about = sides()
    rows = []
    for n in plan.ns:
        progress.start(f"beyond GMP: fib({n:.0e})")
        rows.append(measure_row(fib_sides, n, plan, clock))
        progress.advance(1)
    progress.start(f"beyond GMP: fib_str({plan.str_n:.0e})")
    str_row = measure_row(str_sides, plan.str_n, plan, clock)
    progress.advance(1)
    return {"status": "measured", **about, "repeats": plan.repeats, "fib": rows, "fib_str": str_row}


def planned_steps(plan: Plan) -> int:
    return len(plan.ns) + 1
