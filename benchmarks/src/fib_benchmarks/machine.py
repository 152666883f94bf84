"""What the figures were measured on: CPU, cores, memory, OS, Python and package versions."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

# The packages whose versions decide the figures, by distribution name.
REPORTED_PACKAGES = ("fib-python", "fib-pybind", "gmpy2", "fib-benchmarks", "matplotlib", "rich", "playwright")


def _cpuinfo() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def cpu_model(cpuinfo: str) -> str:
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name":
            return value.strip()
    return platform.processor() or platform.machine()


def physical_cores(cpuinfo: str) -> int | None:
    """Distinct (physical id, core id) pairs; None where the kernel does not say."""
    cores, physical = set(), None
    for line in cpuinfo.splitlines() + [""]:
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "physical id":
            physical = value.strip()
        elif key == "core id":
            cores.add((physical, value.strip()))
    return len(cores) or None


def memory_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.partition("=")[2].strip('"')
    except OSError:
        pass
    return platform.platform()


def package_versions(names: tuple[str, ...] = REPORTED_PACKAGES) -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def describe_machine() -> dict:
    info = _cpuinfo()
    import gmpy2

    return {
        "cpu_model": cpu_model(info),
        "logical_cores": os.cpu_count(),
        "physical_cores": physical_cores(info),
        "memory_bytes": memory_bytes(),
        # Other work on the machine skews wall-clock figures: --clock cpu is steadier then.
        "load_average_1_5_15_min": list(os.getloadavg()),
        "os": os_name(),
        "kernel": platform.release(),
        "architecture": platform.machine(),
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "compiler": platform.python_compiler(),
        },
        "packages": package_versions(),
        "gmp_version_of_gmpy2": gmpy2.mp_version(),
    }
