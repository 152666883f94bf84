"""Build-time brotli and gzip copies (webapp_backend.precompress), chosen per request by
Accept-Encoding, and the versioned URLs served for a year."""

import gzip
import os

import brotli

import pytest

from backend_support import write
from webapp_backend import precompress

JS = "text/javascript; charset=utf-8"
# Compressible, like Pyodide's JavaScript; the wheel is not (a zip of deflated members).
SCRIPT = "".join(f"export const value{i} = {i} * 2;\n" for i in range(2000))
WHEEL = "fib_python-0.1.0-py3-none-any.whl"


@pytest.fixture(scope="module")
def coded(tmp_path_factory, artifacts):
    root = tmp_path_factory.mktemp("coded")
    runtime = root / "pyodide"
    for name in ("pyodide.mjs", "pyodide-lock.json"):
        write(runtime / name, (artifacts / "pyodide" / name).read_bytes())
    write(runtime / "pyodide.asm.mjs", SCRIPT)
    write(runtime / "python_stdlib.zip", os.urandom(4096))
    precompress.precompress(runtime, root / "cache")
    return runtime


@pytest.fixture(scope="module")
def coded_server(server_factory, coded, artifacts):
    return server_factory(FIB_PYODIDE_DIR=str(coded), FIB_WHEELS_DIR=str(artifacts / "dist"))


def get(server, path, **headers):
    return server.request(path, headers={name.replace("_", "-"): value for name, value in headers.items()})


def test_precompress_keeps_only_copies_that_pay(coded):
    assert brotli.decompress((coded / "pyodide.asm.mjs.br").read_bytes()) == SCRIPT.encode()
    assert gzip.decompress((coded / "pyodide.asm.mjs.gz").read_bytes()) == SCRIPT.encode()
    assert not (coded / "python_stdlib.zip.br").exists()
    assert not (coded / "python_stdlib.zip.gz").exists()
    assert (coded / "pyodide.asm.mjs.br").stat().st_mtime_ns == (coded / "pyodide.asm.mjs").stat().st_mtime_ns


def test_precompress_reuses_its_cache_and_follows_changes(tmp_path):
    folder, cache = tmp_path / "served", tmp_path / "cache"
    write(folder / "a.js", SCRIPT)
    precompress.precompress(folder, cache)
    [cached_br] = cache.glob("*.br")
    write(cached_br, brotli.compress(b"from the cache"))
    precompress.precompress(folder, cache)
    assert brotli.decompress((folder / "a.js.br").read_bytes()) == b"from the cache"
    write(folder / "a.js", SCRIPT + "// changed\n")
    precompress.precompress(folder, cache)
    assert brotli.decompress((folder / "a.js.br").read_bytes()) == (SCRIPT + "// changed\n").encode()


@pytest.mark.parametrize("accept, coding", [
    ("gzip, deflate, br, zstd", "br"),
    ("gzip", "gzip"),
    ("br;q=0, gzip", "gzip"),
    ("br;q=0.5, gzip;q=0.8", "gzip"),
    ("*", "br"),
    ("identity", None),
    ("identity;q=1, br;q=0.5", None),
    ("*;q=0", None),
    ("br;q=zero, gzip;q=0", None),
])
def test_the_coding_follows_accept_encoding(coded_server, accept, coding):
    response = get(coded_server, "/pyodide/pyodide.asm.mjs", accept_encoding=accept)
    assert response.status == 200
    assert response.header("content-encoding") == coding
    assert response.header("vary") == "Accept-Encoding"
    assert response.header("content-type") == JS
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding]
    assert decode(response.body) == SCRIPT.encode()
    assert int(response.header("content-length")) == len(response.body)


def test_each_coding_has_its_own_etag_and_304(coded_server):
    path = "/pyodide/pyodide.asm.mjs"
    tags = {accept: get(coded_server, path, accept_encoding=accept).header("etag") for accept in ("br", "gzip", "identity")}
    assert len(set(tags.values())) == 3
    for accept, tag in tags.items():
        unchanged = get(coded_server, path, accept_encoding=accept, if_none_match=tag)
        assert unchanged.status == 304
        assert unchanged.header("vary") == "Accept-Encoding"
        assert unchanged.header("etag") == tag
    # The gzip body's tag does not validate the brotli body.
    assert get(coded_server, path, accept_encoding="br", if_none_match=tags["gzip"]).status == 200


def test_head_and_range_apply_to_the_chosen_coding(coded_server, coded):
    path = "/pyodide/pyodide.asm.mjs"
    br_body = (coded / "pyodide.asm.mjs.br").read_bytes()
    head = coded_server.request(path, method="HEAD", headers={"Accept-Encoding": "br"})
    assert head.status == 200 and head.body == b""
    assert head.header("content-length") == str(len(br_body))
    assert head.header("content-encoding") == "br"
    part = get(coded_server, path, accept_encoding="br", range="bytes=10-99")
    assert part.status == 206
    assert part.header("content-encoding") == "br"
    assert part.header("content-range") == f"bytes 10-99/{len(br_body)}"
    assert part.body == br_body[10:100]
    plain = get(coded_server, path, accept_encoding="identity", range="bytes=10-99")
    assert plain.status == 206 and plain.body == SCRIPT.encode()[10:100]
    assert plain.header("content-encoding") is None
    # A range of the brotli bytes is never taken for one of the plain bytes it was not.
    stale = get(coded_server, path, accept_encoding="identity", range="bytes=10-99",
                if_range=part.header("etag"))
    assert stale.status == 200 and stale.body == SCRIPT.encode()


def test_a_copy_older_than_its_source_is_not_sent(server_factory, tmp_path):
    folder = tmp_path / "pyodide"
    write(folder / "pyodide.asm.mjs", SCRIPT)
    precompress.precompress(folder, tmp_path / "cache")
    write(folder / "pyodide.asm.mjs", "// rebuilt, not yet compressed\n")
    server = server_factory(FIB_PYODIDE_DIR=str(folder))
    response = get(server, "/pyodide/pyodide.asm.mjs", accept_encoding="br, gzip")
    assert response.header("content-encoding") is None
    assert response.body == b"// rebuilt, not yet compressed\n"


@pytest.mark.parametrize("path", ["/pyodide/pyodide.asm.mjs.br", "/pyodide/pyodide.asm.mjs.gz"])
def test_coded_copies_have_no_url_of_their_own(coded_server, path):
    assert get(coded_server, path, accept_encoding="br").status == 404


def test_files_without_copies_do_not_vary(coded_server):
    response = get(coded_server, "/pyodide/python_stdlib.zip", accept_encoding="br, gzip")
    assert response.header("content-encoding") is None
    assert response.header("vary") is None


def test_index_names_versioned_urls_served_for_a_year(coded_server, coded, artifacts):
    index = get(coded_server, "/wheels/index.json").json()
    runtime = index["runtime"]
    assert runtime.startswith("/pyodide/") and runtime.count("/") == 3
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide-lock.json"):
        response = get(coded_server, runtime + name, accept_encoding="br")
        assert response.status == 200
        assert response.header("cache-control") == "public, max-age=31536000, immutable"
    assert len(index["urls"]) == 3
    for url in index["urls"]:
        response = get(coded_server, url)
        assert response.status == 200
        assert response.header("cache-control") == "public, max-age=31536000, immutable"
        assert response.body == (artifacts / "dist" / url.rsplit("/", 1)[1]).read_bytes()


def test_a_stale_version_is_404_never_other_content(coded_server, coded):
    runtime = get(coded_server, "/wheels/index.json").json()["runtime"]
    [wheel_url] = [url for url in get(coded_server, "/wheels/index.json").json()["urls"] if url.endswith(WHEEL)]
    assert get(coded_server, "/pyodide/0123456789abcdef0123456789abcdef/pyodide.mjs").status == 404
    assert get(coded_server, f"/wheels/0123456789abcdef0123456789abcdef/{WHEEL}").status == 404
    # Another file's version does not open this one.
    other = [url for url in get(coded_server, "/wheels/index.json").json()["urls"] if not url.endswith(WHEEL)][0]
    assert get(coded_server, other.rsplit("/", 1)[0] + "/" + WHEEL).status == 404
    assert get(coded_server, wheel_url + "/").status == 404
    assert get(coded_server, runtime + ".hidden").status == 404


def test_the_runtime_version_follows_any_of_its_files(server_factory, coded, tmp_path):
    folder = tmp_path / "pyodide"
    for source in coded.iterdir():
        write(folder / source.name, source.read_bytes())
    server = server_factory(FIB_PYODIDE_DIR=str(folder))
    before = get(server, "/wheels/index.json").json()["runtime"]
    write(folder / "python_stdlib.zip", os.urandom(4096))
    after = get(server, "/wheels/index.json").json()["runtime"]
    assert after != before
    assert get(server, before + "pyodide.mjs").status == 404
    assert get(server, after + "pyodide.mjs").status == 200


def test_the_wheel_index_is_revalidated_by_etag(coded_server):
    first = get(coded_server, "/wheels/index.json")
    assert first.header("cache-control") == "no-cache"
    again = get(coded_server, "/wheels/index.json", if_none_match=first.header("etag"))
    assert again.status == 304 and again.body == b""


def test_the_page_is_revalidated_by_etag(coded_server):
    first = get(coded_server, "/")
    assert first.header("cache-control") == "no-cache"
    again = get(coded_server, "/", if_none_match=first.header("etag"))
    assert again.status == 304
    assert again.header("cache-control") == "no-cache"
