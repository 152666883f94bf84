"""The JSON report: every figure of a run, and the consistency check the quick run relies on."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

from .implementations import Implementation
from .overhead import Result
from .runner import Cell, Conversion, Settings
from .targets import TARGETS

# 2: the per-call overhead section; 3: browser_peers; 4: free_threaded; 5: page_load; 6: beyond_gmp
SCHEMA_VERSION = 6
REPORT_FILE = "report.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

TOP_LEVEL_FIELDS = (
    "schema_version", "generated_at", "command", "mode", "settings", "machine", "implementations",
    "cells", "conversion", "overhead", "beyond_gmp", "browser", "browser_peers", "page_load", "server",
    "free_threaded", "targets",
    "plots",
)
MEASURED_FIELDS = ("median_seconds", "samples_seconds", "calls_per_sample", "first_call_seconds")


def build_report(
    *,
    mode: str,
    clock: str,
    command: list[str],
    settings: Settings,
    machine: dict,
    implementations: list[Implementation],
    cells: list[Cell],
    conversions: list[Conversion],
    overhead: list[Result],
    browser: dict | None,
    browser_peers: dict | None,
    page_load: dict | None,
    server: dict | None,
    free_threaded: dict | None,
    beyond_gmp: dict,
    targets: list[dict],
    plots: dict[str, str],
) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": command,
        "mode": mode,
        "settings": {
            "repeats": settings.repeats,
            "budget_seconds_per_call": settings.budget_seconds,
            "min_sample_seconds": settings.min_sample_seconds,
            "grid": {algorithm: list(ns) for algorithm, ns in settings.grid.items()},
            "clock": clock,
            "statistic": "median of interleaved rounds; a sample times a batch of calls_per_sample calls",
        },
        "machine": machine,
        "implementations": {
            impl.name: {"package": impl.distribution, "description": impl.description} for impl in implementations
        },
        "cells": [dataclasses.asdict(cell) for cell in cells],
        "conversion": [dataclasses.asdict(c) for c in conversions],
        "overhead": [dataclasses.asdict(r) for r in overhead],
        "beyond_gmp": beyond_gmp,
        "browser": browser,
        "browser_peers": browser_peers,
        "page_load": page_load,
        "server": server,
        "free_threaded": free_threaded,
        "targets": targets,
        "plots": plots,
    }


def write_report(report: dict, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_FILE
    path.write_text(json.dumps(report, indent=2) + "\n")
    return path


def _check_cell(cell: dict, implementations: list[str], repeats: int) -> list[str]:
    where = f"{cell.get('algorithm')}({cell.get('n')})"
    problems = []
    if cell.get("results_agree") is False:
        problems.append(f"{where}: the implementations returned different values")
    measurements = cell.get("measurements", {})
    for name in implementations:
        m = measurements.get(name)
        if m is None:
            problems.append(f"{where}: no entry for {name}")
        elif m["status"] == "skipped":
            if not m.get("reason"):
                problems.append(f"{where}: {name} skipped without a reason")
        elif m["status"] == "measured":
            missing = [f for f in MEASURED_FIELDS if m.get(f) is None]
            if missing:
                problems.append(f"{where}: {name} lacks {', '.join(missing)}")
            elif len(m["samples_seconds"]) != repeats or m["median_seconds"] <= 0:
                problems.append(f"{where}: {name} has {len(m['samples_seconds'])} samples (want {repeats}) "
                                f"or a non-positive median")
        else:
            problems.append(f"{where}: {name} has unknown status {m['status']!r}")
    return problems


def _check_beyond_gmp(section: dict, repeats: int) -> list[str]:
    if section.get("status") != "measured":
        return [f"the beyond_gmp part {section.get('status')}: {section.get('reason')}"]
    problems = []
    for row in [*section["fib"], section["fib_str"]]:
        where = f"beyond GMP at n={row['n']:,}"
        if row["results_agree"] is not True:
            problems.append(f"{where}: the sides returned different values")
        for side, samples in row["samples_seconds"].items():
            if len(samples) != repeats or row["median_seconds"][side] <= 0:
                problems.append(f"{where}: {side} has {len(samples)} samples (want {repeats}) or a non-positive median")
    return problems


def _check_page_load(section: dict | None) -> list[str]:
    if section is None or section.get("status") != "measured":
        return []
    problems = []
    for side, figures in section["sides"].items():
        loads = figures["loads"]
        if len(loads) != section["rounds"]:
            problems.append(f"page load, {side}: {len(loads)} loads (want {section['rounds']})")
        if any(load["cold_bytes"] <= 0 or load["ready_seconds"] <= 0 for load in loads):
            problems.append(f"page load, {side}: a cold load moved no bytes or was never ready")
    return problems


def check_report(report: dict, out_dir: Path) -> list[str]:
    """Everything that makes a report unusable, as readable problems; empty when it is sound.
    Timings are never judged here: a slow machine still produces a sound report."""
    missing = [f for f in TOP_LEVEL_FIELDS if f not in report]
    if missing:
        return [f"report lacks top-level fields: {', '.join(missing)}"]
    problems = []
    if report["schema_version"] != SCHEMA_VERSION:
        problems.append(f"schema_version {report['schema_version']} is not {SCHEMA_VERSION}")
    implementations = list(report["implementations"])
    grid = report["settings"]["grid"]
    cells = report["cells"]
    planned = {(algorithm, n) for algorithm, ns in grid.items() for n in ns}
    present = {(c["algorithm"], c["n"]) for c in cells}
    if planned != present:
        problems.append(f"cells {sorted(present)} do not match the grid {sorted(planned)}")
    repeats = report["settings"]["repeats"]
    for cell in cells:
        problems += _check_cell(cell, implementations, repeats)
    for c in report["conversion"]:
        if c["status"] == "measured" and (c["value_matches_fib"] is not True or not 0 <= c["share"] <= 1):
            problems.append(f"conversion at n={c['n']}: value mismatch or share {c['share']} outside [0, 1]")
    for r in report["overhead"]:
        where = f"overhead of {r['function']}({', '.join(str(a) for a in r['arguments'])})"
        if r["results_agree"] is not True:
            problems.append(f"{where}: fib_pybind and {r['reference_label']} returned different values")
        for side in ("ours", "reference"):
            if len(r[side]["samples_seconds"]) != repeats or r[side]["median_seconds"] <= 0:
                problems.append(f"{where}: {side} has {len(r[side]['samples_seconds'])} samples (want {repeats}) "
                                "or a non-positive median")
    if [t["id"] for t in report["targets"]] != [t.id for t in TARGETS]:
        problems.append("the targets table does not list every target")
    for section in ("browser", "browser_peers", "page_load", "server", "free_threaded"):
        if report[section] is not None and "status" not in report[section]:
            problems.append(f"the {section} section has no status")
    threads = report["free_threaded"]
    if threads is not None and threads.get("status") == "measured":
        for row in threads["threads"]:
            if len(row["samples_calls_per_second"]) != threads["rounds"] or row["median_calls_per_second"] <= 0:
                problems.append(f"free-threaded, {row['threads']} threads: {len(row['samples_calls_per_second'])} "
                                f"samples (want {threads['rounds']}) or a non-positive median")
        if not threads["ratio_2_vs_1_thread"] > 0:
            problems.append(f"free-threaded: ratio {threads['ratio_2_vs_1_thread']} is not positive")
    problems += _check_page_load(report["page_load"])
    problems += _check_beyond_gmp(report["beyond_gmp"], repeats)
    for name, file in report["plots"].items():
        path = out_dir / file
        if not path.is_file() or path.read_bytes()[:8] != PNG_SIGNATURE:
            problems.append(f"plot {name} is missing or not a PNG: {path}")
    if not report["plots"]:
        problems.append("the report names no plots")
    return problems
