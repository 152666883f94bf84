"""Bad settings stop the server at start with a message naming the variable."""

import os
import subprocess

import pytest

from backend_support import free_port, uvicorn_command


@pytest.mark.parametrize("name, value, message", [
    ("FIB_API_MAX_N", "lots", "FIB_API_MAX_N='lots' is not a whole number"),
    ("FIB_API_MAX_N", "0", "FIB_API_MAX_N=0 is outside 1..1000000000"),
    # The packages' own MAX_N bounds it.
    ("FIB_API_MAX_N", "2000000000", "FIB_API_MAX_N=2000000000 is outside 1..1000000000"),
    ("FIB_API_WORKERS", "0", "FIB_API_WORKERS=0 is outside 1..64"),
    ("FIB_API_QUEUE", "-1", "FIB_API_QUEUE=-1 is outside 0..10000"),
    ("FIB_API_TIME_LIMIT", "1.5", "FIB_API_TIME_LIMIT='1.5' is not a whole number"),
])
def test_a_bad_setting_stops_the_server(name, value, message):
    result = subprocess.run(uvicorn_command(free_port()), env={**os.environ, name: value},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert message in result.stderr


def test_max_n_accepts_underscores(server_factory):
    assert server_factory(FIB_API_MAX_N="1_000").request("/api/health").json()["max_n"] == 1000
