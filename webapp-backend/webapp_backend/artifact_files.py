"""Static files served with exact MIME types, cache headers, and no hidden files."""

import errno
import hashlib
import os
import stat
from pathlib import Path, PurePosixPath

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

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

# Pyodide's files never change under this URL for a given build; revalidate after a day.
RUNTIME_CACHE = "public, max-age=86400"
# Rebuilt wheels keep their file names, so the browser revalidates each time (ETag -> 304).
REVALIDATE_CACHE = "no-cache"


class ArtifactFiles(StaticFiles):
    """StaticFiles (which already refuses `..` escapes, directories and symlinks out of the
    folder, and answers If-None-Match with 304) that also refuses dotfiles, files whose suffix
    is not in `suffixes` and file names followed by a slash, answers 404 for a symbolic link
    loop, adds Cache-Control, and tags each file by its content."""

    def __init__(self, directory: Path, cache_control: str, suffixes: frozenset[str] | None = None):
        # check_dir=False: a folder not built yet answers 404 instead of stopping the server.
        super().__init__(directory=directory, check_dir=False)
        self.cache_control = cache_control
        self.suffixes = suffixes
        # Full path -> (what its stat said, its ETag). Starlette's ETag hashes the modification
        # time, so a rebuild that writes the same bytes again would make every browser
        # download them again.
        self.content_tags: dict[str, tuple[tuple[int, int, int], str]] = {}

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
        if self.suffixes is not None and PurePosixPath(path).suffix not in self.suffixes:
            raise HTTPException(status_code=404)
        # `path` is normalized: only the request's own path still shows "/pyodide.mjs/" (or
        # "x.whl%2f"), which names no file.
        if scope["path"].endswith("/"):
            raise HTTPException(status_code=404)
        try:
            response = await super().get_response(path, scope)
        except OSError as error:
            if error.errno != errno.ELOOP:
                raise
            raise HTTPException(status_code=404) from None
        response.headers["cache-control"] = self.cache_control
        media_type = MEDIA_TYPES.get(PurePosixPath(path).suffix)
        if media_type is not None and response.status_code == 200:
            response.headers["content-type"] = media_type
        return response

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        # Starlette runs this in a worker thread: the place to read a file for its tag.
        full_path, stat_result = super().lookup_path(path)
        if stat_result is not None and stat.S_ISREG(stat_result.st_mode):
            self._content_tag(full_path, stat_result)
        return full_path, stat_result

    def _content_tag(self, full_path: str, stat_result: os.stat_result) -> str:
        version = (stat_result.st_ino, stat_result.st_mtime_ns, stat_result.st_size)
        known = self.content_tags.get(full_path)
        if known is None or known[0] != version:
            with open(full_path, "rb") as file:
                digest = hashlib.file_digest(file, "blake2b").hexdigest()[:32]
            known = self.content_tags[full_path] = (version, f'"{digest}"')
        return known[1]

    def file_response(self, full_path, stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        response = FileResponse(full_path, status_code=status_code, stat_result=stat_result,
                                headers={"etag": self._content_tag(str(full_path), stat_result)})
        if self.is_not_modified(response.headers, Headers(scope=scope)):
            return NotModifiedResponse(response.headers)
        return response
