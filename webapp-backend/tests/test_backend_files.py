"""The page, the Pyodide runtime and the wheels: what is served, how, and what is refused."""

import re

import pytest

from backend_support import BROWSER_PLATFORM, write

JS = "text/javascript; charset=utf-8"


@pytest.mark.parametrize("path, media_type", [
    ("/pyodide/pyodide.asm.wasm", "application/wasm"),
    ("/pyodide/pyodide.mjs", JS),
    ("/pyodide/pyodide.asm.mjs", JS),
    ("/pyodide/python_stdlib.zip", "application/zip"),
    ("/pyodide/pyodide-lock.json", "application/json"),
    ("/pyodide/sub/inner.js", JS),
])
def test_runtime_files_have_exact_types(server, artifacts, path, media_type):
    response = server.request(path)
    assert response.status == 200
    assert response.header("content-type") == media_type
    # This URL carries no version: after a rebuild it names new content.
    assert response.header("cache-control") == "no-cache"
    assert response.header("etag")
    assert response.body == (artifacts / path.removeprefix("/")).read_bytes()


def test_the_etag_follows_the_content_not_the_time_it_was_written(server_factory, artifacts, tmp_path):
    wheel = artifacts / "dist" / "fib_python-0.1.0-py3-none-any.whl"
    dist = tmp_path / "dist"
    copy = write(dist / wheel.name, wheel.read_bytes(), mtime=1_700_000_000)
    server = server_factory(FIB_WHEELS_DIR=str(dist))
    path = f"/wheels/{wheel.name}"
    etag = server.request(path).header("etag")
    write(copy, wheel.read_bytes(), mtime=1_800_000_000)  # rebuilt, the same bytes
    assert server.request(path, headers={"If-None-Match": etag}).status == 304
    write(copy, wheel.read_bytes() + b"changed", mtime=1_800_000_000)
    changed = server.request(path, headers={"If-None-Match": etag})
    assert changed.status == 200
    assert changed.header("etag") != etag


def test_etag_revalidation_answers_304(server):
    etag = server.request("/pyodide/pyodide.asm.wasm").header("etag")
    response = server.request("/pyodide/pyodide.asm.wasm", headers={"If-None-Match": etag})
    assert response.status == 304
    assert response.body == b""
    assert response.header("cache-control") == "no-cache"


def test_wheel_index_lists_what_the_served_pyodide_can_install(server, artifacts):
    response = server.request("/wheels/index.json")
    assert response.status == 200
    index = response.json()
    names = ["fib_python-0.1.0-py3-none-any.whl", f"fib_pybind-0.1.0-cp314-cp314-{BROWSER_PLATFORM}.whl",
             "webapp_worker-0.1.0-py3-none-any.whl"]
    assert index["platform"] == BROWSER_PLATFORM
    assert index["wheels"] == dict(zip(["fib_python", "fib_pybind", "webapp_worker"], names))
    assert [url.split("/")[1::2] for url in index["urls"]] == [["wheels", name] for name in names]
    assert re.fullmatch(r"/pyodide/[0-9a-f]{32}/", index["runtime"])
    for url in index["urls"]:
        assert re.fullmatch(r"/wheels/[0-9a-f]{32}/[^/]+", url)


@pytest.mark.parametrize("name", [
    "fib_python-0.1.0-py3-none-any.whl",
    f"fib_pybind-0.1.0-cp314-cp314-{BROWSER_PLATFORM}.whl",
    "fib_pybind-0.1.0-cp314-cp314-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
])
def test_wheels_are_served_with_revalidation(server, artifacts, name):
    response = server.request(f"/wheels/{name}")
    assert response.status == 200
    assert response.header("content-type") == "application/zip"
    assert response.header("cache-control") == "no-cache"
    assert response.header("etag")
    assert response.body == (artifacts / "dist" / name).read_bytes()


def test_only_wheels_are_served_from_dist(server):
    assert server.request("/wheels/notes.txt").status == 404


def test_page_and_assets(server):
    page = server.request("/")
    assert page.status == 200
    assert page.header("content-type") == "text/html; charset=utf-8"
    assert page.header("cache-control") == "no-cache"
    html = page.body.decode()
    for hook in ('data-testid="n-input"', 'data-testid="run-button"', 'data-testid="status"'):
        assert hook in html
    for asset, media_type in [("main.js", JS), ("fib-worker.js", JS), ("worker-messages.js", JS),
                              ("style.css", "text/css; charset=utf-8"),
                              ("favicon.svg", "image/svg+xml")]:
        response = server.request(f"/static/{asset}")
        assert response.status == 200, asset
        assert response.header("content-type") == media_type
        assert response.header("cache-control") == "no-cache"


def test_the_page_loads_nothing_from_other_hosts(server):
    for asset in ["/", "/static/main.js", "/static/fib-worker.js"]:
        text = server.request(asset).body.decode()
        assert "http://" not in text and "https://" not in text, asset


@pytest.mark.parametrize("path", [
    "/pyodide/../secret.txt",
    "/pyodide/sub/../../secret.txt",
    "/pyodide/%2e%2e/secret.txt",
    "/pyodide/%2E%2E%2Fsecret.txt",
    "/pyodide/..%2fsecret.txt",
    "/pyodide/sub/%2e%2e/%2e%2e/secret.txt",
    "/pyodide//../secret.txt",
    "/pyodide/link-out.txt",
    "/pyodide/loop.js",
    "/pyodide/pyodide.mjs/",
    "/pyodide/pyodide.mjs%2f",
    "/pyodide/sub/inner.js/",
    "/wheels/fib_python-0.1.0-py3-none-any.whl/",
    "/wheels/fib_python-0.1.0-py3-none-any.whl%2f",
    "/wheels/fib_python-0.1.0-py3-none-any.whl%2F",
    "/wheels/../secret.txt",
    "/wheels/%2e%2e/secret.txt",
    "/static/../app.py",
    "/static/%2e%2e/app.py",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
])
def test_path_traversal_is_refused(server, path):
    response = server.request(path)
    assert response.status in (400, 404)
    assert b"SECRET" not in response.body
    assert b"import" not in response.body


@pytest.mark.parametrize("path", [
    "/pyodide/pyodide.mjs/.",
    "/pyodide/x/../pyodide.mjs",
    "/pyodide/sub/../pyodide.mjs",
    "/pyodide/./pyodide.mjs",
    "/pyodide/%2e/pyodide.mjs",
    "/pyodide//pyodide.mjs",
    "/pyodide/sub//inner.js",
    "/wheels/x/../fib_python-0.1.0-py3-none-any.whl",
    "/static/./main.js",
])
def test_a_file_is_served_under_its_normal_path_only(server, path):
    # Each names, once normalized, a file served under its normal path (the tests above).
    assert server.request(path).status == 404


@pytest.mark.parametrize("path", [
    "/pyodide/.hidden", "/pyodide/.git/config", "/pyodide/%2egit/config", "/pyodide/sub/../.hidden",
    "/.git/config", "/.env", "/static/.htaccess",
])
def test_dotfiles_are_refused(server, path):
    assert server.request(path).status == 404


@pytest.mark.parametrize("path", ["/pyodide/", "/pyodide/sub", "/pyodide/sub/", "/wheels/", "/static/"])
def test_directories_are_not_listed(server, path):
    response = server.request(path)
    assert response.status == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("path", ["/pyodide", "/wheels", "/static"])
def test_folder_names_redirect_to_an_unlisted_folder(server, path):
    response = server.request(path)
    assert response.status == 307
    assert response.header("location") == f"{server.url}{path}/"


@pytest.mark.parametrize("path", [
    "/webapp_backend/app.py", "/app.py", "/webapp-backend/pyproject.toml", "/node_modules/",
    "/node_modules/pyodide/package.json", "/testdata/fibonacci.json", "/README.md", "/dist/",
])
def test_the_source_tree_is_not_served(server, path):
    assert server.request(path).status == 404


def test_unbuilt_artifacts_are_404_not_a_crash(degraded_server):
    assert degraded_server.request("/pyodide/pyodide.mjs").status == 404
    assert degraded_server.request("/wheels/fib_python-0.1.0-py3-none-any.whl").status == 404
    assert degraded_server.request("/wheels/index.json").json() == {"platform": None, "runtime": None, "wheels": {},
                                                                     "urls": []}
    assert degraded_server.request("/").status == 200


@pytest.mark.parametrize("path", [
    "/", "/static/main.js", "/pyodide/pyodide.mjs", "/wheels/index.json",
    "/wheels/fib_python-0.1.0-py3-none-any.whl", "/api/health", "/api/fib/x", "/nothing", "/docs",
])
def test_every_response_isolates_the_page(server, path):
    headers = server.request(path).headers
    assert headers["cross-origin-opener-policy"] == "same-origin"
    assert headers["cross-origin-embedder-policy"] == "require-corp"
    assert headers["cross-origin-resource-policy"] == "same-origin"
    assert headers["x-content-type-options"] == "nosniff"
