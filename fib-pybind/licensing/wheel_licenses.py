"""fib_pybind's License-Expression and License-File entries: a scikit-build-core dynamic-metadata
provider ([[tool.dynamic-metadata]] in pyproject.toml).

The sdist holds only our code: MIT, LICENSE. A wheel's module holds more, and the wheel carries
the license texts of all of it:
- pybind11, compiled into every build: its texts and expression from the pybind11 distribution
  the build compiles with (a build requirement, so installed next to the backend);
- what this build links or compiles in besides (GMP, a C++ runtime, Boost), which only the build
  knows: it declares them in the environment variable FIB_PYBIND_BUNDLED_LICENSES, a JSON list of
  {"name": folder name, "license": SPDX expression, "files": [paths of its license texts]}
  (manylinux/build_wheel.py and emscripten/build_pyodide_wheel.py do). A build that declares
  nothing, pip's from the sdist, carries ours and pybind11's.
A License-File names a path inside the project, so the texts are written to third-party/<name>/
first (scikit-build-core then puts them under .dist-info/licenses/ at the same paths).

As a wheel's two fields differ from the sdist's, the sdist marks them Dynamic (core metadata 2.2).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
from pathlib import Path

OWN_LICENSE = "MIT"
OWN_TEXT = "LICENSE"
DECLARED = "FIB_PYBIND_BUNDLED_LICENSES"
# Relative: scikit-build-core runs the provider in the project folder.
STAGING = Path("third-party")


def pybind11() -> dict:
    distribution = importlib.metadata.distribution("pybind11")
    expression = distribution.metadata["License-Expression"]
    names = distribution.metadata.get_all("License-File") or []
    if not expression or not names:
        raise RuntimeError(
            f"pybind11 {distribution.version} has no PEP 639 license metadata (need >= 3.0)"
        )
    # PEP 639 keeps each License-File under the dist-info's licenses/ (read through the
    # distribution: Debian's packages have no RECORD that would name the path).
    texts = {Path(name).name: distribution.read_text(f"licenses/{name}") for name in names}
    return {"name": "pybind11", "license": expression, "texts": texts}


def texts_of(files: list[str]) -> dict[str, str]:
    texts = {Path(file).name: Path(file).read_text(encoding="utf-8") for file in files}
    if len(texts) != len(files):
        raise ValueError(f"license texts of the same name: {files}")
    return texts


def declared() -> list[dict]:
    return [
        {"name": part["name"], "license": part["license"], "texts": texts_of(part["files"])}
        for part in json.loads(os.environ.get(DECLARED, "[]"))
    ]


def stage(components: list[dict]) -> list[str]:
    """Writes each component's texts to third-party/<name>/; returns their paths there."""
    # Afresh: texts of an earlier build's components must not reach this wheel.
    shutil.rmtree(STAGING, ignore_errors=True)
    staged = []
    for component in components:
        folder = STAGING / component["name"]
        folder.mkdir(parents=True)
        for name, text in component["texts"].items():
            if text is None:
                raise FileNotFoundError(f"{component['name']}: no license text {name}")
            (folder / name).write_text(text, encoding="utf-8")
            staged.append((folder / name).as_posix())
    return staged


def expression(licenses: list[str]) -> str:
    """The licenses joined with AND, each once, an OR choice in parentheses."""
    unique = list(dict.fromkeys(licenses))
    return " AND ".join(f"({term})" if " OR " in term else term for term in unique)


class Provider:
    def __init__(self) -> None:
        self.state = ""

    def build_state(self, state: str) -> None:
        self.state = state

    def dynamic_wheel(self, settings: dict) -> dict[str, bool]:
        return {"license": True, "license-files": True}

    def dynamic_metadata(self, settings: dict, project: dict) -> dict:
        if self.state == "sdist":
            return {"license": OWN_LICENSE, "license-files": [OWN_TEXT]}
        components = [pybind11(), *declared()]
        return {
            "license": expression([OWN_LICENSE, *(part["license"] for part in components)]),
            "license-files": [OWN_TEXT, *stage(components)],
        }
