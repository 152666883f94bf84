"""The JSON API: F(n) computed on the server by either implementation, in worker processes."""

import os
import re
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import Annotated

import anyio
from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from webapp_worker.contract import PACKAGES, FibResult, Implementation

from .computation import Job, OutOfMemory, Outcome
from .compute_pool import Attempt, ComputePool, Lane, LaneFull, LaneStatus, WorkerDied, WorkerUnavailable
from .settings import Settings

# n as written in the URL: an optional minus sign and decimal digits, no leading zeros (so
# every n has one spelling, which shared caches rely on), and a length far past any limit.
N_PATTERN = re.compile(r"0|-?[1-9][0-9]{0,99}")
N_RULE = "an optional minus sign and decimal digits, without leading zeros (for example 0, 42 or -7)"
# What a refused request is told to wait before trying again.
RETRY_AFTER_SECONDS = 5
# A full lane's answer (admission.py sends it before routing).
BUSY_DETAIL = ("The server is busy: every worker for this kind of request is computing "
               "and the queue is full; try again later")
BUSY_HEADERS = {"Retry-After": str(RETRY_AFTER_SECONDS)}
# The status logged for a request whose client left before the answer (nobody receives it).
CLIENT_CLOSED_REQUEST = 499


class Format(str, Enum):
    dec = "dec"
    hex = "hex"


BASES = {Format.dec: 10, Format.hex: 16}


@dataclass(frozen=True)
class ApiFibResult(FibResult):
    """The worker's result schema, plus the text's base and (unless left out) the text itself."""

    format: Format
    value: str | None


class ErrorBody(BaseModel):
    detail: str


class Health(BaseModel):
    status: str
    implementations: dict[str, str | None]
    max_n: int
    # The process that answered (one of several when run with several workers) and its lanes.
    server_process: int
    lanes: dict[str, LaneStatus]


def create_router(settings: Settings, installed: dict[str, ModuleType], pool: ComputePool) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["api"])

    @router.get("/health", response_model=Health)
    async def health() -> Health:
        """Liveness, which implementations are installed, the largest |n| served, and how busy
        this server process's computation lanes are."""
        return Health(status="ok", max_n=settings.max_n, server_process=os.getpid(), lanes=pool.status(),
                      implementations={name: getattr(installed.get(name), "__version__", None) for name in PACKAGES})

    @router.get(
        "/fib/{n}",
        response_model=ApiFibResult,
        responses={
            422: {"description": "n is not written as " + N_RULE + ", is past the maximum, "
                                 "or impl/format is unknown"},
            503: {"model": ErrorBody,
                  "description": "implementation not installed, server busy (with Retry-After), "
                                 "past the time limit, or out of memory"},
        },
    )
    async def fib(
        request: Request,
        n: Annotated[str, Path(description="Index of the Fibonacci number, written as " + N_RULE
                                           + "; negative n gives F(-n)·(-1)^(n+1)",
                               examples=["100000"], json_schema_extra={"pattern": N_PATTERN.pattern})],
        impl: Implementation = "native",
        output_format: Annotated[Format, Query(alias="format")] = Format.dec,
        include_value: Annotated[bool, Query(description="false leaves out the full value")] = True,
    ) -> ApiFibResult | Response:
        """F(n) as text, with its digit count and first and last digits.

        `seconds` is the time of the implementation's `fib_str(n, base)` (computation and
        formatting) in a worker process of the server; the native one formats with GMP.
        """
        index = _parse_n(n)
        if abs(index) > settings.max_n:
            raise HTTPException(422, f"n={index} is past this server's limit: |n| <= {settings.max_n}")
        if impl not in installed:
            raise HTTPException(503, f"The {impl} implementation ({PACKAGES[impl]}) is not installed on this server")
        job = Job(impl, index, BASES[output_format], include_value)
        outcome = await _run_while_connected(request, pool.lane_for(impl, index), job, settings.time_limit_seconds)
        if outcome is None:
            return Response(status_code=CLIENT_CLOSED_REQUEST)
        if isinstance(outcome, OutOfMemory):
            raise HTTPException(503, f"Not enough memory on this server to compute F({index})")
        return ApiFibResult(implementation=impl, algorithm="fib_str", n=index, runs=1, seconds=outcome.seconds,
                            digits=outcome.summary.digits, negative=outcome.summary.negative,
                            leading=outcome.summary.leading, trailing=outcome.summary.trailing,
                            format=output_format, value=outcome.text)

    return router


def _parse_n(text: str) -> int:
    if N_PATTERN.fullmatch(text) is None:
        raise RequestValidationError([{"type": "n_format", "loc": ("path", "n"), "input": text[:100],
                                       "msg": f"n must be written as {N_RULE}"}])
    return int(text)


async def _until_disconnect(request: Request) -> None:
    # The request has no body to read, so the next message is the disconnect.
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def _run_while_connected(request: Request, lane: Lane, job: Job,
                               time_limit: float) -> Outcome | OutOfMemory | None:
    """The job's outcome; None when the client left first (the job is then dropped or killed).
    Raises HTTPException 503 when the lane is full, the time limit passes, or the process dies."""
    attempt = Attempt(job)
    outcome: Outcome | OutOfMemory | None = None
    refusal: HTTPException | None = None
    async with anyio.create_task_group() as group:
        async def cancel_on_disconnect() -> None:
            await _until_disconnect(request)
            group.cancel_scope.cancel()

        # Work that cannot be stopped (a cheap native job on a thread) ends within milliseconds.
        if lane.stoppable:
            group.start_soon(cancel_on_disconnect)
        try:
            with anyio.fail_after(time_limit):
                outcome = await lane.run(attempt)
        except LaneFull:  # filled since admission.py looked
            refusal = HTTPException(503, BUSY_DETAIL, headers=BUSY_HEADERS)
        except TimeoutError:
            refusal = HTTPException(503, f"F({job.n}) took longer than this server's limit of {time_limit:g} s"
                                         + _what_became_of(attempt, lane))
        except WorkerDied:
            refusal = HTTPException(503, f"The process computing F({job.n}) ended unexpectedly")
        except WorkerUnavailable as error:
            refusal = HTTPException(503, f"No process could be started to compute F({job.n}) ({error}); "
                                         "try again later", headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
        finally:
            group.cancel_scope.cancel()
    if refusal is not None:
        raise refusal
    return outcome


def _what_became_of(attempt: Attempt, lane: Lane) -> str:
    if not attempt.started:
        return "; it waited for a free worker all that time and was not computed"
    return "; its computation was stopped" if lane.stoppable else ""
