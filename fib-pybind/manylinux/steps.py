"""Logging for the manylinux build's command-line tools: one prefixed line per step, long
commands into log files with a progress line every 30 s, and the log's tail when one fails; and
the locks by which clones sharing /var/cache/py-cpp-fib take turns at a build or test folder."""

import fcntl
import subprocess
import sys
import time
from pathlib import Path


def log(tool: str, message: str) -> None:
    print(f"[{tool} {time.strftime('%H:%M:%S')}] {message}", flush=True)


# Open while held: a lock lasts as long as this process.
_held_locks = []


def hold_lock(tool: str, path: Path) -> None:
    """Takes an exclusive lock on path for the rest of this process, waiting while another holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log(tool, f"waiting for another process, which holds {path}")
        fcntl.flock(handle, fcntl.LOCK_EX)
    _held_locks.append(handle)


def run_logged(tool: str, label: str, log_file: Path, command: list, **popen_args) -> None:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log(tool, f"{label} (log: {log_file})")
    start = time.monotonic()
    with open(log_file, "w") as out:
        process = subprocess.Popen(
            [str(part) for part in command], stdout=out, stderr=subprocess.STDOUT, **popen_args
        )
        while True:
            try:
                returncode = process.wait(timeout=30)
                break
            except subprocess.TimeoutExpired:
                last = log_file.read_text(errors="replace").rstrip().rpartition("\n")[2]
                log(tool, f"  {label}, {time.monotonic() - start:.0f} s: {last[:100]}")
    if returncode != 0:
        sys.stderr.write("".join(log_file.read_text(errors="replace").splitlines(True)[-40:]))
        raise SystemExit(f"{tool}: {label} failed (exit {returncode}), see {log_file}")
    log(tool, f"{label} done in {time.monotonic() - start:.0f} s")
