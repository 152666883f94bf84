"""Runs a request: times each implementation and algorithm, yields messages for the page."""

import time
from collections.abc import Callable, Iterator

from .digits import DigitSummary, summarize, trailing_digits_match
from .implementations import PACKAGES, available_implementations
from .request import MAX_ITERATIVE_N, MAX_N, RequestError, parse_request

Message = dict[str, object]


# A small n that runs every call once: in Pyodide the first call into the native module pays
# one-off setup (about 10 ms in Chromium) that would otherwise land in the first timing.
WARM_UP_N = 1000


def describe() -> Message:
    """The "ready" message: what this worker can run, and its limits. Warms each one up."""
    found = available_implementations()
    for module in found.values():
        module.fib(WARM_UP_N)
        module.fib_iterative(WARM_UP_N)
        module.fib_str(WARM_UP_N)
    return {
        "type": "ready",
        "implementations": {name: module.__version__ for name, module in found.items()},
        "missing": [name for name in PACKAGES if name not in found],
        "max_n": MAX_N,
        "max_iterative_n": MAX_ITERATIVE_N,
    }


def run(raw_request: object) -> Iterator[Message]:
    """Yield "accepted", then "progress" and "result" per run, then "done"; or one "error"."""
    found = available_implementations()
    try:
        request = parse_request(raw_request, set(found))
    except RequestError as error:
        yield {"type": "error", "message": str(error)}
        return

    steps = len(request.impls) * len(request.algorithms)
    yield {"type": "accepted", "n": request.n, "impls": list(request.impls),
           "algorithms": list(request.algorithms), "steps": steps}
    step = 0
    for impl in request.impls:
        module = found[impl]
        summary: DigitSummary | None = None
        for algorithm in request.algorithms:
            step += 1
            yield {"type": "progress", "step": step, "steps": steps,
                   "message": f"Running {impl} {algorithm}({request.n:,}) ({step}/{steps})…"}
            try:
                seconds, value = _timed(getattr(module, algorithm), request.n)
                if summary is None:
                    # Digits come from the implementation's own fib_str: str() of a huge
                    # int is quadratic and capped at 4300 digits in CPython 3.11.
                    summary = summarize(module.fib_str(request.n))
            except (MemoryError, OverflowError, ValueError, TypeError) as error:
                yield {"type": "error",
                       "message": f"{impl} {algorithm}({request.n:,}) failed: {error!r}"}
                return
            if not trailing_digits_match(value, summary):
                yield {"type": "error",
                       "message": f"{impl} {algorithm}({request.n:,}) disagrees with {impl} fib_str."}
                return
            yield _result(impl, algorithm, request.n, seconds, summary)
    yield {"type": "done", "n": request.n, "steps": steps}


def _timed(function: Callable[[int], int], n: int) -> tuple[float, int]:
    start = time.perf_counter()
    value = function(n)
    return time.perf_counter() - start, value


def _result(impl: str, algorithm: str, n: int, seconds: float, summary: DigitSummary) -> Message:
    return {
        "type": "result",
        "implementation": impl,
        "algorithm": algorithm,
        "n": n,
        "seconds": seconds,
        "digits": summary.digits,
        "leading": summary.leading,
        "trailing": summary.trailing,
        "negative": summary.negative,
    }
