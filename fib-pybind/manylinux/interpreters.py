"""The CPythons the manylinux wheels are built for, on the host or in a Debian root filesystem.

x86_64: CPython 3.10-3.13 are pyenv's (or any on PATH); a version the host lacks (3.14 on
Debian 12) runs inside the Debian testing root of build-support/debian-root.sh; a free-threaded
version ("3.13t") is the one free_threaded_cpython.py built in that root.
aarch64: Debian's arm64 CPythons, each in an arm64 root of the suite that has it (ARM64_SUITES),
made by the same script and run under qemu: they give the aarch64 wheels their headers and test
them. No Debian suite has an arm64 3.10 or 3.12, so those get no aarch64 wheel.
Each root sees the repository and /var/cache/py-cpp-fib at their host paths, so those paths mean
the same on both sides.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import free_threaded_cpython
import steps
from layout import REPO

DEBIAN_ROOT = REPO / "build-support/debian-root.sh"
# The Debian suite whose arm64 packages have each CPython, and where debian-root.sh keeps its root.
ARM64_SUITES = {"3.11": "bookworm", "3.13": "testing", "3.14": "testing"}
ROOTS = Path("/var/cache/py-cpp-fib")
# What the root filesystem sees of the host (debian-root.sh mounts them at the same paths).
SHARED_WITH_ROOT = (REPO, Path("/var/cache/py-cpp-fib"))
# Wheels only: nothing is compiled while installing.
PIP_INSTALL = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--only-binary=:all:"]
# Every package comes from the package index at the project's pins; a free-threaded CPython's
# venv takes some packages at other pins, which replace those.
PINS = REPO / "requirements-dev.txt"
FREE_THREADED_PINS = REPO / "requirements-free-threaded.txt"


def pinned_lines(path: Path) -> dict[str, list[str]]:
    """The pins of a requirements file by package name (a package may have one per marker)."""
    pins: dict[str, list[str]] = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            pins.setdefault(re.split(r"[=<>!~; ]", line, maxsplit=1)[0].lower(), []).append(line)
    return pins


class Interpreter:
    def __init__(self, version: str, arch: str = "x86_64"):
        # Where build tools find the files this interpreter sees at a path: its root's folder.
        self.root = Path("/")
        if arch == "aarch64":
            if version not in ARM64_SUITES:
                raise SystemExit(
                    f"no aarch64 CPython {version} to build or test with: Debian's arm64 suites "
                    f"have {', '.join(ARM64_SUITES)}"
                )
            suite = ARM64_SUITES[version]
            self.python = f"python{version}"
            self.prefix = [str(DEBIAN_ROOT), "--suite", suite, "--arch", "arm64", "run", "--"]
            self.where = f"in the Debian {suite} arm64 root, under qemu"
            self.root = ROOTS / f"debian-{suite}-arm64-root"
        else:
            self.python, in_debian_root = locate(version)
            self.prefix = [str(DEBIAN_ROOT), "run", "--"] if in_debian_root else []
            self.where = "in the Debian testing root" if in_debian_root else "on the host"
        facts = json.loads(
            self.run(
                [
                    self.python,
                    "-c",
                    (
                        "import json, sys, sysconfig;"
                        "tag = f'cp{sys.version_info[0]}{sys.version_info[1]}';"
                        "print(json.dumps({'tag': tag, 'abi': tag + sys.abiflags,"
                        " 'version': sys.version.split()[0], 'include': sysconfig.get_path('include'),"
                        " 'multiarch': getattr(sys.implementation, '_multiarch', ''),"
                        " 'ext_suffix': sysconfig.get_config_var('EXT_SUFFIX')}))"
                    ),
                ],
                capture_output=True,
                text=True,
            ).stdout
        )
        # The wheel's Python and ABI tags: cp313 and cp313t for the free-threaded 3.13.
        self.tag, self.abi, self.version = facts["tag"], facts["abi"], facts["version"]
        self.include, self.multiarch = facts["include"], facts["multiarch"]
        self.ext_suffix = facts["ext_suffix"]  # .cpython-313-aarch64-linux-gnu.so

    def __str__(self) -> str:
        return f"{self.abi} (CPython {self.version} {self.where})"

    def outside(self, path: str) -> Path:
        """A path of this interpreter's as a wheel build sees it (an arm64 root's, in its folder)."""
        return self.root / Path(path).relative_to("/")

    def sees(self, path: Path) -> bool:
        return not self.prefix or any(path.is_relative_to(shared) for shared in SHARED_WITH_ROOT)

    def run(self, command: list, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(self.prefix + [str(part) for part in command], check=True, **kwargs)

    def includes(self, path: str, text: str) -> bool:
        """Whether the file at path, as this interpreter sees it, contains text."""
        probe = [self.python, "-c", f"import sys; sys.exit({text!r} not in open({path!r}).read())"]
        return subprocess.run(self.prefix + probe).returncode == 0

    def venv(self, path: Path, *packages: str, fresh: bool) -> Path:
        """A venv of this interpreter at path (a new one if fresh) with the pinned packages; its python."""
        if fresh:
            shutil.rmtree(path, ignore_errors=True)
        # lexists: in the root, bin/python links to a path the host lacks.
        if not os.path.lexists(path / "bin/python"):
            self.run([self.python, "-m", "venv", path])
        if packages:
            self.run([path / "bin/python", *PIP_INSTALL, "--constraint", self.constraints(path), *packages])
        return path / "bin/python"

    def constraints(self, venv: Path) -> Path:
        """The project's pins, for a free-threaded CPython with its own pins in their place
        (written into its venv)."""
        if not self.abi.endswith("t"):
            return PINS
        pins = pinned_lines(PINS) | pinned_lines(FREE_THREADED_PINS)
        merged = venv / "constraints.txt"
        merged.write_text("".join(f"{line}\n" for lines in pins.values() for line in lines))
        return merged


def locate(version: str) -> tuple[str, bool]:
    """The interpreter of a CPython version (e.g. "3.12", "3.13t") and whether it runs in the Debian root."""
    if version.endswith("t"):
        return str(free_threaded_cpython.interpreter(version.removesuffix("t"))), True
    pyenv_versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for python in sorted(pyenv_versions.glob(f"{version}.*/bin/python{version}")):
        return str(python), False
    on_path = shutil.which(f"python{version}")
    # A pyenv shim is on PATH for every version pyenv has, but fails for those not selected.
    if on_path and subprocess.run([on_path, "-c", ""], capture_output=True).returncode == 0:
        return on_path, False
    return f"python{version}", True


def present(version: str) -> bool:
    """Whether this machine has a CPython of that version, on the host or in the Debian root."""
    python, in_debian_root = locate(version)
    if not in_debian_root:
        return True
    probe = [str(DEBIAN_ROOT), "run", "--", "sh", "-c", f"command -v {python}"]
    return subprocess.run(probe, capture_output=True).returncode == 0


def add_cpython_arguments(parser) -> None:
    parser.add_argument("--cpython", required=True, help="the CPython version, e.g. 3.12")
    parser.add_argument(
        "--skip-if-absent",
        action="store_true",
        help="say so and succeed when this machine has no such CPython (no Debian suite ships it)",
    )


def requested(args, tool: str) -> "Interpreter | None":
    """The interpreter the command line asks for; None, said so, if absent and that is allowed."""
    if args.skip_if_absent and not present(args.cpython):
        steps.log(
            tool,
            f"skipped: no CPython {args.cpython} on this machine (pyenv's or on PATH);"
            " install one to get its wheel",
        )
        return None
    return Interpreter(args.cpython)
