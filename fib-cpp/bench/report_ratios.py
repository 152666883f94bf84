"""Prints the ratios of one run of fib_benchmark (and of fib_flint_benchmark, when its output is
given too): each implementation's time over mpz_fib_ui's.

Reads Google Benchmark's JSON output (names "<function>/<implementation>/<n>"), takes the median
of the repetitions when there are any, and uses CPU time so other load on the machine counts less;
the FLINT path on two threads is compared by wall time, with the cores it kept busy (its process's
CPU time over wall time) beside it.
Targets come from issue 2: the GMP flavour within 1.2x of mpz_fib_ui at 10^6 and 10^7, cpp_int
within 6x at 10^6 and 12x at 10^7.

Usage: report_ratios.py RESULTS.json [FLINT_RESULTS.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REFERENCE = "mpz_fib_ui"
TARGETS = {
    ("mpz_int", 10**6): 1.2,
    ("mpz_int", 10**7): 1.2,
    ("cpp_int", 10**6): 6.0,
    ("cpp_int", 10**7): 12.0,
}


def read_times(path: Path, clock: str = "cpu_time") -> dict[tuple[str, str, int], float]:
    """(function, implementation, n) -> time in ms on clock (cpu_time or real_time), medians
    preferred over single runs."""
    times: dict[tuple[str, str, int], float] = {}
    for entry in json.loads(path.read_text())["benchmarks"]:
        if entry.get("run_type") == "aggregate" and entry.get("aggregate_name") != "median":
            continue
        # Google Benchmark appends the clock options to the name (".../process_time/real_time").
        function, implementation, n = entry["run_name"].split("/")[:3]
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[entry["time_unit"]]
        times[(function, implementation, int(n))] = entry[clock] * scale
    return times


def show(ms: float) -> str:
    """A time with four significant digits in a unit that suits it."""
    if ms < 1e-3:
        return f"{ms * 1e6:.4g} ns"
    return f"{ms * 1e3:.4g} us" if ms < 1 else f"{ms:.4g} ms"


def print_flint(path: Path) -> None:
    """fib::flint_fib against the mpz_fib_ui of the GMP FLINT was built on: one thread by CPU time,
    two threads by wall time."""
    cpu, wall = read_times(path), read_times(path, "real_time")
    sizes = sorted(n for (_, name, n) in cpu if name == REFERENCE)
    print("\nFLINT's products (fib/flint.hpp) against mpz_fib_ui of the GMP FLINT was built on;")
    print("speed-up = the other's time / FLINT's (above 1: FLINT faster); one thread by CPU time, two by")
    print("wall time, against mpz_fib_ui and against FLINT on one thread; cores = CPU time / wall time\n")
    print(f"{'F(n)':>10} {'mpz_fib_ui':>11} {'1 thread':>10} {'speed-up':>9}"
          f" {'mpz_fib_ui':>11} {'1 thread':>10} {'2 threads':>10} {'speed-up':>9} {'over 1':>7} {'cores':>6}")
    print(f"{'':>10} {'cpu':>11} {'cpu':>10} {'':>9} {'wall':>11} {'wall':>10} {'wall':>10}")
    for n in sizes:
        gmp, one, two = (("flint_fib", name, n) for name in (REFERENCE, "flint_1_thread", "flint_2_threads"))
        print(f"{n:>10} {show(cpu[gmp]):>11} {show(cpu[one]):>10} {cpu[gmp] / cpu[one]:>8.2f}x"
              f" {show(wall[gmp]):>11} {show(wall[one]):>10} {show(wall[two]):>10}"
              f" {wall[gmp] / wall[two]:>8.2f}x {wall[one] / wall[two]:>6.2f}x {cpu[two] / wall[two]:>6.2f}")


def main() -> int:
    times = read_times(Path(sys.argv[1]))
    fib_sizes = sorted(n for (function, name, n) in times if function == "fib" and name == REFERENCE)
    print("CPU time, median of the repetitions; ratio = time / mpz_fib_ui at the same n\n")
    print(f"{'F(n)':>10} {'mpz_fib_ui':>12} {'mpz_int':>12} {'ratio':>7} {'cpp_int':>12} {'ratio':>7}")
    for n in fib_sizes:
        reference = times[("fib", REFERENCE, n)]
        row = f"{n:>10} {show(reference):>12}"
        for implementation in ("mpz_int", "cpp_int"):
            value = times[("fib", implementation, n)]
            row += f" {show(value):>12} {value / reference:>6.2f}x"
        print(row)

    iterative_sizes = sorted({n for (function, _, n) in times if function == "fib_iterative"})
    if iterative_sizes:
        print(f"\n{'naive loop':>10} {'mpz_int':>12} {'cpp_int':>12} {'cpp/mpz':>8}")
        for n in iterative_sizes:
            gmp, cpp = times[("fib_iterative", "mpz_int", n)], times[("fib_iterative", "cpp_int", n)]
            print(f"{n:>10} {show(gmp):>12} {show(cpp):>12} {cpp / gmp:>7.2f}x")

    fib_mod_cases = sorted((n % 2**64, ms) for (function, _, n), ms in times.items() if function == "fib_mod")
    if fib_mod_cases:
        print(f"\n{'fib_mod n':>22} {'arithmetic alone':>17}")
        for n, ms in fib_mod_cases:
            print(f"{n:>22} {show(ms):>17}")

    print("\nTargets (time / mpz_fib_ui, same run):")
    for (implementation, n), limit in TARGETS.items():
        if ("fib", implementation, n) not in times or ("fib", REFERENCE, n) not in times:
            print(f"  {implementation} at n = {n}: not measured in this run")
            continue
        ratio = times[("fib", implementation, n)] / times[("fib", REFERENCE, n)]
        verdict = "met" if ratio <= limit else "MISSED"
        print(f"  {implementation} at n = {n:,}: {ratio:.2f}x (target <= {limit}x) {verdict}")
    if len(sys.argv) > 2:
        print_flint(Path(sys.argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
