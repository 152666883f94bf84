"""Server settings, read once from the environment."""

import os
from dataclasses import dataclass
from pathlib import Path

# webapp-backend/webapp_backend/settings.py -> the repository root.
_REPO = Path(__file__).resolve().parents[2]

DEFAULT_MAX_N = 10_000_000
# The libraries refuse |n| above 10**9 (MAX_N in both packages).
LIBRARY_MAX_N = 1_000_000_000


class SettingsError(ValueError):
    """An environment variable holds a value the server cannot use."""


@dataclass(frozen=True)
class Settings:
    max_n: int
    pyodide_dir: Path
    wheels_dir: Path
    # How many API computations may run at once; more wait their turn.
    max_concurrent_computations: int

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            max_n=_int_env("FIB_API_MAX_N", DEFAULT_MAX_N, 1, LIBRARY_MAX_N),
            pyodide_dir=Path(os.environ.get("FIB_PYODIDE_DIR", _REPO / "build" / "pyodide")),
            wheels_dir=Path(os.environ.get("FIB_WHEELS_DIR", _REPO / "dist")),
            max_concurrent_computations=_int_env("FIB_API_CONCURRENCY", 2, 1, 64),
        )


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
