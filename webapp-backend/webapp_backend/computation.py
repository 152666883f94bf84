"""What a compute process does: take a job from its pipe, compute F(n) as text, send the outcome.

Runs in the worker processes of compute_pool, never in the server's own process.
"""

import os
import select
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from webapp_worker.contract import load_implementations
from webapp_worker.digits import DigitSummary, summarize


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


def _end_with(server_pid: int) -> None:
    """End this process as soon as the server process ends, even one killed outright (which
    cannot stop its computations): a thread waits on a Linux process file descriptor. Without
    one, the process still ends at its next job, when it finds the pipe closed."""
    if not hasattr(os, "pidfd_open"):
        return
    try:
        server = os.pidfd_open(server_pid)
    except ProcessLookupError:
        os._exit(1)

    def wait_for_the_server() -> None:
        select.select([server], [], [])
        os._exit(1)

    threading.Thread(target=wait_for_the_server, daemon=True, name="end-with-server").start()


def serve_jobs(connection: Connection, server_pid: int) -> None:
    """The compute process's main loop; it ends when the server closes the pipe or ends."""
    _end_with(server_pid)
    # Ctrl-C in a terminal reaches the whole process group: the server stops this process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    modules = load_implementations()
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(compute(job, modules))
