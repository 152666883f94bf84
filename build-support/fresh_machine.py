"""The README's two commands on a new Debian 12 machine, timed.

A clean Debian 12 (bookworm) minbase root filesystem, made by debootstrap, stands in for the new
machine. Inside it, as its root user, with nothing installed first but what the README asks for
(git to clone and make to run the commands): the repository's committed HEAD is cloned, then
`make test` runs, then `make run` until the page, the runtime, the wheels and the API answer.

The bare root is made once and kept (bookworm-minbase/ under the cache); every check starts from
a new copy of it (machine/, left in place until the next check, for inspection). Each command runs
in mount and PID namespaces of its own: its mounts, and every process it leaves (the server of
`make run`), end with it. The machine shares the host's network, as a new machine here would, and
trusts what every machine here trusts: the host's extra CA certificates are copied in, and the
environment variables that point tools at the CA bundle are passed through.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = Path("/var/cache/py-cpp-fib/fresh-machine")
TEMPLATE = CACHE / "bookworm-minbase"
MACHINE = CACHE / "machine"
LOGS = CACHE / "logs"
# Where the machine sees the repository to clone (read-only), and where the clone goes.
ORIGIN = "/mnt/origin"
CLONE = "/root/py-cpp-fib"
# What the README asks a user to have before its two commands.
PREREQUISITES = ("git", "make")
# What `make run` must serve before it counts as up, with a piece of each answer.
PAGE_CHECKS = {
    "/": b"<script",
    "/pyodide/pyodide.mjs": b"loadPyodide",
    "/wheels/index.json": b".whl",
    "/api/fib/10?impl=native": b'"value":"55"',
}


def log(message: str) -> None:
    print(f"[fresh-machine] {message}", flush=True)


def debian_sources() -> str:
    """The host's Debian 12 archive lines, as a new Debian 12 machine has them."""
    targets = subprocess.run(
        ["apt-get", "indextargets", "--format", "$(REPO_URI) $(RELEASE) $(COMPONENT)",
         "Identifier: Packages", "Origin: Debian"],
        check=True, capture_output=True, text=True,
    ).stdout.split("\n")
    return "".join(f"deb {line}\n" for line in sorted(set(targets)) if line)


def mounted_under(path: Path) -> list[str]:
    with open("/proc/mounts") as mounts:
        points = [line.split()[1] for line in mounts]
    return [point for point in points if point == str(path) or point.startswith(f"{path}/")]


def new_machine() -> None:
    if not TEMPLATE.is_dir():
        subprocess.run([REPO / "build-support/debian-root.sh", "minbase", "bookworm", TEMPLATE],
                       check=True)
    if left := mounted_under(MACHINE):
        raise SystemExit(f"fresh-machine: {MACHINE} still has mounts: {left}")
    log(f"a new machine: {TEMPLATE} copied to {MACHINE}")
    shutil.rmtree(MACHINE, ignore_errors=True)
    subprocess.run(["cp", "-a", TEMPLATE, MACHINE], check=True)
    (MACHINE / "etc/apt/sources.list").write_text(debian_sources())
    trusted = MACHINE / "usr/local/share/ca-certificates"
    trusted.mkdir(parents=True, exist_ok=True)
    for certificate in Path("/usr/local/share/ca-certificates").glob("*.crt"):
        shutil.copy(certificate, trusted)


def machine_environment(**extra: str) -> list[str]:
    """A root login's environment, plus the host's pointers at its CA bundle."""
    trust = [f"{name}={value}" for name, value in os.environ.items() if value.startswith("/etc/ssl/")]
    plain = ["HOME=/root", "USER=root", "LOGNAME=root", "SHELL=/bin/bash",
             "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
    return plain + trust + [f"{name}={value}" for name, value in extra.items()]


def inside(command: str, **extra_env: str) -> subprocess.Popen:
    """Starts a shell command as root in the machine, in its own mount and PID namespaces, its
    output piped. Killing the returned process ends all that the command started."""
    setup = """
        machine=$1 repo=$2 origin=$3; shift 3
        # A mount point as a real machine's / is (unshare --propagation needs one).
        mount --bind "$machine" "$machine"
        mount -t proc proc "$machine/proc"
        mount --rbind /dev "$machine/dev"
        mount --rbind /sys "$machine/sys"
        mkdir -p "$machine$origin"
        mount --bind -o ro "$repo" "$machine$origin"
        # The machine becomes this mount namespace's root (not a chroot, in which the kernel
        # refuses the user namespaces that the arm64 roots' qemu registration runs in).
        cd "$machine"
        pivot_root . .
        umount --lazy .
        exec /usr/bin/env -i "$@"
    """
    argv = ["unshare", "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child",
            "bash", "-euc", setup, "bash", str(MACHINE), str(REPO), ORIGIN,
            *machine_environment(**extra_env), "bash", "-c", command]
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, errors="replace")


def relay(process: subprocess.Popen, log_file: Path) -> int:
    """Shows the process's output and keeps it in log_file; its exit status."""
    with open(log_file, "w") as kept:
        for line in process.stdout:
            sys.stdout.write(line)
            kept.write(line)
    return process.wait()


def timed(name: str, command: str) -> float:
    log(f"{name}: {command}")
    started = time.monotonic()
    status = relay(inside(command), LOGS / f"{name}.log")
    seconds = time.monotonic() - started
    if status:
        raise SystemExit(f"fresh-machine: {name} failed (exit {status}) after {seconds:.0f} s;"
                         f" its log: {LOGS / f'{name}.log'}")
    log(f"{name}: done in {seconds:.0f} s")
    return seconds


def answers(port: int) -> bool:
    for path, expected in PAGE_CHECKS.items():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                if expected not in response.read():
                    return False
        except OSError:
            return False
    return True


def make_run(port: int, limit: float) -> float:
    """Seconds from `make run` until everything in PAGE_CHECKS answers; then the server stops."""
    log(f"make run: in {CLONE}, PORT={port}")
    started = time.monotonic()
    server = inside(f"cd {CLONE} && make run", PORT=str(port))
    # Its output goes on being shown while this thread polls.
    relaying = threading.Thread(target=relay, args=(server, LOGS / "make-run.log"), daemon=True)
    relaying.start()
    try:
        while not answers(port):
            if server.poll() is not None:
                raise SystemExit(f"fresh-machine: make run ended (exit {server.returncode}) before"
                                 f" the page answered; its log: {LOGS / 'make-run.log'}")
            if time.monotonic() - started > limit:
                raise SystemExit(f"fresh-machine: the page did not answer within {limit:.0f} s")
            time.sleep(2)
        seconds = time.monotonic() - started
        log(f"make run: the page, runtime, wheels and API answered after {seconds:.0f} s")
        return seconds
    finally:
        server.kill()  # --kill-child: the namespace's processes go with it
        server.wait()
        relaying.join(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--commands", nargs="+", choices=("test", "run"), default=["test", "run"],
                        help="the README commands to run, in this order (default: test run)")
    parser.add_argument("--run-limit", type=float, default=3600,
                        help="seconds make run may take until the page answers")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("fresh-machine: needs root (debootstrap, chroot, mounts)")

    new_machine()
    LOGS.mkdir(parents=True, exist_ok=True)
    times = {}
    try:
        times["git and make (apt-get)"] = timed(
            "prerequisites",
            "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
            f" --no-install-recommends {' '.join(PREREQUISITES)}",
        )
        times["git clone"] = timed("clone", f"git clone --no-hardlinks {ORIGIN} {CLONE}")
        for command in args.commands:
            if command == "test":
                times["make test"] = timed("make-test", f"cd {CLONE} && make test")
            else:
                times["make run (until the page answers)"] = make_run(free_port(), args.run_limit)
    finally:
        if left := mounted_under(MACHINE):
            raise SystemExit(f"fresh-machine: mounts left under {MACHINE}: {left}")
    # The clone's, not the repository's: commits may land while the machine works.
    commit = subprocess.run(["git", "-C", MACHINE / CLONE.lstrip("/"), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    report = {"commit": commit, "seconds": {name: round(value) for name, value in times.items()}}
    (LOGS / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    log(f"commit {commit}, on a clean Debian 12 minbase root:")
    for name, seconds in times.items():
        log(f"  {name:36} {seconds / 60:5.1f} min")


if __name__ == "__main__":
    main()
