"""fib_pybind against the ecosystem's peer inside Chromium: fib_pybind.fib, python-flint's
flint.fmpz.fib_ui and fib_python.fib timed side by side in one Pyodide 314 process.

The same measurement as `nox -s pyodide_benchmark` (Node), with the same code: the repository's
fib-pybind/emscripten/bench_in_pyodide.py and median_timing.py run inside Pyodide on the main
thread of a blank page at the web app's origin. Pyodide and our two wheels come from the web app
(its /pyodide/ runtime and /wheels/index.json, as the page's worker gets them); python-flint's
wheel, which the web app does not serve, comes from benchmark_peers.py's cache and reaches the
page through a Playwright route under /benchmark-peers/, so no request leaves 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable

from .browser import CHROMIUM

PEER_NS = (10**5, 10**6, 10**7)
ROUTE = "/benchmark-peers/"
# The benchmark code the Node measurement runs, read from the repository.
PYODIDE_BENCH_FILES = ("bench_in_pyodide.py", "median_timing.py")
OUR_PACKAGES = ("fib_pybind", "fib_python")

_BLANK_PAGE = "<!doctype html><title>fib_pybind against python-flint</title>"
# Cross-origin isolation: Chromium's clock then ticks in 5 µs steps instead of 100 µs, a fifth of
# fib_pybind.fib's time at n = 10^5. Everything the page loads is same-origin, so it still loads.
_ISOLATION_HEADERS = {"Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp"}
_MEASURE = """async ({ sources, peerWheels, ourPackages, sizes }) => {
  const { loadPyodide } = await import("/pyodide/pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL: `${location.origin}/pyodide/` });
  await pyodide.loadPackage("micropip", { messageCallback: () => {} });
  const response = await fetch("/wheels/index.json");
  if (!response.ok) throw new Error(`/wheels/index.json answered ${response.status}`);
  const index = await response.json();
  const ours = ourPackages.map((name) => {
    if (!index.wheels[name]) throw new Error(`the web app serves no ${name} wheel for this Pyodide`);
    return `${location.origin}/wheels/${index.wheels[name]}`;
  });
  const micropip = pyodide.pyimport("micropip");
  await micropip.install.callKwargs([...ours, ...peerWheels.map((url) => location.origin + url)], { deps: false });
  pyodide.FS.mkdirTree("/bench");
  for (const [name, text] of Object.entries(sources)) pyodide.FS.writeFile(`/bench/${name}`, text);
  pyodide.runPython("import sys; sys.path.insert(0, '/bench')");
  const measured = pyodide.pyimport("bench_in_pyodide").measure(pyodide.toPy(sizes));
  return { pyodide: pyodide.version, isolated: self.crossOriginIsolated, figures: JSON.parse(pyodide.pyimport("json").dumps(measured)) };
}"""


def peer_wheels(emscripten_dir: Path) -> list[Path]:
    """python-flint's wheel (downloaded on first use, checked against its pinned hash)."""
    result = subprocess.run([sys.executable, str(emscripten_dir / "benchmark_peers.py")],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"benchmark_peers.py could not provide python-flint's wheel: {result.stderr.strip()}")
    return [Path(line) for line in result.stdout.splitlines() if line]


def section_from(result: dict) -> dict:
    """The report's browser_peers section from what the page returned."""
    timings = [
        {"implementation": implementation, "n": int(n), "median_seconds": seconds, "calls": figures["calls"]}
        for n, figures in result["figures"].items()
        for implementation, seconds in figures["medians"].items()
    ]
    return {
        "status": "measured",
        "pyodide": result["pyodide"],
        "cross_origin_isolated": result["isolated"],
        "statistic": "medians of interleaved calls after one untimed call per implementation that also "
                     "checks the three agree (fib-pybind/emscripten/median_timing.py, as under Node)",
        "timings": timings,
    }


def peer_timings(base_url: str, repo: Path, ns: tuple[int, ...] = PEER_NS,
                 say: Callable[[str], None] = print) -> dict:
    from playwright.sync_api import sync_playwright

    emscripten_dir = repo / "fib-pybind" / "emscripten"
    wheels = {wheel.name: wheel for wheel in peer_wheels(emscripten_dir)}
    sources = {name: (emscripten_dir / name).read_text() for name in PYODIDE_BENCH_FILES}

    def serve_peer_files(route) -> None:
        name = route.request.url.split(ROUTE, 1)[1]
        if name == "":
            route.fulfill(body=_BLANK_PAGE, content_type="text/html", headers=_ISOLATION_HEADERS)
        elif name in wheels:
            route.fulfill(path=str(wheels[name]), content_type="application/octet-stream")
        else:
            route.fulfill(status=404, body=f"no {name} here")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = chromium.new_page()
            page.route(f"{base_url}{ROUTE}**", serve_peer_files)
            page.goto(f"{base_url}{ROUTE}")
            say(f"browser peers: {', '.join(wheels)} against {', '.join(OUR_PACKAGES)} at n = "
                f"{', '.join(f'{n:,}' for n in ns)} in one Pyodide (about a minute)")
            result = page.evaluate(_MEASURE, {
                "sources": sources, "peerWheels": [f"{ROUTE}{name}" for name in wheels],
                "ourPackages": list(OUR_PACKAGES), "sizes": list(ns),
            })
            version = chromium.version
        finally:
            chromium.close()
    return {**section_from(result), "browser": f"Chromium {version} ({CHROMIUM}), headless, page's main thread",
            "peer_wheels": sorted(wheels)}
