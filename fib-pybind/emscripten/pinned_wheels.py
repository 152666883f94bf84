"""Wheels for a Pyodide runtime from a requirements file of name==version --hash=... lines, checked
by pip against those hashes; offline when the destination folder already has them."""

import subprocess
import sys
from pathlib import Path

from pyodide_targets import Target


def download(requirements: Path, dest: Path, target: Target) -> list[Path]:
    """The pinned wheels, for target's CPython and platform (pure wheels match too)."""
    common = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
              "--no-deps", "--only-binary=:all:", "--implementation", "cp",
              "--python-version", target.python, "--platform", target.platform_tag, "--platform", "any",
              "--require-hashes", "-r", str(requirements), "-d", str(dest)]
    if subprocess.run([*common, "--no-index", "--find-links", str(dest)], capture_output=True).returncode:
        # pip's progress goes to stderr: stdout may be a caller's list of paths (benchmark_peers.py).
        subprocess.run(common, check=True, stdout=sys.stderr)
    wheels = []
    for line in requirements.read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split()[0].split("==")
            found = sorted(dest.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
            if not found:
                raise SystemExit(f"error: pip left no {name} {version} wheel in {dest}")
            wheels.append(found[-1])
    return wheels
