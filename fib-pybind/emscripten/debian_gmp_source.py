"""Debian testing's gmp source package, for both GMP builds (the wasm32 one of build_wasm_gmp.py
and the manylinux one of ../manylinux/build_gmp.py): its name, and its files, downloaded once
into a cache outside the clone. Runs inside the Debian testing root of
build-support/debian-root.sh, whose apt knows testing's sources.

    debian_gmp_source.py dsc        prints the .dsc's name, e.g. gmp_6.3.0+dfsg-5.dsc (the version)
    debian_gmp_source.py download   downloads the package unless present, prints the .dsc's path
"""

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


def main(argv: list[str]) -> int:
    commands = {"dsc": dsc, "download": download}
    if len(argv) != 1 or argv[0] not in commands:
        raise SystemExit(f"usage: {Path(__file__).name} dsc | download")
    print(commands[argv[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
