"""Build GMP for the Pyodide wheels (wasm32) from Debian's gmp source, and run GMP's own tests.

Runs inside the Debian testing root (build-support/debian-root.sh run -- python3 ...), whose
Emscripten builds the wheels:

    build_wasm_gmp.py build    prints the GMP prefix (include/gmp.h, lib/libgmp.a)
    build_wasm_gmp.py test     GMP's tests/, tests/mpn and tests/mpz under the root's Node

One build serves both targets. Pyodide 314 (2026_0) and 0.28/0.29 (2025_0) both use WebAssembly
exceptions, and GMP is C without setjmp, so the flags below give both the same objects.

The build lives in /var/cache/py-cpp-fib/wasm-gmp/<key>, where the key hashes everything the
result depends on (the source package version, `emcc --version`, our patches, the flags); a
change of any of them builds afresh in a new directory. Inside it, GMP's own configure and make
decide what is stale, so an interrupted build resumes; the prefix is installed last and its
libgmp.a marks the build as complete.
"""

import argparse
import contextlib
import fcntl
import hashlib
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import debian_source

HERE = Path(__file__).resolve().parent
# Our changes to GMP 6.3, shared with the manylinux GMP (fib-pybind/manylinux/build_gmp.py).
PATCHES = sorted((HERE / "gmp-6.3").glob("*.patch"))
HIDDEN_PRAGMA = HERE / "gmp-6.3" / "hidden-visibility.h"
CACHE = Path("/var/cache/py-cpp-fib/wasm-gmp")
JOBS = "2"

# Both targets' exception model: WebAssembly exceptions (legacy encoding, which both runtimes
# implement) and setjmp/longjmp on top of them.
EXCEPTION_FLAGS = ["-fwasm-exceptions", "-sWASM_LEGACY_EXCEPTIONS=1", "-sSUPPORT_LONGJMP=wasm"]
# -fPIC: GMP ends up inside a side module. Hidden visibility plus the force-included pragma
# (HIDDEN_PRAGMA; it also covers the variables gmp.h declares): our module's GMP stays out of the
# symbol table that every module of a Pyodide process shares.
CFLAGS = ["-O2", "-fPIC", *EXCEPTION_FLAGS, "-fvisibility=hidden"]
CONFIGURE_ARGS = [
    # The generic C host: no assembly (our patches give it 64-bit limbs and a wasm umul_ppmm).
    "--host=none", "--disable-assembly", "--enable-static", "--disable-shared",
    # configure cannot read the double format from wasm objects; a wrong guess breaks mpz_get_d.
    "gmp_cv_c_double_format=IEEE little endian",
    # Only GMP's test programs are linked (the library is static). Emscripten's 64 KB default
    # stack is too small for them: GMP's TMP_ALLOC puts blocks of up to 64 KB on the stack, and an
    # overflow corrupts memory silently (random crashes, hangs). In Pyodide our GMP runs on the
    # main module's stack: 5 MB in 0.29, 10 MB in 314, so the tests get the smaller one, and a
    # heap that grows. -O1: the objects under test are already optimised, and binaryen's -O2
    # over ~150 programs would add minutes.
    "LDFLAGS=-sSTACK_SIZE=5MB -sALLOW_MEMORY_GROWTH=1 -O1",
]
# GMP's test directories; each program runs under Node.
TEST_DIRS = ["tests", "tests/mpn", "tests/mpz"]


def log(message: str) -> None:
    print(f"[wasm-gmp {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(cmd: list[str], cwd: Path | None = None, log_file: Path | None = None) -> str:
    """Runs cmd; with log_file, its output goes there and its tail is shown on failure."""
    start = time.monotonic()
    if log_file is None:
        return subprocess.run(cmd, cwd=cwd, check=True, text=True, stdout=subprocess.PIPE).stdout
    with log_file.open("w") as out:
        status = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode
    if status != 0:
        sys.stderr.write("".join(log_file.read_text().splitlines(True)[-40:]))
        raise SystemExit(f"error: {' '.join(cmd[:3])} ... failed ({status}), see {log_file}")
    log(f"  {log_file.stem}: {time.monotonic() - start:.0f} s")
    return ""


def build_key(dsc: str) -> str:
    digest = hashlib.sha256()
    for part in [dsc, run(["emcc", "--version"]).splitlines()[0], *CFLAGS, *CONFIGURE_ARGS]:
        digest.update(part.encode() + b"\0")
    for path in [*PATCHES, HIDDEN_PRAGMA]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def unpack(work: Path, dsc: str) -> Path:
    source = work / "gmp"
    if source.is_dir():
        return source
    partial = work / "gmp.partial"
    shutil.rmtree(partial, ignore_errors=True)
    log(f"fetching and unpacking Debian's {dsc}, then our patches")
    run(["dpkg-source", "-x", str(debian_source.download("gmp")), str(partial)],
        log_file=work / "unpack.log")
    for patch in PATCHES:
        run(["patch", "-d", str(partial), "-p1", "--forward", "-i", str(patch)],
            log_file=work / f"patch-{patch.stem}.log")
    partial.rename(source)
    return source


@contextlib.contextmanager
def locked(work: Path):
    """One build or test run per build directory at a time; the others wait."""
    work.mkdir(parents=True, exist_ok=True)
    with (work / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def build() -> Path:
    dsc = debian_source.dsc("gmp")
    work = CACHE / build_key(dsc)
    prefix = work / "prefix"
    with locked(work):
        if (prefix / "lib" / "libgmp.a").is_file():
            log(f"up to date: {prefix} ({dsc})")
            return prefix
        return build_into(work, dsc, prefix)


def build_into(work: Path, dsc: str, prefix: Path) -> Path:
    source = unpack(work, dsc)
    # A copy in the build's own directory: the flags then name no path of the clone.
    pragma = work / HIDDEN_PRAGMA.name
    pragma.write_bytes(HIDDEN_PRAGMA.read_bytes())
    cflags = " ".join([*CFLAGS, "-include", str(pragma)])
    objects = work / "build"
    objects.mkdir(exist_ok=True)
    log(f"building GMP in {objects} with CFLAGS {cflags}")
    if not (objects / "config.status").is_file():
        # CXXFLAGS too: configure links a C++ test program, and with other flags Emscripten would
        # first build a second variant of its system libraries for it (minutes).
        run(["emconfigure", str(source / "configure"), *CONFIGURE_ARGS, f"--prefix={prefix}",
             f"CFLAGS={cflags}", f"CXXFLAGS={cflags}"], cwd=objects,
            log_file=work / "configure.log")
    run(["make", f"-j{JOBS}"], cwd=objects, log_file=work / "make.log")
    header = (objects / "gmp.h").read_text()
    if not re.search(r"^#define GMP_LIMB_BITS\s+64$", header, re.M):
        raise SystemExit("error: GMP was configured with 32-bit limbs; did the limb patch apply?")
    run(["make", "install"], cwd=objects, log_file=work / "install.log")
    log(f"built {prefix}/lib/libgmp.a (64-bit limbs) from {dsc}")
    return prefix


def tests_of(directory: Path) -> list[str]:
    """The test programs a GMP test directory's Makefile runs (its TESTS variable)."""
    printer = "print-tests:\n\t@echo $(TESTS)\n"
    listed = subprocess.run(["make", "-s", "--no-print-directory", "-f", "Makefile", "-f", "-",
                             "print-tests"], cwd=directory, input=printer, text=True, check=True,
                            stdout=subprocess.PIPE).stdout.split()
    if not listed:
        raise SystemExit(f"error: {directory} lists no tests")
    return listed


def test() -> int:
    work = build().parent
    with locked(work):
        return run_tests(work / "build")


def run_tests(objects: Path) -> int:
    log(f"Node for the tests: {run(['node', '--version']).strip()}")
    run(["make", "-C", "tests", "libtests.la"], cwd=objects,
        log_file=objects / "test-libtests.log")
    passed, failures, skipped = 0, [], 0
    for name in TEST_DIRS:
        directory = objects / name
        # Results of an earlier run must not count if a program no longer builds.
        for stale in [*directory.glob("*.trs"), *directory.glob("t-*.log")]:
            stale.unlink()
        # -k: one test that does not build or run must not stop the others; .trs files say.
        subprocess.run(["make", "-k", f"-j{JOBS}", "check-TESTS", "LOG_COMPILER=node"],
                       cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for program in tests_of(directory):
            trs = directory / f"{program}.trs"
            found = trs.exists() and re.search(r"^:test-result: (\S+)", trs.read_text(), re.M)
            result = found.group(1) if found else "NOT-BUILT"
            if result in ("PASS", "XFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failures.append(f"{name}/{program}: {result} (see {directory}/{program}.log)")
        log(f"  {name} done")
    for failure in failures:
        print(f"FAILED {failure}")
    print(f"gmp-wasm: {passed} passed, {len(failures)} failed, {skipped} skipped")
    return 1 if failures or not passed else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "test"])
    args = parser.parse_args(argv)
    if args.command == "build":
        print(build())
        return 0
    return test()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
