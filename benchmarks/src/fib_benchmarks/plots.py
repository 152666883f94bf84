"""PNG plots drawn from the report itself, so a saved report can always be re-plotted."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on servers and CI
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"fib_python": "tab:blue", "fib_pybind": "tab:orange", "gmpy2": "tab:green"}
LINESTYLES = {"fib": "-", "fib_iterative": "--"}
TIME_PLOT = "time_vs_n.png"
RATIO_PLOT = "ratios.png"
OVERHEAD_PLOT = "overhead.png"


def series(report: dict, algorithm: str, implementation: str) -> tuple[list[int], list[float]]:
    """(n, median seconds) of the measured cells of one implementation and algorithm."""
    points = [
        (c["n"], c["measurements"][implementation]["median_seconds"])
        for c in report["cells"]
        if c["algorithm"] == algorithm and c["measurements"][implementation]["status"] == "measured"
    ]
    return [n for n, _ in points], [s for _, s in points]


def ratio_series(report: dict, algorithm: str, numerator: str, denominator: str) -> tuple[list[int], list[float]]:
    """(n, time of numerator / time of denominator) wherever both were measured."""
    num = dict(zip(*series(report, algorithm, numerator)))
    den = dict(zip(*series(report, algorithm, denominator)))
    ns = sorted(set(num) & set(den))
    return ns, [num[n] / den[n] for n in ns]


def _subtitle(report: dict) -> str:
    machine = report["machine"]
    return f"{machine['cpu_model']}, {machine['logical_cores']} cores, Python {machine['python']['version']}"


def _finish(fig, ax, path: Path, xlabel: str, ylabel: str, title: str) -> None:
    """Log-scaled n, labels, grid and legend; writes the figure and closes it."""
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_times(report: dict, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(9, 6))
    for algorithm in report["settings"]["grid"]:
        for impl in report["implementations"]:
            ns, seconds = series(report, algorithm, impl)
            if ns:
                ax.plot(ns, seconds, LINESTYLES.get(algorithm, "-"), marker="o", color=COLORS.get(impl),
                        label=f"{impl}.{algorithm}")
    browser = report.get("browser") or {}
    for impl in ("fib_python", "fib_pybind"):
        points = sorted((t["n"], t["median_seconds"]) for t in browser.get("timings", [])
                        if t["implementation"] == impl and t["algorithm"] == "fib" and t["median_seconds"])
        if points:
            ax.plot(*zip(*points), ":", marker="s", color=COLORS[impl], label=f"{impl}.fib in Pyodide (Chromium)")
    ax.set_yscale("log")
    _finish(fig, ax, path, "n", "seconds per call (median)", f"Time to compute F(n)\n{_subtitle(report)}")


def plot_ratios(report: dict, path: Path) -> None:
    fig, (speedup, limit) = plt.subplots(1, 2, figsize=(12, 5))
    for algorithm in report["settings"]["grid"]:
        for impl in ("fib_pybind", "gmpy2"):
            ns, ratios = ratio_series(report, algorithm, "fib_python", impl)
            if ns:
                speedup.plot(ns, ratios, LINESTYLES.get(algorithm, "-"), marker="o", color=COLORS[impl],
                             label=f"{impl}.{algorithm}")
        ns, ratios = ratio_series(report, algorithm, "fib_pybind", "gmpy2")
        if ns:
            limit.plot(ns, ratios, LINESTYLES.get(algorithm, "-"), marker="o", color=COLORS["fib_pybind"],
                       label=f"{algorithm}")
    speedup.set_title("Speed-up over fib_python (its time / theirs)", fontsize=10)
    speedup.set_yscale("log")
    limit.set_title("fib_pybind time / gmpy2 time (1 = the practical limit)", fontsize=10)
    limit.axhline(1.2, color="gray", linestyle=":", label="target for fib: 1.2")
    limit.axhline(1.0, color="black", linewidth=0.5)
    for ax in (speedup, limit):
        ax.set_xscale("log")
        ax.set_xlabel("n")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(_subtitle(report), fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def overhead_series(report: dict, function: str, sign: int) -> tuple[list[int], list[float]]:
    """(|n|, fib_pybind time / reference time) of one function's cases with n of this sign."""
    points = sorted((abs(r["arguments"][0]), r["ratio"]) for r in report["overhead"]
                    if r["function"] == function and (r["arguments"][0] >= 0) == (sign > 0))
    return [n for n, _ in points], [ratio for _, ratio in points]


def plot_overhead(report: dict, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(9, 5))
    references = {r["function"]: r["reference_label"] for r in report["overhead"] if r["function"] != "fib_mod"}
    for function, color in zip(references, ("tab:orange", "tab:purple", "tab:brown")):
        for sign, style in ((1, "-"), (-1, "--")):
            ns, ratios = overhead_series(report, function, sign)
            if ns:
                ax.plot(ns, ratios, style, marker="o", color=color,
                        label=f"fib_pybind.{function}({'' if sign > 0 else '-'}n) / {references[function]}")
    spans: dict[float, list[int]] = {}  # each target over the |n| it applies to
    for r in report["overhead"]:
        if r["function"] != "fib_mod":
            spans.setdefault(r["threshold"], []).append(abs(r["arguments"][0]))
    for threshold, ns in sorted(spans.items()):
        ax.hlines(threshold, min(ns), max(ns), colors="gray", linestyles=":",
                  label=f"target {threshold:g}, n = {min(ns):,} .. {max(ns):,}")
    ax.axhline(1.0, color="black", linewidth=0.5)
    _finish(fig, ax, path, "|n|", "time ratio (1 = GMP's own call and conversion)",
            f"Per-call cost of fib_pybind against gmpy2\n{_subtitle(report)}")


def write_plots(report: dict, out_dir: Path) -> dict[str, str]:
    """Draws the plots into out_dir; returns their file names for the report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    plot_times(report, out_dir / TIME_PLOT)
    plot_ratios(report, out_dir / RATIO_PLOT)
    plots = {"time_vs_n": TIME_PLOT, "ratios": RATIO_PLOT}
    if report["overhead"]:
        plot_overhead(report, out_dir / OVERHEAD_PLOT)
        plots["overhead"] = OVERHEAD_PLOT
    return plots
