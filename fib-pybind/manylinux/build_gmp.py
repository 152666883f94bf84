"""Builds the GMP that the manylinux wheels of one CPU link statically, and prints its prefix.

Debian testing's gmp source package (GMP 6.3, the source of the wasm GMP too; fetched with
../emscripten/debian_source.py inside the Debian testing root), compiled by zig for the
target of zig-toolchain.cmake (x86_64 or aarch64, glibc 2.17), static and position-independent
(it ends up inside the extension module), with GMP's assembly kernels:
- x86_64 with --enable-fat: one library holding the kernels for every x86-64 CPU family, picked at
  run time by cpuid, so the wheel is as fast as a GMP built for the machine it runs on. A GMP for
  generic x86-64 would lose that, and so would Debian 12's older 6.2.1 (the README's "Which
  wheels" says by how much).
- aarch64: GMP has no fat build for ARM; its mpn/arm64 kernels serve every ARMv8-A CPU.

The result lives in a cache directory named after everything it is made from (the source
package's version, zig's version, the target, the configure options and the patch), so a change
to any of them builds afresh and an unchanged one is reused as it is; each CPU has its own. The
build tree is kept for --check, which runs GMP's own test suite on the x86_64 build (the aarch64
tests would need an emulator).

Usage: python build_gmp.py [--arch x86_64|aarch64] [--check]
"""

import argparse
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import debian_testing
import steps
import zig_toolchain
from layout import CACHE, REPO

TOOL = "manylinux-gmp"
JOBS = "2"
# Debian's dfsg tarball has no doc/; the wasm GMP build carries the patch that drops it from the
# shipped configure and Makefile.in.
NO_DOC_PATCH = REPO / "fib-pybind/emscripten/gmp-6.3/01-no-doc-directory.patch"
# This machine builds; per CPU, the host GMP is configured for. A generic host in both: the
# x86_64 kernels for a CPU come from fat dispatch, the aarch64 ones are GMP's for every ARMv8-A,
# never those of the CPU that builds.
BUILD = "--build=x86_64-pc-linux-gnu"
HOST_OPTIONS = {
    "x86_64": ("--host=x86_64-pc-linux-gnu", "--enable-fat"),
    "aarch64": ("--host=aarch64-unknown-linux-gnu",),
}
# --with-pic: the library goes into a shared object.
LIBRARY_OPTIONS = ("--enable-static", "--disable-shared", "--with-pic")


def configure_options(arch: str) -> tuple[str, ...]:
    return (BUILD, *HOST_OPTIONS[arch], *LIBRARY_OPTIONS)


def log(message: str) -> None:
    steps.log(TOOL, message)


def build_directory(dsc: str, arch: str) -> Path:
    inputs = hashlib.sha256()
    for part in (dsc, zig_toolchain.version(), zig_toolchain.target(arch), *configure_options(arch)):
        inputs.update(part.encode() + b"\0")
    inputs.update(NO_DOC_PATCH.read_bytes())
    version = dsc.removeprefix("gmp_").removesuffix(".dsc")
    return CACHE / f"gmp-{version}-{inputs.hexdigest()[:12]}"


def build(dsc: str, arch: str, directory: Path) -> None:
    env = zig_toolchain.environment(arch)
    zig, target = env["ZIG"], zig_toolchain.target(arch)
    log(f"fetching Debian testing's gmp source ({dsc}) unless it is in the cache")
    dsc_path = debian_testing.source("gmp", "download")
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
            *configure_options(arch),
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


def check_kernels(arch: str, prefix: Path) -> None:
    """The library must hold GMP's assembly kernels (on x86_64 with the run-time dispatch) and
    64-bit limbs, or the wheel would be slow."""
    if arch == "x86_64":
        members = subprocess.run(
            [zig_toolchain.binary(), "ar", "t", prefix / "lib/libgmp.a"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        if "fat_entry.o" not in members:
            raise SystemExit(f"{TOOL}: {prefix}/lib/libgmp.a has no fat dispatch (fat_entry.o)")
    # configure links the kernels it picks into the build tree's mpn/, from mpn/arm64/ here.
    elif (prefix.parent / "build/mpn/add_n.asm").resolve().parent.name != "arm64":
        raise SystemExit(f"{TOOL}: {prefix}/lib/libgmp.a was built without GMP's {arch} assembly")
    if not re.search(
        r"^#define GMP_LIMB_BITS +64$", (prefix / "include/gmp.h").read_text(), re.MULTILINE
    ):
        raise SystemExit(f"{TOOL}: {prefix}/include/gmp.h does not have 64-bit limbs")


def ensure(arch: str) -> Path:
    """The prefix (include/gmp.h, lib/libgmp.a) of the cached build for arch, built first when absent."""
    dsc = debian_testing.source("gmp", "dsc")
    directory = build_directory(dsc, arch)
    prefix = directory / "prefix"
    made_from = f"{dsc} with zig {zig_toolchain.version()} for {zig_toolchain.target(arch)}"
    # make install writes the library before the headers: gmp.h marks a finished build.
    if (prefix / "include/gmp.h").exists():
        log(f"reusing {prefix} (from {made_from})")
    else:
        log(f"building GMP from {made_from}: {' '.join(HOST_OPTIONS[arch])}, static, PIC")
        build(dsc, arch, directory)
        log(f"built {prefix}")
    check_kernels(arch, prefix)
    return prefix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--arch", choices=zig_toolchain.ARCHS, default="x86_64")
    parser.add_argument(
        "--check", action="store_true", help="also run GMP's own test suite on the build (x86_64)"
    )
    args = parser.parse_args()
    if args.check and args.arch != "x86_64":
        parser.error(f"--check runs GMP's tests on this machine's CPU: they cannot run for {args.arch}")
    prefix = ensure(args.arch)
    if args.check:
        build_tree = prefix.parent / "build"
        steps.run_logged(
            TOOL,
            f"make check -j{JOBS}",
            prefix.parent / "logs/check.log",
            ["make", "check", f"-j{JOBS}"],
            cwd=build_tree,
            env=zig_toolchain.environment(args.arch),
        )
    print(prefix)


if __name__ == "__main__":
    main()
