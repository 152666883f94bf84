"""The built artifacts the page needs (Pyodide runtime, wheels), checked at startup and for
/wheels/index.json: a broken deployment is named clearly, never a 500."""

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from .content_tags import file_version, folder_version

# Installed in this order: the two implementations, then the worker that imports them.
WORKER_PACKAGES = ("fib_python", "fib_pybind", "webapp_worker")
RUNTIME_FILES = ("pyodide.mjs", "pyodide-lock.json")
log = logging.getLogger("uvicorn.error")


class DeploymentError(Exception):
    """An artifact is there but unusable; the message names it and what is wrong."""


@dataclass(frozen=True)
class WheelIndex:
    platform: str | None
    # The runtime's folder URL for loadPyodide's indexURL (versioned: cached for a year); None
    # when no runtime is built.
    runtime: str | None
    wheels: dict[str, str]
    # Versioned by each wheel's content: a rebuilt wheel keeps its name, not its URL.
    urls: list[str]


@dataclass(frozen=True)
class BrowserAbi:
    """What the served Pyodide's micropip installs, from its lock file's info."""
    python_tag: str  # cp314
    platforms: tuple[str, ...]  # the PEP 783 name first: pyemscripten_2026_0_wasm32

    def accepts(self, python_tag: str, platform: str) -> bool:
        return python_tag == self.python_tag and platform in self.platforms


LOCK_INFO_KEYS = ("abi_version", "arch", "platform", "python")


def browser_abi(pyodide_dir: Path) -> BrowserAbi | None:
    """The served Pyodide's ABI, read from its lock file; None when no runtime is built."""
    lock = pyodide_dir / "pyodide-lock.json"
    if not lock.exists():
        return None
    try:
        content = json.loads(lock.read_text())
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DeploymentError(f"{lock} is not readable JSON ({error})") from None
    info = content.get("info") if isinstance(content, dict) else None
    if not isinstance(info, dict) or not all(isinstance(info.get(key), str) for key in LOCK_INFO_KEYS):
        raise DeploymentError(f"{lock} is not a Pyodide lock file: it has no info."
                              + ", info.".join(LOCK_INFO_KEYS))
    major, minor = info["python"].split(".")[:2]
    # micropip accepts the ABI under its PEP 783 name and its older Pyodide name, and the
    # Emscripten version tag that wheels carried before ABIs had names.
    abi, arch = info["abi_version"], info["arch"]
    return BrowserAbi(f"cp{major}{minor}",
                      (f"pyemscripten_{abi}_{arch}", f"pyodide_{abi}_{arch}", f"{info['platform']}_{arch}"))


def worker_wheels(wheels_dir: Path, abi: BrowserAbi | None) -> dict[str, str]:
    """Package name -> wheel file name, for the wheels the served Pyodide can install.

    A package with several matching wheels gets the most recently built one.
    """
    chosen: dict[str, tuple[float, str]] = {}
    for wheel in sorted(wheels_dir.glob("*.whl")) if wheels_dir.is_dir() else []:
        # name-version(-build)?-python-abi-platform.whl
        fields = wheel.stem.split("-")
        if len(fields) not in (5, 6) or fields[0] not in WORKER_PACKAGES:
            continue
        if fields[-1] != "any" and not (abi and abi.accepts(fields[-3], fields[-1])):
            continue
        # A wheel /wheels/ cannot serve is left out, not the whole index: the page still
        # finds the others (a rebuild may bring the missing one back).
        if not wheel.is_file():
            log.warning("deployment: %s is not a readable file (a dangling symbolic link?): "
                        "/wheels/index.json leaves it out", wheel)
            continue
        # /wheels/ serves no symbolic link out of its folder (ArtifactFiles).
        if not wheel.resolve().is_relative_to(wheels_dir.resolve()):
            log.warning("deployment: %s links to %s, outside %s, which /wheels/ does not serve: "
                        "/wheels/index.json leaves it out", wheel, wheel.resolve(), wheels_dir)
            continue
        built = wheel.stat().st_mtime
        if fields[0] not in chosen or built > chosen[fields[0]][0]:
            chosen[fields[0]] = (built, wheel.name)
    return {name: chosen[name][1] for name in WORKER_PACKAGES if name in chosen}


def runtime_url(pyodide_dir: Path) -> str | None:
    if not all((pyodide_dir / name).is_file() for name in RUNTIME_FILES):
        return None
    return f"/pyodide/{folder_version(pyodide_dir)}/"


def wheel_index(pyodide_dir: Path, wheels_dir: Path) -> WheelIndex:
    """Reads every served file for its tag when it changed: call it off the event loop."""
    abi = browser_abi(pyodide_dir)
    wheels = worker_wheels(wheels_dir, abi)
    return WheelIndex(platform=abi.platforms[0] if abi else None, runtime=runtime_url(pyodide_dir),
                      wheels=wheels,
                      urls=[f"/wheels/{file_version(wheels_dir, name)}/{name}" for name in wheels.values()])


def problems(pyodide_dir: Path, wheels_dir: Path) -> list[str]:
    """What keeps the page from starting Python, as sentences for the startup log."""
    found = []
    missing = [name for name in RUNTIME_FILES if not (pyodide_dir / name).is_file()]
    if missing:
        found.append(f"the Pyodide runtime in {pyodide_dir} lacks {', '.join(missing)}: "
                     "the page cannot start Python until it is built")
    try:
        index = wheel_index(pyodide_dir, wheels_dir)
    except DeploymentError as error:
        return [*found, f"{error}: /wheels/index.json answers 503"]
    absent = [name for name in WORKER_PACKAGES if name not in index.wheels]
    if absent:
        found.append(f"{wheels_dir} has no wheel of {', '.join(absent)} for the served Pyodide "
                     f"({index.platform or 'no runtime'})")
    return found
