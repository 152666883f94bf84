"""The served python_stdlib.zip: Pyodide's own, its members stored instead of deflated.

Pyodide writes the archive into its file system as it arrives and CPython's zipimport reads it
there, stored members as readily as deflated ones. Deflated member by member, the archive hardly
compresses again (brotli saves under a tenth); stored, brotli codes the whole archive at once,
across members, and the transfer shrinks from 2.5 MB (Pyodide 314's zip as it ships) to about
1.6 MB, while the archive in the worker's memory grows from 2.5 to 9.7 MB.
"""

import io
import zipfile
from pathlib import Path


def stored_copy(archive: bytes) -> bytes:
    """The same members, in the same order, with the same names, times and attributes, stored."""
    try:
        source = zipfile.ZipFile(io.BytesIO(archive))
    except zipfile.BadZipFile as error:
        raise SystemExit(f"error: the standard library archive is not a zip file: {error}") from None
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        target.comment = source.comment
        for member in source.infolist():
            copy = zipfile.ZipInfo(member.filename, member.date_time)
            copy.external_attr, copy.create_system = member.external_attr, member.create_system
            target.writestr(copy, source.read(member), zipfile.ZIP_STORED)
    return out.getvalue()


def write(source: Path, out: Path) -> None:
    data = stored_copy(source.read_bytes())
    # Rewritten only on change, so the served file keeps its ETag and its coded copies stay fresh.
    if not out.exists() or out.read_bytes() != data:
        out.write_bytes(data)
