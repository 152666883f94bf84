"""Tests the manylinux fib_pybind wheel of one CPython and CPU as a user gets it.

The host's own CPU (x86_64 here, aarch64 on an ARM CI runner): a fresh venv of that CPython gets
the wheel from dist/ as a user gets it (wheel_venv.py: nothing is compiled, no GMP headers are
looked at); pytest, hypothesis and mypy come from the package index at the project's pins.
aarch64 on an x86_64 host: the arm64 CPython of an arm64 Debian root runs under qemu, which makes
pip and venvs take minutes, so the wheel and fib_python's are unpacked into a fresh folder on PYTHONPATH, as pip
would lay out their files; pytest and hypothesis are the root's Debian packages. The stub check
(mypy's stubtest, which the root lacks) is left to the x86_64 wheels: the stub and the module's
source are the same for every CPU.

Either way pytest, run from that venv or folder so the source tree cannot be imported instead,
runs the installed-wheel suite: fib-pybind/tests (the GIL test and the threads test among them)
and the conformance suite, against fib_pybind and fib_python.

On a free-threaded CPython (3.13t) the GIL must stay disabled after importing fib_pybind and after
the suites: CPython enables it, with a warning, when it imports a module that does not declare
that it runs without it, and this checks our module declares so.

Usage: python test_wheel.py --cpython 3.12 [--arch x86_64|aarch64] [--dist dist]
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import steps
import wheel_venv
import zig_toolchain
from interpreters import Interpreter, add_cpython_arguments, requested
from layout import CACHE, REPO

TOOL = "manylinux-test"
TEST_REQUIREMENTS = ("pytest", "hypothesis", "mypy")
# The wheels of this CPU are tested natively, others under qemu.
HOST_ARCH = platform.machine()
SUITES = [REPO / "fib-pybind/tests", REPO / "testdata/conformance"]
STUB_CHECK = "fib-pybind/tests/test_stub.py::test_stub_matches_the_extension"
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


def in_fresh_venv(interpreter: Interpreter, wheel: Path, dist: Path) -> tuple[Path, Path, dict]:
    """The venv's python, the venv, and no extra environment."""
    venv = CACHE / f"test-{interpreter.abi}"
    steps.log(TOOL, f"{interpreter}: installing {wheel.name} into a fresh venv ({venv})")
    python = wheel_venv.install(interpreter, venv, dist, TEST_REQUIREMENTS, ["fib_python"])
    return python, venv, {}


def unpacked(interpreter: Interpreter, wheel: Path, dist: Path) -> tuple[str, Path, dict]:
    """The interpreter, the folder holding both wheels' files, and PYTHONPATH naming it."""
    folder = CACHE / f"test-{interpreter.abi}-aarch64"
    shutil.rmtree(folder, ignore_errors=True)
    pure = next(dist.glob("fib_python-*-py3-none-any.whl"), None)
    if pure is None:
        raise SystemExit(f"{TOOL}: no fib_python wheel in {dist}: build it first (pure_wheels)")
    steps.log(TOOL, f"{interpreter}: unpacking {wheel.name} and {pure.name} into {folder}")
    for archive in (wheel, pure):
        with zipfile.ZipFile(archive) as contents:
            contents.extractall(folder)
    return interpreter.python, folder, {"PYTHONPATH": str(folder)}


def test(interpreter: Interpreter, arch: str, dist: Path) -> str:
    wheel = wheel_venv.wheel_of(interpreter, dist, arch)
    # Another clone may be testing in this CPython's and CPU's venv or folder.
    steps.hold_lock(TOOL, CACHE / f"test-{interpreter.abi}-{arch}.lock")
    install = in_fresh_venv if arch == HOST_ARCH else unpacked
    python, home, extra_env = install(interpreter, wheel, dist)
    env = {**os.environ, **extra_env, "FIB_IMPLEMENTATIONS": "fib_pybind,fib_python"}

    location, gil_after_import = interpreter.run(
        [python, "-c", f"import sys, fib_pybind; print(fib_pybind.__file__); print({GIL_ENABLED})"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.split()
    if not location.startswith(f"{home}/"):
        raise SystemExit(f"{TOOL}: fib_pybind imported from {location}, not from {home}")
    steps.log(TOOL, f"{interpreter.abi}: fib_pybind imported from {location}")
    check_gil(interpreter, gil_after_import, "importing fib_pybind")

    skipped = ["--deselect", STUB_CHECK] if arch != HOST_ARCH else []
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
            *skipped,
            *map(str, SUITES),
        ],
        cwd=home,
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
    parser.add_argument("--arch", choices=zig_toolchain.ARCHS, default="x86_64")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args()
    interpreter = requested(args, TOOL) if args.arch == HOST_ARCH else Interpreter(args.cpython, args.arch)
    if interpreter:
        test(interpreter, args.arch, args.dist.resolve())


if __name__ == "__main__":
    main()
