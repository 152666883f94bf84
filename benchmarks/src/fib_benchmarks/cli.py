"""`benchmark`: times fib_python, fib_pybind and gmpy2 (fib_pybind at large n against python-flint
too, and its threads under a free-threaded CPython), writes the report and plots, prints the tables and the targets. Exit
status 1 when the report is not sound (see report.check_report)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import beyond_gmp
from . import browser as browser_mod
from . import browser_peers
from . import free_threaded as free_threaded_mod
from . import page_load
from . import server as server_mod
from .backend import running_app
from .implementations import conversion_split, load_implementations
from .machine import describe_machine
from .overhead import build_cases, run_overhead
from .plots import write_plots
from .report import build_report, check_report, write_report
from .runner import FULL_GRID, QUICK_GRID, Settings, measure_conversion, planned_steps, run_grid
from .tables import print_report
from .targets import Sources, evaluate
from .timing import CLOCKS


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive, got {text}")
        return value

    return parse


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmark",
        description="Benchmark fib_python, fib_pybind and gmpy2 (fib and fib_iterative, n = 10^3..10^7; "
                    "fib_pybind per call against gmpy2 and its conversion, n = 10..10^7; fib_pybind past GMP "
                    "against gmpy2, python-flint and its own GMP build, n = 10^3..10^8): "
                    "medians of interleaved rounds, a JSON report, PNG plots and the project's targets.",
    )
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run of a few seconds (n <= 10^5, 3 rounds) that checks the report is sound")
    parser.add_argument("--out", type=Path,
                        help="output directory (default: build/benchmark-report, or build/benchmark-quick with "
                             "--quick, under the repository root)")
    parser.add_argument("--repeats", type=_positive(int), help="rounds per cell (default 5; 3 with --quick)")
    parser.add_argument("--budget", type=_positive(float),
                        help="seconds one call may be predicted to take; longer cells are skipped "
                             "(default 15; 0.5 with --quick)")
    parser.add_argument("--min-sample", type=_positive(float), default=0.02,
                        help="shorter calls are batched into samples of at least this many seconds (default 0.02)")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall",
                        help="wall time (default), or this process's CPU time, steadier on a busy machine")
    parser.add_argument("--max-n", type=_positive(int), help="leave out grid points above this n")
    parser.add_argument("--browser", action="store_true",
                        help="also time both implementations in Pyodide through the web app's page in Chromium, "
                             "and fib_pybind against python-flint's wheel in one Pyodide there")
    parser.add_argument("--browser-repeats", type=_positive(int), default=3, help="runs per n in the page (default 3)")
    parser.add_argument("--page-load", action="store_true",
                        help="also load the page in Chromium on an emulated 20 Mbit/s, 40 ms link, from a cold cache "
                             "and again, next to a second instance serving the runtime as before issue 20")
    parser.add_argument("--page-load-rounds", type=_positive(int), default=3,
                        help="cold loads and reloads of each side (default 3)")
    parser.add_argument("--server", action="store_true", help="also load-test /api/fib/{n} with wrk")
    parser.add_argument("--server-duration", type=_positive(float), default=10,
                        help="seconds of load per implementation and n (default 10)")
    parser.add_argument("--server-connections", type=_positive(int), default=4,
                        help="concurrent connections (default 4)")
    parser.add_argument("--free-threaded", metavar="PYTHON", type=shlex.split,
                        help="also time fib_pybind.fib(10^6) on 1 and 2 threads under this free-threaded CPython "
                             "3.13t with fib_pybind installed (a command line; nox -s benchmark passes its cp313t venv's)")
    parser.add_argument("--url", help="a web app already running on 127.0.0.1 to use instead of starting one")
    parser.add_argument("--app-timeout", type=_positive(float), default=180,
                        help="seconds to wait for the web app to answer /api/health (default 180)")
    return parser.parse_args(argv)


def repo_root() -> Path:
    """The repository: the nearest directory that has benchmarks/pyproject.toml, at or above the
    working directory, else above this (editable, as Poetry installs it) package."""
    for start in (Path.cwd().resolve(), Path(__file__).resolve().parent):
        for directory in (start, *start.parents):
            if (directory / "benchmarks" / "pyproject.toml").is_file():
                return directory
    return Path.cwd().resolve()


def settings_for(args: argparse.Namespace) -> Settings:
    grid = QUICK_GRID if args.quick else FULL_GRID
    if args.max_n is not None:
        grid = {algorithm: tuple(n for n in ns if n <= args.max_n) for algorithm, ns in grid.items()}
    return Settings(
        grid={algorithm: ns for algorithm, ns in grid.items() if ns},
        repeats=args.repeats or (3 if args.quick else 5),
        budget_seconds=args.budget or (0.5 if args.quick else 15.0),
        min_sample_seconds=args.min_sample,
    )


class _Bar:
    """The runner's progress interface on a rich progress bar."""

    def __init__(self, progress: Progress, total: int):
        self._progress = progress
        self._task = progress.add_task("starting", total=total)

    def start(self, label: str) -> None:
        self._progress.update(self._task, description=label)

    def advance(self, steps: int = 1) -> None:
        self._progress.advance(self._task, steps)


def _failed(error: Exception) -> dict:
    return {"status": "failed", "reason": f"{type(error).__name__}: {error}"}


def run_web_parts(args: argparse.Namespace, root: Path, out_dir: Path, console: Console) -> dict[str, dict]:
    """The --browser (the page, then the peers), --page-load and --server parts against one web
    app. A part that fails is reported as failed in the JSON and the tables, and the other parts
    still run."""
    wanted = [name for name, on in (("browser", args.browser), ("browser_peers", args.browser),
                                    ("page_load", args.page_load), ("server", args.server)) if on]
    parts = {
        "browser": lambda base: browser_mod.pyodide_timings(
            base, out_dir / "browser.png", repeats=args.browser_repeats, say=console.print),
        "browser_peers": lambda base: browser_peers.peer_timings(base, root, say=console.print),
        "page_load": lambda base: page_load.measure(
            base, root, out_dir / "backend-before.log", rounds=args.page_load_rounds,
            app_timeout=args.app_timeout, say=console.print),
        "server": lambda base: server_mod.load_test(
            base, server_mod.LoadSettings(args.server_connections, args.server_duration), say=console.print),
    }
    sections: dict[str, dict] = {}
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        with running_app(root, args.url, out_dir / "backend.log", args.app_timeout) as base:
            for name in wanted:
                try:
                    sections[name] = parts[name](base)
                except Exception as error:  # noqa: BLE001 - reported, and the next part still runs
                    sections[name] = _failed(error)
    except Exception as error:  # noqa: BLE001 - the app did not start: every wanted part failed
        for name in wanted:
            sections.setdefault(name, _failed(error))
    return sections


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Logs (CI, pipes) get wide lines rather than tables squeezed into 80 columns.
    console = Console() if sys.stdout.isatty() else Console(width=140)
    root = repo_root()
    out_dir = (args.out or root / "build" / ("benchmark-quick" if args.quick else "benchmark-report")).resolve()
    settings = settings_for(args)
    machine = describe_machine()  # before the run: its load average tells how busy the machine was
    implementations = load_implementations()
    by_name = {impl.name: impl for impl in implementations}
    clock = CLOCKS[args.clock]
    split, split_missing = conversion_split(clock)
    console.print(f"Benchmarking {', '.join(by_name)}; report in {out_dir}")

    overhead_cases = build_cases(args.max_n, args.quick)
    beyond_plan = beyond_gmp.Plan(
        ns=tuple(n for n in (beyond_gmp.QUICK_NS if args.quick else beyond_gmp.FULL_NS)
                 if args.max_n is None or n <= args.max_n),
        str_n=beyond_gmp.QUICK_STR_N if args.quick else beyond_gmp.FULL_STR_N,
        repeats=settings.repeats, min_sample_seconds=settings.min_sample_seconds)

    columns = (TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        steps = (planned_steps(settings, len(implementations), conversion="fib" in settings.grid)
                 + len(overhead_cases) + beyond_gmp.planned_steps(beyond_plan))
        bar = _Bar(progress, steps)
        cells = run_grid(implementations, settings, bar, clock)
        conversions = measure_conversion(
            split, split_missing, by_name["fib_pybind"].functions["fib"],
            [c for c in cells if c.algorithm == "fib"], settings.repeats, bar,
        )
        overhead = run_overhead(overhead_cases, settings.repeats, settings.min_sample_seconds, clock, bar)
        beyond = beyond_gmp.measure(beyond_plan, clock, bar)

    free_threaded = None
    if args.free_threaded:
        console.print("Timing fib_pybind.fib(10^6) on 1 and 2 threads under the free-threaded CPython")
        plan = free_threaded_mod.QUICK if args.quick else free_threaded_mod.FULL
        free_threaded = free_threaded_mod.measure(args.free_threaded, plan)
    web = run_web_parts(args, root, out_dir, console) if args.browser or args.page_load or args.server else {}
    browser, peers, loads, server = (web.get(name) for name in ("browser", "browser_peers", "page_load", "server"))

    report = build_report(
        mode="quick" if args.quick else "full",
        clock=args.clock,
        command=["benchmark", *(sys.argv[1:] if argv is None else argv)],
        settings=settings,
        machine=machine,
        implementations=implementations,
        cells=cells,
        conversions=conversions,
        overhead=overhead,
        browser=browser,
        browser_peers=peers,
        page_load=loads,
        server=server,
        free_threaded=free_threaded,
        beyond_gmp=beyond,
        targets=evaluate(Sources(cells, browser, server, overhead, peers, args.clock, loads, beyond)),
        plots={},
    )
    report["plots"] = write_plots(report, out_dir)
    path = write_report(report, out_dir)
    print_report(report, console)

    problems = check_report(json.loads(path.read_text()), out_dir)
    problems += [f"--{name} did not complete: {section['reason']}"
                 for name, section in (("browser", browser), ("browser (peers)", peers), ("page-load", loads),
                                               ("server", server),
                                       ("free-threaded", free_threaded))
                 if section is not None and section["status"] != "measured"]
    for problem in problems:
        console.print(f"[bold red]problem:[/bold red] {problem}")
    console.print(f"Report: {path}\nPlots: {', '.join(str(out_dir / f) for f in report['plots'].values())}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
