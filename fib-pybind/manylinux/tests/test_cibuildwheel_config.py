"""The GitHub wheel workflow (cibuildwheel, configured in fib-pybind/pyproject.toml) builds the
same matrices as the nox sessions manylinux_wheels and aarch64_wheels, read from cibuildwheel's own
view of the configuration; running it needs GitHub's runners and the manylinux image, which this test does
not."""

import os
import subprocess
import sys
from pathlib import Path

import cibuildwheel
import pytest
from cibuildwheel.options import CommandLineArguments, compute_options

PACKAGE = Path(__file__).resolve().parents[2]
REPO = PACKAGE.parent
DIST = Path(os.environ.get("FIB_DIST", REPO / "dist"))
# cibuildwheel copies the repository here in its container.
CONTAINER_REPO = Path("/project")
# noxfile.py's MANYLINUX_CPYTHONS and AARCH64_CPYTHONS.
SESSION_CPYTHONS = {
    "x86_64": ["cp310", "cp311", "cp312", "cp313", "cp314"],
    "aarch64": ["cp311", "cp313", "cp314"],
}


def cibuildwheel_options(identifier: str, arch: str = "x86_64"):
    arguments = CommandLineArguments.defaults()
    arguments.platform, arguments.archs, arguments.package_dir = "linux", arch, PACKAGE
    return compute_options(platform="linux", command_line_arguments=arguments, env={}).build_options(identifier)


@pytest.mark.parametrize("arch", SESSION_CPYTHONS)
def test_the_workflow_builds_a_wheel_for_each_cpython_the_sessions_build(arch):
    listed = subprocess.run(
        [sys.executable, "-m", "cibuildwheel", "--print-build-identifiers", "--platform", "linux",
         "--archs", arch, str(PACKAGE)],
        check=True, capture_output=True, text=True, cwd=REPO,
    ).stdout.split()
    assert all(identifier.endswith(f"-manylinux_{arch}") for identifier in listed)
    assert sorted(identifier.split("-")[0] for identifier in listed) == SESSION_CPYTHONS[arch]


def test_the_x86_64_wheels_of_this_machine_were_built():
    # Those of the five that this machine has (3.10 and 3.12 may be absent) were built.
    built = {wheel.name.split("-")[2] for wheel in DIST.glob("fib_pybind-*-manylinux*_x86_64.whl")}
    assert {"cp311", "cp313", "cp314"} <= built <= set(SESSION_CPYTHONS["x86_64"])


@pytest.mark.parametrize("arch", SESSION_CPYTHONS)
def test_the_workflow_targets_glibc_2_17_with_a_private_static_gmp(arch):
    options = cibuildwheel_options(f"cp313-manylinux_{arch}", arch)
    assert f"manylinux2014_{arch}" in options.manylinux_images[arch]
    # The runner's CPU names the platform: each arch builds on a runner of its own.
    assert "--plat manylinux_2_17_$(uname -m)" in options.repair_command
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
