"""Clients that hold connections without using them, against a real uvicorn served by
`python -m webapp_backend`: idle and slowly trickled request heads are dropped, the number of
connections is bounded, keep-alive connections are recycled, and a client that never reads
cannot pin the server's buffers. Limits are set low so each attack needs little."""

import http.client
import select
import socket
import time

from backend_support import wait_for, write

SOON = 10
HEAD_TIMEOUT = "0.5"


def connect(server, receive_buffer: int | None = None) -> socket.socket:
    client = socket.socket()
    if receive_buffer is not None:
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    client.connect((server.host, server.port))
    return client


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


def server_side_open(server, client: socket.socket) -> bool:
    """Whether the server still has its end of `client`'s connection (/proc/net/tcp lists each
    socket as local and remote address:port, in hex)."""
    local, remote = f":{server.port:04X} ", f":{client.getsockname()[1]:04X} "
    with open("/proc/net/tcp") as table:
        return any(line.split()[1].endswith(local.strip()) and line.split()[2].endswith(remote.strip())
                   for line in table.readlines()[1:])


def test_a_client_that_never_reads_is_dropped(server_factory, tmp_path):
    big = 8 * 1024 * 1024
    write(tmp_path / "pyodide" / "big.wasm", b"\0" * big)
    server = server_factory(FIB_PYODIDE_DIR=str(tmp_path / "pyodide"), FIB_SEND_TIMEOUT="1")
    with connect(server, receive_buffer=4096) as client:
        client.sendall(b"GET /pyodide/big.wasm HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        wait_for(lambda: server_side_open(server, client), SOON, "the server accepting the connection")
        wait_for(lambda: not server_side_open(server, client), SOON, "the server dropping the connection")
        received = 0
        try:
            while chunk := client.recv(1 << 16):
                received += len(chunk)
        except ConnectionResetError:
            pass
    assert received < big
