"""The project's speed targets, each a ratio measured within one run, and whether it was met."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import beyond_gmp, overhead
from .runner import Cell

Lookup = Callable[["Sources"], tuple[float | None, str | None]]
# The implementations' names in the browser_peers section (fib-pybind/emscripten/bench_in_pyodide.py).
PEER_OURS, PEER_FLINT = "fib_pybind.fib", "flint.fmpz.fib_ui"


@dataclass(frozen=True)
class Sources:
    cells: list[Cell]
    browser: dict | None  # the report's "browser" section, None when --browser was not given
    server: dict | None  # the report's "server" section, None when --server was not given
    overhead: list[overhead.Result] | None = None  # None when the run measured no per-call costs
    browser_peers: dict | None = None  # the report's "browser_peers" section, None without --browser
    clock: str = "wall"  # the grid's clock: Chromium's figures are wall time
    page_load: dict | None = None  # the report's "page_load" section, None without --page-load
    beyond_gmp: dict | None = None  # the report's "beyond_gmp" section


@dataclass(frozen=True)
class Target:
    id: str
    description: str
    threshold: float
    at_most: bool  # met when the ratio is <= threshold; otherwise when it is >= threshold
    lookup: Lookup
    unit: str = "x"  # what the figure is: a ratio ("x"), or bytes ("B")


def _local_time_ratio(algorithm: str, n: int, numerator: str, denominator: str) -> Lookup:
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        cell = next((c for c in sources.cells if c.algorithm == algorithm and c.n == n), None)
        if cell is None:
            return None, f"{algorithm} at n={n:,} is not part of this run's grid"
        for name in (numerator, denominator):
            m = cell.measurements.get(name)
            if m is None or m.status != "measured":
                return None, f"{name}.{algorithm} at n={n:,} was not measured" + (f": {m.reason}" if m else "")
        return cell.measurements[numerator].median_seconds / cell.measurements[denominator].median_seconds, None

    return lookup


def _not_measured(section: dict | None, option: str, run: str) -> str | None:
    """Why a report section holds no measurement (its option was not given, or its run failed)."""
    if section is None:
        return f"needs {option}"
    if section.get("status") != "measured":
        return f"{run} run {section.get('status')}: {section.get('reason')}"
    return None


def _browser_speedup(n: int) -> Lookup:
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        section = sources.browser
        if reason := _not_measured(section, "--browser", "browser"):
            return None, reason
        times = {
            t["implementation"]: t["median_seconds"]
            for t in section["timings"]
            if t["algorithm"] == "fib" and t["n"] == n and t["median_seconds"]
        }
        if "fib_python" not in times or "fib_pybind" not in times:
            return None, f"the page gave no fib timing of both implementations at n={n:,}"
        return times["fib_python"] / times["fib_pybind"], None

    return lookup


def _peer_medians(sources: Sources, n: int, *names: str) -> tuple[dict[str, float], str | None]:
    section = sources.browser_peers
    if reason := _not_measured(section, "--browser", "browser peers"):
        return {}, reason
    medians = {t["implementation"]: t["median_seconds"] for t in section["timings"] if t["n"] == n}
    if not medians:
        return {}, f"the peers were not timed at n={n:,}"
    missing = [name for name in names if not medians.get(name)]
    return medians, f"the peers run timed no {', '.join(missing)} at n={n:,}" if missing else None


def _peer_ratio(n: int, numerator: str, denominator: str) -> Lookup:
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        medians, reason = _peer_medians(sources, n, numerator, denominator)
        if reason:
            return None, reason
        return medians[numerator] / medians[denominator], None

    return lookup


def _wasm_over_native(n: int) -> Lookup:
    """fib_pybind.fib in Pyodide (the peers' run) over this interpreter's native wheel (the grid)."""
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        medians, reason = _peer_medians(sources, n, PEER_OURS)
        if reason:
            return None, reason
        if sources.clock != "wall":
            return None, f"Chromium's figures are wall time and this run's grid used the {sources.clock} clock"
        native = next((c.measurements.get("fib_pybind") for c in sources.cells
                       if c.algorithm == "fib" and c.n == n), None)
        if native is None or native.status != "measured":
            return None, f"the native fib_pybind.fib at n={n:,} was not measured in this run"
        return medians[PEER_OURS] / native.median_seconds, None

    return lookup


def _server_speedup(n: int) -> Lookup:
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        section = sources.server
        if reason := _not_measured(section, "--server", "server"):
            return None, reason
        runs = {r["implementation"]: r for r in section["runs"] if r["n"] == n}
        if "native" not in runs or "python" not in runs:
            return None, f"no load test of both implementations at n={n:,}"
        errors = runs["native"]["total_errors"] + runs["python"]["total_errors"]
        if errors:
            return None, f"{errors} failed requests: the target needs zero errors"
        if not runs["python"]["requests_per_second"]:
            return None, "the python endpoint completed no request in the test's time"
        return runs["native"]["requests_per_second"] / runs["python"]["requests_per_second"], None

    return lookup


def _server_goodput(multiple: int) -> Lookup:
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        section = sources.server
        if reason := _not_measured(section, "--server", "server"):
            return None, reason
        run = next((r for r in (section.get("overload") or {}).get("runs", []) if r["multiple"] == multiple), None)
        if run is None or run["goodput_vs_1x"] is None:
            return None, f"no goodput measured at 1x and {multiple}x the lane's limit"
        return run["goodput_vs_1x"], None

    return lookup


def _server_open_loop_goodput(sources: Sources) -> tuple[float | None, str | None]:
    section = sources.server
    if reason := _not_measured(section, "--server", "server"):
        return None, reason
    run = (section.get("overload") or {}).get("open_loop")
    if run is None or run["goodput_vs_1x"] is None:
        return None, "no open-loop run next to a 1x run"
    return run["goodput_vs_1x"], None


def _page_load_ratio(key: str) -> Lookup:
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        section = sources.page_load
        if reason := _not_measured(section, "--page-load", "page load"):
            return None, reason
        return section["ratios"][key], None

    return lookup


def _page_reload_bytes(sources: Sources) -> tuple[float | None, str | None]:
    section = sources.page_load
    if reason := _not_measured(section, "--page-load", "page load"):
        return None, reason
    return section["sides"]["after"]["medians"]["reload_bytes"], None


def _beyond_gmp(figure: Callable[[dict], tuple[float | None, str | None]]) -> Lookup:
    """A figure of the beyond_gmp section, or why the run has none."""
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        if reason := _not_measured(sources.beyond_gmp, "the beyond-GMP part", "beyond-GMP"):
            return None, reason
        return figure(sources.beyond_gmp)

    return lookup


def _beyond_gmp_speedup(n: int, reference: str, ours: str = beyond_gmp.OURS) -> Lookup:
    def figure(section: dict) -> tuple[float | None, str | None]:
        row = next((row for row in section["fib"] if row["n"] == n), None)
        if row is None:
            return None, f"n={n:,} is not part of this run's beyond-GMP rows"
        return beyond_gmp.speedup(row, reference, ours), None

    return _beyond_gmp(figure)


def _beyond_gmp_worst_below(limit: int) -> Lookup:
    """The least speedup over fib_pybind's GMP build among the rows below limit."""
    def figure(section: dict) -> tuple[float | None, str | None]:
        rows = [row for row in section["fib"] if row["n"] < limit]
        if not rows:
            return None, f"no beyond-GMP row below n={limit:,}"
        return min(beyond_gmp.speedup(row, beyond_gmp.BEFORE) for row in rows), None

    return _beyond_gmp(figure)


def _beyond_gmp_fib_str(n: int) -> Lookup:
    def figure(section: dict) -> tuple[float | None, str | None]:
        if section["fib_str"]["n"] != n:
            return None, f"this run timed fib_str at n={section['fib_str']['n']:,}, not {n:,}"
        return beyond_gmp.speedup(section["fib_str"], beyond_gmp.BEFORE), None

    return _beyond_gmp(figure)


def _overhead_ratio(function: str, magnitudes: tuple[int, ...]) -> Lookup:
    """The worst of fib_pybind's time over its reference's among the cases whose arguments have
    these magnitudes (n and -n alike)."""
    def lookup(sources: Sources) -> tuple[float | None, str | None]:
        ratios = [r.ratio for r in sources.overhead or ()
                  if r.function == function and tuple(abs(a) for a in r.arguments) == magnitudes]
        if not ratios:
            return None, f"{function} at {', '.join(f'{a:,}' for a in magnitudes)} is not part of this run's grid"
        return max(ratios), None

    return lookup


def _overhead_targets() -> tuple[Target, ...]:
    labels = {"fib": "int(gmpy2.fib(n))", "lucas": "int(gmpy2.lucas(n))", "fib_str": "gmpy2.fib(n).digits()"}
    targets = [
        Target(f"pybind_{function}_vs_gmp_{n}", f"fib_pybind.{function}(±n) / {label} time, n={n:,}",
               overhead.LARGE_N_RATIO if n >= overhead.LARGE_N_FROM else overhead.SMALL_N_RATIO, True,
               _overhead_ratio(function, (n,)))
        for function, label in labels.items()
        for n in overhead.FULL_NS
    ]
    targets += [
        Target(f"pybind_fib_mod_vs_floor_{n}_{m}", f"fib_pybind.fib_mod(n, m) / its C-API floor, n={n:,}, m={m:,}",
               overhead.FIB_MOD_RATIO, True, _overhead_ratio("fib_mod", (n, m)))
        for n, m in overhead.FIB_MOD_CASES
    ]
    return tuple(targets)


TARGETS: tuple[Target, ...] = (
    # The manylinux wheels' speed floor (fat static GMP): within 1.1x of gmpy2's wheel.
    Target("pybind_vs_gmpy2_fib_1e6", "fib_pybind.fib time / gmpy2.fib time, n=10^6", 1.1, True,
           _local_time_ratio("fib", 10**6, "fib_pybind", "gmpy2")),
    Target("pybind_vs_gmpy2_fib_1e7", "fib_pybind.fib time / gmpy2.fib time, n=10^7", 1.1, True,
           _local_time_ratio("fib", 10**7, "fib_pybind", "gmpy2")),
    Target("pybind_vs_python_fib_1e6", "fib_python.fib time / fib_pybind.fib time, n=10^6", 20, False,
           _local_time_ratio("fib", 10**6, "fib_python", "fib_pybind")),
    Target("pybind_vs_python_iterative_5e5",
           "fib_python.fib_iterative time / fib_pybind.fib_iterative time, n=5*10^5", 3.5, False,
           _local_time_ratio("fib_iterative", 5 * 10**5, "fib_python", "fib_pybind")),
    Target("pyodide_fib_1e6", "in Pyodide: fib_python.fib time / fib_pybind.fib time, n=10^6", 6, False,
           _browser_speedup(10**6)),
    Target("pyodide_fib_1e7", "in Pyodide: fib_python.fib time / fib_pybind.fib time, n=10^7", 15, False,
           _browser_speedup(10**7)),
    Target("pyodide_vs_flint_fib_1e6", "in Pyodide 314: flint.fmpz.fib_ui time / fib_pybind.fib time, n=10^6",
           10, False, _peer_ratio(10**6, PEER_FLINT, PEER_OURS)),
    Target("pyodide_vs_flint_fib_1e7", "in Pyodide 314: flint.fmpz.fib_ui time / fib_pybind.fib time, n=10^7",
           10, False, _peer_ratio(10**7, PEER_FLINT, PEER_OURS)),
    Target("pyodide_vs_native_fib_1e7", "fib_pybind.fib time: in Pyodide 314 / native wheel, n=10^7", 4, True,
           _wasm_over_native(10**7)),
    # Issue 20: the page's first load on a 20 Mbit/s, 40 ms link (Chromium's emulation), against
    # the runtime as served before it, and a reload that finds everything in the cache.
    Target("page_cold_bytes", "page, cold load at 20 Mbit/s, 40 ms: bytes now / before issue 20", 0.4, True,
           _page_load_ratio("cold_bytes")),
    Target("page_ready", "page, cold load at 20 Mbit/s, 40 ms: time to ready now / before issue 20", 0.5, True,
           _page_load_ratio("ready_seconds")),
    Target("page_reload_bytes", "page, reload: bytes moved", 50_000, True, _page_reload_bytes, unit="B"),
    Target("server_rps_1e6", "/api/fib: native req/s / python req/s, n=10^6, zero errors", 20, False,
           _server_speedup(10**6)),
    Target("server_rps_1e5", "/api/fib: native req/s / python req/s, n=10^5, zero errors", 5, False,
           _server_speedup(10**5)),
    # Clients that retry a 503 at once must not starve the answers the lane can give.
    Target("server_goodput_2x", "/api/fib: 2xx/s at 2x a lane's limit / at 1x", 0.8, False, _server_goodput(2)),
    Target("server_goodput_4x", "/api/fib: 2xx/s at 4x a lane's limit / at 1x", 0.8, False, _server_goodput(4)),
    Target("server_goodput_open_loop", "/api/fib: 2xx/s, new connections at 2x the 1x goodput / at 1x", 0.8, False,
           _server_open_loop_goodput),
    # Issue 19: past GMP with FLINT's products (on a CPU that runs the wheel's FLINT build), and
    # nothing slower than the GMP build was.
    Target("beyond_gmp_1e7", "gmpy2.fib time / fib_pybind.fib time, n=10^7", 1.5, False,
           _beyond_gmp_speedup(10**7, beyond_gmp.GMPY2)),
    Target("beyond_gmp_1e8", "gmpy2.fib time / fib_pybind.fib time, n=10^8", 2, False,
           _beyond_gmp_speedup(10**8, beyond_gmp.GMPY2)),
    Target("beyond_gmp_1e8_2_threads", "gmpy2.fib time / fib_pybind.fib time on 2 threads, n=10^8", 2.5, False,
           _beyond_gmp_speedup(10**8, beyond_gmp.GMPY2, beyond_gmp.OURS_TWO_THREADS)),
    Target("beyond_gmp_no_slower_below_1e6", "fib_pybind GMP build time / fib_pybind.fib time, worst n < 10^6",
           0.9, False, _beyond_gmp_worst_below(10**6)),
    Target("beyond_gmp_fib_str_1e7", "fib_pybind GMP build time / fib_pybind.fib_str time, n=10^7", 0.95, False,
           _beyond_gmp_fib_str(10**7)),
    *_overhead_targets(),
)


def evaluate(sources: Sources, targets: tuple[Target, ...] = TARGETS) -> list[dict]:
    evaluated = []
    for target in targets:
        measured, reason = target.lookup(sources)
        met = None if measured is None else (
            measured <= target.threshold if target.at_most else measured >= target.threshold
        )
        evaluated.append({
            "id": target.id,
            "description": target.description,
            "comparison": "<=" if target.at_most else ">=",
            "threshold": target.threshold,
            "unit": target.unit,
            "measured": measured,
            "met": met,
            "reason": reason,
        })
    return evaluated
