"""What the manylinux wheels in dist/ of one CPU (FIB_WHEEL_ARCH: x86_64, the default, or
aarch64) contain, read from their ELF files: the extension modules (_core and _core_flint) are
code for that CPU, each exports its PyInit_ function and nothing else (their
static GMP and FLINT, libc++ and pybind11 stay private, so another GMP in the same process,
gmpy2's say, can neither replace ours nor be replaced by it) and links only glibc's own libraries
(no libgmp, no libstdc++ or libc++ to bundle); each wheel is tagged manylinux2014 (glibc 2.17) for
that CPU."""

import io
import os
import zipfile
from pathlib import Path

import pytest
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile

DIST = Path(os.environ.get("FIB_DIST", Path(__file__).resolve().parents[3] / "dist"))
ARCH = os.environ.get("FIB_WHEEL_ARCH", "x86_64")
WHEELS = sorted(DIST.glob(f"fib_pybind-*-manylinux*_{ARCH}.whl"))
# Per CPU: its ELF machine, glibc's dynamic loader, and the CPythons with a wheel on every machine
# (the x86_64 cp310 and cp312 only where the building machine has those CPythons).
ELF_MACHINE = {"x86_64": "EM_X86_64", "aarch64": "EM_AARCH64"}
LOADER = {"x86_64": "ld-linux-x86-64.so.2", "aarch64": "ld-linux-aarch64.so.1"}
CPYTHONS = {"x86_64": {"cp311", "cp313", "cp314"}, "aarch64": {"cp311", "cp313", "cp314"}}
GLIBC_LIBRARIES = {"libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2", LOADER[ARCH]}
# The builds of the extension module a wheel holds (build_wheel.py).
MODULES = {"_core", "_core_flint"}


def extension_modules(wheel: Path) -> dict[str, ELFFile]:
    """The wheel's extension modules by name (fib_pybind/_core.cpython-313-x86_64-linux-gnu.so: _core)."""
    with zipfile.ZipFile(wheel) as archive:
        return {Path(name).name.split(".")[0]: ELFFile(io.BytesIO(archive.read(name)))
                for name in archive.namelist() if name.endswith(".so")}


@pytest.fixture(params=WHEELS, ids=[wheel.name.split("-")[3] for wheel in WHEELS])
def wheel(request):
    return request.param


@pytest.fixture(params=sorted(MODULES))
def module(request, wheel):
    return request.param, extension_modules(wheel)[request.param]


def test_the_wheel_holds_both_builds_of_the_module(wheel):
    assert set(extension_modules(wheel)) == MODULES


def test_dist_holds_manylinux_wheels():
    tags = {wheel.name.split("-")[2] for wheel in WHEELS}
    assert CPYTHONS[ARCH] <= tags, f"fib_pybind {ARCH} manylinux wheels in {DIST}: {sorted(tags)}"


def test_the_module_is_code_for_the_wheels_cpu(module):
    assert module[1]["e_machine"] == ELF_MACHINE[ARCH]


def test_the_wheel_is_tagged_manylinux2014_for_its_cpu(wheel):
    platform = f"manylinux2014_{ARCH}.manylinux_2_17_{ARCH}"
    assert wheel.name.removesuffix(".whl").split("-")[-1] == platform
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [name for name in archive.namelist() if name.endswith(".dist-info/WHEEL")]
        tags = archive.read(metadata).decode()
    python, abi = wheel.name.split("-")[2:4]
    assert sorted(line.removeprefix("Tag: ") for line in tags.splitlines() if line.startswith("Tag: ")) == [
        f"{python}-{abi}-manylinux2014_{ARCH}",
        f"{python}-{abi}-manylinux_2_17_{ARCH}",
    ]


def test_only_the_module_init_function_is_exported(module):
    name, elf = module
    symbols = elf.get_section_by_name(".dynsym").iter_symbols()
    defined = {
        symbol.name for symbol in symbols if symbol["st_shndx"] != "SHN_UNDEF" and symbol.name
    }
    assert defined == {f"PyInit_{name}"}


def test_only_glibc_libraries_are_needed(module):
    (dynamic,) = [
        section for section in module[1].iter_sections() if isinstance(section, DynamicSection)
    ]
    needed = {tag.needed for tag in dynamic.iter_tags() if tag.entry.d_tag == "DT_NEEDED"}
    assert needed <= GLIBC_LIBRARIES
