"""Static files served with exact MIME types, cache headers, build-time content codings, and
no hidden files."""

import errno
import mimetypes
import os
import stat
from pathlib import Path, PurePosixPath
from typing import Callable

import anyio.to_thread
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

from . import content_codings
from .content_tags import content_tag

# Set here rather than trusting the platform's mime.types: browsers refuse module scripts
# served under a non-JavaScript type, and WebAssembly streaming needs application/wasm.
MEDIA_TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
}

# A URL whose version segment is its content's tag never changes what it names.
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
# Any other URL may name new content after a rebuild: the browser revalidates (ETag -> 304).
REVALIDATE_CACHE = "no-cache"

# (folder, path in it) -> the version the URL /<version>/<path> must carry, or None.
VersionOf = Callable[[Path, str], str | None]


class ArtifactFiles(StaticFiles):
    """StaticFiles (which already refuses `..` escapes, directories and symlinks out of the
    folder, and answers If-None-Match with 304) that also refuses dotfiles, coded copies,
    files whose suffix is not in `suffixes` and paths that are not in normal form (a trailing
    slash, empty, "." or ".." segments), answers 404
    for a symbolic link loop, adds Cache-Control, tags each file by its content, and sends the
    coded copy the client accepts best (content_codings).

    With `version_of`, a path that starts with its current version (`<version>/<path>`) serves
    `<path>` for a year, immutable; a stale version is 404, never older content under its name.
    """

    def __init__(self, directory: Path, suffixes: frozenset[str] | None = None,
                 version_of: VersionOf | None = None):
        # check_dir=False: a folder not built yet answers 404 instead of stopping the server.
        super().__init__(directory=directory, check_dir=False)
        self.suffixes = suffixes
        self.version_of = version_of

    async def check_config(self) -> None:
        # StaticFiles fails every request while its folder is missing; answer 404 instead,
        # and serve the folder once it is built.
        if Path(self.directory).is_dir():
            await super().check_config()

    async def get_response(self, path: str, scope: Scope) -> Response:
        # Before the checks below: a wrong method is 405 whatever the path.
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(status_code=405, headers={"Allow": "GET, HEAD"})
        parts = PurePosixPath(path).parts
        if any(part.startswith(".") for part in parts):
            raise HTTPException(status_code=404)
        suffix = PurePosixPath(path).suffix
        if suffix in content_codings.SUFFIXES.values():
            raise HTTPException(status_code=404)
        if self.suffixes is not None and suffix not in self.suffixes:
            raise HTTPException(status_code=404)
        # `path` is normalized; the request's own path must already be: a file has one URL, and
        # "/pyodide.mjs/", "x.whl%2f", "/pyodide.mjs/.", "/x/../pyodide.mjs" or "//pyodide.mjs"
        # name none (clients remove dot segments before sending, RFC 3986 5.2.4).
        if any(segment in ("", ".", "..") for segment in scope["path"].split("/")[1:]):
            raise HTTPException(status_code=404)
        cache_control = REVALIDATE_CACHE
        version, _, rest = path.partition("/")
        if self.version_of is not None and rest:
            current = await anyio.to_thread.run_sync(self.version_of, Path(self.directory), rest)
            if version == current:
                path, cache_control = rest, IMMUTABLE_CACHE
        try:
            response = await super().get_response(path, scope)
        except OSError as error:
            if error.errno != errno.ELOOP:
                raise
            raise HTTPException(status_code=404) from None
        response.headers["cache-control"] = cache_control
        return response

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        # Starlette runs this in a worker thread: the place to read files for their tags.
        full_path, stat_result = super().lookup_path(path)
        if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
            content_tag(full_path, stat_result)
            for coding, coded in content_codings.fresh_codings(full_path, stat_result).items():
                content_tag(content_codings.coded_path(full_path, coding), coded)
        return full_path, stat_result

    def file_response(self, full_path, stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        full_path = str(full_path)
        request_headers = Headers(scope=scope)
        codings = content_codings.fresh_codings(full_path, stat_result)
        coding = content_codings.choose(request_headers.get("accept-encoding"), list(codings))
        headers = {}
        if codings:
            headers["vary"] = "Accept-Encoding"
        send_path, send_stat = full_path, stat_result
        if coding is not None:
            send_path, send_stat = content_codings.coded_path(full_path, coding), codings[coding]
            headers["content-encoding"] = coding
        # Each coding's bytes have their own tag: a cached br body is never taken for gzip's,
        # and a byte range always comes from the bytes its tag names.
        headers["etag"] = f'"{content_tag(send_path, send_stat)}"'
        media_type = (MEDIA_TYPES.get(PurePosixPath(full_path).suffix)
                      or mimetypes.guess_type(full_path)[0] or "application/octet-stream")
        response = FileResponse(send_path, status_code=status_code, stat_result=send_stat,
                                headers=headers, media_type=media_type)
        if self.is_not_modified(response.headers, request_headers):
            return NotModifiedResponse(response.headers)
        return response
