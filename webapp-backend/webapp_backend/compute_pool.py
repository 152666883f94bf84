"""Lanes of worker processes that compute F(n) away from the server's event loop.

Pure Python holds the GIL (fib_python at n = 10**7 for up to about a second inside one big-int
operation), so computing in the server's own process would stall every other request. Each lane
has a fixed number of processes and a bounded queue: a request past that is refused at once
(LaneFull, answered 503). Cheap computations (small n) have a lane of their own, so they never
wait behind costly ones. A job whose request is cancelled (the client left, or the time limit
ran out) leaves the queue, or its process is killed and replaced.
"""

import multiprocessing
import os
from dataclasses import dataclass

import anyio

from .computation import Job, OutOfMemory, Outcome, serve_jobs

# A fork server started before any thread or event loop, with the libraries already imported,
# starts each process in milliseconds.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["webapp_backend.computation", "fib_python", "fib_pybind"])

# Up to these |n|, fib_str takes at most a few tens of milliseconds here: the cheap lane.
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
    processes: int
    busy: int
    queued: int
    queue_limit: int


class Lane:
    def __init__(self, processes: int, queue_limit: int):
        self.processes = processes
        self.queue_limit = queue_limit
        self.idle: list[WorkerProcess] = []
        # Idle and computing, so that stop() also ends the ones still computing.
        self.workers: set[WorkerProcess] = set()
        self.slots = anyio.Semaphore(processes)
        self.queued = 0

    def start(self) -> None:
        self.idle = [WorkerProcess() for _ in range(self.processes)]
        self.workers = set(self.idle)

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.idle = []
        self.workers = set()

    def status(self) -> LaneStatus:
        return LaneStatus(self.processes, self.processes - self.slots.value, self.queued, self.queue_limit)

    async def run(self, job: Job) -> Outcome | OutOfMemory:
        if self.slots.value == 0 and self.queued >= self.queue_limit:
            raise LaneFull
        self.queued += 1
        try:
            await self.slots.acquire()  # a cancelled wait simply leaves the queue
        finally:
            self.queued -= 1
        try:
            return await self._run_on(self.idle.pop(), job)
        finally:
            self.slots.release()

    async def _run_on(self, worker: WorkerProcess, job: Job) -> Outcome | OutOfMemory:
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
    """The cheap and the costly lane."""

    def __init__(self, processes: int, queue_limit: int):
        self.lanes = {"cheap": Lane(processes, queue_limit), "costly": Lane(processes, queue_limit)}

    def lane_for(self, implementation: str, n: int) -> Lane:
        return self.lanes["cheap" if abs(n) <= CHEAP_N[implementation] else "costly"]

    def start(self) -> None:
        for lane in self.lanes.values():
            lane.start()

    def stop(self) -> None:
        for lane in self.lanes.values():
            lane.stop()

    def status(self) -> dict[str, LaneStatus]:
        return {name: lane.status() for name, lane in self.lanes.items()}
