"""In-Pyodide timings, read off the web app's page driven in Debian's Chromium.

The page (webapp-backend's static/index.html) has the test hooks `n-input`, `run-button` and
`status` (data-testid; `data-kind` on the status is "ready", "done" or "error"), and one
`result-row` per in-browser timing with `data-impl` ("native" or "python") and `data-algorithm`.
A row's time comes from its `data-seconds` when the page provides it, else from the time shown
in the row ("12.3 ms": three significant digits, enough for ratios).

The page's figure is already a warmed-up median (webapp_worker.timing: one untimed call at the
same n, then `data-runs` timed calls within a small budget), so the benchmark takes the figures
the page shows, as they are: one sample per run of the page, no warm-up of its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .timing import median

CHROMIUM = "/usr/bin/chromium"
BROWSER_NS = (10**6, 10**7)

# Fast doubling alone, both implementations, and no server request inside the timed runs: the
# naive loop would take minutes in wasm at these n, and the server's work would share the CPU.
_SET_UP_FORM = """() => {
  const set = (selector, on) => document.querySelectorAll(selector).forEach(box => { box.checked = on; });
  set('input[name="algorithm"]', false);
  set('input[name="algorithm"][value="fib"]', true);
  set('input[name="impl"]:not(:disabled)', true);
  set('input[name="server"]', false);
}"""
_READY_OR_FAILED = """() => document.querySelector('[data-testid="status"]')?.dataset.kind === 'error'
    || document.querySelector('[data-testid="run-button"]')?.disabled === false"""
_RUN_FINISHED = """() => ['done', 'error'].includes(document.querySelector('[data-testid="status"]').dataset.kind)"""
# Marks the rows already on the page, so that only rows of the next run are read.
_MARK_SEEN = """() => document.querySelectorAll('[data-testid="result-row"]')
    .forEach(row => { row.dataset.benchSeen = '1'; })"""
_FRESH_FIB_ROWS = """() => [...document.querySelectorAll('[data-testid="result-row"]')]
    .filter(row => !row.dataset.benchSeen && row.dataset.algorithm === 'fib')
    .map(row => ({impl: row.dataset.impl, seconds: row.dataset.seconds ?? null,
                  runs: row.dataset.runs === undefined ? null : Number(row.dataset.runs),
                  texts: [...row.cells].map(cell => cell.textContent.trim())}))"""

_TIME_TEXT = re.compile(r"^(\d+(?:\.\d+)?(?:e[+-]?\d+)?) (µs|ms|s)$")
_UNIT_SECONDS = {"µs": 1e-6, "ms": 1e-3, "s": 1.0}


def implementation_name(data_impl: str) -> str | None:
    """The harness's name for the page's data-impl value ("native", "python", ...)."""
    value = data_impl.lower()
    if "pybind" in value or value == "native":
        return "fib_pybind"
    if "python" in value:
        return "fib_python"
    return None


def row_seconds(seconds_attribute: str | None, cell_texts: list[str]) -> float:
    """A result row's time: its data-seconds, else the one cell that reads like "12.3 ms"."""
    if seconds_attribute is not None:
        return float(seconds_attribute)
    times = [m for m in map(_TIME_TEXT.match, cell_texts) if m]
    if len(times) != 1:
        raise ValueError(f"cannot tell the time from a result row with cells {cell_texts!r}")
    return float(times[0][1]) * _UNIT_SECONDS[times[0][2]]


def pyodide_timings(
    base_url: str,
    screenshot: Path,
    ns: tuple[int, ...] = BROWSER_NS,
    repeats: int = 3,
    ready_timeout: float = 300,
    run_timeout: float = 600,
    say: Callable[[str], None] = print,
) -> dict:
    """Runs the page `repeats` times round-robin over n; every run times both implementations
    side by side in the page's worker, and each row's figure is one sample."""
    from playwright.sync_api import sync_playwright

    keys = [(impl, n) for impl in ("fib_python", "fib_pybind") for n in ns]
    samples: dict[tuple[str, int], list[float]] = {key: [] for key in keys}
    page_runs: dict[tuple[str, int], list[int | None]] = {key: [] for key in keys}
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = chromium.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"{base_url}/")
            say("browser: waiting for Pyodide and the wheels to load")
            page.wait_for_function(_READY_OR_FAILED, timeout=ready_timeout * 1000)
            _raise_on_error(page)
            page.evaluate(_SET_UP_FORM)

            def run(n: int) -> list[tuple[str, float, int | None]]:
                """One run of the page at n: (implementation, seconds, timed runs) of its fresh fib rows."""
                page.evaluate(_MARK_SEEN)
                page.get_by_test_id("n-input").fill(str(n))
                # The submit handler sets a fresh status at once, so "done" below is this run's.
                page.get_by_test_id("run-button").click()
                page.wait_for_function(_RUN_FINISHED, timeout=run_timeout * 1000)
                _raise_on_error(page)
                rows = [(implementation_name(row["impl"]), row_seconds(row["seconds"], row["texts"]), row["runs"])
                        for row in page.evaluate(_FRESH_FIB_ROWS)]
                return [row for row in rows if row[0] is not None]

            for round_ in range(repeats):
                for n in ns:
                    say(f"browser: round {round_ + 1}/{repeats}, n={n:,}")
                    for impl, seconds, runs in run(n):
                        samples[(impl, n)].append(seconds)
                        page_runs[(impl, n)].append(runs)
            page.screenshot(path=str(screenshot), full_page=True)
            version = chromium.version
        finally:
            chromium.close()
    return {
        "status": "measured",
        "browser": f"Chromium {version} ({CHROMIUM}), headless",
        "page": f"{base_url}/",
        "screenshot": screenshot.name,
        "statistic": "each sample is the page's figure: the median of the page's timed runs "
                     "(page_runs_per_sample) after its untimed warm-up call at the same n",
        "timings": [
            {"implementation": impl, "algorithm": "fib", "n": n, "samples_seconds": s,
             "page_runs_per_sample": page_runs[(impl, n)], "median_seconds": median(s) if s else None}
            for (impl, n), s in samples.items()
        ],
    }


def _raise_on_error(page) -> None:
    status = page.get_by_test_id("status")
    if status.get_attribute("data-kind") == "error":
        raise RuntimeError(f"the page reports an error: {status.inner_text()}")
