"""The served python_stdlib.zip: Pyodide's own, its members stored instead of deflated, and the
modules the page's worker imports at start compiled (startup_bytecode.py).

Pyodide writes the archive into its file system as it arrives and CPython's zipimport reads it
there, stored members as readily as deflated ones. Deflated member by member, the archive hardly
compresses again (brotli saves under a tenth); stored, brotli codes the whole archive at once,
across members: 1.6 MB of sources against 2.5 MB as Pyodide 314 ships it, 2.2 MB with the start-up
modules' bytecode in place of their sources (which spares the worker compiling them, seconds of
its start), while the archive in the worker's memory grows from 2.5 to 10.2 MB.
"""

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path


def stored_copy(archive: bytes, bytecode: Mapping[str, bytes] | None = None) -> bytes:
    """The same members, in the same order, with the same names, times and attributes, stored;
    a source `<member>` whose `<member>c` is in `bytecode` becomes that compiled module."""
    bytecode = dict(bytecode or {})
    try:
        source = zipfile.ZipFile(io.BytesIO(archive))
    except zipfile.BadZipFile as error:
        raise SystemExit(f"error: the standard library archive is not a zip file: {error}") from None
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        target.comment = source.comment
        for member in source.infolist():
            compiled = bytecode.pop(member.filename + "c", None)
            copy = zipfile.ZipInfo(member.filename + ("c" if compiled is not None else ""), member.date_time)
            copy.external_attr, copy.create_system = member.external_attr, member.create_system
            target.writestr(copy, source.read(member) if compiled is None else compiled, zipfile.ZIP_STORED)
    if bytecode:
        raise SystemExit(f"error: bytecode for modules the archive has no source of: {', '.join(sorted(bytecode))}")
    return out.getvalue()


def write(source: Path, out: Path, bytecode: Mapping[str, bytes] | None = None) -> None:
    data = stored_copy(source.read_bytes(), bytecode)
    # Rewritten only on change, so the served file keeps its ETag and its coded copies stay fresh.
    if not out.exists() or out.read_bytes() != data:
        out.write_bytes(data)
