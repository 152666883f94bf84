"""The page's first load and its reload on a throttled link, before and after issue 20's serving.

"After" is the web app as it serves today: brotli or gzip copies made at build time, the
standard library's archive re-packed so that brotli codes it, versioned URLs cached for a year.
"Before" is a second instance of the same app, started here, serving the runtime as it went out
before issue 20: the same files without their coded copies (so every byte goes as it is) and
Pyodide's own python_stdlib.zip, whose members are deflated one by one. Its URLs are still
versioned, which a cold load does not notice (its cache is empty): the before side's reload is
reported, not judged.

Each load is a fresh Chromium context (an empty cache) whose page gets DevTools network
emulation: the page's throttling also holds back its dedicated worker's requests, which fetch
the runtime (the worker's own DevTools target refuses Network.emulateNetworkConditions); each
load's largest response and its throughput are recorded to show it. The two sides alternate
load by load, the first side changing every round, so both see the same machine.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from .backend import running_app
from .browser import CHROMIUM
from .timing import median

DOWNLOAD_MBIT_PER_S = 20
UPLOAD_MBIT_PER_S = 20
RTT_MS = 40
SIDES = ("before", "after")
DESCRIPTIONS = {
    "before": "the runtime as served before issue 20: no content coding, Pyodide's deflated python_stdlib.zip",
    "after": "the web app as it serves today: build-time brotli/gzip copies, the stored stdlib archive, "
             "versioned URLs cached for a year",
}
# Chromium's DevTools protocol takes bytes per second and milliseconds of added latency.
_EMULATION = {"offline": False, "latency": RTT_MS, "downloadThroughput": DOWNLOAD_MBIT_PER_S * 1e6 / 8,
              "uploadThroughput": UPLOAD_MBIT_PER_S * 1e6 / 8}
# The page's status says "ready" once the worker has started Python and imported webapp_worker.
_READY_AT = """() => {
  const kind = document.querySelector('[data-testid="status"]')?.dataset.kind;
  return kind === 'ready' ? performance.now() : kind === 'error' ? -1 : false;
}"""
_STATUS_TEXT = """() => document.querySelector('[data-testid="status"]')?.textContent"""


def _pyodide_target(repo: Path):
    """fib-pybind/emscripten/pyodide_targets.py's runtime of the page, which knows the npm package's files."""
    path = repo / "fib-pybind" / "emscripten" / "pyodide_targets.py"
    spec = importlib.util.spec_from_file_location("pyodide_targets", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TARGETS["314"]


def assemble_before(served: Path, original_stdlib: Path, into: Path) -> Path:
    """`into` holds the served runtime's files without their coded copies, and the original
    standard library archive in place of the re-packed one."""
    from webapp_backend.content_codings import SUFFIXES

    missing = [path for path in (served / original_stdlib.name, original_stdlib) if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"cannot assemble the before runtime: no {', '.join(map(str, missing))} "
                                "(nox -s pyodide_runtime builds the served one)")
    into.mkdir(parents=True, exist_ok=True)
    for path in sorted(served.iterdir()):
        if path.is_file() and path.suffix not in SUFFIXES.values() and path.name != original_stdlib.name:
            shutil.copy2(path, into / path.name)
    shutil.copy2(original_stdlib, into / original_stdlib.name)
    return into


def _moved(requests: list, base_url: str) -> dict:
    """Bytes Chromium received (headers and bodies, as on the wire) and the largest response."""
    foreign = [r.url for r in requests if not r.url.startswith(base_url + "/")]
    if foreign:
        raise RuntimeError(f"the page asked another server: {foreign}")
    sizes = [(r.sizes(), r) for r in requests]
    total = sum(s["responseBodySize"] + s["responseHeadersSize"] for s, _ in sizes)
    largest = None
    if sizes:
        size, request = max(sizes, key=lambda pair: pair[0]["responseBodySize"])
        timing = request.timing
        seconds = (timing["responseEnd"] - timing["responseStart"]) / 1000
        largest = {"file": request.url.rsplit("/", 1)[1], "bytes": size["responseBodySize"],
                   "content_encoding": request.response().headers.get("content-encoding"),
                   "mbit_per_s": size["responseBodySize"] * 8 / seconds / 1e6 if seconds > 0 else None}
    return {"bytes": total, "requests": len(requests), "largest_response": largest}


def _until_ready(page, navigate: Callable[[], object], timeout: float) -> float:
    """Seconds from the navigation's start until the page says it is ready."""
    navigate()
    at = page.wait_for_function(_READY_AT, polling=20, timeout=timeout * 1000).json_value()
    if at < 0:
        raise RuntimeError(f"the page reports an error: {page.evaluate(_STATUS_TEXT)}")
    return at / 1000


def one_load(browser, base_url: str, timeout: float) -> dict:
    """A cold load in a fresh context, then a reload in it, both on the emulated link."""
    context = browser.new_context()
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.emulateNetworkConditions", _EMULATION)
        cold_ready = _until_ready(page, lambda: page.goto(f"{base_url}/"), timeout)
        cold, finished[:] = _moved(finished, base_url), []
        reload_ready = _until_ready(page, page.reload, timeout)
        reload = _moved(finished, base_url)
    finally:
        context.close()
    return {"cold_bytes": cold["bytes"], "cold_requests": cold["requests"], "ready_seconds": cold_ready,
            "largest_response": cold["largest_response"],
            "reload_bytes": reload["bytes"], "reload_ready_seconds": reload_ready}


def order(round_: int) -> tuple[str, ...]:
    """The sides in this round's order: the first changes every round."""
    return SIDES if round_ % 2 == 0 else SIDES[::-1]


def summarise(loads: dict[str, list[dict]], rounds: int) -> dict:
    """Medians per side and the after/before ratios the targets judge."""
    medians = {side: {key: median([load[key] for load in loads[side]])
                      for key in ("cold_bytes", "ready_seconds", "reload_bytes", "reload_ready_seconds")}
               for side in SIDES}
    return {
        "rounds": rounds,
        "sides": {side: {"description": DESCRIPTIONS[side], "loads": loads[side], "medians": medians[side]}
                  for side in SIDES},
        "ratios": {key: medians["after"][key] / medians["before"][key] for key in ("cold_bytes", "ready_seconds")},
    }


@contextlib.contextmanager
def before_app(repo: Path, log_path: Path, timeout: float) -> Iterator[str]:
    """A second instance of the installed app serving the before runtime (a temporary folder)."""
    target = _pyodide_target(repo)
    with tempfile.TemporaryDirectory(prefix="page-load-before-") as folder:
        runtime = assemble_before(repo / "build" / "pyodide", target.stdlib_zip, Path(folder))
        with running_app(repo, None, log_path, timeout, env={"FIB_PYODIDE_DIR": str(runtime)}) as base:
            yield base


def measure(after_url: str, repo: Path, log_path: Path, rounds: int = 3, app_timeout: float = 180,
            ready_timeout: float = 300, say: Callable[[str], None] = print,
            before: Callable[[], contextlib.AbstractContextManager[str]] | None = None) -> dict:
    """The report's page_load section: `rounds` loads of each side, alternating."""
    from playwright.sync_api import sync_playwright

    load_average = [os.getloadavg()]
    loads: dict[str, list[dict]] = {side: [] for side in SIDES}
    with (before or (lambda: before_app(repo, log_path, app_timeout)))() as before_url:
        urls = {"before": before_url, "after": after_url}
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            try:
                for round_ in range(rounds):
                    for side in order(round_):
                        say(f"page load: round {round_ + 1}/{rounds}, {side}, {DOWNLOAD_MBIT_PER_S} Mbit/s, "
                            f"{RTT_MS} ms")
                        loads[side].append(one_load(chromium, urls[side], ready_timeout))
                version = chromium.version
            finally:
                chromium.close()
    load_average.append(os.getloadavg())
    return {
        "status": "measured",
        "browser": f"Chromium {version} ({CHROMIUM}), headless, a fresh context per load",
        "network": {"emulation": "Chromium DevTools Network.emulateNetworkConditions on the page",
                    "download_mbit_per_s": DOWNLOAD_MBIT_PER_S, "upload_mbit_per_s": UPLOAD_MBIT_PER_S,
                    "rtt_ms": RTT_MS},
        "statistic": "medians over the rounds; bytes as Chromium received them (headers and bodies); "
                     "ready: from the navigation's start to the page's ready status",
        "load_average_at_start_and_end": load_average,
        **summarise(loads, rounds),
    }
