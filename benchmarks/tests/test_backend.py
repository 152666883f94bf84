import socket
import sys

import pytest

from fib_benchmarks import backend
from fib_benchmarks.backend import running_app


def stand_in_app(monkeypatch, tmp_path, command):
    """The app's command replaced by `command(port)`, run in tmp_path, where site/api/health is a file."""
    (tmp_path / "site" / "api").mkdir(parents=True)
    (tmp_path / "site" / "api" / "health").write_text("ok")
    monkeypatch.setattr(backend, "app_command", command)
    return tmp_path


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_the_app_is_started_on_loopback_and_stopped_afterwards(tmp_path, monkeypatch):
    # A stand-in for the web app: serves site/, where /api/health is a file.
    repo = stand_in_app(monkeypatch, tmp_path, lambda port: [
        sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", "site"])
    with running_app(repo, None, tmp_path / "backend.log", timeout=30) as base:
        assert base.startswith("http://127.0.0.1:")
        port = int(base.rsplit(":", 1)[1])
        assert port_open(port)
    assert not port_open(port)


def test_an_app_that_exits_early_is_an_error_not_a_hang(tmp_path, monkeypatch):
    repo = stand_in_app(monkeypatch, tmp_path, lambda port: [sys.executable, "-c", "raise SystemExit(3)"])
    with pytest.raises(RuntimeError, match="exited with status 3"):
        with running_app(repo, None, tmp_path / "backend.log", timeout=30):
            pass


def test_without_the_web_app_installed_the_error_names_it(tmp_path, monkeypatch):
    monkeypatch.setattr(backend, "find_spec", lambda name: None)
    with pytest.raises(ModuleNotFoundError, match="webapp_backend is not installed"):
        with running_app(tmp_path, None, tmp_path / "backend.log", timeout=1):
            pass


def test_a_given_url_must_be_on_this_machine(tmp_path):
    with pytest.raises(ValueError, match="refusing"):
        with running_app(tmp_path, "http://10.1.2.3:8000", tmp_path / "backend.log", timeout=1):
            pass
