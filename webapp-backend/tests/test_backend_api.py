"""/api/health and /api/fib/{n} against a real uvicorn process."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from backend_support import API_MAX_N, VECTORS


@pytest.fixture(scope="module")
def installed(server) -> dict:
    return server.request("/api/health").json()["implementations"]


@pytest.fixture(params=["python", "native"])
def impl(request, installed) -> str:
    # Both are installed in the test environment (the nox session webapp_tests): a missing one is a
    # broken build, never a reason to skip.
    if installed[request.param] is None:
        pytest.fail(f"{request.param} implementation not installed in this Python")
    return request.param


def test_health_reports_implementations_and_limit(server, installed):
    response = server.request("/api/health")
    assert response.status == 200
    assert response.header("content-type") == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["max_n"] == API_MAX_N
    assert set(body["implementations"]) == {"python", "native"}
    assert body["implementations"]["python"] == "0.1.0"


def test_default_limit_is_ten_million(server_factory):
    assert server_factory().request("/api/health").json()["max_n"] == 10_000_000


@pytest.mark.parametrize("vector", [v for v in VECTORS["fib"] if v["n"] in (0, 1, 2, 10, 92, 93, -1, -2, -93, -100)],
                         ids=lambda v: f"n={v['n']}")
def test_small_values_in_decimal(server, impl, vector):
    response = server.request(f"/api/fib/{vector['n']}?impl={impl}&format=dec")
    assert response.status == 200
    body = response.json()
    text = vector["value"]
    digits = text.lstrip("-")
    assert body == {
        "implementation": impl, "algorithm": "fib_str", "n": vector["n"], "runs": 1, "seconds": body["seconds"],
        "digits": len(digits), "negative": text.startswith("-"),
        "leading": digits[:20], "trailing": digits[-20:], "format": "dec", "value": text,
    }
    assert isinstance(body["seconds"], float) and body["seconds"] >= 0


@pytest.mark.parametrize("vector", VECTORS["fib_hex"], ids=lambda v: f"n={v['n']}")
def test_hex_values(server, impl, vector):
    if abs(vector["n"]) > API_MAX_N:
        pytest.skip("past this test server's limit")
    body = server.request(f"/api/fib/{vector['n']}?impl={impl}&format=hex").json()
    assert body["format"] == "hex"
    assert body["value"] == vector["value"]
    assert body["digits"] == len(vector["value"].lstrip("-"))


@pytest.mark.parametrize("vector", [v for v in VECTORS["fib_large"] if abs(v["n"]) <= API_MAX_N],
                         ids=lambda v: f"n={v['n']}")
def test_large_values_past_cpythons_digit_limit(server, impl, vector):
    body = server.request(f"/api/fib/{vector['n']}?impl={impl}").json()
    assert body["digits"] == vector["digits"]
    assert body["leading"] == vector["leading"]
    assert body["trailing"] == vector["trailing"]
    assert body["negative"] == (vector["sign"] < 0)
    assert len(body["value"].lstrip("-")) == vector["digits"]


def test_include_value_false_leaves_out_the_value(server, impl):
    body = server.request(f"/api/fib/100000?impl={impl}&include_value=false").json()
    assert body["value"] is None
    assert body["digits"] == 20899


def test_the_limit_itself_is_served(server):
    assert server.request(f"/api/fib/{API_MAX_N}?impl=python&include_value=false").status == 200
    assert server.request(f"/api/fib/-{API_MAX_N}?impl=python&include_value=false").status == 200


def test_native_is_the_default(server, installed):
    response = server.request("/api/fib/10")
    if installed["native"] is None:
        assert response.status == 503
    else:
        assert response.json()["implementation"] == "native"


@pytest.mark.parametrize("n", ["abc", "1.5", "1e3", "0x10", "%20", "12abc", "9" * 5000])
def test_non_integer_n_is_422(server, n):
    response = server.request(f"/api/fib/{n}?impl=python")
    assert response.status == 422
    if len(n) < 100:
        [error] = response.json()["detail"]
        assert error["loc"] == ["path", "n"]


@pytest.mark.parametrize("n", [API_MAX_N + 1, -API_MAX_N - 1, 10**30])
def test_n_past_the_limit_is_422_with_a_clear_message(server, n):
    response = server.request(f"/api/fib/{n}?impl=python")
    assert response.status == 422
    assert response.header("content-type") == "application/json"
    assert response.json() == {"detail": f"n={n} is past this server's limit: |n| <= {API_MAX_N}"}


@pytest.mark.parametrize("query, field, message", [
    ("impl=rust", "impl", "Input should be 'python' or 'native'"),
    ("impl=", "impl", "Input should be 'python' or 'native'"),
    ("format=oct", "format", "Input should be 'dec' or 'hex'"),
    ("include_value=maybe", "include_value", "Input should be a valid boolean"),
])
def test_unknown_query_values_are_422(server, query, field, message):
    response = server.request(f"/api/fib/10?impl=python&{query}")
    assert response.status == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", field]
    assert message in error["msg"]


def test_missing_implementation_is_503(degraded_server):
    response = degraded_server.request("/api/fib/10?impl=native")
    assert response.status == 503
    assert response.json() == {
        "detail": "The native implementation (fib_pybind) is not installed on this server"}
    health = degraded_server.request("/api/health").json()
    assert health["implementations"] == {"native": None, "python": "0.0.0"}


def test_out_of_memory_is_503(degraded_server):
    response = degraded_server.request("/api/fib/1000?impl=python")
    assert response.status == 503
    assert response.json() == {"detail": "Not enough memory on this server to compute F(1000)"}


def test_the_server_answers_while_a_computation_runs(degraded_server):
    # The stand-in fib_python holds F(7) until released: other requests must not wait for it.
    # F(1000) is cheap too, so it uses the cheap lane's second process.
    started = degraded_server.hold_dir / "started"
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(degraded_server.request, "/api/fib/7?impl=python")
        deadline = time.monotonic() + 30
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert started.exists(), "the computation never started"
        assert degraded_server.request("/api/health").status == 200
        assert degraded_server.request("/api/fib/1000?impl=python").status == 503
        assert not pending.done()
        (degraded_server.hold_dir / "release").touch()
        response = pending.result(timeout=60)
    assert response.status == 200
    assert response.json()["value"] == "13"


@pytest.mark.parametrize("path, status", [
    ("/api/fib/", 404), ("/api/fib", 404), ("/api/nothing", 404), ("/api", 404),
])
def test_unknown_api_paths_are_404(server, path, status):
    response = server.request(path)
    assert response.status == status
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("n", ["5.0", "+5", "1_000", "05", "%205", "5%20", "-0", "--5", "0x5", "%D9%A3", "1e3"])
def test_n_is_read_strictly(server, n):
    response = server.request(f"/api/fib/{n}?impl=python")
    assert response.status == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["path", "n"]
    assert error["msg"] == ("n must be written as an optional minus sign and decimal digits, "
                           "without leading zeros (for example 0, 42 or -7)")


@pytest.mark.parametrize("path", [
    "/api/fib/10", "/api/health", "/wheels/index.json", "/", "/static/main.js", "/pyodide/pyodide.mjs",
    "/wheels/fib_python-0.1.0-py3-none-any.whl", "/docs",
])
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_wrong_method_is_405(server, path, method):
    assert server.request(path, method=method).status == 405
