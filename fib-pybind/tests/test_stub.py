"""The .pyi stub matches the compiled module (mypy's stubtest imports both and compares)."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform == "emscripten", reason="Pyodide cannot start subprocesses (stubtest runs natively)"
)


def test_stub_matches_the_extension():
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "fib_pybind", "--ignore-missing-stub"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
