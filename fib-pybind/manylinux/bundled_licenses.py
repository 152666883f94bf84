"""What a manylinux wheel's module holds besides our code and pybind11, with the license texts each
comes with, declared to fib-pybind's license provider (../licensing/wheel_licenses.py):

- GMP, linked statically: the texts in the Debian gmp source it was built from (build_gmp.py);
- zig's C++ runtime, linked statically: libc++, libc++abi and libunwind, each with the LICENSE.TXT
  the ziglang package carries for it;
- zig's compiler_rt, which zig links into every module it makes (fib_mod's 128-bit remainder is
  its __umodti3): zig's own license, MIT;
- Boost.Multiprecision, whose headers are compiled in: the BSL-1.0 text from the copyright file of
  the host's Debian package that installed them (build_wheel.py compiles with a copy of them);
- FLINT and the MPFR it needs, linked statically into the second build of the module: LGPLv3+,
  the texts in their sources (build_flint.py).
"""

import json
import subprocess
import sys
from pathlib import Path

import zig_toolchain
from layout import REPO

# The provider's input (see its docstring).
DECLARED = "FIB_PYBIND_BUNDLED_LICENSES"
EMSCRIPTEN = REPO / "fib-pybind/emscripten"
BOOST_HEADER = "/usr/include/boost/version.hpp"
LLVM_RUNTIMES = ("libcxx", "libcxxabi", "libunwind")


def tool_output(script: str, *args: str) -> str:
    """The output of one of the Debian tools that the Pyodide build shares, run here."""
    return subprocess.run([sys.executable, str(EMSCRIPTEN / script), *args], check=True,
                          capture_output=True, text=True).stdout


def boost_text(boost: Path) -> Path:
    """Boost's license text next to its staged headers, as in a Boost release."""
    text = boost / "LICENSE_1_0.txt"
    text.write_text(tool_output("debian_copyright.py", "license", "BSL-1.0", BOOST_HEADER))
    return text


def lgpl3_source(name: str, source: Path) -> dict:
    """FLINT's or MPFR's: LGPLv3+ (every source file says so), the GPLv3 text beside it."""
    return {"name": name, "license": "LGPL-3.0-or-later",
            "files": [str(source / "COPYING.LESSER"), str(source / "COPYING")]}


def components(gmp_prefix: Path, boost: Path, flint_prefix: Path) -> list[dict]:
    zig = zig_toolchain.binary().parent
    return [
        # build_gmp.py unpacks the source next to the prefix it installs.
        json.loads(tool_output("debian_source.py", "gmp", "licenses", str(gmp_prefix.parent / "src"))),
        *({"name": runtime, "license": "Apache-2.0 WITH LLVM-exception",
           "files": [str(zig / "lib" / runtime / "LICENSE.TXT")]} for runtime in LLVM_RUNTIMES),
        {"name": "zig-compiler-rt", "license": "MIT", "files": [str(zig / "LICENSE")]},
        {"name": "boost", "license": "BSL-1.0", "files": [str(boost_text(boost))]},
        # build_flint.py unpacks both sources next to the prefix it installs.
        lgpl3_source("flint", flint_prefix.parent / "src/flint"),
        lgpl3_source("mpfr", flint_prefix.parent / "src/mpfr4"),
    ]
