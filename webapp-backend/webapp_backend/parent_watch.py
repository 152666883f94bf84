"""Ending a process together with another, even one killed outright (which cannot stop it)."""

import os
import select
import threading
from collections.abc import Callable


def end_with(pid: int, end: Callable[[], None]) -> None:
    """Call `end` (from a thread) as soon as process `pid` ends; at once if it has ended. A
    Linux process file descriptor tells; elsewhere nothing is watched."""
    if not hasattr(os, "pidfd_open"):
        return
    try:
        process = os.pidfd_open(pid)
    except ProcessLookupError:
        end()
        return

    def wait_for_the_end() -> None:
        select.select([process], [], [])
        end()

    threading.Thread(target=wait_for_the_end, daemon=True, name=f"end-with-{pid}").start()
