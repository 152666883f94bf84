"""JSON that browsers revalidate: tagged by its bytes, 304 when the client has them."""

import hashlib
import json

from starlette.requests import Request
from starlette.responses import Response

from .artifact_files import REVALIDATE_CACHE


def revalidated_json(content: object, request: Request) -> Response:
    body = json.dumps(content, separators=(",", ":")).encode()
    etag = f'"{hashlib.blake2b(body).hexdigest()[:32]}"'
    headers = {"etag": etag, "cache-control": REVALIDATE_CACHE}
    known = [tag.strip().removeprefix("W/") for tag in request.headers.get("if-none-match", "").split(",")]
    if etag in known:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)
