"""The ecosystem's peers of the in-Pyodide benchmarks: python-flint's own wheel for Pyodide 314
(GMP and FLINT inside), hash-pinned in pyodide-benchmark-requirements.txt and kept in a cache
outside the clone. measure_pyodide.py (Node) and the benchmark harness's --browser (Chromium) both
take it from here; run as a script, it prints the wheels' paths, one per line.
"""

from pathlib import Path

import pinned_wheels
from pyodide_targets import TARGETS

HERE = Path(__file__).resolve().parent
TARGET = TARGETS["314"]
REQUIREMENTS = HERE / "pyodide-benchmark-requirements.txt"
WHEEL_CACHE = Path("/var/cache/py-cpp-fib/pyodide-benchmark/wheels")


def wheels() -> list[Path]:
    return pinned_wheels.download(REQUIREMENTS, WHEEL_CACHE, TARGET)


if __name__ == "__main__":
    print("\n".join(map(str, wheels())))
