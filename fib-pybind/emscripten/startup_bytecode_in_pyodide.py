"""Run inside Pyodide by startup_bytecode.py: starts webapp_worker as the page's worker does, then
writes the standard library modules that loaded from the archive, compiled by this CPython, to
the zip file OUT: one `<member>c` entry per `<member>` source, as unchecked hash-based pycs
(PEP 552: zipimport takes them without looking for the source).

Usage (inside Pyodide, the page's pure wheels installed as loadPyodide's packages): startup_bytecode_in_pyodide.py OUT
"""

import sys
import zipimport

import webapp_worker

# What the page's worker runs before it says "ready".
webapp_worker.describe()
# Modules that came from the standard library's archive, before this script imports more.
STARTUP = sorted((module.__spec__.loader.archive, module.__spec__.origin) for module in list(sys.modules.values())
                 if isinstance(getattr(getattr(module, "__spec__", None), "loader", None), zipimport.zipimporter)
                 and module.__spec__.origin.endswith(".py"))

import os  # noqa: E402 - after STARTUP, which these must not add to
import py_compile  # noqa: E402
import tempfile  # noqa: E402
import zipfile  # noqa: E402


def main(out: str) -> int:
    archives: dict[str, zipfile.ZipFile] = {}
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as bytecode:
        for archive, origin in STARTUP:
            member = os.path.relpath(origin, archive)
            source = os.path.join(folder, "module.py")
            stdlib = archives.setdefault(archive, zipfile.ZipFile(archive))
            with open(source, "wb") as file:
                file.write(stdlib.read(member))
            # dfile: the name a traceback shows, the same as when zipimport compiles the source.
            compiled = py_compile.compile(source, cfile=os.path.join(folder, "module.pyc"), dfile=origin,
                                          doraise=True,
                                          invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
            with open(compiled, "rb") as file:
                bytecode.writestr(zipfile.ZipInfo(member + "c", (1980, 1, 1, 0, 0, 0)), file.read())
    print(f"{len(STARTUP)} standard library modules compiled", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
