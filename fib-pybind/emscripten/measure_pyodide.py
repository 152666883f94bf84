"""fib_pybind's Pyodide 314 wheel against python-flint's and pure Python, and against its own
native wheel: a measurement, printed as medians and ratios (not a test).

Inside one Pyodide 314 process under Node (the served runtime, build/pyodide/), bench_in_pyodide.py
times fib_pybind.fib, flint.fmpz.fib_ui (python-flint's wheel for the same ABI, from
benchmark_peers.py) and fib_python.fib side by side; in this process, the native
fib_pybind (this interpreter's manylinux wheel) is timed at the same n with the same policy
(median_timing.py). The targets are ratios from this one run.

Usage: measure_pyodide.py [N]...   (default: 100000 1000000 10000000)
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import fib_pybind

import benchmark_peers
from median_timing import medians_at, parse_sizes
from pyodide_targets import REPO

HERE = Path(__file__).resolve().parent
TARGET = benchmark_peers.TARGET
RUNTIME = REPO / "build" / "pyodide"
DEFAULT_SIZES = ["100000", "1000000", "10000000"]
# The targets (also the benchmark harness's, in benchmarks/src/fib_benchmarks/targets.py).
FLINT_TARGET = 10.0  # fib_pybind at least this many times faster than python-flint, at n >= 10**6
NATIVE_TARGET = 4.0  # wasm at most this many times slower than native, at n = 10**7


def log(message: str) -> None:
    print(f"[measure-pyodide {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def dist_wheel(pattern: str) -> Path:
    found = sorted((REPO / "dist").glob(pattern), key=lambda path: path.stat().st_mtime)
    if not found:
        raise SystemExit(f"error: no dist/{pattern}; build it first (nox -s pyodide_wheels)")
    return found[-1]


def in_pyodide(sizes: list[int]) -> dict:
    if not (RUNTIME / "pyodide.mjs").is_file():
        raise SystemExit(f"error: no Pyodide runtime in {RUNTIME}; run `nox -s pyodide_runtime`")
    cpython = f"cp{TARGET.python.replace('.', '')}"
    wheels = [dist_wheel(f"fib_pybind-*-{cpython}-{cpython}-{TARGET.platform_tag}.whl"),
              dist_wheel("fib_python-*-py3-none-any.whl"),
              *benchmark_peers.wheels()]
    log(f"in Pyodide ({RUNTIME}): {', '.join(wheel.name for wheel in wheels)}")
    command = ["node", str(HERE / "run-in-pyodide.mjs"), "--runtime", str(RUNTIME),
               *(f"--wheel={wheel}" for wheel in wheels), "--mount", f"{HERE}:/bench",
               "--", "/bench/bench_in_pyodide.py", *map(str, sizes)]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise SystemExit(f"error: the measurement in Pyodide failed (exit {result.returncode})")
    return {int(n): figures for n, figures in json.loads(result.stdout.splitlines()[-1]).items()}


def main(argv: list[str]) -> int:
    sizes = parse_sizes(argv or DEFAULT_SIZES)
    wasm = in_pyodide(sizes)
    log(f"native: {fib_pybind.__file__}")
    native = {n: medians_at({"fib_pybind.fib": fib_pybind.fib}, n) for n in sizes}
    print(f"{'n':>9} | {'fib_pybind wasm':>15} {'python-flint':>13} {'fib_python':>11} "
          f"{'native':>10} | {'flint/ours':>10} {'python/ours':>11} {'wasm/native':>11} | calls")
    verdicts = []
    for n in sizes:
        ours, flint, python = (wasm[n]["medians"][name] for name in
                               ("fib_pybind.fib", "flint.fmpz.fib_ui", "fib_python.fib"))
        native_s = native[n]["medians"]["fib_pybind.fib"]
        print(f"{n:>9} | {ours * 1e3:>12.2f} ms {flint * 1e3:>10.2f} ms {python * 1e3:>8.2f} ms "
              f"{native_s * 1e3:>7.2f} ms | {flint / ours:>9.1f}x {python / ours:>10.1f}x "
              f"{ours / native_s:>10.2f}x | {wasm[n]['calls']} wasm, {native[n]['calls']} native")
        if n >= 10**6:
            verdicts.append(f"n={n}: {flint / ours:.1f}x faster than python-flint "
                            f"(target >= {FLINT_TARGET:g}x: {'met' if flint / ours >= FLINT_TARGET else 'NOT met'})")
        if n == 10**7:
            verdicts.append(f"n={n}: wasm/native {ours / native_s:.2f}x "
                            f"(target <= {NATIVE_TARGET:g}x: {'met' if ours / native_s <= NATIVE_TARGET else 'NOT met'})")
    print("\n".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
