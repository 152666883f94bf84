"""Clients that hold connections without using them, against a real uvicorn served by
`python -m webapp_backend`: idle and slowly trickled request heads are dropped, the number of
connections is bounded (refused requests' connections included), keep-alive connections are
recycled, and a client that never reads, or reads a byte a second, cannot pin the server's
buffers. Limits are set low so each attack needs little. Every socket here has a timeout."""

import asyncio
import http.client
import select
import socket
import time

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from backend_support import PendingRequest, wait_for, write
from webapp_backend.connections import SEND_BUFFER_BYTES, UVICORN_INTERNALS

SOON = 10
HEAD_TIMEOUT = "0.5"


def connect(server, receive_buffer: int | None = None) -> socket.socket:
    client = socket.socket()
    client.settimeout(SOON)
    if receive_buffer is not None:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    client.connect((server.host, server.port))
    return client


def test_the_uvicorn_internals_connections_py_uses_are_there():
    # connections.py extends uvicorn's protocol class; uvicorn is pinned, and a new release that
    # renames what it uses fails here, by name, before any behaviour test.
    async def app(scope, receive, send) -> None:
        pass

    loop = asyncio.new_event_loop()
    try:
        protocol = HttpToolsProtocol(Config(app=app, http="httptools"), ServerState(), {}, _loop=loop)
    finally:
        loop.close()
    protocol.on_message_begin()  # what the parser calls first for each request (sets its url)
    missing = [name for name in UVICORN_INTERNALS if not hasattr(protocol, name)]
    assert not missing, f"uvicorn's HttpToolsProtocol no longer has {missing}: review connections.py"


def closed_by_server(client: socket.socket) -> bool:
    """Whether the server has closed the connection (without waiting for it)."""
    if not select.select([client], [], [], 0)[0]:
        return False
    try:
        return client.recv(1 << 16) == b""
    except ConnectionResetError:
        return True


def test_a_connection_that_sends_nothing_is_closed(server_factory):
    server = server_factory(FIB_HEADER_TIMEOUT=HEAD_TIMEOUT)
    with connect(server) as client:
        wait_for(lambda: closed_by_server(client), SOON, "the silent connection being closed")


def test_a_request_head_sent_a_byte_at_a_time_is_cut_off(server_factory):
    server = server_factory(FIB_HEADER_TIMEOUT=HEAD_TIMEOUT)
    head = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Slow: " + b"x" * 10_000
    with connect(server) as client:
        deadline = time.monotonic() + SOON
        for byte in head:
            assert time.monotonic() < deadline, "the trickling connection was never closed"
            try:
                client.send(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            if closed_by_server(client):
                break
            time.sleep(0.01)
        else:
            raise AssertionError("the whole trickled head was accepted")


def test_a_connection_kept_alive_after_an_answer_gets_the_same_limit(server_factory):
    server = server_factory(FIB_HEADER_TIMEOUT=HEAD_TIMEOUT)
    with connect(server) as client:
        client.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        wait_for(lambda: select.select([client], [], [], 0)[0], SOON, "the answer")
        assert client.recv(1 << 16).startswith(b"HTTP/1.1 200 ")
        # One byte of a next request stops uvicorn's keep-alive timer, not this limit.
        client.sendall(b"G")
        wait_for(lambda: closed_by_server(client), SOON, "the stalled connection being closed")


def test_more_idle_connections_than_open_files_leave_the_server_answering(server_factory):
    # 256 open files leave room for (256 - 64 - 4) // 2 = 94 connections (settings.py).
    server = server_factory(open_files=256, FIB_API_WORKERS="1")
    idle = []
    try:
        for _ in range(300):
            idle.append(connect(server))
        assert server.request("/api/health").status == 200
        wait_for(lambda: sum(closed_by_server(client) for client in idle) >= 300 - 94, SOON,
                 "the connections idle the longest being closed")
    finally:
        for client in idle:
            client.close()


def test_a_connection_is_recycled_after_100_requests(server):
    connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        for number in range(1, 101):
            connection.request("GET", "/api/health")
            response = connection.getresponse()
            response.read()
            assert response.status == 200
            assert (response.headers["connection"] == "close") == (number == 100), number
    finally:
        connection.close()


def server_side(server, client: socket.socket) -> list[str] | None:
    """The server's end of `client`'s connection as /proc/net/tcp lists it (local and remote
    address:port, state, send:receive queue bytes, all in hex), or None once it is gone."""
    local, remote = f":{server.port:04X}", f":{client.getsockname()[1]:04X}"
    with open("/proc/net/tcp") as table:
        return next((fields for fields in map(str.split, table.readlines()[1:])
                     if fields[1].endswith(local) and fields[2].endswith(remote)), None)


def server_side_open(server, client: socket.socket) -> bool:
    return server_side(server, client) is not None


def unacknowledged_bytes(server, client: socket.socket) -> int:
    """What the server's end holds sent and not yet taken by the client (0 once it is gone)."""
    fields = server_side(server, client)
    return 0 if fields is None else int(fields[4].split(":")[0], 16)


BIG = 8 * 1024 * 1024


def big_file_request(server_factory, tmp_path, send_timeout: str):
    """A server with a big file and a send timeout, and a client with a 4 KiB receive buffer
    that has asked for the file and been accepted."""
    write(tmp_path / "pyodide" / "big.wasm", b"\0" * BIG)
    server = server_factory(FIB_PYODIDE_DIR=str(tmp_path / "pyodide"), FIB_SEND_TIMEOUT=send_timeout)
    client = connect(server, receive_buffer=4096)
    client.sendall(b"GET /pyodide/big.wasm HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    wait_for(lambda: server_side_open(server, client), SOON, "the server accepting the connection")
    return server, client


def test_a_client_that_never_reads_is_dropped(server_factory, tmp_path):
    server, client = big_file_request(server_factory, tmp_path, send_timeout="1")
    with client:
        # Until then, the kernel holds at most the bounded send buffer of the 8 MiB answer
        # (Linux counts SEND_BUFFER_BYTES twice; unbounded, it grows to several MiB).
        most, deadline = 0, time.monotonic() + SOON
        while server_side_open(server, client):
            assert time.monotonic() < deadline, "the server never dropped the connection"
            most = max(most, unacknowledged_bytes(server, client))
            assert most <= 2 * SEND_BUFFER_BYTES, f"{most} bytes wait for a client that never reads"
            time.sleep(0.01)
        assert most > 0, "the answer was never sent"
        received = 0
        try:
            while chunk := client.recv(1 << 16):
                received += len(chunk)
        except ConnectionResetError:
            pass
    assert received < BIG


def test_a_client_that_reads_a_byte_a_second_is_dropped(server_factory, tmp_path):
    # Two limits end it (connections.py), each alone: its window rarely reopens for a whole
    # segment, so the kernel's TCP_USER_TIMEOUT ends it on loopback; where segments are small
    # enough for the kernel to see progress, the server's deadline for its paused writing does.
    server, client = big_file_request(server_factory, tmp_path, send_timeout="2")
    with client:
        deadline = time.monotonic() + 2 * SOON
        while server_side_open(server, client):
            assert time.monotonic() < deadline, "a client reading a byte a second is still served"
            try:
                assert client.recv(1), "the answer ended instead of the client being dropped"
            except ConnectionResetError:
                break
            time.sleep(1)


def read_answer(client: socket.socket) -> bytes:
    """One whole answer with a Content-Length (the API's JSON)."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += client.recv(1 << 16)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += client.recv(1 << 16)
    return head


def test_a_refused_client_is_answered_at_once_and_its_connection_can_be_closed(server_factory, stand_ins):
    # One cheap python process, no queue: one held computation fills the lane.
    server = server_factory(**stand_ins(), FIB_API_WORKERS="1", FIB_API_QUEUE="0", FIB_MAX_CONNECTIONS="3")
    held = PendingRequest(server, "/api/fib/7?impl=python")
    try:
        wait_for((server.hold_dir / "started").exists, SOON, "the held computation starting")
        request = b"GET /api/fib/15?impl=python HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        with connect(server) as refused:
            refused.sendall(request)
            head = read_answer(refused)
            assert head.startswith(b"HTTP/1.1 503 ")
            assert b"retry-after: 5" in head and b"x-content-type-options: nosniff" in head
            # It asks again at once, ignoring Retry-After: its connection waits as an idle one,
            # the first the connection cap closes.
            refused.sendall(request)
            with connect(server) as newcomer, connect(server) as another:
                wait_for(lambda: closed_by_server(refused), SOON, "the refused connection being closed")
                assert not closed_by_server(newcomer) and not closed_by_server(another)
    finally:
        (server.hold_dir / "release").touch()
        held.abandon()
