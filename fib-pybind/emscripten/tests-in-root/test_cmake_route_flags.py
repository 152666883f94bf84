"""_core gets the same Emscripten options through pyodide-build's toolchain file (the route of
cibuildwheel's pyodide platform) as through ours: they are on the target, not in a toolchain.

Runs inside the Debian testing root (it configures with that Emscripten). pyodide-build's xbuildenv
would supply the target Python; here the same headers and suffix stand in for it, given the way
pybind11 documents for cross builds.
"""

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

import build_pyodide_wheel
from pyodide_targets import REPO, TARGETS

HERE = Path(build_pyodide_wheel.__file__).resolve().parent
PYODIDE_BUILD_TOOLCHAIN = "pyodide_build/tools/cmake/Modules/Platform/Emscripten.cmake"
# The Emscripten-specific options: settings (-s...), exceptions, force-includes, the -O level.
EMSCRIPTEN_OPTION = re.compile(r"^(-s\S+|-f\S*exceptions|-include|-O\d|.*fib_private_gmp\.h)$")


@pytest.fixture(scope="module", params=sorted(TARGETS))
def target(request):
    return TARGETS[request.param]


@pytest.fixture(scope="module")
def pyodide_build_toolchain(tmp_path_factory) -> Path:
    """pyodide-build's toolchain file, from its hash-pinned wheel."""
    download = tmp_path_factory.mktemp("pyodide-build")
    python = build_pyodide_wheel.build_tools_python(TARGETS["314"])
    subprocess.run([str(python), "-m", "pip", "download", "--quiet", "--no-deps",
                    "--only-binary=:all:", "--python-version", "3.14", "--require-hashes",
                    "-r", str(HERE / "pyodide-build-requirements.txt"), "-d", str(download)],
                   check=True)
    (wheel,) = download.glob("pyodide_build-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extract(PYODIDE_BUILD_TOOLCHAIN, download)
    return download / PYODIDE_BUILD_TOOLCHAIN


def configure(build: Path, python: Path, toolchain: Path, defines: dict) -> set[str]:
    """Configures fib-pybind; returns _core's Emscripten options (compile and link)."""
    common = {"CMAKE_BUILD_TYPE": "Release", "Python_EXECUTABLE": str(python), "FIB_TEST": "OFF",
              "FIB_BENCHMARK": "OFF", "FIB_INSTALL": "OFF"}
    subprocess.run(["cmake", "-S", str(REPO / "fib-pybind"), "-B", str(build),
                    "-G", "Unix Makefiles", f"--toolchain={toolchain}",
                    *(f"-D{name}={value}" for name, value in {**common, **defines}.items())],
                   check=True, capture_output=True)
    rules = build / "CMakeFiles" / "_core.dir"
    words = (rules / "flags.make").read_text().split() + (rules / "link.txt").read_text().split()
    return {word for word in words if EMSCRIPTEN_OPTION.match(word)}


def test_pyodide_build_route_gets_our_flags(target, pyodide_build_toolchain, tmp_path):
    python = build_pyodide_wheel.build_tools_python(target)
    defines = build_pyodide_wheel.cmake_defines(target, python)
    ours = configure(tmp_path / "ours", python, HERE / "pyodide-toolchain.cmake", defines)
    # The same inputs, under the names pyodide-build's toolchain and pybind11 read.
    theirs = configure(tmp_path / "pyodide-build", python, pyodide_build_toolchain, {
        "GMP_INCLUDE_DIR": defines["GMP_INCLUDE_DIR"], "GMP_LIBRARY": defines["GMP_LIBRARY"],
        "CMAKE_FIND_ROOT_PATH": defines["FIB_WASM_ROOTS"],
        "Python_INCLUDE_DIR": defines["FIB_PYTHON_INCLUDE_DIR"],
        "PYBIND11_USE_CROSSCOMPILING": "ON",
        "PYTHON_MODULE_EXTENSION": defines["FIB_PYTHON_EXT_SUFFIX"],
        "pybind11_DIR": defines["pybind11_DIR"]})
    assert {"-fwasm-exceptions", "-sSIDE_MODULE=2", "-sEXPORTED_FUNCTIONS=_PyInit__core",
            "-sWASM_BIGINT", "-O2"} <= ours
    assert theirs == ours
