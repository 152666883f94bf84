"""Lanes that compute F(n) away from the server's event loop.

Pure Python holds the GIL (fib_python at n = 10**7 for up to about a second inside one big-int
operation), so computing it in the server's own process would stall every other request: it
runs in worker processes. Each lane has a fixed number of workers and a bounded queue: a
request past that is refused at once (LaneFull, answered 503). Cheap computations (small n)
have lanes of their own, so they never wait behind costly ones. A job whose request is
cancelled (the client left, or the time limit ran out) leaves the queue, or its process is
killed and replaced. Processes that end on their own are replaced too, and a process that
cannot be started (out of file descriptors, say) is tried again rather than lost. Only cheap
native computations run on threads of the server process: fib_pybind releases the GIL while it
computes, they end within milliseconds, and a thread spares them the trip through a pipe.
"""

import logging
import multiprocessing
import os
from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import ModuleType

import anyio

from .computation import Job, OutOfMemory, Outcome, compute, serve_jobs

# A fork server started before any thread or event loop, with the libraries already imported,
# starts each process in milliseconds.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["webapp_backend.computation", "fib_python", "fib_pybind"])

# How often a lane checks its idle processes (a check costs microseconds).
CHECK_WORKERS_SECONDS = 0.5
log = logging.getLogger("uvicorn.error")

# Up to these |n|, fib_str takes at most a few tens of milliseconds here: the cheap lanes.
CHEAP_N = {"native": 1_000_000, "python": 100_000}


class LaneFull(Exception):
    """Every process of the lane is busy and its queue is full."""


class WorkerDied(Exception):
    """The process computing the job ended without an answer (killed from outside, or crashed)."""


class WorkerUnavailable(Exception):
    """No compute process could be started for the job (the message says why); the lane
    tries again for the next job and in the background."""


class WorkerProcess:
    """One compute process and the server's end of the pipe to it."""

    def __init__(self) -> None:
        self.connection, child = _CONTEXT.Pipe()
        try:
            self.process = _CONTEXT.Process(target=serve_jobs, args=(child, os.getpid()), daemon=True,
                                            name="fib-compute")
            self.process.start()
        except BaseException:
            self.connection.close()
            raise
        finally:
            child.close()

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.process.close()
        self.connection.close()


@dataclass
class LaneStatus:
    # Configured workers, and those alive now (fewer while a dead process is being replaced).
    size: int
    workers: int
    busy: int
    queued: int
    queue_limit: int


@dataclass
class Attempt:
    """One request's way through a lane: whether its computation started (it may have been
    cancelled while queued)."""

    job: Job
    started: bool = False


class Lane(ABC):
    """Admission: `size` jobs run at once, `queue_limit` more wait, any further one is refused."""

    # Whether cancelling a running job stops its computation.
    stoppable: bool

    def __init__(self, size: int, queue_limit: int):
        self.size = size
        self.queue_limit = queue_limit
        self.slots = anyio.Semaphore(size)

    def start(self) -> None:
        """Start the lane's workers, if it has any of its own."""

    def stop(self) -> None:
        """End the lane's workers, if it has any of its own."""

    async def keep_workers(self) -> None:
        """Keep the lane's own workers alive while the app serves, if it has any."""

    def live_workers(self) -> int:
        return self.size

    def queued(self) -> int:
        # The semaphore's own count: a slot given up goes to the first waiter at once, so a
        # request arriving just after sees the queue one shorter (a counter of ours would still
        # count that waiter until it runs, and refuse the newcomer spuriously).
        return self.slots.statistics().tasks_waiting

    def status(self) -> LaneStatus:
        return LaneStatus(self.size, self.live_workers(), self.size - self.slots.value, self.queued(),
                          self.queue_limit)

    def full(self) -> bool:
        return self.slots.value == 0 and self.queued() >= self.queue_limit

    async def run(self, attempt: Attempt) -> Outcome | OutOfMemory:
        if self.full():
            raise LaneFull
        await self.slots.acquire()  # a cancelled wait simply leaves the queue
        attempt.started = True
        try:
            return await self._execute(attempt.job)
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
    """Jobs on worker processes, which can be killed mid-computation.

    Each free slot has an entry in `idle`: a process, or None where none could be started
    (out of file descriptors or memory, say). A job that finds its process dead or missing
    gets a new one first; keep_workers replaces them in the background too, so a process
    killed while idle is replaced before a request needs it, and a failed start is retried
    instead of leaving the lane one process short for good.
    """

    stoppable = True

    def __init__(self, size: int, queue_limit: int):
        super().__init__(size, queue_limit)
        self.idle: list[WorkerProcess | None] = []
        self.busy: set[WorkerProcess] = set()

    def start(self) -> None:
        self.idle = [WorkerProcess() for _ in range(self.size)]

    def stop(self) -> None:
        for worker in [*self.idle, *self.busy]:
            if worker is not None:
                worker.stop()
        self.idle = []
        self.busy = set()

    def live_workers(self) -> int:
        return len(self.busy) + sum(1 for worker in self.idle if _usable(worker))

    async def keep_workers(self) -> None:
        while True:
            await anyio.sleep(CHECK_WORKERS_SECONDS)
            # Each replacement holds a slot, as a job does, so no job takes the entry meanwhile.
            while any(not _usable(worker) for worker in self.idle) and self.slots.value > 0:
                self.slots.acquire_nowait()
                worker = next(worker for worker in self.idle if not _usable(worker))
                self.idle.remove(worker)
                replacement = None
                try:
                    replacement = await self._replacement_or_none(worker)
                finally:
                    # The entry comes back whatever happened, so the lane never loses a slot.
                    self.idle.append(replacement)
                    self.slots.release()
                if replacement is None:
                    break  # the next check tries again

    async def _replacement(self, worker: WorkerProcess | None) -> WorkerProcess:
        """A new process instead of `worker` (stopped first). Raises what starting it raised:
        OSError (out of file descriptors, say), or EOFError when the fork server ended instead of
        starting it, or anything else multiprocessing may raise."""
        def replace() -> WorkerProcess:
            if worker is not None:
                worker.stop()
            return WorkerProcess()

        with anyio.CancelScope(shield=True):
            return await anyio.to_thread.run_sync(replace)

    async def _replacement_or_none(self, worker: WorkerProcess | None) -> WorkerProcess | None:
        try:
            return await self._replacement(worker)
        except Exception as error:
            log.error("a compute process could not be started (%r); the lane tries again", error)
            return None

    async def _ready_worker(self) -> WorkerProcess:
        worker = self.idle.pop()
        if _usable(worker):
            return worker
        replacement = None
        try:
            replacement = await self._replacement(worker)
            return replacement
        except Exception as error:
            raise WorkerUnavailable(str(error) or repr(error)) from None
        finally:
            if replacement is None:
                self.idle.append(None)  # the slot's entry: keep_workers tries again

    async def _execute(self, job: Job) -> Outcome | OutOfMemory:
        worker = await self._ready_worker()
        self.busy.add(worker)
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
            self.busy.discard(worker)
            if finished:
                self.idle.append(worker)
            else:
                self.idle.append(await self._replacement_or_none(worker))


def _usable(worker: WorkerProcess | None) -> bool:
    return worker is not None and worker.alive()


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

    async def keep_workers(self) -> None:
        """Runs while the app serves: each lane keeps its workers alive."""
        async with anyio.create_task_group() as group:
            for lane in self.lanes.values():
                group.start_soon(lane.keep_workers)

    def status(self) -> dict[str, LaneStatus]:
        return {name: lane.status() for name, lane in self.lanes.items()}
