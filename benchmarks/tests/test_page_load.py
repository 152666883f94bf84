import contextlib
import functools
import http.server
from pathlib import Path

import pytest
from conftest import serving

from fib_benchmarks import page_load
from fib_benchmarks.browser import CHROMIUM
from fib_benchmarks.targets import Sources, evaluate


def test_the_before_runtime_has_no_coded_copies_and_the_original_stdlib(tmp_path):
    served, original = tmp_path / "served", tmp_path / "npm" / "python_stdlib.zip"
    served.mkdir()
    original.parent.mkdir()
    files = {"pyodide.asm.wasm": b"wasm", "pyodide.asm.wasm.br": b"w", "pyodide.asm.wasm.gz": b"g",
             "python_stdlib.zip": b"stored", "python_stdlib.zip.br": b"s", "pyodide-lock.json": b"{}"}
    for name, content in files.items():
        (served / name).write_bytes(content)
    original.write_bytes(b"deflated")
    before = page_load.assemble_before(served, original, tmp_path / "before")
    assert {path.name: path.read_bytes() for path in before.iterdir()} == {
        "pyodide.asm.wasm": b"wasm", "python_stdlib.zip": b"deflated", "pyodide-lock.json": b"{}"}


def test_an_unbuilt_runtime_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nox -s pyodide_runtime"):
        page_load.assemble_before(tmp_path, tmp_path / "python_stdlib.zip", tmp_path / "before")


def test_the_first_side_changes_every_round():
    assert [page_load.order(round_) for round_ in range(3)] == [
        ("before", "after"), ("after", "before"), ("before", "after")]


def fake_load(cold_bytes, ready_seconds, reload_bytes=1000):
    return {"cold_bytes": cold_bytes, "cold_requests": 9, "ready_seconds": ready_seconds, "largest_response": None,
            "reload_bytes": reload_bytes, "reload_ready_seconds": ready_seconds / 2}


def fake_section(before=(10_000_000, 10.0), after=(3_000_000, 4.0), reload_bytes=2000):
    loads = {"before": [fake_load(*before)] * 2 + [fake_load(1, 99.0)],
             "after": [fake_load(*after, reload_bytes)] * 2 + [fake_load(1, 99.0, 1)]}
    return {"status": "measured", **page_load.summarise(loads, 3)}


def test_the_summary_takes_medians_per_side_and_ratios_of_now_to_before():
    section = fake_section()
    assert section["sides"]["before"]["medians"]["cold_bytes"] == 10_000_000
    assert section["sides"]["after"]["medians"]["reload_ready_seconds"] == 2.0
    assert section["ratios"] == {"cold_bytes": pytest.approx(0.3), "ready_seconds": pytest.approx(0.4)}


def test_the_targets_judge_bytes_ready_time_and_the_reload():
    by_id = {t["id"]: t for t in evaluate(Sources([], None, None, page_load=fake_section(after=(5_000_000, 6.0),
                                                                                        reload_bytes=60_000)))}
    assert (by_id["page_cold_bytes"]["measured"], by_id["page_cold_bytes"]["met"]) == (pytest.approx(0.5), False)
    assert (by_id["page_ready"]["measured"], by_id["page_ready"]["met"]) == (pytest.approx(0.6), False)
    assert (by_id["page_reload_bytes"]["measured"], by_id["page_reload_bytes"]["unit"]) == (60_000, "B")
    assert by_id["page_reload_bytes"]["met"] is False
    met = {t["id"]: t["met"] for t in evaluate(Sources([], None, None, page_load=fake_section()))}
    assert met["page_cold_bytes"] and met["page_ready"] and met["page_reload_bytes"]


def test_without_the_part_the_targets_say_what_they_need():
    result = {t["id"]: t for t in evaluate(Sources([], None, None))}["page_ready"]
    assert (result["met"], result["reason"]) == (None, "needs --page-load")


# A stand-in for the web app's page: ready once it has fetched blob.bin (the runtime's bytes),
# or an error when there is none.
FAKE_PAGE = """<!doctype html><p data-testid="status">Loading</p><script>
const status = document.querySelector('[data-testid="status"]');
fetch("/blob.bin").then((r) => r.ok ? r.arrayBuffer() : Promise.reject(new Error(`blob.bin: ${r.status}`))).then(
  () => { status.dataset.kind = "ready"; status.textContent = "Ready"; },
  (error) => { status.dataset.kind = "error"; status.textContent = error.message; });
</script>"""


@contextlib.contextmanager
def fake_app(folder: Path, blob_bytes: int | None):
    folder.mkdir()
    (folder / "index.html").write_text(FAKE_PAGE)
    if blob_bytes is not None:
        (folder / "blob.bin").write_bytes(bytes(blob_bytes))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    with serving(handler) as url:
        yield url


needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")


@needs_chromium
def test_both_sides_are_loaded_cold_and_again_and_their_bytes_counted(tmp_path):
    with fake_app(tmp_path / "after", 100_000) as after:
        section = page_load.measure(after, tmp_path, tmp_path / "before.log", rounds=2, ready_timeout=60,
                                    say=lambda line: None,
                                    before=lambda: fake_app(tmp_path / "before", 300_000))
    assert section["status"] == "measured"
    assert section["network"]["download_mbit_per_s"] == 20 and section["network"]["rtt_ms"] == 40
    for side, blob in (("before", 300_000), ("after", 100_000)):
        loads = section["sides"][side]["loads"]
        assert len(loads) == 2
        for load in loads:
            assert load["cold_requests"] == 2  # the page and blob.bin
            assert blob < load["cold_bytes"] < blob + 10_000
            assert load["largest_response"]["file"] == "blob.bin"
            assert load["largest_response"]["bytes"] == blob
            assert load["ready_seconds"] > 0 and load["reload_ready_seconds"] > 0
    assert section["ratios"]["cold_bytes"] < 1
    assert len(section["load_average_at_start_and_end"]) == 2


@needs_chromium
def test_a_page_that_reports_an_error_stops_the_part_with_its_message(tmp_path):
    with fake_app(tmp_path / "after", None) as after, pytest.raises(RuntimeError, match="blob.bin: 404"):
        page_load.measure(after, tmp_path, tmp_path / "before.log", rounds=1, ready_timeout=60,
                          say=lambda line: None, before=lambda: fake_app(tmp_path / "before", 10))
