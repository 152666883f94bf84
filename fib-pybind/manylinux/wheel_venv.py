"""A venv of one CPython with that CPython's manylinux fib_pybind wheel from dist/ installed
as a user gets it: `pip install --no-index --only-binary=:all:` (nothing can be compiled). The
wheel tests (test_wheel.py) and the benchmark's free-threaded part (benchmarks/, --free-threaded)
run fib_pybind from such venvs.

Usage: python wheel_venv.py --cpython 3.13t --venv PATH [--dist dist] [--reuse]
prints the command that runs the venv's python (with the Debian testing root's runner first when
the CPython lives there). --reuse keeps a venv made before and only reinstalls the wheel: making
one (pip's own install into it) takes half a minute on a busy machine.
"""

import argparse
import shlex
from pathlib import Path

from interpreters import PIP_INSTALL, Interpreter, add_cpython_arguments, requested
from layout import REPO


def wheel_of(interpreter: Interpreter, dist: Path, arch: str = "x86_64") -> Path:
    wheel = next(dist.glob(f"fib_pybind-*-{interpreter.tag}-{interpreter.abi}-manylinux*_{arch}.whl"), None)
    if wheel is None:
        raise SystemExit(f"no {interpreter.abi} {arch} manylinux wheel of fib_pybind in {dist}: run build_wheel.py first")
    return wheel


def install(interpreter: Interpreter, venv: Path, dist: Path, from_index=(), from_dist=(), fresh=True) -> Path:
    """The venv's python; the venv (made afresh unless not fresh) with the packages from_index
    (from the package index, at the project's pins), then the wheel and the packages from_dist
    (dist/'s wheels), reinstalled: a rebuilt wheel keeps its version."""
    python = interpreter.venv(venv, *from_index, fresh=fresh)
    wheel = wheel_of(interpreter, dist)
    interpreter.run([python, *PIP_INSTALL, "--force-reinstall", "--no-index", "--find-links", dist, wheel, *from_dist])
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    add_cpython_arguments(parser)
    parser.add_argument("--venv", type=Path, required=True)
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    parser.add_argument("--reuse", action="store_true", help="keep the venv if there is one")
    args = parser.parse_args()
    interpreter = requested(args, "wheel-venv")
    if interpreter:
        python = install(interpreter, args.venv.resolve(), args.dist.resolve(), fresh=not args.reuse)
        print(shlex.join([*interpreter.prefix, str(python)]))


if __name__ == "__main__":
    main()
