"""check_wasm_imports reads a side module's imports and exports and judges them."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import check_wasm_imports as checker  # noqa: E402

SCRIPT = Path(checker.__file__)


def uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def name(text: str) -> bytes:
    return uleb(len(text)) + text.encode()


def section(section_id: int, entries: list[bytes]) -> bytes:
    body = uleb(len(entries)) + b"".join(entries)
    return bytes([section_id]) + uleb(len(body)) + body


def module(imports=(), exports=(), tags=()) -> bytes:
    """A wasm binary with one function type, the given function and tag (exception) imports and
    function exports."""
    type_section = section(1, [b"\x60\x00\x00"])  # () -> ()
    import_entries = [name(mod) + name(field) + b"\x00" + uleb(0) for mod, field in imports]
    import_entries += [name("env") + name(tag) + b"\x04\x00" + uleb(0) for tag in tags]
    import_entries.append(name("env") + name("__memory_base") + b"\x03\x7f\x00")
    export_entries = [name(field) + b"\x00" + uleb(0) for field in exports]
    return checker.WASM_MAGIC + type_section + section(2, import_entries) + section(7, export_entries)


def test_reads_imports_and_exports():
    data = module(imports=[("env", "malloc"), ("GOT.func", "free")], exports=["PyInit__core"])
    assert checker.imports(data) == [
        ("env", "malloc", "function"),
        ("GOT.func", "free", "function"),
        ("env", "__memory_base", "global"),
    ]
    assert checker.exports(data) == ["PyInit__core"]


def test_accepts_what_the_main_module_provides():
    data = module(imports=[("env", "malloc"), ("env", "invoke_vii")], exports=["PyInit__core"])
    assert checker.problems(data, {"malloc"}, {"PyInit__core"}) == []


def test_names_missing_imports_self_imports_time_t_calls_and_extra_exports():
    data = module(
        imports=[("env", "mpz_mul"), ("env", "helper"), ("env", "gmtime")],
        exports=["PyInit__core", "helper", "__wasm_call_ctors"],
    )
    found = checker.problems(data, {"gmtime"}, {"PyInit__core"})
    assert len(found) == 4
    assert "env.mpz_mul: not exported by Pyodide's main module" in found[0]
    assert "env.helper: the module's own function" in found[1]
    assert "env.gmtime: passes time_t" in found[2]
    assert found[3].startswith("export helper:")


def test_exception_tags_must_come_from_the_main_module():
    data = module(tags=["__cpp_exception", "__c_longjmp"])
    assert checker.imports(data)[0] == ("env", "__cpp_exception", "tag")
    assert checker.problems(data, {"__cpp_exception", "__c_longjmp"}, set()) == []
    (found,) = checker.problems(data, {"__cpp_exception"}, set())
    assert "tag import env.__c_longjmp: not exported by Pyodide's main module" in found


@pytest.mark.parametrize("script", ["pyodide.asm.mjs", "pyodide.asm.js"])
def test_reads_the_main_module_as_pyodide_314_and_earlier_ship_it(tmp_path, script):
    (tmp_path / "pyodide.asm.wasm").write_bytes(module(exports=["malloc"]))
    (tmp_path / script).write_text("var wasmImports={abort:_abort};")
    assert checker.main_module_symbols(tmp_path) == {"malloc", "abort"}


def test_a_runtime_without_the_main_module_script_is_a_clear_error(tmp_path):
    (tmp_path / "pyodide.asm.wasm").write_bytes(module(exports=["malloc"]))
    with pytest.raises(SystemExit, match="neither pyodide.asm.mjs nor pyodide.asm.js"):
        checker.main_module_symbols(tmp_path)


def test_reads_the_table_of_javascript_library_functions():
    js = "var x=1;var wasmImports={__syscall_openat:___syscall_openat,emscripten_date_now:_x};"
    assert checker.javascript_library_names(js) == {"__syscall_openat", "emscripten_date_now"}


def test_bad_input_is_a_clear_error(tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    (runtime / "pyodide.asm.wasm").write_bytes(module(exports=["malloc"]))
    (runtime / "pyodide.asm.js").write_text("var wasmImports={abort:_abort};")
    not_wasm = tmp_path / "_core.so"
    not_wasm.write_text("ELF, not wasm")
    result = subprocess.run([sys.executable, SCRIPT, "--runtime", runtime, not_wasm],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "not a WebAssembly binary" in result.stdout


def test_not_a_wasm_binary_raises():
    with pytest.raises(ValueError, match="not a WebAssembly binary"):
        checker.imports(b"\x7fELF")
