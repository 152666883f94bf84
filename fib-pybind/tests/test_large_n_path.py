"""Which build computes large F(n) and L(n): _core_flint (FLINT's products) where the wheel has it
and the CPU runs it, else _core (GMP's functions); FIB_PYBIND_LARGE_N_PATH=gmp forces _core. Both
give the same numbers, on one thread or two (set_threads)."""

import functools
import importlib.util
import os
import platform
import subprocess
import sys

import fib_pybind
import fib_python
import pytest
from fib_pybind import _core

NOT_IN_PYODIDE = pytest.mark.skipif(sys.platform == "emscripten", reason="Pyodide cannot start subprocesses")
HAS_FLINT_BUILD = importlib.util.find_spec("fib_pybind._core_flint") is not None
# Across the switch between the paths (n = 150,000), both signs, up to F(10^6 + 1), whose last
# doubling steps are large enough for the second thread.
LARGE_N = (149_999, 150_000, -150_001, 10**6, -(10**6 + 1))
# What a process prints, on the threads its argument names: its path, then one digest per
# function over those n (of the values in hex: CPython limits int-to-decimal conversions).
DIGESTS = f"""
import hashlib, sys, fib_pybind
fib_pybind.set_threads(int(sys.argv[1]))
print(fib_pybind.LARGE_N_PATH)
for name in ("fib", "lucas"):
    values = [hex(getattr(fib_pybind, name)(n)) for n in {LARGE_N!r}]
    print(hashlib.sha256(repr(values).encode()).hexdigest())
print(hashlib.sha256(fib_pybind.fib_str(10**6, 16).encode()).hexdigest())
"""


@functools.cache  # each process once: under qemu (the aarch64 wheels) one takes seconds
def digests(path_variable: str | None = None, threads: int = 1) -> list[str]:
    """What DIGESTS prints in a new process, with FIB_PYBIND_LARGE_N_PATH as given (unset: None)."""
    env = {key: value for key, value in os.environ.items() if key != "FIB_PYBIND_LARGE_N_PATH"}
    if path_variable is not None:
        env["FIB_PYBIND_LARGE_N_PATH"] = path_variable
    run = subprocess.run([sys.executable, "-c", DIGESTS, str(threads)], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


@pytest.mark.skipif(platform.machine() != "x86_64" or not os.path.exists("/proc/cpuinfo"),
                    reason="the FLINT build's CPU level is x86-64's AVX2 and FMA")
def test_the_cpu_check_agrees_with_the_kernel():
    with open("/proc/cpuinfo") as cpuinfo:
        flags = next(line for line in cpuinfo if line.startswith("flags")).split(":")[1].split()
    assert _core._cpu_runs_flint_build() == ({"avx2", "fma"} <= set(flags))


def test_the_flint_build_is_used_exactly_where_it_runs():
    expected = "flint" if HAS_FLINT_BUILD and _core._cpu_runs_flint_build() else "gmp"
    assert fib_pybind.LARGE_N_PATH == expected


def test_the_path_in_use_matches_fib_python_across_the_switch():
    for n in LARGE_N[:3]:
        assert fib_pybind.fib(n) == fib_python.fib(n), n
        assert fib_pybind.lucas(n) == fib_python.lucas(n), n


@NOT_IN_PYODIDE
def test_forcing_the_gmp_path_gives_the_same_numbers():
    default, auto, forced = digests(), digests("auto"), digests("gmp")
    assert default[0] == auto[0] == fib_pybind.LARGE_N_PATH
    assert forced[0] == "gmp"
    assert forced[1:] == auto[1:] == default[1:]


@NOT_IN_PYODIDE
def test_an_unknown_path_is_refused_by_name():
    with pytest.raises(AssertionError, match="FIB_PYBIND_LARGE_N_PATH must be 'auto' or 'gmp', not 'avx512'"):
        digests("avx512")


@NOT_IN_PYODIDE
def test_two_threads_give_the_numbers_of_one():
    assert digests(threads=2) == digests(threads=1)


def test_threads_are_one_at_first_and_as_set():
    assert fib_pybind.get_threads() == 1
    fib_pybind.set_threads(2)
    try:
        assert fib_pybind.get_threads() == 2
    finally:
        fib_pybind.set_threads(threads=1)
    assert fib_pybind.get_threads() == 1


@pytest.mark.parametrize(
    "threads, error, message",
    [
        (0, ValueError, "threads must be 1 or 2"),
        (3, ValueError, "threads must be 1 or 2"),
        (-(2**70), ValueError, "threads must be 1 or 2"),
        (True, TypeError, "threads"),
        (2.0, TypeError, "threads"),
        ("2", TypeError, "threads"),
    ],
)
def test_bad_thread_counts_are_refused_and_change_nothing(threads, error, message):
    with pytest.raises(error, match=message):
        fib_pybind.set_threads(threads)
    assert fib_pybind.get_threads() == 1


def test_get_threads_takes_no_arguments():
    with pytest.raises(TypeError, match="get_threads"):
        fib_pybind.get_threads(1)
