"""Settings are checked by `python -m webapp_backend` before any server process starts: a bad
value stops it with a non-zero status and a message naming the variable, even when several
server processes were asked for; empty or blank values mean the default."""

import os
import subprocess

import pytest

from backend_support import free_port, uvicorn_command


@pytest.mark.parametrize("name, value, message", [
    ("FIB_API_MAX_N", "lots", "FIB_API_MAX_N='lots' is not a whole number"),
    ("FIB_API_MAX_N", "abc", "FIB_API_MAX_N='abc' is not a whole number"),
    ("FIB_API_MAX_N", "0", "FIB_API_MAX_N=0 is outside 1..1000000000"),
    # The packages' own MAX_N bounds it.
    ("FIB_API_MAX_N", "2000000000", "FIB_API_MAX_N=2000000000 is outside 1..1000000000"),
    ("FIB_API_WORKERS", "0", "FIB_API_WORKERS=0 is outside 1..64"),
    ("FIB_API_QUEUE", "-1", "FIB_API_QUEUE=-1 is outside 0..10000"),
    ("FIB_API_TIME_LIMIT", "0", "FIB_API_TIME_LIMIT=0: the seconds must be more than 0 and at most 86,400"),
    ("FIB_API_TIME_LIMIT", "soon", "FIB_API_TIME_LIMIT='soon' is not a number of seconds"),
    ("FIB_HEADER_TIMEOUT", "-1", "FIB_HEADER_TIMEOUT=-1: the seconds must be more than 0 and at most 86,400"),
    ("FIB_SEND_TIMEOUT", "nan", "FIB_SEND_TIMEOUT=nan: the seconds must be more than 0 and at most 86,400"),
    ("FIB_MAX_CONNECTIONS", "1000000", "FIB_MAX_CONNECTIONS=1000000 is outside 1.."),
    ("FIB_ALLOWED_HOSTS", ",", "FIB_ALLOWED_HOSTS=',' names no host: every request would be refused"),
    ("FIB_PYODIDE_DIR", ".", "FIB_PYODIDE_DIR='.' would serve the working directory"),
    ("FIB_WHEELS_DIR", "..", "FIB_WHEELS_DIR='..' would serve the working directory"),
])
def test_a_bad_setting_stops_the_server_before_its_processes_start(name, value, message):
    result = subprocess.run(uvicorn_command(free_port()), env={**os.environ, "WEB_CONCURRENCY": "2", name: value},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f"webapp_backend: {message}" in result.stderr
    assert "Started parent process" not in result.stderr


def test_max_n_accepts_underscores(server_factory):
    assert server_factory(FIB_API_MAX_N="1_000").request("/api/health").json()["max_n"] == 1000


def test_empty_and_blank_values_mean_the_defaults(server_factory):
    server = server_factory(FIB_PYODIDE_DIR="", FIB_WHEELS_DIR=" ", FIB_ALLOWED_HOSTS=" ", FIB_API_MAX_N="",
                            FIB_API_TIME_LIMIT=" ")
    assert server.request("/api/health").json()["max_n"] == 10_000_000
    # The repository's build/pyodide/, not the working directory (the repository, or
    # webapp-backend/ when pytest runs there).
    for path in ("/pyodide/Makefile", "/pyodide/noxfile.py", "/pyodide/pyproject.toml"):
        assert server.request(path).status == 404, path
