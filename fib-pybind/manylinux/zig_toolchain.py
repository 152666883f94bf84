"""The zig compiler of the `ziglang` package, set up the way zig-toolchain.cmake expects it.

Every step of the manylinux build (GMP, the wheels) compiles with this one zig, for the one
target written in zig-toolchain.cmake, with zig's own caches (its libc++ and glibc stubs, built
on first use) kept under the project's cache directory.
"""

import os
import re
import subprocess
from pathlib import Path

import ziglang
from layout import CACHE, HERE

TOOLCHAIN_FILE = HERE / "zig-toolchain.cmake"


def binary() -> Path:
    return Path(ziglang.__file__).parent / "zig"


def target() -> str:
    """The zig target (arch-os-abi.glibc) named once, in the CMake toolchain file."""
    match = re.search(r"^set\(FIB_ZIG_TARGET (\S+)\)$", TOOLCHAIN_FILE.read_text(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"{TOOLCHAIN_FILE} does not set FIB_ZIG_TARGET")
    return match.group(1)


def version() -> str:
    return subprocess.run(
        [binary(), "version"], check=True, capture_output=True, text=True
    ).stdout.strip()


def environment() -> dict[str, str]:
    """os.environ plus ZIG for the toolchain file and zig's cache directories."""
    zig_cache = str(CACHE / "zig-cache")
    return {
        **os.environ,
        "ZIG": str(binary()),
        "ZIG_GLOBAL_CACHE_DIR": zig_cache,
        "ZIG_LOCAL_CACHE_DIR": zig_cache,
    }
