"""A broken deployment is named at startup and answers a clear 503 for its route, never a 500
(a wheel that cannot be served is left out of the index, which still answers); the rest of the
server keeps working."""

import json
import shutil

import pytest

from backend_support import write

LOCK = "pyodide-lock.json"
NO_INFO = "is not a Pyodide lock file: it has no info.abi_version, info.arch, info.platform, info.python"


@pytest.fixture
def deployed(artifacts, tmp_path):
    """A copy of the known artifacts, to break."""
    pyodide, dist = tmp_path / "pyodide", tmp_path / "dist"
    shutil.copytree(artifacts / "pyodide", pyodide, symlinks=True)
    shutil.copytree(artifacts / "dist", dist)
    return pyodide, dist


def start(server_factory, pyodide, dist):
    return server_factory(FIB_PYODIDE_DIR=str(pyodide), FIB_WHEELS_DIR=str(dist))


@pytest.mark.parametrize("content, problem", [
    (json.dumps(["x"]), NO_INFO),
    (json.dumps({"info": None}), NO_INFO),
    (json.dumps({"info": {"abi_version": "2026_0", "arch": "wasm32", "platform": 3, "python": "3.14.2"}}),
     NO_INFO),
    ("{not json", "is not readable JSON"),
    (b"\xff\xfe", "is not readable JSON"),
])
def test_a_malformed_lock_file_is_named_at_startup_and_answers_503(server_factory, deployed, content, problem):
    pyodide, dist = deployed
    write(pyodide / LOCK, content)
    server = start(server_factory, pyodide, dist)
    response = server.request("/wheels/index.json")
    assert response.status == 503
    detail = response.json()["detail"]
    assert detail.startswith(f"{pyodide / LOCK} ")
    assert problem in detail
    log = server.log_path.read_text()
    assert f"deployment: {pyodide / LOCK}" in log
    assert "/wheels/index.json answers 503" in log
    assert server.request("/api/health").status == 200
    assert server.request("/pyodide/pyodide.mjs").status == 200


def test_a_dangling_wheel_link_is_named_and_left_out(server_factory, deployed):
    pyodide, dist = deployed
    wheel = dist / "webapp_worker-0.2.0-py3-none-any.whl"
    wheel.symlink_to(dist / "gone.whl")
    server = start(server_factory, pyodide, dist)
    response = server.request("/wheels/index.json")
    assert response.status == 200
    assert response.json()["wheels"]["webapp_worker"] == "webapp_worker-0.1.0-py3-none-any.whl"
    assert (f"deployment: {wheel} is not a readable file (a dangling symbolic link?): "
            "/wheels/index.json leaves it out") in server.log_path.read_text()
    assert server.request(f"/wheels/{wheel.name}").status == 404
    assert server.request("/wheels/fib_python-0.1.0-py3-none-any.whl").status == 200


def test_a_missing_runtime_and_wheels_are_named_at_startup(degraded_server):
    log = degraded_server.log_path.read_text()
    assert "lacks pyodide.mjs, pyodide-lock.json: the page cannot start Python until it is built" in log
    assert "has no wheel of fib_python, fib_pybind, webapp_worker for the served Pyodide (no runtime)" in log


def test_a_wheel_linked_from_outside_its_folder_is_named_and_left_out(server_factory, deployed, artifacts):
    pyodide, dist = deployed
    wheel = dist / "webapp_worker-0.2.0-py3-none-any.whl"
    wheel.symlink_to(artifacts / "dist" / "webapp_worker-0.1.0-py3-none-any.whl")
    server = start(server_factory, pyodide, dist)
    response = server.request("/wheels/index.json")
    assert response.status == 200
    index = response.json()
    assert index["wheels"]["webapp_worker"] == "webapp_worker-0.1.0-py3-none-any.whl"
    assert not any(wheel.name in url for url in index["urls"])
    assert (f"deployment: {wheel} links to {wheel.resolve()}, outside {dist}, which /wheels/ does not serve: "
            "/wheels/index.json leaves it out") in server.log_path.read_text()
    assert server.request(f"/wheels/{wheel.name}").status == 404
