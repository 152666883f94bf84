"""Tests the manylinux fib_pybind wheel of one CPython as a user gets it.

A fresh venv of that CPython gets the wheel from dist/ as a user gets it (wheel_venv.py: nothing
is compiled, no GMP headers are looked at), then pytest, run from inside the venv so the source tree cannot be imported instead, runs the installed-wheel
suite: fib-pybind/tests (the GIL test, the threads test and the stubtest check among them) and
the conformance suite, against fib_pybind and fib_python. pytest, hypothesis and mypy come from the
package index at the project's pins.

On a free-threaded CPython (3.13t) the GIL must stay disabled after importing fib_pybind and after
the suites: CPython enables it, with a warning, when it imports a module that does not declare
that it runs without it, and this checks our module declares so.

Usage: python test_wheel.py --cpython 3.12 [--dist dist]
"""

import argparse
import os
import re
import subprocess
from pathlib import Path

import steps
import wheel_venv
from interpreters import Interpreter, add_cpython_arguments, requested
from layout import CACHE, REPO

TOOL = "manylinux-test"
TEST_REQUIREMENTS = ("pytest", "hypothesis", "mypy")
SUITES = [REPO / "fib-pybind/tests", REPO / "testdata/conformance"]
# Whether the GIL is enabled (CPython before 3.13 has no way to disable it).
GIL_ENABLED = "getattr(sys, '_is_gil_enabled', lambda: True)()"
# pytest on the suites, then the GIL's state after them.
RUN_SUITES = (
    f"import sys, pytest; status = pytest.main(sys.argv[1:]); print('GIL enabled:', {GIL_ENABLED});"
    " sys.exit(status)"
)


def check_gil(interpreter: Interpreter, enabled: str, after: str) -> None:
    free_threaded = interpreter.abi.endswith("t")
    if free_threaded and enabled != "False":
        raise SystemExit(f"{TOOL}: {interpreter}: the GIL is enabled after {after}")
    if free_threaded:
        steps.log(TOOL, f"{interpreter.abi}: the GIL is disabled after {after}")


def test(interpreter: Interpreter, dist: Path) -> str:
    wheel = wheel_venv.wheel_of(interpreter, dist)
    venv = CACHE / f"test-{interpreter.abi}"
    steps.log(TOOL, f"{interpreter}: installing {wheel.name} into a fresh venv ({venv})")
    python = wheel_venv.install(interpreter, venv, dist, TEST_REQUIREMENTS, ["fib_python"])

    location, gil_after_import = interpreter.run(
        [python, "-c", f"import sys, fib_pybind; print(fib_pybind.__file__); print({GIL_ENABLED})"],
        cwd=venv,
        capture_output=True,
        text=True,
    ).stdout.split()
    if not location.startswith(f"{venv}/"):
        raise SystemExit(f"{TOOL}: fib_pybind imported from {location}, not from the venv")
    steps.log(TOOL, f"{interpreter.abi}: fib_pybind imported from {location}")
    check_gil(interpreter, gil_after_import, "importing fib_pybind")

    env = {**os.environ, "FIB_IMPLEMENTATIONS": "fib_pybind,fib_python"}
    result = subprocess.run(
        interpreter.prefix
        + [
            str(python),
            "-c",
            RUN_SUITES,
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(REPO),
            *map(str, SUITES),
        ],
        cwd=venv,
        env=env,
        capture_output=True,
        text=True,
    )
    summary = re.findall(r"=+ (.*) in [0-9.]+s", result.stdout)
    if result.returncode != 0:
        print(result.stdout[-5000:], result.stderr[-2000:], sep="\n")
        raise SystemExit(f"{TOOL}: {interpreter}: the installed-wheel suite failed")
    steps.log(TOOL, f"{interpreter}, {wheel.name}: {summary[-1]}")
    check_gil(interpreter, re.findall(r"^GIL enabled: (\w+)$", result.stdout, re.MULTILINE)[-1], "the suites")
    return summary[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    add_cpython_arguments(parser)
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args()
    interpreter = requested(args, TOOL)
    if interpreter:
        test(interpreter, args.dist.resolve())


if __name__ == "__main__":
    main()
