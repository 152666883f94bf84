"""Bad settings stop the server at start with a message naming the variable."""

import os
import subprocess

import pytest

from backend_support import free_port, uvicorn_command


@pytest.mark.parametrize("value, message", [
    ("lots", "FIB_API_MAX_N='lots' is not a whole number"),
    ("0", "FIB_API_MAX_N=0 is outside 1..1000000000"),
    ("2000000000", "FIB_API_MAX_N=2000000000 is outside 1..1000000000"),
])
def test_bad_max_n_stops_the_server(value, message):
    result = subprocess.run(uvicorn_command(free_port()), env={**os.environ, "FIB_API_MAX_N": value},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert message in result.stderr


def test_max_n_accepts_underscores(server_factory):
    assert server_factory(FIB_API_MAX_N="1_000").request("/api/health").json()["max_n"] == 1000
