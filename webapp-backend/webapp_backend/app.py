"""Builds the FastAPI application: page, Pyodide runtime, wheels and API, nothing else."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel

from . import fib_api
from .artifact_files import REVALIDATE_CACHE, RUNTIME_CACHE, ArtifactFiles
from .response_headers import ResponseHeaders
from .settings import Settings
from .wheel_index import browser_platform, worker_wheels

STATIC_DIR = Path(__file__).parent / "static"


class WheelIndex(BaseModel):
    platform: str | None
    wheels: dict[str, str]
    urls: list[str]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    # FastAPIOffline serves the /docs and /redoc assets from its own package, not a CDN.
    app = FastAPIOffline(
        title="py-cpp-fib",
        version="0.1.0",
        description="Fibonacci numbers from a C++ library (native) and pure Python, "
                    "computed on this server. The page at / runs the same libraries in your browser.",
        static_url="/docs-assets",
        # No spec validator badge: Swagger UI would fetch it from a public host.
        swagger_ui_parameters={"validatorUrl": None},
    )
    app.add_middleware(ResponseHeaders)
    app.include_router(fib_api.create_router(settings))

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"cache-control": REVALIDATE_CACHE})

    @app.get("/wheels/index.json", response_model=WheelIndex, tags=["artifacts"])
    def wheel_index() -> WheelIndex:
        """The wheels the in-browser worker installs, in install order."""
        platform = browser_platform(settings.pyodide_dir)
        wheels = worker_wheels(settings.wheels_dir, platform)
        return WheelIndex(platform=platform, wheels=wheels,
                          urls=[f"/wheels/{name}" for name in wheels.values()])

    app.mount("/static", ArtifactFiles(STATIC_DIR, REVALIDATE_CACHE), name="static")
    app.mount("/pyodide", ArtifactFiles(settings.pyodide_dir, RUNTIME_CACHE), name="pyodide")
    app.mount("/wheels", ArtifactFiles(settings.wheels_dir, REVALIDATE_CACHE, frozenset({".whl"})),
              name="wheels")
    return app
