import socket
import textwrap

import pytest

from fib_benchmarks.backend import running_app


def fake_repo(tmp_path, serve_script):
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "serve.sh").write_text(textwrap.dedent(serve_script))
    (tmp_path / "site" / "api").mkdir(parents=True)
    (tmp_path / "site" / "api" / "health").write_text("ok")
    return tmp_path


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_the_app_is_started_on_loopback_and_stopped_afterwards(tmp_path):
    # A stand-in for the web app: serves site/, where /api/health is a file.
    repo = fake_repo(tmp_path, """\
        set -euo pipefail
        exec python3 -m http.server "$PORT" --bind "$HOST" --directory "$(dirname "$0")/../site"
    """)
    with running_app(repo, None, tmp_path / "backend.log", timeout=30) as base:
        assert base.startswith("http://127.0.0.1:")
        port = int(base.rsplit(":", 1)[1])
        assert port_open(port)
    assert not port_open(port)


def test_an_app_that_exits_early_is_an_error_not_a_hang(tmp_path):
    repo = fake_repo(tmp_path, "exit 3\n")
    with pytest.raises(RuntimeError, match="exited with status 3"):
        with running_app(repo, None, tmp_path / "backend.log", timeout=30):
            pass


def test_without_serve_script_the_error_names_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="serve.sh does not exist"):
        with running_app(tmp_path, None, tmp_path / "backend.log", timeout=1):
            pass


def test_a_given_url_must_be_on_this_machine(tmp_path):
    with pytest.raises(ValueError, match="refusing"):
        with running_app(tmp_path, "http://10.1.2.3:8000", tmp_path / "backend.log", timeout=1):
            pass
