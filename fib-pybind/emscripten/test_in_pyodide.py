"""Test fib_pybind's wheel for one Pyodide runtime inside that runtime, under Node, offline.

Runs inside the Debian testing root (build-support/debian-root.sh run -- python3 ...), after
build_pyodide_wheel.py built the wheel into dist/ (fib_python's wheel must be in dist/ too):

    test_in_pyodide.py 314 | 0.29

1. the static import check: Pyodide's main module (pyodide.asm.wasm) provides every import of
   the wheel's module, which exports nothing but its init function; and the wheel's licenses:
   its metadata and texts, ours and those of what the module holds (licensing/check_licenses.py);
2. the stock npm Pyodide installs the wheels with its own micropip (hash-pinned wheel from the
   Python package index) and pytest runs the conformance suite, fib-pybind/tests and the GMP
   privacy test (an impostor module with every GMP and template symbol loaded after fib_pybind);
3. the privacy test again, with the impostor loaded before fib_pybind is installed.
Every step runs; the exit status is the first failure's.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

import build_pyodide_wheel
import build_wasm_gmp
import check_wasm_imports
from pyodide_targets import REPO, TARGETS, Target

HERE = Path(__file__).resolve().parent
CACHE = Path("/var/cache/py-cpp-fib/pyodide-test")
CHECK_LICENSES = HERE.parent / "licensing" / "check_licenses.py"
PINNED = [HERE / "micropip-requirements.txt", HERE / "pyodide-test-requirements.txt"]
# Host folders as Pyodide sees them; the tests find the vectors and the impostor through env.
MOUNTS = {REPO / "testdata": "/repo/testdata", REPO / "fib-pybind/tests": "/repo/fib-pybind/tests",
          HERE / "gmp-privacy": "/repo/gmp-privacy"}


def log(message: str) -> None:
    print(f"[test-in-pyodide {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def newest(pattern: str, hint: str) -> Path:
    found = sorted((REPO / "dist").glob(pattern), key=lambda path: path.stat().st_mtime)
    if not found:
        raise SystemExit(f"error: no dist/{pattern}; {hint}")
    return found[-1]


def pinned_wheels(target: Target) -> dict[str, Path]:
    """micropip and the test tools (pytest, hypothesis, ...), checked against their pinned
    hashes; offline from the cache when it has them. Returns {project name: wheel}."""
    dest = CACHE / "wheels"
    python = build_pyodide_wheel.build_tools_python(target)
    for requirements in PINNED:
        common = [str(python), "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                  "--no-deps", "--only-binary=:all:", "--python-version", target.python,
                  "--require-hashes", "-r", str(requirements), "-d", str(dest)]
        offline = subprocess.run([*common, "--no-index", "--find-links", str(dest)],
                                 capture_output=True)
        if offline.returncode != 0:
            subprocess.run(common, check=True)
    wheels = {}
    for requirements in PINNED:
        for line in requirements.read_text().splitlines():
            if "==" in line and not line.startswith("#"):
                name, version = line.split()[0].split("==")
                wheels[name] = newest_in(dest, f"{name}-{version}-*.whl")
    return wheels


def newest_in(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if not found:
        raise SystemExit(f"error: no {pattern} in {folder}")
    return found[-1]


def impostor(target: Target) -> Path:
    """The impostor side module: every symbol of our GMP and of _core's own object files."""
    work = CACHE / target.name
    work.mkdir(parents=True, exist_ok=True)
    objects = sorted((build_pyodide_wheel.CACHE / target.name / "cmake-build").glob(
        "CMakeFiles/_core.dir/**/*.o"))
    gmp = build_wasm_gmp.build() / "lib" / "libgmp.a"
    subprocess.run([sys.executable, str(HERE / "gmp-privacy/make_impostor.py"),
                    str(work / "impostor.c"), str(target.runtime), str(gmp), *map(str, objects)],
                   check=True)
    module = work / "libfib_impostor.so"
    subprocess.run(["emcc", "-O1", "-fPIC", "-sSIDE_MODULE=1", "-sWASM_BIGINT",
                    str(work / "impostor.c"), "-o", str(module)], check=True)
    return module


def in_pyodide(target: Target, micropip: Path, wheels: list[Path], impostor_module: Path,
               pytest_args: list[str], preload: bool) -> int:
    cmd = ["node", str(HERE / "run-in-pyodide.mjs"), "--runtime", str(target.runtime),
           "--micropip", str(micropip)]
    if preload:
        cmd += ["--preload-global", str(impostor_module)]
    cmd += [arg for wheel in wheels for arg in ("--wheel", str(wheel))]
    mounts = {**MOUNTS, impostor_module.parent: "/impostor"}
    cmd += [arg for host, inside in mounts.items() for arg in ("--mount", f"{host}:{inside}")]
    cmd += ["--env", "FIB_VECTORS=/repo/testdata/fibonacci.json",
            "--env", f"FIB_GMP_IMPOSTOR=/impostor/{impostor_module.name}", "--cwd", "/repo",
            "--", "pytest", "-p", "no:cacheprovider", *pytest_args]
    return subprocess.run(cmd).returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    target = TARGETS[parser.parse_args(argv).target]
    target.check_abi()
    tag = f"cp{target.python.replace('.', '')}"
    wheel = newest(f"fib_pybind-*-{tag}-{tag}-{target.platform_tag}.whl",
                   f"build it with build_pyodide_wheel.py {target.name}")
    fib_python = newest("fib_python-*-py3-none-any.whl", "build fib-python's wheel first")
    log(f"Pyodide {target.name} (node_modules/{target.runtime.name}, Node "
        f"{subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()})"
        f": {wheel.name}")

    statuses = [check_wasm_imports.main(["--runtime", str(target.runtime),
                                         "--only-export", "PyInit__core", str(wheel)])]
    licenses = subprocess.run([sys.executable, str(CHECK_LICENSES), "pyodide", str(wheel)])
    statuses.append(licenses.returncode)
    pinned = pinned_wheels(target)
    micropip = pinned.pop("micropip")
    wheels = [*pinned.values(), wheel, fib_python]
    module = impostor(target)
    log("pytest in Pyodide: conformance suite, fib-pybind tests, GMP privacy (impostor last)")
    statuses.append(in_pyodide(target, micropip, wheels, module,
                               ["testdata/conformance", "fib-pybind/tests", "gmp-privacy"], False))
    log("pytest in Pyodide: GMP privacy with the impostor loaded before fib_pybind")
    statuses.append(in_pyodide(target, micropip, wheels, module, ["gmp-privacy"], True))
    return next((status for status in statuses if status), 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
