"""CPU time of a web server's processes on this machine, found from its listening port (Linux /proc).

The server's processes are those holding the listening socket (uvicorn's supervisor and its
workers share it) and all their descendants (worker pools). A process that has ended counts
through its parent's "children" times once it has been reaped.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PROC = Path("/proc")
TCP_LISTEN = "0A"
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("net/tcp", "net/tcp6"):
        try:
            lines = (PROC / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if fields[3] == TCP_LISTEN and local_port == port:
                inodes.add(fields[9])
    return inodes


def listening_pids(port: int) -> set[int]:
    """The processes holding a socket that listens on `port`."""
    sockets = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    pids = set()
    for fd_dir in PROC.glob("[0-9]*/fd"):
        try:
            if any(os.readlink(fd) in sockets for fd in fd_dir.iterdir()):
                pids.add(int(fd_dir.parent.name))
        except OSError:  # the process ended, or is not ours to read
            continue
    return pids


def _stat_fields(pid_dir: Path) -> list[str] | None:
    try:
        text = (pid_dir / "stat").read_text()
    except OSError:
        return None
    # The command name, in parentheses, may itself hold spaces and parentheses.
    return text[text.rindex(")") + 2:].split()


def tree_cpu_seconds(roots: set[int]) -> float:
    """User + system CPU seconds of `roots`, their descendants, and their reaped children."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for pid_dir in PROC.glob("[0-9]*"):
        fields = _stat_fields(pid_dir)
        if fields is None:
            continue
        pid = int(pid_dir.name)
        # Counted from 0 at the state after the name: 1 is ppid, 11..14 utime, stime, cutime, cstime.
        parents[pid] = int(fields[1])
        ticks[pid] = sum(int(value) for value in fields[11:15])
    members = set(roots) & set(ticks)
    grew = True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in members} - members
        members |= children
        grew = bool(children)
    return sum(ticks[pid] for pid in members) / TICKS_PER_SECOND


def wait_until_idle(port: int, bound_seconds: float, window_seconds: float = 1.0,
                    idle_cores: float = 0.05) -> tuple[bool, float]:
    """Wait until the server on `port` uses under `idle_cores` for one window, at most `bound_seconds`.
    Returns (idle, CPU seconds the server used while waiting)."""
    roots = listening_pids(port)
    if not roots:
        raise RuntimeError(f"no process of this machine listens on port {port}")
    start = tree_cpu_seconds(roots)
    deadline = time.monotonic() + bound_seconds
    before = start
    while time.monotonic() < deadline:
        time.sleep(window_seconds)
        now = tree_cpu_seconds(roots)
        if now - before < idle_cores * window_seconds:
            return True, now - start
        before = now
    return False, tree_cpu_seconds(roots) - start
