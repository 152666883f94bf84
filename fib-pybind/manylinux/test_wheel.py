"""Tests the manylinux fib_pybind wheel of one CPython as a user gets it.

A fresh venv of that CPython installs the wheel from dist/ with `pip install --no-index
--only-binary=:all:` (nothing can be compiled, no GMP headers are looked at), then pytest, run
from inside the venv so the source tree cannot be imported instead, runs the installed-wheel
suite: fib-pybind/tests (the GIL test and the stubtest check among them) and the conformance
suite, against fib_pybind and fib_python. pytest, hypothesis and mypy come from the package index
at the project's pins.

Usage: python test_wheel.py --cpython 3.12 [--dist dist]
"""

import argparse
import os
import re
import subprocess
from pathlib import Path

import steps
from interpreters import PIP_INSTALL, Interpreter, add_cpython_arguments, requested
from layout import CACHE, REPO

TOOL = "manylinux-test"
TEST_REQUIREMENTS = ("pytest", "hypothesis", "mypy")
SUITES = [REPO / "fib-pybind/tests", REPO / "testdata/conformance"]


def test(interpreter: Interpreter, dist: Path) -> str:
    wheel = next(
        dist.glob(f"fib_pybind-*-{interpreter.tag}-{interpreter.tag}-manylinux*.whl"), None
    )
    if wheel is None:
        raise SystemExit(
            f"{TOOL}: no {interpreter.tag} manylinux wheel in {dist}: run build_wheel.py first"
        )
    venv = CACHE / f"test-{interpreter.tag}"
    steps.log(TOOL, f"{interpreter}: installing {wheel.name} into a fresh venv ({venv})")
    python = interpreter.venv(venv, *TEST_REQUIREMENTS, fresh=True)
    interpreter.run([python, *PIP_INSTALL, "--no-index", "--find-links", dist, wheel, "fib_python"])

    location = interpreter.run(
        [python, "-c", "import fib_pybind; print(fib_pybind.__file__)"],
        cwd=venv,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not location.startswith(f"{venv}/"):
        raise SystemExit(f"{TOOL}: fib_pybind imported from {location}, not from the venv")
    steps.log(TOOL, f"{interpreter.tag}: fib_pybind imported from {location}")

    env = {**os.environ, "FIB_IMPLEMENTATIONS": "fib_pybind,fib_python"}
    result = subprocess.run(
        interpreter.prefix
        + [
            str(python),
            "-m",
            "pytest",
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
