"""The licenses in what manylinux_wheel_tests and aarch64_wheel_tests find in dist/: every manylinux
wheel of fib_pybind for one CPU (FIB_WHEEL_ARCH: x86_64, the default, or aarch64), the pure wheels
of fib_python and webapp_worker, and fib_pybind's sdist, each read from the archive
(the Pyodide wheels are checked by test_in_pyodide.py, after their build). The checker's rules are
fib-pybind/licensing/check_licenses.py; the last tests show it notices a wheel that lacks a text
or claims another license."""

import os
import sys
import zipfile
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
DIST = Path(os.environ.get("FIB_DIST", PACKAGE.parent / "dist"))
ARCH = os.environ.get("FIB_WHEEL_ARCH", "x86_64")
sys.path.insert(0, str(PACKAGE / "licensing"))
import check_licenses  # noqa: E402

ARCHIVES = [
    *(("manylinux", wheel) for wheel in sorted(DIST.glob(f"fib_pybind-*-manylinux*_{ARCH}.whl"))),
    *(("pure", wheel) for wheel in sorted(DIST.glob("fib_python-*-py3-none-any.whl"))),
    *(("pure", wheel) for wheel in sorted(DIST.glob("webapp_worker-*-py3-none-any.whl"))),
    *(("sdist", sdist) for sdist in sorted(DIST.glob("fib_pybind-*.tar.gz"))),
]


def test_dist_holds_every_kind_of_archive():
    names = [archive.name for _, archive in ARCHIVES]
    assert any("manylinux" in name for name in names), f"no manylinux wheel in {DIST}"
    assert any(name.startswith("fib_python-") for name in names), f"no fib_python wheel in {DIST}"
    assert any(name.startswith("webapp_worker-") for name in names), f"no webapp_worker in {DIST}"
    assert any(name.endswith(".tar.gz") for name in names), f"no fib_pybind sdist in {DIST}"


@pytest.mark.parametrize("kind, archive", ARCHIVES, ids=[archive.name for _, archive in ARCHIVES])
def test_archive_carries_its_licenses(kind, archive):
    assert check_licenses.problems(kind, archive) == []


@pytest.fixture
def manylinux_wheel():
    wheels = [wheel for kind, wheel in ARCHIVES if kind == "manylinux"]
    if not wheels:
        pytest.fail(f"no manylinux wheel in {DIST}")
    return wheels[0]


def rewritten(wheel: Path, destination: Path, drop: str = "", replace: tuple = ("", "")) -> Path:
    """A copy of wheel without the member named drop, METADATA's text replace[0] made replace[1]."""
    copy = destination / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(copy, "w") as target:
        for member in source.namelist():
            if drop and member.endswith(drop):
                continue
            data = source.read(member)
            if member.endswith(".dist-info/METADATA"):
                data = data.replace(replace[0].encode(), replace[1].encode())
            target.writestr(member, data)
    return copy


def test_a_missing_text_is_reported(manylinux_wheel, tmp_path):
    doctored = rewritten(manylinux_wheel, tmp_path, drop="licenses/third-party/gmp/COPYINGv2")
    assert check_licenses.problems("manylinux", doctored) == [
        "License-File third-party/gmp/COPYINGv2 is not in the archive",
        "third-party/gmp: no text says 'GNU GENERAL PUBLIC LICENSE Version 2, June 1991'",
    ]


def test_a_wrong_expression_is_reported(manylinux_wheel, tmp_path):
    doctored = rewritten(manylinux_wheel, tmp_path, replace=(" AND BSL-1.0", ""))
    (problem,) = check_licenses.problems("manylinux", doctored)
    assert problem.startswith("License-Expression ")
