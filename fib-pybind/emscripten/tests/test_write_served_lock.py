"""write_served_lock puts the served wheels' hashes into Pyodide's lock file."""

import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import write_served_lock  # noqa: E402

LOCK = {"info": {"version": "0.25.1"},
        "packages": {"micropip": {"file_name": "micropip-0.5.0-py3-none-any.whl", "sha256": "old"}}}


def test_writes_the_served_files_hash(tmp_path):
    npm_lock, out = tmp_path / "npm-lock.json", tmp_path / "pyodide-lock.json"
    npm_lock.write_text(json.dumps(LOCK))
    wheel = tmp_path / "micropip-0.5.0-py3-none-any.whl"
    wheel.write_bytes(b"wheel bytes")
    assert write_served_lock.main([str(npm_lock), str(out), str(wheel)]) == 0
    entry = json.loads(out.read_text())["packages"]["micropip"]
    assert entry["sha256"] == hashlib.sha256(b"wheel bytes").hexdigest()


def test_refuses_a_wheel_the_lock_does_not_name(tmp_path):
    npm_lock = tmp_path / "npm-lock.json"
    npm_lock.write_text(json.dumps(LOCK))
    wheel = tmp_path / "micropip-0.6.0-py3-none-any.whl"
    wheel.write_bytes(b"other version")
    with pytest.raises(SystemExit, match="not a file that the Pyodide lock file names"):
        write_served_lock.main([str(npm_lock), str(tmp_path / "out.json"), str(wheel)])
