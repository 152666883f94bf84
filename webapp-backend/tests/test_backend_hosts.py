"""Only allowed Host names are answered, so no answer (a redirect above all) names another."""

import pytest

HOSTILE = "evil.example"


@pytest.mark.parametrize("path", ["/pyodide", "/docs", "/api/health", "/"])
def test_an_unknown_host_is_refused_without_a_redirect(server, path):
    response = server.request(path, headers={"Host": HOSTILE})
    assert response.status == 400
    assert response.header("location") is None
    assert HOSTILE.encode() not in response.body


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LOCALHOST"])
def test_this_machines_names_are_allowed_by_default(server, host):
    response = server.request("/pyodide", headers={"Host": f"{host}:{server.port}"})
    assert response.status == 307
    # An allowed name, compared without regard to case, is echoed as the client wrote it.
    assert response.header("location") == f"http://{host}:{server.port}/pyodide/"


def test_the_listening_host_is_allowed_by_default(server_factory):
    server = server_factory(HOST="192.0.2.7")
    assert server.request("/api/health", headers={"Host": "192.0.2.7"}).status == 200
    assert server.request("/api/health", headers={"Host": HOSTILE}).status == 400


def test_the_allow_list_replaces_the_default(server_factory):
    server = server_factory(FIB_ALLOWED_HOSTS="app.example, 127.0.0.1")
    response = server.request("/pyodide", headers={"Host": "app.example"})
    assert response.status == 307
    assert response.header("location") == "http://app.example/pyodide/"
    assert server.request("/api/health", headers={"Host": "localhost"}).status == 400
