import socket
import subprocess
import sys

from fib_benchmarks.server_cpu import listening_pids, tree_cpu_seconds, wait_until_idle

# Listens on a port, has a child that spins until it has used half a CPU second, then both sleep.
_SERVER = """
import socket, subprocess, sys, time
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
child = subprocess.Popen([sys.executable, "-c", "import time\\nwhile time.process_time() < 0.5: pass"])
print(listener.getsockname()[1], flush=True)
child.wait()
time.sleep(60)
"""


def test_a_servers_processes_and_their_cpu_are_found_from_its_port():
    server = subprocess.Popen([sys.executable, "-c", _SERVER], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline())
        assert listening_pids(port) == {server.pid}
        idle, burned = wait_until_idle(port, bound_seconds=30)
        assert idle
        # The spinning child's CPU counts, through its parent once it was reaped.
        assert tree_cpu_seconds({server.pid}) >= 0.5
        assert burned > 0
    finally:
        server.kill()
        server.wait()


def test_a_port_nobody_listens_on_has_no_processes():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert listening_pids(port) == set()
