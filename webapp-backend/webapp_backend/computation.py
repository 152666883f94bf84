"""What a compute process does: take a job from its pipe, compute F(n) as text, send the outcome.

Runs in the worker processes of compute_pool, never in the server's own process.
"""

import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from webapp_worker.contract import load_implementations
from webapp_worker.digits import DigitSummary, summarize

from .parent_watch import end_with


@dataclass(frozen=True)
class Job:
    implementation: str
    n: int
    base: int
    include_value: bool


@dataclass(frozen=True)
class Outcome:
    seconds: float
    summary: DigitSummary
    text: str | None


@dataclass(frozen=True)
class OutOfMemory:
    n: int


def compute(job: Job, modules: dict) -> Outcome | OutOfMemory:
    """Time the implementation's fib_str(n, base): computation and formatting."""
    start = time.perf_counter()
    try:
        text = modules[job.implementation].fib_str(job.n, job.base)
    except MemoryError:
        return OutOfMemory(job.n)
    seconds = time.perf_counter() - start
    return Outcome(seconds, summarize(text), text if job.include_value else None)


def serve_jobs(connection: Connection, server_pid: int) -> None:
    """The compute process's main loop; it ends when the server closes the pipe or ends (even
    killed outright, when it cannot stop its computations; without a watch, the process would
    end only at its next job, finding the pipe closed)."""
    end_with(server_pid, lambda: os._exit(1))
    # Ctrl-C in a terminal reaches the whole process group: the server stops this process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    modules = load_implementations()
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(compute(job, modules))
