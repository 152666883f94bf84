"""Headers added to every response."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    # Cross-origin isolation: everything here is same-origin, and an isolated page and
    # worker get fine-grained timers, so perf_counter in Pyodide resolves microseconds
    # instead of Chromium's coarse default.
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
    "cross-origin-resource-policy": "same-origin",
    # Browsers use the declared types only (module scripts and wasm depend on them).
    "x-content-type-options": "nosniff",
}


class ResponseHeaders:
    """ASGI middleware that sets HEADERS on every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
