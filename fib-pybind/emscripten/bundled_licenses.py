"""What a Pyodide wheel's module holds besides our code and pybind11, with the license texts each
comes with here, declared to fib-pybind's license provider (../licensing/wheel_licenses.py):

- GMP, linked statically: the texts in the Debian gmp source it was built from;
- Emscripten's libc++, whose header templates are instantiated inside the module (and whose
  internals the 2025_0 module's std::__hash_memory calls). Debian's emscripten package drops
  libc++'s LICENSE.TXT; its copyright file's paragraph for system/lib/libcxx/* states the license
  (Apache-2.0 with the LLVM exception, whose text it quotes), and Debian keeps the Apache-2.0
  text it refers to in /usr/share/common-licenses;
- Boost.Multiprecision, whose headers are compiled in: the BSL-1.0 text from the copyright file of
  the Debian package that installed them.
Runs inside the Debian testing root, where the Pyodide wheels are built.
"""

import json
from pathlib import Path

import debian_copyright
import debian_source

# The provider's input (see its docstring).
DECLARED = "FIB_PYBIND_BUNDLED_LICENSES"
# A file of each, whose Debian package's copyright file is read.
LIBCXX_HEADER = "/usr/share/emscripten/system/lib/libcxx/include/__config"
BOOST_HEADER = "/usr/include/boost/version.hpp"
APACHE_2_0 = Path("/usr/share/common-licenses/Apache-2.0")


def components(gmp_prefix: Path, work: Path) -> list[dict]:
    """The declarations; texts that exist only inside a copyright file are written to work."""
    texts = work / "third-party-licenses"
    libcxx = texts / "libcxx" / "copyright"
    libcxx.parent.mkdir(parents=True, exist_ok=True)
    libcxx.write_text(debian_copyright.files_paragraph(
        "system/lib/libcxx/*", debian_copyright.copyright_of(LIBCXX_HEADER)))
    boost = texts / "boost" / "LICENSE_1_0.txt"
    boost.parent.mkdir(parents=True, exist_ok=True)
    boost.write_text(debian_copyright.license_text(
        "BSL-1.0", debian_copyright.copyright_of(BOOST_HEADER)))
    return [
        # build_wasm_gmp.py unpacks the source next to the prefix it installs.
        debian_source.gmp_licenses(gmp_prefix.parent / "gmp"),
        {"name": "libcxx", "license": "Apache-2.0 WITH LLVM-exception",
         "files": [str(libcxx), str(APACHE_2_0)]},
        {"name": "boost", "license": "BSL-1.0", "files": [str(boost)]},
    ]


def environment(gmp_prefix: Path, work: Path) -> dict[str, str]:
    return {DECLARED: json.dumps(components(gmp_prefix, work))}
