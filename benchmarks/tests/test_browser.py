import functools
import http.server
import threading
from pathlib import Path

import pytest

from fib_benchmarks.browser import CHROMIUM, implementation_name, pyodide_timings, row_seconds


@pytest.mark.parametrize(
    ("data_impl", "name"),
    [("native", "fib_pybind"), ("python", "fib_python"), ("fib_pybind", "fib_pybind"), ("fib_python", "fib_python"),
     ("gmpy2", None)],
)
def test_the_pages_implementation_names_map_to_the_harness_names(data_impl, name):
    assert implementation_name(data_impl) == name


def test_a_rows_data_seconds_is_its_time():
    assert row_seconds("0.0123456", ["browser", "native", "fib", "1,000,000", "12.3 ms"]) == 0.0123456


@pytest.mark.parametrize(("text", "seconds"), [("12.3 ms", 0.0123), ("456 µs", 456e-6), ("1.23 s", 1.23)])
def test_without_data_seconds_the_time_is_read_from_the_row(text, seconds):
    cells = ["browser", "native", "fib", "1,000,000", text, "208,988", "1953…875"]
    assert row_seconds(None, cells) == pytest.approx(seconds)


def test_a_row_without_a_readable_time_is_an_error():
    with pytest.raises(ValueError, match="cannot tell the time"):
        row_seconds(None, ["browser", "native", "fib", "1,000,000", "soon"])


# A stand-in for the web app's page with the same hooks: it reports each run's time as
# n * (1e-9 native, 1e-8 python) * (the run's number, counting from 1), and as its number of
# timed runs the run's number plus 2, so the harness's round-robin and medians can be checked
# exactly. It refuses runs that would slow the
# real benchmark (the naive loop, or a server request) and negative n.
FAKE_PAGE = """<!doctype html><html><body>
<p data-testid="status">Loading...</p>
<form id="form">
  <input data-testid="n-input">
  <input type="checkbox" name="impl" value="native" checked>
  <input type="checkbox" name="impl" value="python">
  <input type="checkbox" name="algorithm" value="fib">
  <input type="checkbox" name="algorithm" value="fib_iterative" checked>
  <input type="checkbox" name="server" checked>
  <button data-testid="run-button" disabled>Run</button>
</form>
<table><tbody id="rows"></tbody></table>
<script>
const status = document.querySelector('[data-testid="status"]');
const button = document.querySelector('[data-testid="run-button"]');
const checked = (name) => [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((b) => b.value);
let runs = 0;
setTimeout(() => { status.dataset.kind = "ready"; button.disabled = false; }, 200);
document.getElementById("form").addEventListener("submit", (event) => {
  event.preventDefault();
  status.dataset.kind = "info";
  const n = Number(document.querySelector('[data-testid="n-input"]').value);
  if (n < 0 || checked("algorithm").join() !== "fib" || checked("server").length) {
    status.dataset.kind = "error";
    status.textContent = `refused n=${n} algorithms=${checked("algorithm")} server=${checked("server")}`;
    return;
  }
  runs += 1;
  const run = runs;
  setTimeout(() => {
    const rows = document.getElementById("rows");
    rows.replaceChildren();
    for (const impl of checked("impl")) {
      const row = rows.insertRow();
      row.dataset.testid = "result-row";
      row.dataset.impl = impl;
      row.dataset.algorithm = "fib";
      row.dataset.seconds = String(n * (impl === "native" ? 1e-9 : 1e-8) * run);
      row.dataset.runs = String(run + 2);
      row.insertCell().textContent = impl;
    }
    status.dataset.kind = "done";
  }, 20);
});
</script></body></html>"""


@pytest.fixture
def fake_app(tmp_path):
    (tmp_path / "index.html").write_text(FAKE_PAGE)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")


@needs_chromium
def test_the_page_is_driven_round_robin_and_its_figures_are_the_samples(fake_app, tmp_path):
    section = pyodide_timings(fake_app, tmp_path / "shot.png", ns=(1000, 10_000), repeats=3,
                              ready_timeout=30, run_timeout=30, say=lambda line: None)
    timings = {(t["implementation"], t["n"]): t for t in section["timings"]}
    # The page warms up itself: n=1000 is runs 1, 3, 5 and n=10000 runs 2, 4, 6.
    assert timings[("fib_python", 1000)]["samples_seconds"] == pytest.approx([1e-5, 3e-5, 5e-5])
    assert timings[("fib_python", 1000)]["page_runs_per_sample"] == [3, 5, 7]
    assert timings[("fib_python", 1000)]["median_seconds"] == pytest.approx(3e-5)
    assert timings[("fib_pybind", 10_000)]["samples_seconds"] == pytest.approx([2e-5, 4e-5, 6e-5])
    assert timings[("fib_pybind", 10_000)]["page_runs_per_sample"] == [4, 6, 8]
    assert section["status"] == "measured"
    assert (tmp_path / "shot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@needs_chromium
def test_an_error_shown_by_the_page_stops_the_browser_part_with_its_message(fake_app, tmp_path):
    with pytest.raises(RuntimeError, match="the page reports an error: refused n=-1"):
        pyodide_timings(fake_app, tmp_path / "shot.png", ns=(-1,), repeats=1, ready_timeout=30, run_timeout=30,
                        say=lambda line: None)
