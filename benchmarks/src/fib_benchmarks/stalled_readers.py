"""Clients that ask for a big answer and never read it: how much memory their connections hold,
and for how long (the server resets a connection whose client stops taking its answer).

STALLED_CLIENTS connections, each with a 4 KiB receive buffer, ask for F(10^7) in hex (1.7 MB
of text) and read nothing but the status line, peeked. One refused with 503 (the costly lane is
full) asks again on a new connection a moment later, until every client holds an answer it does
not take. Meanwhile and afterwards the machine's TCP memory (/proc/net/sockstat: every socket's
buffers, so other programs' traffic shows too) and the answering server process's resident
memory (the unsent rest of each answer waits there) are sampled: their peaks, when the TCP
memory fell back to its level before, and the server's memory a few seconds later.
"""

from __future__ import annotations

import select
import socket
import time
from pathlib import Path
from typing import Callable

from .backend import server_process
from .slow_requests import Address

STALLED_CLIENTS = 320
STALLED_PATH = "/api/fib/10000000?impl=native&format=hex"
RECEIVE_BUFFER_BYTES = 4096
# Clients sent at once before their statuses are read: about what the costly lane admits.
WAVE = 16
RETRY_SECONDS = 0.2
STATUS_TIMEOUT_SECONDS = 60.0
SAMPLE_SECONDS = 0.5
# Long enough for the server's default FIB_SEND_TIMEOUT (30 s) and the kernel's part.
RELEASE_BOUND_SECONDS = 90.0
# Fallen back: within this many bytes of the level before the clients came.
RELEASED_MARGIN_BYTES = 8 * 1024 * 1024
# The server frees the unsent answers as it resets the connections, a few seconds after the
# kernel lets go of the last ones: its memory is read this long after.
SETTLE_SECONDS = 5.0
PAGE_BYTES = 4096


def tcp_memory_bytes() -> int:
    """Memory the kernel holds for all TCP sockets (sockstat's "mem" counts pages)."""
    for line in Path("/proc/net/sockstat").read_text().splitlines():
        if line.startswith("TCP:"):
            fields = line.split()
            return int(fields[fields.index("mem") + 1]) * PAGE_BYTES
    raise ValueError("/proc/net/sockstat has no TCP line")


def resident_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class Peaks:
    """The highest TCP and server memory seen by any sample."""

    def __init__(self, pid: int):
        self.pid = pid
        self.tcp = self.server = 0

    def sample(self) -> int:
        tcp = tcp_memory_bytes()
        self.tcp = max(self.tcp, tcp)
        self.server = max(self.server, resident_bytes(self.pid))
        return tcp


def ask(address: Address, path: str) -> socket.socket:
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
    client.settimeout(STATUS_TIMEOUT_SECONDS)
    client.connect((address.host, address.port))
    client.sendall(f"GET {path} HTTP/1.1\r\nHost: {address.host}\r\n\r\n".encode())
    return client


def peeked_status(client: socket.socket) -> int | None:
    """The answer's status, its bytes left unread; None when none came in time."""
    if not select.select([client], [], [], STATUS_TIMEOUT_SECONDS)[0]:
        return None
    try:
        line = client.recv(12, socket.MSG_PEEK)
    except OSError:
        return None
    return int(line[9:12]) if line.startswith(b"HTTP/1.1 ") and line[9:12].isdigit() else None


def stalled_readers(base_url: str, say: Callable[[str], None] = print, clients: int = STALLED_CLIENTS,
                    path: str = STALLED_PATH, release_bound_seconds: float = RELEASE_BOUND_SECONDS) -> dict:
    address = Address(base_url)
    peaks = Peaks(server_process(base_url))
    tcp_before, server_before = tcp_memory_bytes(), resident_bytes(peaks.pid)
    say(f"{clients} clients ask for {path} and never read it")
    held: list[socket.socket] = []
    refused = unanswered = 0
    deadline = time.monotonic() + release_bound_seconds
    try:
        while len(held) < clients and time.monotonic() < deadline:
            wave = [ask(address, path) for _ in range(min(WAVE, clients - len(held)))]
            for client in wave:
                status = peeked_status(client)
                peaks.sample()
                if status == 200:
                    held.append(client)
                    continue
                client.close()
                refused += status == 503
                unanswered += status is None
            time.sleep(RETRY_SECONDS if len(held) < clients else 0)
        all_held = time.monotonic()
        released_after = None
        while time.monotonic() - all_held < release_bound_seconds:
            if peaks.sample() <= tcp_before + RELEASED_MARGIN_BYTES:
                released_after = time.monotonic() - all_held
                break
            time.sleep(SAMPLE_SECONDS)
        time.sleep(SETTLE_SECONDS if released_after is not None else 0)
        server_after = resident_bytes(peaks.pid)
    finally:
        for client in held:
            client.close()
    return {
        "clients": clients, "path": path, "held": len(held), "refused_and_asked_again": refused,
        "unanswered": unanswered, "receive_buffer_bytes": RECEIVE_BUFFER_BYTES,
        "tcp_memory_before_bytes": tcp_before, "tcp_memory_peak_bytes": peaks.tcp,
        "server_resident_before_bytes": server_before, "server_resident_peak_bytes": peaks.server,
        "server_resident_after_bytes": server_after,
        "released_after_seconds": released_after, "release_bound_seconds": release_bound_seconds,
    }
