"""Debian testing's source packages that our builds start from (gmp for both GMP builds, the
wasm32 one of build_wasm_gmp.py and the manylinux one of ../manylinux/build_gmp.py; mpfr4 and
flint for ../manylinux/build_flint.py): a package's .dsc name, and its files, downloaded once into
a cache outside the clone. Runs inside the Debian testing root of build-support/debian-root.sh,
whose apt knows testing's sources.

    debian_source.py PACKAGE dsc        prints the .dsc's name, e.g. gmp_6.3.0+dfsg-5.dsc (the version)
    debian_source.py PACKAGE download   downloads the package unless present, prints the .dsc's path
    debian_source.py PACKAGE orig       downloads only its upstream tarball unless present (checked
                                        against the archive's signed index), prints its path
    debian_source.py gmp licenses SOURCE
                                        prints, for a wheel that links the GMP built from the
                                        unpacked package in SOURCE, GMP's license and texts (as
                                        JSON, for fib-pybind/licensing/wheel_licenses.py)
"""

import json
import re
import subprocess
import sys
from pathlib import Path

CACHE = Path("/var/cache/py-cpp-fib")


def downloads(package: str) -> Path:
    return CACHE / f"{package}-source"


def source_files(package: str) -> list[tuple[str, str, str]]:
    """(URI, name, checksum) of each file of package's source, as apt-get source would fetch them."""
    uris = subprocess.run(["apt-get", "source", "--print-uris", package],
                          check=True, capture_output=True, text=True).stdout
    files = re.findall(r"^'(\S+)'\s+(\S+)\s+\d+\s+(\S+)$", uris, re.MULTILINE)
    if not files:
        raise SystemExit(f"error: apt-get source knows no {package}; is there a deb-src line for testing?")
    return files


def dsc(package: str) -> str:
    return next(name for _, name, _ in source_files(package) if name.endswith(".dsc"))


def download(package: str) -> Path:
    path = downloads(package) / dsc(package)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        # As root, into a folder apt's sandbox user cannot write to: apt would only warn.
        subprocess.run(["apt-get", "-o", "APT::Sandbox::User=root", "source", "--download-only", package],
                       cwd=path.parent, check=True, stdout=subprocess.DEVNULL)
    return path


def orig(package: str) -> Path:
    """The upstream tarball alone, for a package whose Debian patch series is empty, so that it
    unpacks to what dpkg-source would give: the archive this machine reaches answers 404 for
    some .dsc files (mpfr4_4.2.2-3.dsc), which apt-get source cannot do without."""
    uri, name, checksum = next(file for file in source_files(package) if ".orig.tar." in file[1])
    path = downloads(package) / name
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["/usr/lib/apt/apt-helper", "-o", "APT::Sandbox::User=root", "download-file",
                        uri, str(path), checksum],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def gmp_licenses(source: Path) -> dict:
    """GMP is LGPLv3+ or GPLv2+, at the user's choice (its README); the source holds the texts of
    both, and of the GPLv3, on which the LGPLv3 builds."""
    texts = ("COPYING.LESSERv3", "COPYINGv3", "COPYINGv2")
    return {"name": "gmp", "license": "LGPL-3.0-or-later OR GPL-2.0-or-later",
            "files": [str(source / text) for text in texts]}


def main(argv: list[str]) -> int:
    commands = {"dsc": dsc, "download": download, "orig": orig}
    if len(argv) == 3 and argv[:2] == ["gmp", "licenses"]:
        print(json.dumps(gmp_licenses(Path(argv[2]))))
    elif len(argv) == 2 and argv[1] in commands:
        print(commands[argv[1]](argv[0]))
    else:
        raise SystemExit(f"usage: {Path(__file__).name} PACKAGE dsc|download|orig | gmp licenses SOURCE")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
