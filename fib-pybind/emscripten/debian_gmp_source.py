"""Debian testing's gmp source package, for both GMP builds (the wasm32 one of build_wasm_gmp.py
and the manylinux one of ../manylinux/build_gmp.py): its name, and its files, downloaded once
into a cache outside the clone. Runs inside the Debian testing root of
build-support/debian-root.sh, whose apt knows testing's sources.

    debian_gmp_source.py dsc        prints the .dsc's name, e.g. gmp_6.3.0+dfsg-5.dsc (the version)
    debian_gmp_source.py download   downloads the package unless present, prints the .dsc's path
    debian_gmp_source.py licenses SOURCE
                                    prints, for a wheel that links the GMP built from the unpacked
                                    package in SOURCE, GMP's license and texts (as JSON, for
                                    fib-pybind/licensing/wheel_licenses.py)
"""

import json
import re
import subprocess
import sys
from pathlib import Path

DOWNLOADS = Path("/var/cache/py-cpp-fib/gmp-source")


def dsc() -> str:
    uris = subprocess.run(["apt-get", "source", "--print-uris", "gmp"],
                          check=True, capture_output=True, text=True).stdout
    names = re.findall(r"'\S+'\s+(\S+\.dsc)\s", uris)
    if not names:
        raise SystemExit("error: apt-get source knows no gmp; is there a deb-src line for testing?")
    return names[0]


def download() -> Path:
    path = DOWNLOADS / dsc()
    if not path.is_file():
        DOWNLOADS.mkdir(parents=True, exist_ok=True)
        # As root, into a folder apt's sandbox user cannot write to: apt would only warn.
        subprocess.run(["apt-get", "-o", "APT::Sandbox::User=root", "source", "--download-only", "gmp"],
                       cwd=DOWNLOADS, check=True, stdout=subprocess.DEVNULL)
    return path


def licenses(source: Path) -> dict:
    """GMP is LGPLv3+ or GPLv2+, at the user's choice (its README); the source holds the texts of
    both, and of the GPLv3, on which the LGPLv3 builds."""
    texts = ("COPYING.LESSERv3", "COPYINGv3", "COPYINGv2")
    return {"name": "gmp", "license": "LGPL-3.0-or-later OR GPL-2.0-or-later",
            "files": [str(source / text) for text in texts]}


def main(argv: list[str]) -> int:
    commands = {"dsc": dsc, "download": download}
    if len(argv) == 2 and argv[0] == "licenses":
        print(json.dumps(licenses(Path(argv[1]))))
    elif len(argv) == 1 and argv[0] in commands:
        print(commands[argv[0]]())
    else:
        raise SystemExit(f"usage: {Path(__file__).name} dsc | download | licenses SOURCE")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
