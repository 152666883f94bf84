"""Content codings made at build time (precompress.py) and chosen per request (artifact_files.py).

A file's coded form lives beside it, named by the coding's suffix (pyodide.asm.wasm.br), and
counts only while it carries its source's modification time: a source rebuilt since is served
as it is until the build codes it again.
"""

import os
import stat

# Coding -> file suffix, the server's preference first when a client accepts several equally.
SUFFIXES = {"br": ".br", "gzip": ".gz"}


def coded_path(path: str, coding: str) -> str:
    return path + SUFFIXES[coding]


def fresh_codings(path: str, source: os.stat_result) -> dict[str, os.stat_result]:
    """The codings whose file beside `path` is a regular file made from its current content."""
    found = {}
    for coding in SUFFIXES:
        try:
            coded = os.stat(coded_path(path, coding), follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISREG(coded.st_mode) and coded.st_mtime_ns == source.st_mtime_ns:
            found[coding] = coded
    return found


def accepted_qualities(accept_encoding: str | None) -> dict[str, float]:
    """Accept-Encoding as coding -> q-value (RFC 9110 12.5.3); a malformed q-value counts as 0."""
    qualities = {}
    for entry in (accept_encoding or "").split(","):
        coding, *parameters = (part.strip() for part in entry.split(";"))
        if not coding:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
                quality = quality if 0.0 <= quality <= 1.0 else 0.0
        qualities[coding.lower()] = quality
    return qualities


def choose(accept_encoding: str | None, available: list[str]) -> str | None:
    """The coding to send among `available` (None: the file as it is), by the client's q-values.

    A coding the client does not name takes `*`'s q-value, or 0; the highest q-value wins, the
    smaller coding (SUFFIXES' order) on a tie. The file goes as it is when no coding is
    acceptable, when the client prefers identity by a higher q-value, and to a client that
    refuses everything (RFC 9110 lets a server ignore the header rather than answer 406).
    """
    qualities = accepted_qualities(accept_encoding)

    def quality(coding: str) -> float:
        return qualities.get(coding, qualities.get("*", 0.0))

    best = max((coding for coding in available if quality(coding) > 0), key=quality, default=None)
    if best is None or qualities.get("identity", 0.0) > quality(best):
        return None
    return best
