"""uvicorn's HTTP protocol (httptools) with the limits it lacks for clients that hold connections.

uvicorn 0.54 times out only a connection that stays silent after a response (timeout_keep_alive,
reset by every byte received): a connection that never sends a byte, or sends its request head
one byte at a time, is kept forever, and nothing bounds how many are held, so enough of them
use up the process's open files and no one else is answered. Its limit_concurrency refuses
requests, not connections. Here, per server process:

- a connection waiting for a request (new, or after a response) must deliver the complete
  request head within ConnectionSettings.header_timeout_seconds, however it trickles;
- at most max_connections are held: one more closes the connection idle the longest (a client
  between requests loses nothing but its connection; nginx reuses keep-alive connections alike),
  or itself when every connection is in the middle of a request;
- a connection carries at most KEEP_ALIVE_REQUESTS requests, then the client reconnects, so when
  several server processes share the port, a replaced process gets its share of the clients;
- the kernel buffers at most SEND_BUFFER_BYTES for a connection; a client must keep taking the
  answer: when the buffers stay full (uvicorn's writing paused) for send_timeout_seconds, or sent
  data stays unacknowledged that long (TCP_USER_TIMEOUT, which also ends a closed connection
  whose client never reads), the connection is reset and its buffers freed at once. A client
  that reads a byte a second is dropped like one that never reads.

Served by `python -m webapp_backend`, which passes this class as uvicorn's --http. It relies on
uvicorn internals (the attributes and methods UVICORN_INTERNALS names), so uvicorn is pinned to
one release and test_backend_connections checks these are still there.
"""

import socket
import struct

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from . import admission, settings

KEEP_ALIVE_REQUESTS = 100
# Linux doubles it for its bookkeeping: about 512 KiB of kernel memory per connection at most.
SEND_BUFFER_BYTES = 256 * 1024
# SO_LINGER on, zero seconds: close() resets the connection and frees its buffers at once.
_RESET_ON_CLOSE = struct.pack("ii", 1, 0)
# What this class uses of HttpToolsProtocol besides the asyncio protocol methods.
UVICORN_INTERNALS = ("app", "connections", "cycle", "flow", "loop", "transport", "timeout_keep_alive_task", "url",
                     "on_headers_complete", "on_response_complete", "pause_writing", "resume_writing")

# This process's connections waiting for a request, in the order they began to wait: all wait
# for the same time, so the first is the one idle the longest (a dict keeps insertion order,
# and adds, removes and finds the first in constant time).
_waiting: dict["GuardedHttpProtocol", None] = {}


class GuardedHttpProtocol(HttpToolsProtocol):
    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        limits = settings.current().connections
        self.socket = transport.get_extra_info("socket")
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER_BYTES)
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, round(limits.send_timeout_seconds * 1000))
        self.requests = 0
        self.refused = False
        self.head_deadline = None
        self.send_deadline = None
        self.read_again = None
        if len(self.connections) > limits.max_connections:
            if not _waiting:  # every other connection is answering: this one is refused
                self.transport.close()
                return
            longest_idle = next(iter(_waiting))
            longest_idle._stop_waiting()
            longest_idle.transport.close()
        self._await_request_head()

    def _await_request_head(self) -> None:
        self.head_deadline = self.loop.call_later(settings.current().connections.header_timeout_seconds,
                                                  self.transport.close)
        _waiting[self] = None

    def _stop_waiting(self) -> None:
        if self.head_deadline is not None:
            self.head_deadline.cancel()
            self.head_deadline = None
            del _waiting[self]

    def on_headers_complete(self) -> None:
        self._stop_waiting()
        # uvicorn answers the request with self.app: admission's 503 for a full lane.
        app = self.app
        self.refused = admission.refuses(self.url)
        if self.refused:
            self.app = admission.refuse
        try:
            super().on_headers_complete()
        finally:
            self.app = app
        self.requests += 1
        if self.requests >= KEEP_ALIVE_REQUESTS:
            self.cycle.keep_alive = False

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if self.refused:
            # A client that asks again at once, ignoring Retry-After, waits here without
            # costing anything: its next request is read a while later.
            self.flow.pause_reading()
            self.read_again = self.loop.call_later(admission.REFUSED_READ_PAUSE_SECONDS, self.flow.resume_reading)
        # uvicorn armed its keep-alive timer: nothing is pipelined, the connection waits (and,
        # paused or not, may be closed by the connection cap).
        if self.timeout_keep_alive_task is not None:
            self._await_request_head()

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.send_deadline is None:
            self.send_deadline = self.loop.call_later(settings.current().connections.send_timeout_seconds,
                                                      self._reset)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self.send_deadline is not None:
            self.send_deadline.cancel()
            self.send_deadline = None

    def _reset(self) -> None:
        """Drop a connection whose client stopped taking its answer, and what it buffered."""
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET_ON_CLOSE)
        self.transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        for timer in (self.send_deadline, self.read_again):
            if timer is not None:
                timer.cancel()
        super().connection_lost(exc)
