"""Builds the FastAPI application: page, Pyodide runtime, wheels and API, nothing else.

Serve it with `python -m webapp_backend` (uvicorn, settings checked first, connection limits);
several server processes with `--workers N` (or WEB_CONCURRENCY=N). Each process is
independent: no state is shared between them or kept between requests, so any number can run
behind a load balancer.
"""

import dataclasses
import logging
import multiprocessing
import os
import signal
import sys
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import anyio.to_thread

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi_offline import FastAPIOffline
from starlette.middleware.trustedhost import TrustedHostMiddleware
from uvicorn.config import STARTUP_FAILURE

from webapp_worker.contract import load_implementations

from . import admission, deployment, fib_api
from .admission import Admission
from .artifact_files import REVALIDATE_CACHE, ArtifactFiles
from .content_tags import file_version, folder_version
from .compute_pool import ComputePool
from .fib_api import ErrorBody
from .parent_watch import end_with
from .response_headers import ResponseHeaders
from .revalidated import revalidated_json
from .settings import SettingsError, current as current_settings

STATIC_DIR = Path(__file__).parent / "static"
log = logging.getLogger("uvicorn.error")


def create_app() -> FastAPI:
    installed = load_implementations()
    try:
        settings = current_settings()
    except SettingsError as error:
        # Served by plain `uvicorn` (python -m webapp_backend checks first): this exit status
        # tells uvicorn's supervisor that restarting would fail the same way.
        log.error("%s", error)
        sys.exit(STARTUP_FAILURE)
    pool = ComputePool(settings.lane_workers, settings.lane_queue, installed)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        for problem in deployment.problems(settings.pyodide_dir, settings.wheels_dir):
            log.warning("deployment: %s", problem)
        log.info("allowed Host names: %s (FIB_ALLOWED_HOSTS)", ", ".join(settings.allowed_hosts))
        supervisor = multiprocessing.parent_process()
        if supervisor is not None:
            # One of several server processes, started by uvicorn's supervisor: when that ends,
            # even killed outright, this one stops as on SIGTERM instead of serving on, orphaned.
            end_with(supervisor.pid, lambda: os.kill(os.getpid(), signal.SIGTERM))
        pool.start()
        try:
            async with anyio.create_task_group() as group:
                group.start_soon(pool.keep_workers)
                yield
                group.cancel_scope.cancel()
        finally:
            pool.stop()

    # FastAPIOffline serves the /docs and /redoc assets from its own package, not a CDN.
    app = FastAPIOffline(
        title="py-cpp-fib",
        version="0.1.0",
        description="Fibonacci numbers from a C++ library (native) and pure Python, "
                    "computed on this server. The page at / runs the same libraries in your browser.",
        static_url="/docs-assets",
        # No spec validator badge: Swagger UI would fetch it from a public host.
        swagger_ui_parameters={"validatorUrl": None},
        lifespan=lifespan,
    )
    admission.current = Admission(pool, frozenset(installed), settings.max_n)
    # Added first, so it runs inside ResponseHeaders and its 400 answers get those headers too.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts), www_redirect=False)
    app.add_middleware(ResponseHeaders)
    app.include_router(fib_api.create_router(settings, installed, pool))

    static_files = ArtifactFiles(STATIC_DIR)

    @app.get("/", include_in_schema=False)
    async def page(request: Request) -> Response:
        full_path, stat_result = await anyio.to_thread.run_sync(static_files.lookup_path, "index.html")
        response = static_files.file_response(full_path, stat_result, request.scope)
        response.headers["cache-control"] = REVALIDATE_CACHE
        return response

    @app.get("/wheels/index.json", response_model=deployment.WheelIndex, tags=["artifacts"],
             responses={503: {"model": ErrorBody, "description": "the runtime's lock file or a wheel is broken"}})
    def wheel_index(request: Request) -> Response:
        """The Pyodide runtime's URL and the wheels the in-browser worker installs, in install order."""
        try:
            index = deployment.wheel_index(settings.pyodide_dir, settings.wheels_dir)
        except deployment.DeploymentError as error:
            raise HTTPException(503, str(error)) from None
        return revalidated_json(dataclasses.asdict(index), request)

    app.mount("/static", static_files, name="static")
    # /wheels/index.json names the versioned URLs the page uses: the runtime's folder shares one
    # version, as Pyodide finds its files relative to one URL; each wheel has its own.
    app.mount("/pyodide", ArtifactFiles(settings.pyodide_dir, version_of=folder_version), name="pyodide")
    app.mount("/wheels", ArtifactFiles(settings.wheels_dir, frozenset({".whl"}), version_of=file_version),
              name="wheels")
    return app
