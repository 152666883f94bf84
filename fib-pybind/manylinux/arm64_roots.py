"""Makes the arm64 Debian roots the aarch64 wheels are built against and tested in, once, and
installs what their package lists add: one root per suite of interpreters.py's ARM64_SUITES,
by build-support/debian-root.sh (debootstrap, then the second stage and apt under qemu), kept in
/var/cache/py-cpp-fib and reused while it is there.

Usage: python arm64_roots.py
"""

import subprocess

import steps
from interpreters import ARM64_SUITES, DEBIAN_ROOT

TOOL = "arm64-roots"


def main() -> None:
    for suite in sorted(set(ARM64_SUITES.values())):
        versions = ", ".join(v for v, s in ARM64_SUITES.items() if s == suite)
        steps.log(TOOL, f"the Debian {suite} arm64 root (CPython {versions})")
        subprocess.run([DEBIAN_ROOT, "--suite", suite, "--arch", "arm64", "ensure"], check=True)


if __name__ == "__main__":
    main()
