"""The JSON API: F(n) computed on the server by either implementation."""

import time
from enum import Enum
from types import ModuleType
from typing import Annotated

import anyio
from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel

from . import implementations
from .implementations import Impl
from .settings import Settings

# How many digits the response shows at each end of the number.
EDGE_DIGITS = 20


class Format(str, Enum):
    dec = "dec"
    hex = "hex"


BASES = {Format.dec: 10, Format.hex: 16}


class FibResult(BaseModel):
    n: int
    impl: Impl
    format: Format
    seconds: float
    digits: int
    negative: bool
    leading: str
    trailing: str
    value: str | None


class ErrorBody(BaseModel):
    detail: str


class Health(BaseModel):
    status: str
    implementations: dict[str, str | None]
    max_n: int


def create_router(settings: Settings) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"])
    # Bounds the threads busy with big numbers, so requests queue instead of exhausting memory.
    limiter = anyio.CapacityLimiter(settings.max_concurrent_computations)

    @router.get("/health", response_model=Health)
    def health() -> Health:
        """Liveness, which implementations are installed, and the largest |n| served."""
        return Health(status="ok", implementations=implementations.versions(), max_n=settings.max_n)

    @router.get(
        "/fib/{n}",
        response_model=FibResult,
        responses={
            422: {"description": "n is not a whole number, is past the maximum, "
                                 "or impl/format is unknown"},
            503: {"model": ErrorBody, "description": "implementation not installed, or out of memory"},
        },
    )
    async def fib(
        n: Annotated[int, Path(description="Index of the Fibonacci number; negative n gives F(-n)·(-1)^(n+1)")],
        impl: Impl = Impl.native,
        output_format: Annotated[Format, Query(alias="format")] = Format.dec,
        include_value: Annotated[bool, Query(description="false leaves out the full value")] = True,
    ) -> FibResult:
        """F(n) as text, with its digit count and first and last digits.

        `seconds` is the time of the implementation's `fib_str(n, base)` (computation and
        formatting) on the server; the native one formats with GMP.
        """
        if abs(n) > settings.max_n:
            raise HTTPException(422, f"n={n} is past this server's limit: |n| <= {settings.max_n}")
        module = implementations.load(impl)
        if module is None:
            package = implementations.PACKAGES[impl]
            raise HTTPException(503, f"The {impl.value} implementation ({package}) is not installed on this server")
        try:
            # A worker thread keeps the event loop serving other requests meanwhile.
            seconds, text = await anyio.to_thread.run_sync(
                _timed_fib_str, module, n, BASES[output_format], limiter=limiter)
        except MemoryError:
            raise HTTPException(503, f"Not enough memory on this server to compute F({n})") from None
        return _result(n, impl, output_format, seconds, text, include_value)

    return router


def _timed_fib_str(module: ModuleType, n: int, base: int) -> tuple[float, str]:
    start = time.perf_counter()
    text = module.fib_str(n, base)
    return time.perf_counter() - start, text


def _result(n: int, impl: Impl, output_format: Format, seconds: float, text: str,
            include_value: bool) -> FibResult:
    negative = text.startswith("-")
    digits = text.lstrip("-")
    return FibResult(
        n=n, impl=impl, format=output_format, seconds=seconds, digits=len(digits), negative=negative,
        leading=digits[:EDGE_DIGITS], trailing=digits[-EDGE_DIGITS:],
        value=text if include_value else None,
    )
