"""Tests the manylinux fib_pybind wheel of one CPython as a user gets it.

A fresh venv of that CPython installs the wheel from dist/ with `pip install --no-index
--only-binary=:all:` (nothing can be compiled, no GMP headers are looked at), then pytest, run
from inside the venv so the source tree cannot be imported instead, runs the installed-wheel
suite: fib-pybind/tests (the GIL test and the stubtest check among them) and the conformance
suite, against fib_pybind and fib_python. pytest, hypothesis and mypy come from the package index
at the pins of requirements-dev.txt.

Usage: python test_wheel.py --python /root/.pyenv/versions/3.12.1/bin/python3.12
       python test_wheel.py --python python3.14 --in-debian-root
"""

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

import build_wheel
import steps

TOOL = "manylinux-test"
REPO, CACHE = build_wheel.REPO, build_wheel.CACHE
TEST_REQUIREMENTS = ("pytest", "hypothesis", "mypy")
SUITES = [REPO / "fib-pybind/tests", REPO / "testdata/conformance"]


def test(interpreter: build_wheel.Interpreter, dist: Path) -> str:
    wheel = next(dist.glob(f"fib_pybind-*-{interpreter.tag}-{interpreter.tag}-manylinux*.whl"), None)
    if wheel is None:
        raise SystemExit(f"{TOOL}: no {interpreter.tag} manylinux wheel in {dist}: run build_wheel.py first")
    venv = CACHE / f"test-{interpreter.tag}"
    shutil.rmtree(venv, ignore_errors=True)
    steps.log(TOOL, f"{interpreter.tag}: installing {wheel.name} into a fresh venv ({venv})")
    interpreter.run([interpreter.python, "-m", "venv", venv])
    pip = [venv / "bin/python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--only-binary=:all:"]
    interpreter.run([*pip, "--no-index", "--find-links", dist, wheel, "fib_python"])
    interpreter.run([*pip, *build_wheel.pinned(TEST_REQUIREMENTS)])

    location = interpreter.run([venv / "bin/python", "-c", "import fib_pybind; print(fib_pybind.__file__)"],
                               cwd=venv, capture_output=True, text=True).stdout.strip()
    if not location.startswith(f"{venv}/"):
        raise SystemExit(f"{TOOL}: fib_pybind imported from {location}, not from the venv")
    steps.log(TOOL, f"{interpreter.tag}: fib_pybind imported from {location}")

    env = {**os.environ, "FIB_IMPLEMENTATIONS": "fib_pybind,fib_python"}
    result = subprocess.run(
        interpreter.prefix + [str(venv / "bin/python"), "-m", "pytest", "-p", "no:cacheprovider",
                              "--rootdir", str(REPO), *map(str, SUITES)],
        cwd=venv, env=env, capture_output=True, text=True,
    )
    summary = re.findall(r"=+ (.*) in [0-9.]+s", result.stdout)
    if result.returncode != 0:
        print(result.stdout[-5000:], result.stderr[-2000:], sep="\n")
        raise SystemExit(f"{TOOL}: {interpreter.tag}: the installed-wheel suite failed")
    steps.log(TOOL, f"{interpreter.tag} (CPython {interpreter.version}), {wheel.name}: {summary[-1]}")
    return summary[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--python", required=True, help="the CPython whose wheel to test (path or command name)")
    parser.add_argument("--in-debian-root", action="store_true", help="run that CPython inside the Debian testing root")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args()
    test(build_wheel.Interpreter(args.python, args.in_debian_root), args.dist.resolve())


if __name__ == "__main__":
    main()
