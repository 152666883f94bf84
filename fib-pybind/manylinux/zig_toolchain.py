"""The zig compiler of the `ziglang` package, set up the way zig-toolchain.cmake expects it.

Every step of the manylinux build (GMP, the wheels) compiles with this one zig, for one of the
CPUs below with the glibc floor written in zig-toolchain.cmake, with zig's own caches (its libc++
and glibc stubs, built on first use) kept under the project's cache directory.
"""

import os
import re
import subprocess
from pathlib import Path

from layout import CACHE, HERE

TOOLCHAIN_FILE = HERE / "zig-toolchain.cmake"
# The CPUs the manylinux wheels are built for (zig's and the wheel tags' names for them).
ARCHS = ("x86_64", "aarch64")


def binary() -> Path:
    import ziglang  # here: the tools that only need ARCHS (test_wheel.py) run without it

    return Path(ziglang.__file__).parent / "zig"


def target(arch: str) -> str:
    """The zig target (arch-os-abi.glibc) for arch, with the glibc named once, in the toolchain file."""
    if arch not in ARCHS:
        raise ValueError(f"no manylinux target for CPU {arch!r}: one of {', '.join(ARCHS)}")
    match = re.search(r"^set\(FIB_ZIG_GLIBC (\S+)\)$", TOOLCHAIN_FILE.read_text(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"{TOOLCHAIN_FILE} does not set FIB_ZIG_GLIBC")
    return f"{arch}-linux-gnu.{match.group(1)}"


def version() -> str:
    return subprocess.run(
        [binary(), "version"], check=True, capture_output=True, text=True
    ).stdout.strip()


def environment(arch: str) -> dict[str, str]:
    """os.environ plus what the toolchain file reads (ZIG, FIB_ZIG_ARCH) and zig's cache directories."""
    target(arch)  # refuses a CPU without a target
    zig_cache = str(CACHE / "zig-cache")
    return {
        **os.environ,
        "ZIG": str(binary()),
        "FIB_ZIG_ARCH": arch,
        "ZIG_GLOBAL_CACHE_DIR": zig_cache,
        "ZIG_LOCAL_CACHE_DIR": zig_cache,
    }
