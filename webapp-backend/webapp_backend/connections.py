"""uvicorn's HTTP protocol (httptools) with the limits it lacks for clients that hold connections.

uvicorn 0.54 times out only a connection that stays silent after a response (timeout_keep_alive,
reset by every byte received): a connection that never sends a byte, or sends its request head
one byte at a time, is kept forever, and nothing bounds how many are held, so enough of them
use up the process's open files and no one else is answered. Its limit_concurrency refuses
requests, not connections. Here, per server process:

- a connection waiting for a request (new, or after a response) must deliver the complete
  request head within ConnectionSettings.header_timeout_seconds, however it trickles;
- at most max_connections are held: one more closes the connection idle the longest (a client
  between requests loses nothing but its connection; nginx reuses keep-alive connections alike);
- a connection carries at most KEEP_ALIVE_REQUESTS requests, then the client reconnects, so when
  several server processes share the port, a replaced process gets its share of the clients;
- the kernel buffers at most SEND_BUFFER_BYTES for a connection, and drops it when sent data
  stays unacknowledged for send_timeout_seconds (TCP_USER_TIMEOUT, which also ends a closed
  connection whose client never reads), so clients that never read cannot pin memory.

Served by `python -m webapp_backend`, which passes this class as uvicorn's --http.
"""

import socket
from functools import cache

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from webapp_worker.contract import load_implementations

from .settings import ConnectionSettings, Settings

KEEP_ALIVE_REQUESTS = 100
# Linux doubles it for its bookkeeping: about 512 KiB of kernel memory per connection at most.
SEND_BUFFER_BYTES = 256 * 1024


@cache
def _settings() -> ConnectionSettings:
    # Each server process reads the environment once; `python -m webapp_backend` checked it.
    return Settings.from_env(load_implementations()).connections


class GuardedHttpProtocol(HttpToolsProtocol):
    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        settings = _settings()
        sock = transport.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER_BYTES)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, round(settings.send_timeout_seconds * 1000))
        self.requests = 0
        self.head_deadline = None
        self._await_request_head()
        if len(self.connections) > settings.max_connections:
            idle = [connection for connection in self.connections
                    if connection.head_deadline is not None and not connection.transport.is_closing()]
            min(idle, key=lambda connection: connection.head_deadline.when()).transport.close()

    def _await_request_head(self) -> None:
        self.head_deadline = self.loop.call_later(_settings().header_timeout_seconds, self.transport.close)

    def _stop_waiting(self) -> None:
        if self.head_deadline is not None:
            self.head_deadline.cancel()
            self.head_deadline = None

    def on_headers_complete(self) -> None:
        self._stop_waiting()
        super().on_headers_complete()
        self.requests += 1
        if self.requests >= KEEP_ALIVE_REQUESTS:
            self.cycle.keep_alive = False

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # uvicorn armed its keep-alive timer: nothing is pipelined, the connection waits.
        if self.timeout_keep_alive_task is not None:
            self._await_request_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)
