"""A full lane's requests refused before any work is spent on them: the server process's
protocol (connections.py) asks `refuses` about each request head as soon as it is parsed, and
answers 503 itself, without routing, middleware or validation. The connection is closed, so a
client that asks again at once pays for a new connection, and a client that opens new ones is
answered at once instead of being held (a held refusal is a connection the connection cap
cannot close)."""

import json
from collections.abc import Collection

import httptools
from starlette.types import Receive, Scope, Send

from .compute_pool import ComputePool
from .fib_api import BUSY_DETAIL, BUSY_HEADERS, N_PATTERN
from .response_headers import HEADERS

FIB_PREFIX = b"/api/fib/"
# How long a connection whose request was refused waits before its next request is read.
REFUSED_READ_PAUSE_SECONDS = 1
_BODY = json.dumps({"detail": BUSY_DETAIL}).encode()
_HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(_BODY)).encode()),
            *((name.lower().encode(), value.encode()) for name, value in {**HEADERS, **BUSY_HEADERS}.items())]


class Admission:
    """Which requests the app's lanes would refuse now."""

    def __init__(self, pool: ComputePool, implementations: Collection[str], max_n: int) -> None:
        self.pool = pool
        self.implementations = implementations
        self.max_n = max_n

    def refuses(self, url: bytes) -> bool:
        """Whether `url` (a request target) is GET /api/fib/{n} for a full lane. Anything it
        cannot place in a lane (a malformed n, an unknown implementation) goes on to the API,
        which says what is wrong; the lane checks again when the request reaches it."""
        if not url.startswith(FIB_PREFIX):
            return False
        parsed = httptools.parse_url(url)
        text = parsed.path[len(FIB_PREFIX):].decode("latin-1")
        if N_PATTERN.fullmatch(text) is None or abs(n := int(text)) > self.max_n:
            return False
        implementation = "native"
        for field in (parsed.query or b"").split(b"&"):
            if field.startswith(b"impl="):
                implementation = field[len(b"impl="):].decode("latin-1")
        return implementation in self.implementations and self.pool.lane_for(implementation, n).full()


# The app this server process serves (app.create_app sets it); None until it starts.
current: Admission | None = None


def refuses(url: bytes) -> bool:
    return current is not None and current.refuses(url)


async def refuse(scope: Scope, receive: Receive, send: Send) -> None:
    """The ASGI app that answers a refused request: a fixed 503."""
    await send({"type": "http.response.start", "status": 503, "headers": list(_HEADERS)})
    await send({"type": "http.response.body", "body": _BODY})
