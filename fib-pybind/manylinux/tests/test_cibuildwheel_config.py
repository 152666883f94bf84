"""The GitHub wheel workflow (cibuildwheel, configured in fib-pybind/pyproject.toml) builds the
same matrix as the nox session manylinux_wheels, read from cibuildwheel's own view of the
configuration; running it needs GitHub's runners and the manylinux image, which this test does
not."""

import os
import subprocess
import sys
from pathlib import Path

import cibuildwheel
from cibuildwheel.options import CommandLineArguments, compute_options

PACKAGE = Path(__file__).resolve().parents[2]
REPO = PACKAGE.parent
DIST = Path(os.environ.get("FIB_DIST", REPO / "dist"))
# cibuildwheel copies the repository here in its container.
CONTAINER_REPO = Path("/project")
# noxfile.py's MANYLINUX_CPYTHONS.
SESSION_CPYTHONS = ["cp310", "cp311", "cp312", "cp313", "cp314"]


def cibuildwheel_options(identifier: str):
    arguments = CommandLineArguments.defaults()
    arguments.platform, arguments.archs, arguments.package_dir = "linux", "x86_64", PACKAGE
    return compute_options(platform="linux", command_line_arguments=arguments, env={}).build_options(identifier)


def test_the_workflow_builds_a_wheel_for_each_cpython_the_session_builds():
    listed = subprocess.run(
        [sys.executable, "-m", "cibuildwheel", "--print-build-identifiers", "--platform", "linux",
         "--archs", "x86_64", str(PACKAGE)],
        check=True, capture_output=True, text=True, cwd=REPO,
    ).stdout.split()
    assert all(identifier.endswith("-manylinux_x86_64") for identifier in listed)
    assert sorted(identifier.split("-")[0] for identifier in listed) == SESSION_CPYTHONS
    # Those of the five that this machine has (3.10 and 3.12 may be absent) were built.
    built = {wheel.name.split("-")[2] for wheel in DIST.glob("fib_pybind-*-manylinux*_x86_64.whl")}
    assert {"cp311", "cp313", "cp314"} <= built <= set(SESSION_CPYTHONS)


def test_the_workflow_targets_glibc_2_17_with_a_private_static_gmp():
    options = cibuildwheel_options("cp312-manylinux_x86_64")
    assert "manylinux2014_x86_64" in options.manylinux_images["x86_64"]
    assert "--plat manylinux_2_17_x86_64" in options.repair_command
    defines = dict(
        item.split("=", 1)
        for item in options.environment.as_dictionary({})["SKBUILD_CMAKE_DEFINE"].split(";")
    )
    assert defines["GMP_LIBRARY"].endswith("libgmp.a")
    script = defines["CMAKE_MODULE_LINKER_FLAGS"].removeprefix("-Wl,--version-script=")
    assert (REPO / Path(script).relative_to(CONTAINER_REPO)).is_file()
    before_all = options.before_all.replace("{project}", str(REPO)).split()
    assert (Path(before_all[-1])).is_file()


def test_the_workflow_runs_the_cibuildwheel_that_read_the_configuration_here():
    workflow = (REPO / ".github" / "workflows" / "wheels.yml").read_text()
    assert f"uses: pypa/cibuildwheel@v{cibuildwheel.__version__}\n" in workflow
