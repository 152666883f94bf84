"""Runs the grid of algorithms x n x implementations, cell by cell, interleaving within a cell."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .budget import DEFAULT_EXPONENTS, Point, skip_reason
from .implementations import ConversionSplit, Implementation
from .timing import Clock, calls_per_sample, interleaved_samples, median, time_calls

FULL_GRID: dict[str, tuple[int, ...]] = {
    "fib": (10**3, 10**4, 10**5, 10**6, 10**7),
    # 5*10^5 is the reference repository's benchmark point.
    "fib_iterative": (10**3, 10**4, 10**5, 5 * 10**5, 10**6, 10**7),
}
QUICK_GRID: dict[str, tuple[int, ...]] = {
    "fib": (10**3, 10**4, 10**5),
    "fib_iterative": (10**3, 10**4, 10**5),
}


@dataclass(frozen=True)
class Settings:
    grid: dict[str, tuple[int, ...]]
    repeats: int
    budget_seconds: float  # the longest one call may be predicted to take
    min_sample_seconds: float  # shorter calls are batched into samples at least this long


@dataclass
class Measurement:
    status: str  # "measured" or "skipped"
    reason: str | None = None
    median_seconds: float | None = None
    samples_seconds: list[float] = field(default_factory=list)
    calls_per_sample: int | None = None
    first_call_seconds: float | None = None


@dataclass
class Cell:
    algorithm: str
    n: int
    measurements: dict[str, Measurement]
    results_agree: bool | None  # None when fewer than two implementations ran
    result_bits: int | None
    ratios: dict[str, float]  # "a/b": median time of a over median time of b


@dataclass
class Conversion:
    n: int
    status: str  # "measured" or "unavailable"
    reason: str | None = None
    compute_seconds: float | None = None
    convert_seconds: float | None = None
    share: float | None = None  # conversion / (compute + conversion)
    value_matches_fib: bool | None = None


class Progress(Protocol):
    def start(self, label: str) -> None: ...

    def advance(self, steps: int = 1) -> None: ...


def planned_steps(settings: Settings, implementations: int, conversion: bool) -> int:
    """Progress steps of a whole run: per implementation and cell, a first call plus the rounds;
    per fib cell, the conversion probes."""
    per_cell = implementations * (1 + settings.repeats)
    cells = sum(len(ns) for ns in settings.grid.values())
    probes = len(settings.grid.get("fib", ())) * settings.repeats if conversion else 0
    return cells * per_cell + probes


def _time_ratios(measurements: dict[str, Measurement]) -> dict[str, float]:
    measured = [(name, m.median_seconds) for name, m in measurements.items() if m.status == "measured"]
    return {
        f"{a}/{b}": ta / tb
        for i, (a, ta) in enumerate(measured)
        for b, tb in measured[i + 1 :]
        if tb
    }


def run_cell(
    implementations: list[Implementation],
    algorithm: str,
    n: int,
    history: dict[str, list[Point]],
    settings: Settings,
    progress: Progress,
    clock: Clock = time.perf_counter,
) -> Cell:
    progress.start(f"{algorithm}({n:,})")
    measurements: dict[str, Measurement] = {}
    funcs: dict[str, Callable[[int], object]] = {}
    calls: dict[str, int] = {}
    results: dict[str, object] = {}
    for impl in implementations:
        reason = None
        if n > impl.max_n[algorithm]:
            reason = f"n is past {impl.name}'s maximum for {algorithm} ({impl.max_n[algorithm]:,})"
        else:
            reason = skip_reason(history[impl.name], n, DEFAULT_EXPONENTS[algorithm], settings.budget_seconds)
        if reason:
            measurements[impl.name] = Measurement("skipped", reason)
            progress.advance(1 + settings.repeats)
            continue
        first_seconds, results[impl.name] = time_calls(impl.functions[algorithm], n, 1, clock)
        progress.advance(1)
        if first_seconds > settings.budget_seconds:
            measurements[impl.name] = Measurement(
                "skipped",
                f"the first call took {first_seconds:.3g} s, over the budget of {settings.budget_seconds:g} s per call",
                first_call_seconds=first_seconds,
            )
            progress.advance(settings.repeats)
            continue
        funcs[impl.name] = impl.functions[algorithm]
        calls[impl.name] = calls_per_sample(first_seconds, settings.min_sample_seconds)
        measurements[impl.name] = Measurement("measured", first_call_seconds=first_seconds)

    samples = interleaved_samples(funcs, n, calls, settings.repeats, clock, lambda _: progress.advance(1))
    for name, seconds in samples.items():
        m = measurements[name]
        m.samples_seconds = seconds
        m.median_seconds = median(seconds)
        m.calls_per_sample = calls[name]
        history[name].append(Point(n, m.median_seconds))

    values = [int(v) for v in results.values()]  # type: ignore[call-overload]
    agree = all(v == values[0] for v in values) if len(values) >= 2 else None
    return Cell(
        algorithm=algorithm,
        n=n,
        measurements=measurements,
        results_agree=agree,
        result_bits=values[0].bit_length() if values else None,
        ratios=_time_ratios(measurements),
    )


def run_grid(
    implementations: list[Implementation],
    settings: Settings,
    progress: Progress,
    clock: Clock = time.perf_counter,
) -> list[Cell]:
    cells = []
    for algorithm, ns in settings.grid.items():
        history: dict[str, list[Point]] = {impl.name: [] for impl in implementations}
        for n in sorted(ns):
            cells.append(run_cell(implementations, algorithm, n, history, settings, progress, clock))
    return cells


def measure_conversion(
    split: ConversionSplit | None,
    unavailable_reason: str | None,
    fib: Callable[[int], object],
    fib_cells: list[Cell],
    repeats: int,
    progress: Progress,
) -> list[Conversion]:
    """fib_pybind's split of each fib call into computing F(n) and building the Python int, at
    every n of the fib cells, batched like that cell's fib_pybind samples."""
    conversions = []
    for cell in fib_cells:
        n = cell.n
        progress.start(f"conversion share at {n:,}")
        measured = cell.measurements["fib_pybind"]
        if split is None or measured.status != "measured":
            reason = unavailable_reason if split is None else "fib_pybind.fib was skipped at this n"
            conversions.append(Conversion(n, "unavailable", reason))
            progress.advance(repeats)
            continue
        computes, converts = [], []
        for _ in range(repeats):
            value, compute, convert = split(n, measured.calls_per_sample)
            computes.append(compute)
            converts.append(convert)
            progress.advance(1)
        compute_med, convert_med = median(computes), median(converts)
        conversions.append(
            Conversion(
                n,
                "measured",
                compute_seconds=compute_med,
                convert_seconds=convert_med,
                share=convert_med / (compute_med + convert_med),
                value_matches_fib=value == fib(n),
            )
        )
    return conversions
