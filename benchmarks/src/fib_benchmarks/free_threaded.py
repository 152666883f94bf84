"""fib_pybind.fib(10^6) on 1 and 2 threads under a free-threaded CPython (3.13t): throughput per
thread count and the ratio of the two, measured side by side in one run.

The harness itself runs on CPython 3.11, which has a GIL, so this part runs free_threaded_probe.py
in the interpreter that --free-threaded names: a command, e.g. the Debian testing root's runner
and the python of a venv holding the cp313t wheel (`nox -s benchmark` makes that venv and passes
it). The part refuses an interpreter that ran with the GIL enabled: its threads would take turns.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .timing import median

N = 10**6
THREAD_COUNTS = (1, 2)
PROBE = Path(__file__).with_name("free_threaded_probe.py")


@dataclass(frozen=True)
class Plan:
    calls_per_thread: int
    rounds: int


FULL = Plan(calls_per_thread=100, rounds=7)
QUICK = Plan(calls_per_thread=4, rounds=2)


def run_probe(command: list[str], plan: Plan, timeout: float = 600) -> dict:
    """The probe's figures, as it printed them; RuntimeError if the command did not run it."""
    arguments = [str(N), str(plan.calls_per_thread), str(plan.rounds), ",".join(map(str, THREAD_COUNTS))]
    try:
        result = subprocess.run([*command, "-c", PROBE.read_text(), *arguments],
                                capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError as error:
        raise RuntimeError(f"no such interpreter: {error.filename}") from error
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed (exit {result.returncode}): {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def summarise(probe: dict, plan: Plan) -> dict:
    """The report's section: per thread count the median calls per second, and the ratio of two
    threads to one, the median of each round's ratio (a round times both back to back)."""
    if not probe["free_threaded_build"] or probe["gil_enabled"]:
        raise RuntimeError(f"CPython {probe['python']} ran with the GIL enabled (free-threaded build: "
                           f"{probe['free_threaded_build']}): --free-threaded needs a CPython 3.13t "
                           "whose GIL stays disabled")
    samples = {int(count): values for count, values in probe["calls_per_second"].items()}
    cores = {int(count): values for count, values in probe["cores_used"].items()}
    ratios = [two / one for one, two in zip(samples[1], samples[2], strict=True)]
    return {
        "status": "measured",
        "python": probe["python"],
        "fib_pybind": probe["fib_pybind"],
        "n": N,
        "calls_per_thread": plan.calls_per_thread,
        "rounds": plan.rounds,
        "threads": [{"threads": count, "median_calls_per_second": median(values), "samples_calls_per_second": values,
                     "median_cores_used": median(cores[count])}
                    for count, values in sorted(samples.items())],
        "ratio_2_vs_1_thread": median(ratios),
    }


def measure(command: list[str], plan: Plan) -> dict:
    try:
        return summarise(run_probe(command, plan), plan)
    except (RuntimeError, subprocess.TimeoutExpired, ValueError, KeyError) as error:
        return {"status": "failed", "reason": f"{type(error).__name__}: {error}"}
