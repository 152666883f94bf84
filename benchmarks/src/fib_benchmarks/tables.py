"""Terminal tables (rich) of a report: timings, conversion share, beyond GMP, browser, browser peers,
server, targets."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from . import beyond_gmp


def fmt_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def fmt_ratio(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.3g}x"


def fmt_bytes(count: float | None) -> str:
    return "-" if count is None else f"{count:,.0f} B"


def fmt_figure(value: float | None, unit: str) -> str:
    """A target's figure in its unit: a ratio, or bytes."""
    return fmt_bytes(value) if unit == "B" else fmt_ratio(value)


ALGORITHM_TITLES = {"fib": "fib (fast doubling)", "fib_iterative": "fib_iterative (naive loop)"}


def timings_table(report: dict, algorithm: str, notes: list[str]) -> Table:
    """One algorithm's medians; skipped cells point to a footnote appended to `notes`."""
    impls = list(report["implementations"])
    table = Table(title=f"{ALGORITHM_TITLES.get(algorithm, algorithm)}: median {report['settings']['clock']} time "
                        "per call, interleaved rounds",
                  caption="speed-up = fib_python / fib_pybind; vs gmpy2 = fib_pybind / gmpy2 (time ratios)")
    for column in ["n", *impls, "speed-up", "vs gmpy2", "agree"]:
        table.add_column(column, justify="right", no_wrap=True)
    for cell in (c for c in report["cells"] if c["algorithm"] == algorithm):
        row = [f"{cell['n']:,}"]
        for name in impls:
            m = cell["measurements"][name]
            if m["status"] == "measured":
                row.append(fmt_seconds(m["median_seconds"]))
            else:
                notes.append(f"[{len(notes) + 1}] {name}.{algorithm}({cell['n']:,}): {m['reason']}")
                row.append(f"[dim]skipped [{len(notes)}][/dim]")
        row.append(fmt_ratio(cell["ratios"].get("fib_python/fib_pybind")))
        row.append(fmt_ratio(cell["ratios"].get("fib_pybind/gmpy2")))
        row.append({True: "yes", False: "[bold red]NO[/bold red]", None: "-"}[cell["results_agree"]])
        table.add_row(*row)
    return table


def conversion_table(report: dict) -> Table:
    table = Table(title="fib_pybind.fib: computing F(n) vs building the Python int")
    for column in ("n", "compute", "convert", "conversion share"):
        table.add_column(column, justify="right")
    for c in report["conversion"]:
        if c["status"] == "measured":
            table.add_row(f"{c['n']:,}", fmt_seconds(c["compute_seconds"]), fmt_seconds(c["convert_seconds"]),
                          f"{c['share'] * 100:.2f}%")
        else:
            table.add_row(f"{c['n']:,}", "-", "-", c["reason"])
    return table


def overhead_table(report: dict) -> Table:
    table = Table(title=f"fib_pybind per call against GMP's own call and its conversion: median "
                        f"{report['settings']['clock']} time, alternating rounds",
                  caption="for n < 0 the reference runs at |n| (GMP has no negative index); "
                          "fib_mod's reference is its C-API floor")
    for column in ("call", "fib_pybind", "reference", "time", "ratio", "want", "agree"):
        table.add_column(column, justify="left" if column in ("call", "reference") else "right", no_wrap=True)
    for r in report["overhead"]:
        arguments = ", ".join(f"{a:,}" if abs(a) < 10**8 else f"{a:.4g}" for a in r["arguments"])
        ratio = fmt_ratio(r["ratio"]) if r["met"] else f"[red]{fmt_ratio(r['ratio'])}[/red]"
        table.add_row(f"{r['function']}({arguments})", fmt_seconds(r["ours"]["median_seconds"]), r["reference_label"],
                      fmt_seconds(r["reference"]["median_seconds"]), ratio, f"<= {r['threshold']:g}",
                      "yes" if r["results_agree"] else "[bold red]NO[/bold red]")
    return table


def browser_table(section: dict) -> Table:
    table = Table(title="In Pyodide (Chromium web worker), median seconds per call")
    for column in ("algorithm", "n", "implementation", "median", "runs"):
        table.add_column(column, justify="right")
    for t in section.get("timings", []):
        table.add_row(t["algorithm"], f"{t['n']:,}", t["implementation"], fmt_seconds(t["median_seconds"]),
                      str(len(t["samples_seconds"])))
    return table


def browser_peers_table(section: dict) -> Table:
    table = Table(title=f"One Pyodide {section.get('pyodide')} in Chromium against python-flint, "
                        "median seconds per call")
    for column in ("n", "implementation", "median", "calls"):
        table.add_column(column, justify="right")
    for t in section.get("timings", []):
        table.add_row(f"{t['n']:,}", t["implementation"], fmt_seconds(t["median_seconds"]), str(t["calls"]))
    return table


def page_load_table(section: dict) -> Table:
    network = section["network"]
    loads = ", ".join(" ".join(f"{value:.2f}" for value in sample)
                      for sample in section["load_average_at_start_and_end"])
    table = Table(title=f"The page's load in Chromium at {network['download_mbit_per_s']} Mbit/s, "
                        f"{network['rtt_ms']} ms: medians of {section['rounds']} rounds",
                  caption=f"load average at the start and end: {loads}")
    for column in ("served", "cold load", "requests", "ready", "reload", "reload ready", "largest response"):
        table.add_column(column, justify="left" if column in ("served", "largest response") else "right")
    for side, figures in section["sides"].items():
        m = figures["medians"]
        largest = figures["loads"][-1]["largest_response"]
        table.add_row(side, fmt_bytes(m["cold_bytes"]), str(figures["loads"][-1]["cold_requests"]),
                      fmt_seconds(m["ready_seconds"]), fmt_bytes(m["reload_bytes"]),
                      fmt_seconds(m["reload_ready_seconds"]),
                      f"{largest['file']} ({largest['content_encoding'] or 'identity'}), {largest['bytes']:,} B at "
                      f"{largest['mbit_per_s']:.3g} Mbit/s" if largest else "-")
    ratios = section["ratios"]
    table.add_row("now / before", fmt_ratio(ratios["cold_bytes"]), "", fmt_ratio(ratios["ready_seconds"]), "", "", "")
    return table


def server_table(section: dict) -> Table:
    table = Table(title=f"/api/fib load test: wrk, {section.get('connections')} connections, "
                        f"{section.get('duration_seconds')} s each")
    for column in ("n", "impl", "req/s", "p50", "p99", "requests", "errors"):
        table.add_column(column, justify="right")
    for r in section.get("runs", []):
        table.add_row(f"{r['n']:,}", r["implementation"], f"{r['requests_per_second']:.4g}",
                      fmt_seconds(r["latency_p50_seconds"]), fmt_seconds(r["latency_p99_seconds"]),
                      str(r["requests"]), str(r["total_errors"]))
    return table


def overload_table(section: dict) -> Table:
    table = Table(title=f"Goodput past the {section['lane']} lane's limit of {section['lane_limit']} "
                        f"requests: wrk on {section['path']}")
    for column in ("x limit", "connections", "2xx/s", "vs 1x", "503s", "p99"):
        table.add_column(column, justify="right")
    for r in section["runs"]:
        table.add_row(f"{r['multiple']}x", str(r["connections"]), f"{r['goodput_per_second']:.4g}",
                      fmt_ratio(r["goodput_vs_1x"]), str(r["refused"]), fmt_seconds(r["latency_p99_seconds"]))
    if (r := section.get("open_loop")) is not None:
        table.add_row(f"open loop, {r['offered_per_second']:.4g} new/s", "1 request each",
                      f"{r['goodput_per_second']:.4g}", fmt_ratio(r["goodput_vs_1x"]), str(r["refused"]),
                      f"{r['errored'] + r['timeouts']} failed")
    return table


def stalled_readers_table(section: dict) -> Table:
    mib = lambda key: f"{section[key] / 2**20:.4g} MiB"
    released = section["released_after_seconds"]
    table = Table(title=f"{section['held']} of {section['clients']} clients never reading {section['path']} "
                        f"({section['receive_buffer_bytes']} B receive buffers)")
    for column in ("", "before", "peak", "after"):
        table.add_column(column, justify="right")
    table.add_row("TCP memory (machine)", mib("tcp_memory_before_bytes"), mib("tcp_memory_peak_bytes"),
                  f"back after {released:.1f} s" if released is not None
                  else f"not back within {section['release_bound_seconds']:g} s")
    table.add_row("server process resident", mib("server_resident_before_bytes"), mib("server_resident_peak_bytes"),
                  mib("server_resident_after_bytes"))
    return table


def free_threaded_table(section: dict) -> Table:
    table = Table(title=f"fib_pybind.fib({section['n']:,}) on threads, free-threaded CPython {section['python']}: "
                        f"{section['calls_per_thread']} calls per thread, median of {section['rounds']} rounds")
    for column in ("threads", "calls/s", "vs 1 thread", "cores used"):
        table.add_column(column, justify="right")
    for row in section["threads"]:
        ratio = section["ratio_2_vs_1_thread"] if row["threads"] == 2 else 1.0
        table.add_row(str(row["threads"]), f"{row['median_calls_per_second']:.4g}", fmt_ratio(ratio),
                      f"{row['median_cores_used']:.2f}")
    return table


def beyond_gmp_table(section: dict) -> Table:
    """Per n each side's median time, and how many times faster fib_pybind ran than each other side."""
    rows = [*section["fib"], section["fib_str"]]
    sides = list(section["fib"][0]["median_seconds"]) if section["fib"] else []
    table = Table(title=f"Beyond GMP: F(n) by fib_pybind (large-n path: {section['large_n_path']}), median time "
                        f"per call of {section['repeats']} interleaved rounds",
                  caption=f"gmpy2 {section['gmpy2']}, python-flint {section['python_flint']}; "
                          "×: the side's time / fib_pybind's (above 1: fib_pybind is faster)")
    table.add_column("call", justify="left")
    for side in sides:
        table.add_column(side, justify="right")
    for row in rows:
        call = f"fib_str({row['n']:,})" if row is section["fib_str"] else f"fib({row['n']:,})"
        cells = []
        for side in sides:
            seconds = row["median_seconds"].get(side)
            if seconds is None:
                cells.append("-")
            elif side == beyond_gmp.OURS:
                cells.append(fmt_seconds(seconds))
            else:
                ours_vs = beyond_gmp.speedup(row, side)
                cells.append(f"{fmt_seconds(seconds)} ({fmt_ratio(ours_vs)})")
        table.add_row(call if row["results_agree"] else f"{call} [red]values differ[/red]", *cells)
    return table


def targets_table(report: dict) -> Table:
    table = Table(title="Targets (ratios measured in this run)")
    for column in ("target", "want", "measured", "result"):
        table.add_column(column, justify="left" if column == "target" else "right")
    for t in report["targets"]:
        if t["met"] is None:
            result = f"[yellow]not measured[/yellow] ({t['reason']})"
        else:
            result = "[green]met[/green]" if t["met"] else "[red]not met[/red]"
        unit = t["unit"]
        want = fmt_bytes(t["threshold"]) if unit == "B" else f"{t['threshold']:g}"
        table.add_row(t["description"], f"{t['comparison']} {want}", fmt_figure(t["measured"], unit), result)
    return table


def print_report(report: dict, console: Console) -> None:
    notes: list[str] = []
    for algorithm in report["settings"]["grid"]:
        console.print(timings_table(report, algorithm, notes))
    for note in notes:
        console.print(f"  {note}", style="dim", highlight=False)
    console.print(conversion_table(report))
    if report["overhead"]:
        console.print(overhead_table(report))
    if report["beyond_gmp"]["status"] == "measured":
        console.print(beyond_gmp_table(report["beyond_gmp"]))
    else:
        console.print(f"[yellow]beyond-GMP part {report['beyond_gmp']['status']}:[/yellow] "
                      f"{report['beyond_gmp'].get('reason')}")
    if report["free_threaded"] is None:
        console.print("[yellow]free-threaded part skipped:[/yellow] needs --free-threaded PYTHON "
                      "(a CPython 3.13t with fib_pybind installed)")
    for section, draw in (("browser", browser_table), ("browser_peers", browser_peers_table),
                          ("page_load", page_load_table), ("server", server_table),
                          ("free_threaded", free_threaded_table)):
        data = report[section]
        if data is None:
            continue
        if data["status"] == "measured":
            console.print(draw(data))
            if data.get("overload"):
                console.print(overload_table(data["overload"]))
            if data.get("stalled_readers"):
                console.print(stalled_readers_table(data["stalled_readers"]))
        else:
            console.print(f"[yellow]{section} run {data['status']}:[/yellow] {data.get('reason')}")
    console.print(targets_table(report))
