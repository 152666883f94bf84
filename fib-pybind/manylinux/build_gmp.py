"""Builds the GMP that the manylinux wheels link statically, and prints its prefix.

Debian testing's gmp source package (GMP 6.3, the source of the wasm GMP too; fetched with
../emscripten/debian_gmp_source.py inside the Debian testing root), compiled by zig for the target of
zig-toolchain.cmake (glibc 2.17), static and position-independent (it ends up inside the
extension module), with --enable-fat: one library holding GMP's assembly kernels for every x86-64
CPU family, picked at run time by cpuid, so the wheel is as fast as a GMP built for the machine it
runs on. A GMP for generic x86-64 would lose that, and so would Debian 12's older 6.2.1 (the
README's "Which wheels" says by how much).

The result lives in a cache directory named after everything it is made from (the source
package's version, zig's version, the target, the configure options and the patch), so a change
to any of them builds afresh and an unchanged one is reused as it is. The build tree is kept for --check,
which runs GMP's own test suite on this build.

Usage: python build_gmp.py [--check]
"""

import argparse
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import steps
import zig_toolchain
from layout import CACHE, REPO

TOOL = "manylinux-gmp"
JOBS = "2"
# Debian's dfsg tarball has no doc/; the wasm GMP build carries the patch that drops it from the
# shipped configure and Makefile.in.
NO_DOC_PATCH = REPO / "fib-pybind/emscripten/gmp-6.3/01-no-doc-directory.patch"
DEBIAN_ROOT = REPO / "build-support/debian-root.sh"
DEBIAN_GMP_SOURCE = REPO / "fib-pybind/emscripten/debian_gmp_source.py"
# The generic x86_64 host with --enable-fat: the CPU-specific kernels come from fat dispatch, not
# from the CPU of the machine that builds. --with-pic: the library goes into a shared object.
CONFIGURE_OPTIONS = (
    "--build=x86_64-pc-linux-gnu",
    "--host=x86_64-pc-linux-gnu",
    "--enable-fat",
    "--enable-static",
    "--disable-shared",
    "--with-pic",
)


def log(message: str) -> None:
    steps.log(TOOL, message)


def in_debian_root(*command: str) -> str:
    """Runs command in the Debian testing root (it sees the repository and the cache at the same
    paths) and returns its output."""
    result = subprocess.run(
        [str(DEBIAN_ROOT), "run", "--", *command], cwd=REPO, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"{TOOL}: {' '.join(command)} failed in the Debian testing root:\n{result.stderr}")
    return result.stdout


def debian_gmp_source(command: str) -> str:
    """The wasm build's tool for Debian testing's gmp source: `dsc` (its name) or `download`."""
    return in_debian_root("python3", str(DEBIAN_GMP_SOURCE), command).strip()


def build_directory(dsc: str) -> Path:
    inputs = hashlib.sha256()
    for part in (dsc, zig_toolchain.version(), zig_toolchain.target(), *CONFIGURE_OPTIONS):
        inputs.update(part.encode() + b"\0")
    inputs.update(NO_DOC_PATCH.read_bytes())
    version = dsc.removeprefix("gmp_").removesuffix(".dsc")
    return CACHE / f"gmp-{version}-{inputs.hexdigest()[:12]}"


def build(dsc: str, directory: Path) -> None:
    env = zig_toolchain.environment()
    zig, target = env["ZIG"], zig_toolchain.target()
    log(f"fetching Debian testing's gmp source ({dsc}) unless it is in the cache")
    dsc_path = debian_gmp_source("download")
    shutil.rmtree(directory, ignore_errors=True)
    source, build_tree, logs = directory / "src", directory / "build", directory / "logs"
    logs.mkdir(parents=True)
    log(f"unpacking {dsc} with Debian's patches, then {NO_DOC_PATCH.name}")
    # apt checked the files against the signed Release file; dpkg-source only warns that it
    # cannot check the uploader's signature, so its chatter goes to the log.
    steps.run_logged(
        TOOL,
        "dpkg-source -x",
        logs / "unpack.log",
        ["dpkg-source", "-x", dsc_path, source],
    )
    with open(NO_DOC_PATCH) as patch:
        subprocess.run(
            ["patch", "-d", source, "-p1", "--quiet", "--forward"], stdin=patch, check=True
        )

    build_tree.mkdir()
    steps.run_logged(
        TOOL,
        "configure",
        logs / "configure.log",
        [
            source / "configure",
            *CONFIGURE_OPTIONS,
            f"--prefix={directory / 'prefix'}",
            # GMP's helper programs (gen-fib, ...) run during the build: zig builds them for here.
            f"CC={zig} cc -target {target}",
            f"CC_FOR_BUILD={zig} cc",
            f"AR={zig} ar",
            f"RANLIB={zig} ranlib",
        ],
        cwd=build_tree,
        env=env,
    )
    steps.run_logged(
        TOOL, f"make -j{JOBS}", logs / "make.log", ["make", f"-j{JOBS}"], cwd=build_tree, env=env
    )
    steps.run_logged(
        TOOL, "make install", logs / "install.log", ["make", "install"], cwd=build_tree, env=env
    )


def check_fat(prefix: Path) -> None:
    """The library must hold the run-time dispatch and 64-bit limbs, or the wheel would be slow."""
    members = subprocess.run(
        [zig_toolchain.binary(), "ar", "t", prefix / "lib/libgmp.a"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if "fat_entry.o" not in members:
        raise SystemExit(f"{TOOL}: {prefix}/lib/libgmp.a has no fat dispatch (fat_entry.o)")
    if not re.search(
        r"^#define GMP_LIMB_BITS +64$", (prefix / "include/gmp.h").read_text(), re.MULTILINE
    ):
        raise SystemExit(f"{TOOL}: {prefix}/include/gmp.h does not have 64-bit limbs")


def ensure() -> Path:
    """The prefix (include/gmp.h, lib/libgmp.a) of the cached build, built first when absent."""
    dsc = debian_gmp_source("dsc")
    directory = build_directory(dsc)
    prefix = directory / "prefix"
    # make install writes the library before the headers: gmp.h marks a finished build.
    if (prefix / "include/gmp.h").exists():
        log(
            f"reusing {prefix} (from {dsc}, zig {zig_toolchain.version()}, {zig_toolchain.target()})"
        )
    else:
        log(
            f"building GMP from {dsc} with zig {zig_toolchain.version()} for {zig_toolchain.target()}, fat, static, PIC"
        )
        build(dsc, directory)
        log(f"built {prefix}")
    check_fat(prefix)
    return prefix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="also run GMP's own test suite on the build"
    )
    args = parser.parse_args()
    prefix = ensure()
    if args.check:
        build_tree = prefix.parent / "build"
        steps.run_logged(
            TOOL,
            f"make check -j{JOBS}",
            prefix.parent / "logs/check.log",
            ["make", "check", f"-j{JOBS}"],
            cwd=build_tree,
            env=zig_toolchain.environment(),
        )
    print(prefix)


if __name__ == "__main__":
    main()
