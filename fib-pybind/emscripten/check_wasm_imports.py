"""Check that Pyodide's main module provides everything a side module imports.

Pyodide resolves a side module's function imports lazily: an import that nothing provides fails
only when it is first called, so an import test can pass with a broken module. This reads the
module's import section and checks each name against what Pyodide's dynamic linker can resolve
(resolveGlobalSymbol in pyodide.asm.mjs or .js): the main module's wasm exports (functions, and
the exception tags of WebAssembly exceptions), the JavaScript library functions in its
`wasmImports` table, and the invoke_* and __cxa_find_matching_catch_* helpers that it creates on
demand for JavaScript exceptions.

It also rejects imports of the C library functions that pass time_t, struct timespec/timeval or
struct stat: Debian's Emscripten 3.1.6 has a 32-bit time_t, Pyodide's a 64-bit one, so such a call
would read the wrong memory layout.

With --only-export NAME (repeatable) it also checks that the module exports no other symbol than
those and Emscripten's own bookkeeping: Pyodide puts every export of a side module in one global
symbol table, where another module's symbol of the same name (another copy of GMP, say) can be
picked instead of ours.

Usage: check_wasm_imports.py --runtime build/pyodide [--only-export NAME]... MODULE.so|WHEEL...
Exits 1 and lists the offending names when a check fails.
"""

import argparse
import re
import signal
import sys
import zipfile
from pathlib import Path

WASM_MAGIC = b"\0asm\x01\0\0\0"
IMPORT_SECTION = 2
EXPORT_SECTION = 7
KIND_NAMES = {0: "function", 1: "table", 2: "memory", 3: "global", 4: "tag"}
# Names the dynamic linker supplies itself, not from the main module's symbol table.
LINKER_PROVIDED = {"memory", "__indirect_function_table", "__memory_base", "__table_base",
                   "__stack_pointer"}
ON_DEMAND = re.compile(r"^(invoke_[a-z]+|__cxa_find_matching_catch_\d+)$")
# libc functions whose arguments hold time_t or struct stat (layouts differ, see the docstring).
TIME_T_ABI = {"time", "difftime", "mktime", "timegm", "gmtime", "gmtime_r", "localtime",
              "localtime_r", "ctime", "ctime_r", "clock_gettime", "clock_getres", "clock_settime",
              "gettimeofday", "nanosleep", "clock_nanosleep", "utime", "utimes", "futimens",
              "utimensat", "select", "pselect", "stat", "fstat", "lstat", "fstatat"}
# Exports that Emscripten adds to every side module (constructors, relocations).
EMSCRIPTEN_EXPORTS = re.compile(r"^(__wasm_call_ctors|__wasm_apply_data_relocs|"
                                r"__wasm_apply_global_relocs|__wasm_apply_tls_relocs|"
                                r"__dso_handle|__post_instantiate)$")


class Reader:
    """Reads the LEB128 integers, names and vectors of the wasm binary format."""

    def __init__(self, data: bytes, pos: int = 0):
        self.data, self.pos = data, pos

    def byte(self) -> int:
        value = self.data[self.pos]
        self.pos += 1
        return value

    def uleb(self) -> int:
        result = shift = 0
        while True:
            byte = self.byte()
            result |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return result

    def name(self) -> str:
        length = self.uleb()
        text = self.data[self.pos:self.pos + length].decode("utf-8")
        self.pos += length
        return text

    def limits(self) -> None:
        flags = self.byte()
        self.uleb()
        if flags & 1:
            self.uleb()


def sections(data: bytes):
    if not data.startswith(WASM_MAGIC):
        raise ValueError("not a WebAssembly binary (version 1)")
    reader = Reader(data, len(WASM_MAGIC))
    while reader.pos < len(data):
        section_id = reader.byte()
        size = reader.uleb()
        yield section_id, Reader(data[reader.pos:reader.pos + size])
        reader.pos += size


def imports(data: bytes) -> list[tuple[str, str, str]]:
    """(module, name, kind) of every import."""
    found = []
    for section_id, reader in sections(data):
        if section_id != IMPORT_SECTION:
            continue
        for _ in range(reader.uleb()):
            module, name, kind = reader.name(), reader.name(), reader.byte()
            if kind == 0:
                reader.uleb()  # type index
            elif kind == 1:
                reader.byte()  # element type
                reader.limits()
            elif kind == 2:
                reader.limits()
            elif kind == 3:
                reader.byte()  # value type
                reader.byte()  # mutability
            elif kind == 4:
                reader.byte()  # attribute
                reader.uleb()  # type index
            else:
                raise ValueError(f"unknown import kind {kind} for {module}.{name}")
            found.append((module, name, KIND_NAMES[kind]))
    return found


def exports(data: bytes) -> list[str]:
    found = []
    for section_id, reader in sections(data):
        if section_id != EXPORT_SECTION:
            continue
        for _ in range(reader.uleb()):
            found.append(reader.name())
            reader.byte()  # kind
            reader.uleb()  # index
    return found


def javascript_library_names(pyodide_asm_js: str) -> set[str]:
    """Keys of the `wasmImports={name:value,...}` table that Emscripten emits into the main
    module's JavaScript."""
    start = pyodide_asm_js.find("wasmImports={")
    if start < 0:
        raise ValueError("pyodide.asm.js has no wasmImports table")
    start += len("wasmImports={")
    body = pyodide_asm_js[start:pyodide_asm_js.index("}", start)]
    return set(re.findall(r"([A-Za-z_$][\w$]*):", body))


def main_module_symbols(runtime: Path) -> set[str]:
    wasm = (runtime / "pyodide.asm.wasm").read_bytes()
    # Pyodide 314 ships the main module's JavaScript as an ES module, earlier ones as a script.
    scripts = [runtime / name for name in ("pyodide.asm.mjs", "pyodide.asm.js")]
    script = next((path for path in scripts if path.is_file()), None)
    if script is None:
        raise SystemExit(f"error: {runtime} has neither pyodide.asm.mjs nor pyodide.asm.js")
    js = script.read_text(encoding="utf-8")
    return set(exports(wasm)) | javascript_library_names(js)


def side_modules(path: Path):
    """(label, bytes) of the module, or of every .so inside a wheel."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            for member in wheel.namelist():
                if member.endswith(".so"):
                    yield f"{path.name}:{member}", wheel.read(member)
    else:
        yield str(path), path.read_bytes()


def problems(data: bytes, provided: set[str], only_export: set[str]) -> list[str]:
    found = []
    own_exports = set(exports(data))
    for module, name, kind in imports(data):
        if module == "env" and (name in LINKER_PROVIDED or ON_DEMAND.match(name)):
            continue
        if module == "env" and kind == "function":
            if name in own_exports:
                found.append(f"function import env.{name}: the module's own function, called "
                             "through the global symbol table (another module's copy would win)")
            elif name not in provided:
                found.append(f"function import env.{name}: not exported by Pyodide's main module")
            elif name in TIME_T_ABI:
                found.append(f"function import env.{name}: passes time_t or struct stat, whose "
                             "layout differs between this Emscripten and Pyodide's")
        elif module == "env" and kind == "tag":
            # WebAssembly exceptions: C++'s and longjmp's tags are the main module's.
            if name not in provided:
                found.append(f"tag import env.{name}: not exported by Pyodide's main module "
                             "(a different exception model?)")
        elif module in ("GOT.mem", "GOT.func"):
            # The loader looks in the global table first, then at the module's own exports.
            if name not in provided and name not in own_exports:
                found.append(f"{module}.{name}: defined neither by Pyodide nor by the module")
        elif module != "env" or kind != "global":
            found.append(f"unexpected import {module}.{name} ({kind})")
    if only_export:
        for name in sorted(own_exports):
            if name not in only_export and not EMSCRIPTEN_EXPORTS.match(name):
                found.append(f"export {name}: visible to every module in the process")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runtime", type=Path, required=True,
                        help="folder with pyodide.asm.wasm and pyodide.asm.mjs or .js")
    parser.add_argument("--only-export", action="append", default=[], metavar="NAME")
    parser.add_argument("modules", type=Path, nargs="+", help="side modules or wheels")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head

    provided = main_module_symbols(args.runtime)
    failed = False
    checked = 0
    for path in args.modules:
        for label, data in side_modules(path):
            checked += 1
            try:
                found = problems(data, provided, set(args.only_export))
            except (ValueError, IndexError) as error:
                print(f"error: {label}: {error or 'truncated WebAssembly binary'}")
                return 2
            if found:
                failed = True
                print(f"{label}: {len(found)} problem(s)")
                for line in found:
                    print(f"  {line}")
            else:
                print(f"{label}: every import is provided by Pyodide's main module")
    if checked == 0:
        print("error: no side module found in " + " ".join(map(str, args.modules)))
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
