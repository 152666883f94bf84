"""fib_pybind's cost per call against GMP's own call, from n = 10 (where the call is all there is)
to 10^7 (where the arithmetic is).

The reference does the same work as ours: gmpy2's call (GMP's mpz_fib_ui, mpz_lucnum_ui,
mpz_get_str) plus turning its result into the Python object ours returns, e.g. `int(gmpy2.fib(k))`.
GMP has no negative index, so for n < 0 the reference is its call at k = |n|: the sign is our
extra work. fib_mod has no GMP counterpart; its reference is the floor of any call of the same
arithmetic from Python: fib-cpp's fib_mod behind the thinnest C-API wrapper that can call it
(`_native._fib_mod_floor`, in the module build the package uses: two positional ints read as
they come, no checks, no keyword matching).

Both sides are statements compiled by timeit (`f(n)`, `int(g(k))`), so no Python-level wrapper
adds its own call to either side. Within a case the two are sampled in alternating order, one
sample each per round, and compared by their medians.
"""

from __future__ import annotations

import math
import timeit
from dataclasses import dataclass, field
from .runner import Progress
from .timing import Clock, median, round_orders

FULL_NS = (10, 90, 100, 1000, 10**4, 10**5, 10**6, 10**7)
QUICK_NS = (10, 1000, 10**5)
# Past 10^5 a call is mostly arithmetic, and ours must be GMP's to within a tenth.
SMALL_N_RATIO = 1.5
LARGE_N_RATIO = 1.1
LARGE_N_FROM = 10**6
FIB_MOD_CASES = ((10, 10**9 + 7), (10**18, 2**61 - 1), (2**64 - 1, 2**64 - 59))
FIB_MOD_RATIO = 1.5
OURS, REFERENCE = "fib_pybind", "reference"


@dataclass(frozen=True)
class Case:
    function: str  # fib_pybind's function
    arguments: tuple[int, ...]
    ours: str  # timeit statements; names come from `names`
    reference: str
    reference_label: str  # the reference as the tables show it
    names: dict[str, object]
    threshold: float

    @property
    def key(self) -> str:
        return f"{self.function}({', '.join(f'{a:,}' for a in self.arguments)})"


def _sequence_cases(core, gmpy2, ns: tuple[int, ...]) -> list[Case]:
    references = {
        "fib": ("int(g(k))", gmpy2.fib, "int(gmpy2.fib(|n|))"),
        "lucas": ("int(g(k))", gmpy2.lucas, "int(gmpy2.lucas(|n|))"),
        "fib_str": ("g(k).digits()", gmpy2.fib, "gmpy2.fib(|n|).digits()"),
    }
    cases = []
    for function, (reference, gmp_function, label) in references.items():
        for k in ns:
            for n in (k, -k):
                cases.append(Case(
                    function, (n,), "f(n)", reference, label,
                    {"f": getattr(core, function), "g": gmp_function, "n": n, "k": k},
                    LARGE_N_RATIO if k >= LARGE_N_FROM else SMALL_N_RATIO,
                ))
    return cases


def _fib_mod_cases(core) -> list[Case]:
    return [
        Case("fib_mod", (n, m), "f(n, m)", "g(n, m)", "_native._fib_mod_floor(n, m)",
             {"f": core.fib_mod, "g": core._fib_mod_floor, "n": n, "m": m}, FIB_MOD_RATIO)
        for n, m in FIB_MOD_CASES
    ]


def build_cases(max_n: int | None, quick: bool) -> list[Case]:
    import gmpy2
    from fib_pybind import _native  # the build the package uses on this CPU

    ns = tuple(n for n in (QUICK_NS if quick else FULL_NS) if max_n is None or n <= max_n)
    return _sequence_cases(_native, gmpy2, ns) + _fib_mod_cases(_native)


def _same(function: str, ours: object, reference: object) -> bool:
    """Our result equals the reference's up to the sign (the reference ran at |n|)."""
    if function == "fib_str":
        return isinstance(ours, str) and ours.lstrip("-") == reference
    return type(ours) is int and abs(ours) == reference


@dataclass
class Sampled:
    median_seconds: float
    samples_seconds: list[float]
    calls_per_sample: int


@dataclass
class Result:
    function: str
    arguments: list[int]
    reference_label: str
    threshold: float
    results_agree: bool
    ours: Sampled
    reference: Sampled
    ratio: float  # median time of ours over the reference's
    met: bool = field(init=False)

    def __post_init__(self) -> None:
        self.met = self.ratio <= self.threshold


def _calls_per_sample(timer: timeit.Timer, min_sample_seconds: float) -> int:
    """The batch size that makes one sample last at least min_sample_seconds."""
    calls = 1
    while True:
        seconds = timer.timeit(calls)
        if seconds >= min_sample_seconds / 10 or calls >= 10**7:
            return max(1, math.ceil(calls * min_sample_seconds / max(seconds, 1e-9)))
        calls *= 10


def measure_case(case: Case, repeats: int, min_sample_seconds: float, clock: Clock) -> Result:
    values = {side: eval(stmt, dict(case.names)) for side, stmt in ((OURS, case.ours), (REFERENCE, case.reference))}
    timers = {side: timeit.Timer(stmt, timer=clock, globals=dict(case.names))
              for side, stmt in ((OURS, case.ours), (REFERENCE, case.reference))}
    calls = {side: _calls_per_sample(timer, min_sample_seconds) for side, timer in timers.items()}
    samples: dict[str, list[float]] = {side: [] for side in timers}
    for order in round_orders(list(timers), repeats):
        for side in order:
            samples[side].append(timers[side].timeit(calls[side]) / calls[side])
    sampled = {side: Sampled(median(samples[side]), samples[side], calls[side]) for side in timers}
    return Result(
        function=case.function,
        arguments=list(case.arguments),
        reference_label=case.reference_label,
        threshold=case.threshold,
        results_agree=_same(case.function, values[OURS], values[REFERENCE]),
        ours=sampled[OURS],
        reference=sampled[REFERENCE],
        ratio=sampled[OURS].median_seconds / sampled[REFERENCE].median_seconds,
    )


def run_overhead(cases: list[Case], repeats: int, min_sample_seconds: float, clock: Clock,
                 progress: Progress) -> list[Result]:
    """Every case, one progress step each."""
    results = []
    for case in cases:
        progress.start(case.key)
        results.append(measure_case(case, repeats, min_sample_seconds, clock))
        progress.advance(1)
    return results
