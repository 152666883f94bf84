"""The committed vector file is exactly what its generator produces."""

import subprocess
import sys
from pathlib import Path

GENERATOR = Path(__file__).with_name("generate_vectors.py")


def test_vector_file_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
