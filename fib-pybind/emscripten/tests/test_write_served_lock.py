"""write_served_lock: Pyodide's lock file, naming only the served wheels, with their hashes."""

import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import write_served_lock  # noqa: E402

MICROPIP = "micropip-0.11.1-py3-none-any.whl"
LOCK = {"info": {"abi_version": "2026_0", "python": "3.14.2"}, "tool": {},
        "packages": {"micropip": {"name": "micropip", "file_name": MICROPIP, "depends": [], "sha256": "pyodide's"},
                     "numpy": {"name": "numpy", "file_name": "numpy-2.3.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl",
                               "depends": [], "sha256": "unserved"}}}


def write(tmp_path, wheel_name):
    npm_lock, out = tmp_path / "npm-lock.json", tmp_path / "pyodide-lock.json"
    npm_lock.write_text(json.dumps(LOCK))
    wheel = tmp_path / wheel_name
    wheel.write_bytes(b"wheel bytes")
    write_served_lock.write(npm_lock, out, [wheel])
    return json.loads(out.read_text())


def test_names_only_the_served_wheels_with_their_hashes(tmp_path):
    served = write(tmp_path, MICROPIP)
    assert served["info"] == LOCK["info"]
    assert served["packages"] == {
        "micropip": {**LOCK["packages"]["micropip"], "sha256": hashlib.sha256(b"wheel bytes").hexdigest()}}


def test_refuses_a_wheel_the_lock_does_not_name(tmp_path):
    with pytest.raises(SystemExit, match="micropip-0.10.0-py3-none-any.whl is not a file that Pyodide's lock"):
        write(tmp_path, "micropip-0.10.0-py3-none-any.whl")


def test_an_unchanged_lock_is_not_rewritten(tmp_path):
    write(tmp_path, MICROPIP)
    out = tmp_path / "pyodide-lock.json"
    before = out.stat().st_mtime_ns
    write(tmp_path, MICROPIP)
    assert out.stat().st_mtime_ns == before
