"""Build fib_pybind's wheel for one Pyodide runtime with scikit-build-core, into dist/.

Runs inside the Debian testing root (build-support/debian-root.sh run -- python3 ...), whose
Emscripten, CPython headers and Boost it uses:

    build_pyodide_wheel.py 314     fib_pybind-...-cp314-cp314-pyemscripten_2026_0_wasm32.whl
    build_pyodide_wheel.py 0.29    fib_pybind-...-cp313-cp313-pyodide_2025_0_wasm32.whl

It builds GMP first if needed (build_wasm_gmp.py), assembles the target's headers (CPython's
with a pyconfig.h generated from the target's own sysconfig data), and keeps a CMake build tree
and a build-tools venv per target in /var/cache/py-cpp-fib/pyodide-wheel/, so a rebuild
recompiles only what changed.
"""

import argparse
import fcntl
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import build_wasm_gmp
import bundled_licenses
import make_wasm_pyconfig
from pyodide_targets import REPO, TARGETS, Target

HERE = Path(__file__).resolve().parent
CACHE = Path("/var/cache/py-cpp-fib/pyodide-wheel")
DIST = REPO / "dist"
# scikit-build-core and pybind11 at the versions the native wheels use.
TOOLS = ["scikit-build-core", "pybind11"]
CONSTRAINTS = REPO / "requirements-dev.txt"


def log(message: str) -> None:
    print(f"[pyodide-wheel {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def output(cmd: list[str]) -> str:
    return subprocess.run(cmd, check=True, text=True, stdout=subprocess.PIPE).stdout


def toolchain_versions() -> str:
    """Emscripten's version line and its clang's, from `emcc -v`."""
    report = subprocess.run(["emcc", "-v"], capture_output=True, text=True, check=True).stderr
    return "; ".join(line for line in report.splitlines()
                     if line.startswith("emcc (") or "clang version" in line)


def python_headers(target: Target, work: Path) -> Path:
    """Debian's headers of the target's CPython, linked entry by entry (so /usr/include itself
    is never on em++'s path), with the target's pyconfig.h."""
    name = f"python{target.python}"
    debian = Path("/usr/include") / name
    if not (debian / "Python.h").is_file():
        raise SystemExit(f"error: no {debian}/Python.h; add {name}-dev to "
                         "build-support/debian-root-packages.txt")
    include = work / "include" / name
    include.mkdir(parents=True, exist_ok=True)
    for entry in debian.iterdir():
        link = include / entry.name
        if entry.name != "pyconfig.h" and not link.is_symlink():
            link.symlink_to(entry)
    template = Path("/usr/include/x86_64-linux-gnu") / name / "pyconfig.h"
    make_wasm_pyconfig.main([str(target.stdlib_zip), str(template), str(include / "pyconfig.h")])
    return include


def boost_root(work: Path) -> Path:
    """A folder whose include/ holds only a link to Debian's Boost headers."""
    root = work / "boost-root"
    (root / "include").mkdir(parents=True, exist_ok=True)
    if not (root / "include" / "boost").is_symlink():
        (root / "include" / "boost").symlink_to("/usr/include/boost")
    return root


def build_tools_python(target: Target) -> Path:
    """A venv of the target's CPython version (in the root) with TOOLS."""
    venv = CACHE / f"venv-{target.python}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([f"python{target.python}", "-m", "venv", str(venv)], check=True)
    probe = subprocess.run([str(python), "-c", "import scikit_build_core, pybind11"],
                           capture_output=True)
    if probe.returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", *TOOLS, "-c", str(CONSTRAINTS)], check=True)
    return python


def cmake_defines(target: Target, python: Path) -> dict[str, str]:
    """The CMake variables pyodide-toolchain.cmake and fib-pybind need for target."""
    work = CACHE / target.name
    gmp_prefix = build_wasm_gmp.build()
    target_vars = make_wasm_pyconfig.target_config_vars(target.stdlib_zip)
    return {
        # GMP by its paths, not found below a root: a new GMP build (a new cache directory) then
        # replaces the one recorded in the CMake cache.
        "GMP_INCLUDE_DIR": str(gmp_prefix / "include"),
        "GMP_LIBRARY": str(gmp_prefix / "lib" / "libgmp.a"),
        "FIB_WASM_ROOTS": str(boost_root(work)),
        "FIB_PYTHON_INCLUDE_DIR": str(python_headers(target, work)),
        "FIB_PYTHON_EXT_SUFFIX": target_vars["EXT_SUFFIX"],
        "pybind11_DIR": output([str(python), "-m", "pybind11", "--cmakedir"]).strip(),
    }


def build_wheel(target: Target) -> Path:
    target.check_abi()
    python = build_tools_python(target)
    defines = cmake_defines(target, python)
    suffix = defines["FIB_PYTHON_EXT_SUFFIX"]
    tag = f"cp{target.python.replace('.', '')}"
    log(f"building the wheel for Pyodide {target.name} ({tag}-{target.platform_tag})")
    started = time.time()
    settings = {
        "cmake.args": f"--toolchain={HERE / 'pyodide-toolchain.cmake'}",
        **{f"cmake.define.{name}": value for name, value in defines.items()},
        "build-dir": str(CACHE / target.name / "cmake-build"),
    }
    # The build host's CPython runs scikit-build-core; these name the target's wheel platform
    # and extension suffix to it. The license provider learns what the module holds.
    gmp_prefix = Path(defines["GMP_INCLUDE_DIR"]).parent
    env = dict(os.environ, _PYTHON_HOST_PLATFORM=target.platform_tag, SETUPTOOLS_EXT_SUFFIX=suffix,
               **bundled_licenses.environment(gmp_prefix, CACHE))
    subprocess.run([str(python), "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--disable-pip-version-check",
                    "--wheel-dir", str(DIST), str(REPO / "fib-pybind"),
                    *(f"--config-settings={key}={value}" for key, value in settings.items())],
                   check=True, env=env)
    wheels = [wheel for wheel in DIST.glob(f"fib_pybind-*-{tag}-{tag}-{target.platform_tag}.whl")
              if wheel.stat().st_mtime >= started - 1]
    if len(wheels) != 1:
        raise SystemExit(f"error: expected one new {tag} {target.platform_tag} wheel in {DIST}")
    module = f"fib_pybind/_core{suffix}"
    if module not in zipfile.ZipFile(wheels[0]).namelist():
        raise SystemExit(f"error: {wheels[0].name} lacks {module}")
    return wheels[0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    args = parser.parse_args(argv)
    log(f"toolchain: {toolchain_versions()}")
    # Clones share the target's build tree: one build at a time.
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f"{TARGETS[args.target].name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        wheel = build_wheel(TARGETS[args.target])
    log(f"built {wheel.relative_to(REPO)} ({wheel.stat().st_size:,} bytes)")
    print(wheel)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
