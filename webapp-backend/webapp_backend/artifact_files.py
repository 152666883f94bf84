"""Static files served with exact MIME types, cache headers, and no hidden files."""

from pathlib import Path, PurePosixPath

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
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
    folder, and answers If-None-Match with 304) that also refuses dotfiles and files whose
    suffix is not in `suffixes`, and adds Cache-Control."""

    def __init__(self, directory: Path, cache_control: str, suffixes: frozenset[str] | None = None):
        # check_dir=False: a folder not built yet answers 404 instead of stopping the server.
        super().__init__(directory=directory, check_dir=False)
        self.cache_control = cache_control
        self.suffixes = suffixes

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
        response = await super().get_response(path, scope)
        response.headers["cache-control"] = self.cache_control
        media_type = MEDIA_TYPES.get(PurePosixPath(path).suffix)
        if media_type is not None and response.status_code == 200:
            response.headers["content-type"] = media_type
        return response
