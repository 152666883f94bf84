"""Runs a request: times each implementation and algorithm, yields messages for the page."""

from collections.abc import Iterator
from dataclasses import asdict

from .contract import PACKAGES, FibResult, load_implementations
from .digits import DigitSummary, summarize_int
from .messages import MessageKind, Message, ReadyMessage, error
from .request import RequestError, limits_for, parse_request
from .timing import MIN_RUNS, TIMING_BUDGET_SECONDS, time_repeatedly


def describe() -> ReadyMessage:
    """The "ready" message: what this worker can run, and its limits."""
    found = load_implementations()
    limits = limits_for(found)
    return {
        "type": MessageKind.READY.value,
        "implementations": {name: module.__version__ for name, module in found.items()},
        "missing": [name for name in PACKAGES if name not in found],
        "max_n": limits.max_n,
        "max_iterative_n": limits.max_iterative_n,
        "timing_budget_seconds": TIMING_BUDGET_SECONDS,
        "min_runs": MIN_RUNS,
    }


def run(raw_request: object) -> Iterator[Message]:
    """Yield "accepted", then "progress" and "result" per run, then "done"; or one "error"."""
    found = load_implementations()
    try:
        request = parse_request(raw_request, found)
    except RequestError as problem:
        yield error(str(problem))
        return

    n = request.n
    steps = len(request.impls) * len(request.algorithms)
    yield {"type": MessageKind.ACCEPTED.value, "n": n, "impls": list(request.impls),
           "algorithms": list(request.algorithms), "steps": steps}
    # The first summary made; every other run of this request must agree with it.
    reference: tuple[str, DigitSummary] | None = None
    step = 0
    for impl in request.impls:
        for algorithm in request.algorithms:
            step += 1
            name = f"{impl} {algorithm}({n:,})"
            yield {"type": MessageKind.PROGRESS.value, "step": step, "steps": steps,
                   "message": f"Running {name}: a warm-up run, then timed runs for about "
                              f"{TIMING_BUDGET_SECONDS:g} s ({step}/{steps})…"}
            try:
                timing = time_repeatedly(getattr(found[impl], algorithm), n)
            except (MemoryError, OverflowError, ValueError, TypeError) as failure:
                yield error(f"{name} failed: {failure!r}")
                return
            summary = summarize_int(timing.value)
            if reference is None:
                reference = (name, summary)
            elif summary != reference[1]:
                yield error(f"{name} disagrees with {reference[0]}.")
                return
            result = FibResult(implementation=impl, algorithm=algorithm, n=n, runs=timing.runs,
                               seconds=timing.median_seconds, **asdict(summary))
            yield {"type": MessageKind.RESULT.value, **asdict(result)}
    yield {"type": MessageKind.DONE.value, "n": n, "steps": steps}
