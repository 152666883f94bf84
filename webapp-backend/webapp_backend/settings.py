"""Server settings, read from the environment once per process (current()): by `python -m
webapp_backend` before any server process starts (a bad value stops it there), then by each
server process it starts, when there are several.

An unset, empty or blank variable means its default, so `FIB_X=` never means "the working
directory" or "nothing".
"""

import os
import resource
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from webapp_worker.contract import WEB_MAX_N, library_limit, load_implementations

# webapp-backend/webapp_backend/settings.py -> the repository root (installed editable).
_REPO = Path(__file__).resolve().parents[2]
# Host names always allowed: this machine by name and loopback address.
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_WILDCARD_HOSTS = ("", "0.0.0.0", "::")
# File descriptors kept free of connections: logs, the fork server, and per compute process
# its pipe and its exit sentinel (two process lanes).
_FIXED_FDS = 64
_FDS_PER_LANE_WORKER = 4
# A connection holds its socket and, while it is sent, one served file.
_FDS_PER_CONNECTION = 2
# Connections per server process unless FIB_MAX_CONNECTIONS says otherwise (and the open-file
# limit allows): each may hold about 0.5 MiB of kernel send buffer (connections.py), so the
# default bounds that to about 0.5 GiB, whatever `ulimit -n` is.
DEFAULT_MAX_CONNECTIONS = 1024
# A day: the longest any time setting may be.
_MAX_SECONDS = 86_400


class SettingsError(ValueError):
    """An environment variable holds a value the server cannot use."""


@dataclass(frozen=True)
class ConnectionSettings:
    """What one server process allows each client connection (see connections.py)."""

    # Connections held at once; past it the one idle longest is closed.
    max_connections: int
    # Seconds an idle connection has to deliver a complete request head.
    header_timeout_seconds: float
    # Seconds sent data may stay unacknowledged (a client that stopped reading) before the
    # connection is dropped and its buffers freed.
    send_timeout_seconds: float

    @classmethod
    def from_env(cls, lane_workers: int) -> "ConnectionSettings":
        soft_fd_limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        most = (soft_fd_limit - _FIXED_FDS - _FDS_PER_LANE_WORKER * lane_workers) // _FDS_PER_CONNECTION
        if most < 1:
            raise SettingsError(f"the open-file limit ({soft_fd_limit}, ulimit -n) leaves no room for "
                                f"connections next to FIB_API_WORKERS={lane_workers}")
        return cls(
            max_connections=_int_env("FIB_MAX_CONNECTIONS", min(most, DEFAULT_MAX_CONNECTIONS), 1, most,
                                     hint=f" (the open-file limit, ulimit -n, is {soft_fd_limit})"),
            header_timeout_seconds=_seconds_env("FIB_HEADER_TIMEOUT", 10),
            send_timeout_seconds=_seconds_env("FIB_SEND_TIMEOUT", 30),
        )


@dataclass(frozen=True)
class Settings:
    max_n: int
    pyodide_dir: Path
    wheels_dir: Path
    # Workers (processes, or threads for cheap native jobs) per lane of compute_pool.
    lane_workers: int
    # Requests that may wait for a lane's processes; one more is refused with 503.
    lane_queue: int
    # Seconds a request may take, waiting included, before it is answered 503 and its work stopped.
    time_limit_seconds: float
    # Host header values answered; any other gets 400 (no redirect ever names it).
    allowed_hosts: tuple[str, ...]
    connections: ConnectionSettings

    @classmethod
    def from_env(cls, installed: Mapping[str, ModuleType]) -> "Settings":
        lane_workers = _int_env("FIB_API_WORKERS", os.cpu_count() or 1, 1, 64)
        return cls(
            max_n=_int_env("FIB_API_MAX_N", WEB_MAX_N, 1, library_limit(installed, "MAX_N", WEB_MAX_N)),
            pyodide_dir=_served_dir_env("FIB_PYODIDE_DIR", _REPO / "build" / "pyodide"),
            wheels_dir=_served_dir_env("FIB_WHEELS_DIR", _REPO / "dist"),
            lane_workers=lane_workers,
            lane_queue=_int_env("FIB_API_QUEUE", 16, 0, 10_000),
            time_limit_seconds=_seconds_env("FIB_API_TIME_LIMIT", 60),
            allowed_hosts=_allowed_hosts(),
            connections=ConnectionSettings.from_env(lane_workers),
        )


@cache
def current() -> Settings:
    """This process's settings, read once (raises SettingsError for a bad value)."""
    return Settings.from_env(load_implementations())


def _text_env(name: str) -> str | None:
    """The variable's value stripped, or None when it is unset, empty or blank."""
    return os.environ.get(name, "").strip() or None


def _allowed_hosts() -> tuple[str, ...]:
    """FIB_ALLOWED_HOSTS (comma-separated; "*." prefixes allowed), else this machine's loopback
    names plus HOST, the address the server is told to listen on (the nox session serve)."""
    listed = _text_env("FIB_ALLOWED_HOSTS")
    if listed is not None:
        names = tuple(name.strip().lower() for name in listed.split(",") if name.strip())
        if not names:
            raise SettingsError(f"FIB_ALLOWED_HOSTS={listed!r} names no host: every request would be refused")
        return names
    host = os.environ.get("HOST", "").strip().lower()
    if host in _WILDCARD_HOSTS:
        return _LOCAL_HOSTS
    return tuple(dict.fromkeys([*_LOCAL_HOSTS, f"[{host}]" if ":" in host else host]))


def _served_dir_env(name: str, default: Path) -> Path:
    """A folder served as it is: never the working directory or one that holds it (the
    source tree a server is usually started from)."""
    text = _text_env(name)
    if text is None:
        return default
    folder = Path(text).resolve()
    if Path.cwd().resolve().is_relative_to(folder):
        raise SettingsError(f"{name}={text!r} would serve the working directory {Path.cwd()}")
    return folder


def _int_env(name: str, default: int, low: int, high: int, hint: str = "") -> int:
    text = _text_env(name)
    if text is None:
        return default
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise SettingsError(f"{name}={text!r} is not a whole number") from None
    if not low <= value <= high:
        raise SettingsError(f"{name}={value} is outside {low}..{high}{hint}")
    return value


def _seconds_env(name: str, default: float) -> float:
    text = _text_env(name)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        raise SettingsError(f"{name}={text!r} is not a number of seconds") from None
    if not 0 < value <= _MAX_SECONDS:
        raise SettingsError(f"{name}={text}: the seconds must be more than 0 and at most {_MAX_SECONDS:,}")
    return value
