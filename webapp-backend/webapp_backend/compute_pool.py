"""Lanes that compute F(n) away from the server's event loop.

Pure Python holds the GIL (fib_python at n = 10**7 for up to about a second inside one big-int
operation), so computing it in the server's own process would stall every other request: it
runs in worker processes. Each lane has a fixed number of workers and a bounded queue: a
request past that is refused at once (LaneFull, answered 503). Cheap computations (small n)
have lanes of their own, so they never wait behind costly ones. A job whose request is
cancelled (the client left, or the time limit ran out) leaves the queue, or its process is
killed and replaced. Only cheap native computations run on threads of the server process:
fib_pybind releases the GIL while it computes, they end within milliseconds, and a thread
spares them the trip through a pipe.
"""

import multiprocessing
from abc import ABC, abstractmethod
import os
from dataclasses import dataclass

from types import ModuleType

import anyio

from .computation import Job, OutOfMemory, Outcome, compute, serve_jobs

# A fork server started before any thread or event loop, with the libraries already imported,
# starts each process in milliseconds.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["webapp_backend.computation", "fib_python", "fib_pybind"])

# Up to these |n|, fib_str takes at most a few tens of milliseconds here: the cheap lanes.
CHEAP_N = {"native": 1_000_000, "python": 100_000}


class LaneFull(Exception):
    """Every process of the lane is busy and its queue is full."""


class WorkerDied(Exception):
    """The process computing the job ended without an answer (killed from outside, or crashed)."""


class WorkerProcess:
    """One compute process and the server's end of the pipe to it."""

    def __init__(self) -> None:
        self.connection, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(target=serve_jobs, args=(child, os.getpid()), daemon=True,
                                        name="fib-compute")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()

    def replaced(self) -> "WorkerProcess":
        self.stop()
        return WorkerProcess()


@dataclass
class LaneStatus:
    workers: int
    busy: int
    queued: int
    queue_limit: int


class Lane(ABC):
    """Admission: `size` jobs run at once, `queue_limit` more wait, any further one is refused."""

    # Whether cancelling a running job stops its computation.
    stoppable: bool

    def __init__(self, size: int, queue_limit: int):
        self.size = size
        self.queue_limit = queue_limit
        self.slots = anyio.Semaphore(size)
        self.queued = 0

    def start(self) -> None:
        """Start the lane's workers, if it has any of its own."""

    def stop(self) -> None:
        """End the lane's workers, if it has any of its own."""

    def status(self) -> LaneStatus:
        return LaneStatus(self.size, self.size - self.slots.value, self.queued, self.queue_limit)

    async def run(self, job: Job) -> Outcome | OutOfMemory:
        if self.slots.value == 0 and self.queued >= self.queue_limit:
            raise LaneFull
        self.queued += 1
        try:
            await self.slots.acquire()  # a cancelled wait simply leaves the queue
        finally:
            self.queued -= 1
        try:
            return await self._execute(job)
        finally:
            self.slots.release()

    @abstractmethod
    async def _execute(self, job: Job) -> Outcome | OutOfMemory:
        """Compute the job on one of the lane's workers."""


class ThreadLane(Lane):
    """Jobs that release the GIL and end within milliseconds, on threads of this process."""

    stoppable = False

    def __init__(self, size: int, queue_limit: int, installed: dict[str, ModuleType]):
        super().__init__(size, queue_limit)
        self.installed = installed

    async def _execute(self, job: Job) -> Outcome | OutOfMemory:
        # Not abandoned on cancellation: the thread ends within milliseconds, and the lane's
        # bound stays exact.
        return await anyio.to_thread.run_sync(compute, job, self.installed)


class ProcessLane(Lane):
    """Jobs on worker processes, which can be killed mid-computation."""

    stoppable = True

    def __init__(self, size: int, queue_limit: int):
        super().__init__(size, queue_limit)
        self.idle: list[WorkerProcess] = []
        # Idle and computing, so that stop() also ends the ones still computing.
        self.workers: set[WorkerProcess] = set()

    def start(self) -> None:
        self.idle = [WorkerProcess() for _ in range(self.size)]
        self.workers = set(self.idle)

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.idle = []
        self.workers = set()

    async def _execute(self, job: Job) -> Outcome | OutOfMemory:
        worker = self.idle.pop()
        finished = False
        try:
            worker.connection.send(job)
            # The thread is abandoned on cancellation; killing the process ends its recv.
            outcome = await anyio.to_thread.run_sync(worker.connection.recv, abandon_on_cancel=True)
            finished = True
            return outcome
        except (EOFError, OSError):
            raise WorkerDied from None
        finally:
            if not finished:
                with anyio.CancelScope(shield=True):
                    self.workers.discard(worker)
                    worker = await anyio.to_thread.run_sync(worker.replaced)
                    self.workers.add(worker)
            self.idle.append(worker)


class ComputePool:
    """The lanes, by name: cheap native jobs on threads, cheap python jobs and every costly job
    on processes of their own."""

    def __init__(self, size: int, queue_limit: int, installed: dict[str, ModuleType]):
        self.lanes: dict[str, Lane] = {
            "cheap-native": ThreadLane(size, queue_limit, installed),
            "cheap": ProcessLane(size, queue_limit),
            "costly": ProcessLane(size, queue_limit),
        }

    def lane_for(self, implementation: str, n: int) -> Lane:
        if abs(n) > CHEAP_N[implementation]:
            return self.lanes["costly"]
        return self.lanes["cheap-native" if implementation == "native" else "cheap"]

    def start(self) -> None:
        for lane in self.lanes.values():
            lane.start()

    def stop(self) -> None:
        for lane in self.lanes.values():
            lane.stop()

    def status(self) -> dict[str, LaneStatus]:
        return {name: lane.status() for name, lane in self.lanes.items()}
