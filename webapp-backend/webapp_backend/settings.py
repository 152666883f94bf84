"""Server settings, read once from the environment (each server process reads the same)."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from webapp_worker.contract import WEB_MAX_N, library_limit

# webapp-backend/webapp_backend/settings.py -> the repository root (installed editable).
_REPO = Path(__file__).resolve().parents[2]
# Host names always allowed: this machine by name and loopback address.
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_WILDCARD_HOSTS = ("", "0.0.0.0", "::")


class SettingsError(ValueError):
    """An environment variable holds a value the server cannot use."""


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

    @classmethod
    def from_env(cls, installed: Mapping[str, ModuleType]) -> "Settings":
        return cls(
            max_n=_int_env("FIB_API_MAX_N", WEB_MAX_N, 1, library_limit(installed, "MAX_N", WEB_MAX_N)),
            pyodide_dir=Path(os.environ.get("FIB_PYODIDE_DIR", _REPO / "build" / "pyodide")),
            wheels_dir=Path(os.environ.get("FIB_WHEELS_DIR", _REPO / "dist")),
            lane_workers=_int_env("FIB_API_WORKERS", os.cpu_count() or 1, 1, 64),
            lane_queue=_int_env("FIB_API_QUEUE", 16, 0, 10_000),
            time_limit_seconds=_int_env("FIB_API_TIME_LIMIT", 60, 1, 86_400),
            allowed_hosts=_allowed_hosts(),
        )


def _allowed_hosts() -> tuple[str, ...]:
    """FIB_ALLOWED_HOSTS (comma-separated; "*." prefixes allowed), else this machine's loopback
    names plus HOST, the address the server is told to listen on (the nox session serve)."""
    listed = os.environ.get("FIB_ALLOWED_HOSTS")
    if listed:
        return tuple(name.strip().lower() for name in listed.split(",") if name.strip())
    host = os.environ.get("HOST", "").strip().lower()
    if host in _WILDCARD_HOSTS:
        return _LOCAL_HOSTS
    return tuple(dict.fromkeys([*_LOCAL_HOSTS, f"[{host}]" if ":" in host else host]))


def _int_env(name: str, default: int, low: int, high: int) -> int:
    text = os.environ.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise SettingsError(f"{name}={text!r} is not a whole number") from None
    if not low <= value <= high:
        raise SettingsError(f"{name}={value} is outside {low}..{high}")
    return value
