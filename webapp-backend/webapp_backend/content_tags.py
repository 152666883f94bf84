"""Tags that follow files' content: the served files' ETags and the version segments of
cache-forever URLs (/pyodide/<folder version>/..., /wheels/<file tag>/<name>)."""

import hashlib
import os
from pathlib import Path

from .content_codings import SUFFIXES

# Full path -> (what its stat said, its tag), so a file is read again only once it changed.
# Not the modification time alone: a rebuild that writes the same bytes keeps its tag, and
# browsers keep what they have.
_known: dict[str, tuple[tuple[int, int, int], str]] = {}


def content_tag(path: str, stat_result: os.stat_result) -> str:
    """32 hex digits of the file's BLAKE2b digest. Reads the file: call it off the event loop."""
    version = (stat_result.st_ino, stat_result.st_mtime_ns, stat_result.st_size)
    known = _known.get(path)
    if known is None or known[0] != version:
        with open(path, "rb") as file:
            known = _known[path] = (version, hashlib.file_digest(file, "blake2b").hexdigest()[:32])
    return known[1]


def file_version(directory: Path, name: str) -> str | None:
    """The tag of the regular file `name` in `directory`, None when there is none."""
    path = os.path.join(directory, name)
    try:
        stat_result = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return content_tag(path, stat_result) if os.path.isfile(path) and not os.path.islink(path) else None


def folder_version(directory: Path, _name: str = "") -> str | None:
    """One tag for all the regular files served from `directory` (not their coded copies,
    which follow them): Pyodide finds its files relative to one URL, so they share a version."""
    if not os.path.isdir(directory):
        return None
    lines = []
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1] in SUFFIXES.values():
                continue
            path = os.path.join(folder, name)
            tag = file_version(Path(folder), name)
            if tag is not None:
                lines.append(f"{os.path.relpath(path, directory)} {tag}\n")
    return hashlib.blake2b("".join(lines).encode()).hexdigest()[:32]
