"""Builds FLINT 3 with its fast multiplication for x86-64 (AVX2) or aarch64, and prints a prefix
holding it, the MPFR it needs and the GMP all were built against.

FLINT multiplies large integers with fft_small, a small-prime number-theoretic transform faster
than GMP's FFT. On x86-64 FLINT compiles it only where the compiler may use AVX2 (there is no
run-time dispatch), so that build passes --enable-avx2 (-mavx2 -mfma): its code runs on x86-64
CPUs with AVX2 and FMA (Intel since Haswell, AMD since Excavator and every Zen) and on no others.
On aarch64 fft_small uses NEON, which every ARMv8-A CPU has: FLINT's configure turns it on.

Debian testing's mpfr4 and flint source packages (fetched like GMP's, by
../emscripten/debian_source.py inside the Debian testing root), compiled by the zig of
zig_toolchain.py for the manylinux target, static and position-independent, against the static
GMP of build_gmp.py. Debian's flint source ships no configure: FLINT's bootstrap.sh makes it, with
the Debian testing root's autotools.

Like build_gmp.py, the result lives in a cache directory named after everything it is made from
(both source packages' versions, the GMP build, zig's version, the target and the configure
options), so a change to any of them builds afresh and an unchanged one is reused as it is.

Usage: python build_flint.py [--arch x86_64|aarch64] [--prefix-file FILE]    (also writes the prefix into FILE)
"""

import argparse
import hashlib
import os
import re
import shutil
from pathlib import Path

import build_gmp
import debian_testing
import steps
import zig_toolchain
from layout import CACHE

TOOL = "manylinux-flint"
JOBS = build_gmp.JOBS
# Per CPU, the build and host triples, and FLINT's own options.
HOST = {
    "x86_64": ("--build=x86_64-pc-linux-gnu", "--host=x86_64-pc-linux-gnu"),
    "aarch64": ("--build=x86_64-pc-linux-gnu", "--host=aarch64-unknown-linux-gnu"),
}
FLINT_OPTIONS = {"x86_64": ("--enable-avx2",), "aarch64": ()}
# --with-pic: the libraries go into shared objects (the wheels' modules).
LIBRARY_OPTIONS = ("--enable-static", "--disable-shared", "--with-pic")
# FLINT's libraries merge each module's objects into one (ld -r): with every function in a section
# of its own, a module's link (-Wl,--gc-sections) still keeps only the functions it reaches
# (fib_pybind's _core_flint: 1.9 MB, not 11 MB). Given with the compiler, so the packages' own
# CFLAGS (-O3 and the AVX2 flags) stay as their configure scripts choose them.
SECTION_FLAGS = ("-ffunction-sections", "-fdata-sections")
# Packages whose Debian patch series is empty, taken as their upstream tarball: the archive this
# machine reaches has no mpfr4_4.2.2-3.dsc, which dpkg-source needs (debian_source.py's orig).
UPSTREAM_TARBALL_ONLY = ("mpfr4",)


def log(message: str) -> None:
    steps.log(TOOL, message)


def build_directory(dscs: dict[str, str], gmp: Path, arch: str) -> Path:
    inputs = hashlib.sha256()
    for part in (*dscs.values(), str(gmp), zig_toolchain.version(), zig_toolchain.target(arch),
                 *HOST[arch], *LIBRARY_OPTIONS, *FLINT_OPTIONS[arch], *SECTION_FLAGS):
        inputs.update(part.encode() + b"\0")
    version = dscs["flint"].removeprefix("flint_").removesuffix(".dsc")
    return CACHE / f"flint-{version}-{inputs.hexdigest()[:12]}"


def unpack(package: str, dsc: str, directory: Path) -> Path:
    log(f"fetching Debian testing's {package} source ({dsc}) unless it is in the cache")
    source, log_file = directory / "src" / package, directory / f"logs/{package}-unpack.log"
    if package in UPSTREAM_TARBALL_ONLY:
        tarball = debian_testing.source(package, "orig")
        source.mkdir(parents=True)
        steps.run_logged(TOOL, f"unpacking {Path(tarball).name}", log_file,
                         ["tar", "-xf", tarball, "-C", source, "--strip-components=1"])
    else:
        # apt checked the files against the signed Release file; dpkg-source only warns that it
        # cannot check the uploader's signature, so its chatter goes to the log.
        steps.run_logged(TOOL, f"dpkg-source -x {dsc}", log_file,
                         ["dpkg-source", "-x", debian_testing.source(package, "download"), source])
    return source


def autotools_build(name: str, arch: str, source: Path, directory: Path, options: tuple[str, ...]) -> None:
    """configure, make and make install of one autotools package into the prefix, by zig."""
    env = zig_toolchain.environment(arch)
    zig = env["ZIG"]
    build_tree, logs = directory / f"build-{name}", directory / "logs"
    build_tree.mkdir()
    steps.run_logged(
        TOOL,
        f"{name}: configure",
        logs / f"{name}-configure.log",
        [
            source / "configure",
            *HOST[arch],
            *LIBRARY_OPTIONS,
            *options,
            f"--prefix={directory / 'prefix'}",
            f"CC={zig} cc -target {zig_toolchain.target(arch)} {' '.join(SECTION_FLAGS)}",
            f"AR={zig} ar",
            f"RANLIB={zig} ranlib",
            # FLINT merges its objects with `ld -r`; the build machine's ld reads only its own CPU's.
            *((f"LD={zig} ld.lld",) if arch != os.uname().machine else ()),
        ],
        cwd=build_tree,
        env=env,
    )
    for step in ([f"-j{JOBS}"], ["install"]):
        steps.run_logged(TOOL, f"{name}: make {step[0]}", logs / f"{name}-make{step[0]}.log",
                         ["make", *step], cwd=build_tree, env=env)


def build(dscs: dict[str, str], gmp: Path, arch: str, directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    (directory / "logs").mkdir(parents=True)
    prefix = directory / "prefix"
    sources = {package: unpack(package, dsc, directory) for package, dsc in dscs.items()}
    autotools_build("mpfr", arch, sources["mpfr4"], directory, (f"--with-gmp={gmp}",))
    log("flint: bootstrap.sh (autoreconf) in the Debian testing root")
    (directory / "logs/flint-bootstrap.log").write_text(
        debian_testing.run("sh", "bootstrap.sh", cwd=sources["flint"]))
    autotools_build("flint", arch, sources["flint"], directory,
                    (*FLINT_OPTIONS[arch], f"--with-gmp={gmp}", f"--with-mpfr={prefix}"))
    # The GMP that MPFR and FLINT were built against, beside them: one prefix links all three.
    shutil.copy2(gmp / "lib/libgmp.a", prefix / "lib")
    shutil.copy2(gmp / "include/gmp.h", prefix / "include")


def check_fft_small(prefix: Path) -> None:
    """Without fft_small FLINT multiplies with its older FFT, no faster than GMP."""
    config = (prefix / "include/flint/flint-config.h").read_text()
    if not re.search(r"^#define FLINT_HAVE_FFT_SMALL 1$", config, re.MULTILINE):
        raise SystemExit(f"{TOOL}: {prefix} was built without fft_small (FLINT_HAVE_FFT_SMALL)")


def ensure(arch: str) -> Path:
    """The prefix (include/, lib/ with libflint.a, libmpfr.a, libgmp.a) of the cached build for
    arch, built first when absent."""
    gmp = build_gmp.ensure(arch)
    dscs = {package: debian_testing.source(package, "dsc") for package in ("mpfr4", "flint")}
    directory = build_directory(dscs, gmp, arch)
    prefix = directory / "prefix"
    made_from = (f"{', '.join(dscs.values())} and {gmp} with zig {zig_toolchain.version()} "
                 f"for {zig_toolchain.target(arch)}")
    # Written last: the build is complete.
    stamp = prefix / "BUILT-FROM"
    if stamp.exists():
        log(f"reusing {prefix} (from {made_from})")
    else:
        options = " ".join(FLINT_OPTIONS[arch]) or "FLINT's defaults"
        log(f"building MPFR and FLINT from {made_from}: {options}, static, PIC")
        build(dscs, gmp, arch, directory)
        stamp.write_text(made_from + "\n")
        log(f"built {prefix}")
    check_fft_small(prefix)
    return prefix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--arch", choices=zig_toolchain.ARCHS, default="x86_64")
    parser.add_argument("--prefix-file", type=Path,
                        help="also write the prefix into this file (for a caller that shows the build's progress)")
    args = parser.parse_args()
    prefix = ensure(args.arch)
    if args.prefix_file:
        args.prefix_file.parent.mkdir(parents=True, exist_ok=True)
        args.prefix_file.write_text(f"{prefix}\n")
    print(prefix)


if __name__ == "__main__":
    main()
