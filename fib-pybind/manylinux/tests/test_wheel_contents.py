"""What the manylinux wheels in dist/ contain, read from their ELF files: the extension module
exports PyInit__core and nothing else (its static GMP, libc++ and pybind11 stay private, so another
GMP in the same process, gmpy2's say, can neither replace ours nor be replaced by it) and links
only glibc's own libraries (no libgmp, no libstdc++ or libc++ to bundle)."""

import io
import os
import zipfile
from pathlib import Path

import pytest
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile

DIST = Path(os.environ.get("FIB_DIST", Path(__file__).resolve().parents[3] / "dist"))
WHEELS = sorted(DIST.glob("fib_pybind-*-manylinux*.whl"))
GLIBC_LIBRARIES = {
    "libc.so.6",
    "libm.so.6",
    "libpthread.so.0",
    "libdl.so.2",
    "ld-linux-x86-64.so.2",
}


def extension_modules(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith(".so"):
                yield name, ELFFile(io.BytesIO(archive.read(name)))


@pytest.fixture(params=WHEELS, ids=[wheel.name.split("-")[3] for wheel in WHEELS])
def module(request):
    (found,) = extension_modules(request.param)  # one extension module per wheel
    return found[1]


def test_dist_holds_manylinux_wheels():
    assert WHEELS, f"no fib_pybind manylinux wheels in {DIST}"


def test_only_the_module_init_function_is_exported(module):
    symbols = module.get_section_by_name(".dynsym").iter_symbols()
    defined = {
        symbol.name for symbol in symbols if symbol["st_shndx"] != "SHN_UNDEF" and symbol.name
    }
    assert defined == {"PyInit__core"}


def test_only_glibc_libraries_are_needed(module):
    (dynamic,) = [
        section for section in module.iter_sections() if isinstance(section, DynamicSection)
    ]
    needed = {tag.needed for tag in dynamic.iter_tags() if tag.entry.d_tag == "DT_NEEDED"}
    assert needed <= GLIBC_LIBRARIES
