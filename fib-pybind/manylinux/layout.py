"""Where the manylinux build's inputs and outputs are: this folder, the repository, and the cache
outside the clone (zig's caches, GMP, Boost's headers, build and test venvs, build trees)."""

from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CACHE = Path("/var/cache/py-cpp-fib/manylinux")
