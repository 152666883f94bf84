"""stored_stdlib: the standard library's archive with its members stored, importable as before."""

import importlib
import py_compile
import sys
import zipfile
import zipimport
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import stored_stdlib  # noqa: E402

MEMBERS = {"stdlib_probe/__init__.py": "VALUE = 'from the archive'\n" * 40, "README.txt": "text " * 300}


def deflated_archive(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.comment = b"pyodide"
        archive.mkdir("stdlib_probe")
        for name, text in MEMBERS.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 2, 3, 4, 6)), text, zipfile.ZIP_DEFLATED)
    return path


def test_the_same_members_stored_in_the_same_order(tmp_path):
    source, out = deflated_archive(tmp_path / "deflated.zip"), tmp_path / "stored.zip"
    stored_stdlib.write(source, out)
    with zipfile.ZipFile(source) as before, zipfile.ZipFile(out) as after:
        assert [m.filename for m in after.infolist()] == [m.filename for m in before.infolist()]
        assert {m.compress_type for m in after.infolist()} == {zipfile.ZIP_STORED}
        for old, new in zip(before.infolist(), after.infolist()):
            assert (new.date_time, new.external_attr) == (old.date_time, old.external_attr)
            assert after.read(new) == before.read(old)
        assert after.comment == b"pyodide"


def test_zipimport_imports_from_the_stored_archive(tmp_path, monkeypatch):
    out = tmp_path / "stored.zip"
    stored_stdlib.write(deflated_archive(tmp_path / "deflated.zip"), out)
    monkeypatch.syspath_prepend(str(out))
    try:
        module = importlib.import_module("stdlib_probe")
    finally:
        sys.modules.pop("stdlib_probe", None)
    assert isinstance(module.__loader__, zipimport.zipimporter)
    assert module.VALUE == "from the archive"


def test_an_unchanged_archive_is_not_rewritten(tmp_path):
    source, out = deflated_archive(tmp_path / "deflated.zip"), tmp_path / "stored.zip"
    stored_stdlib.write(source, out)
    before = out.stat().st_mtime_ns
    stored_stdlib.write(source, out)
    assert out.stat().st_mtime_ns == before


def test_a_file_that_is_no_zip_is_a_clear_error(tmp_path):
    source = tmp_path / "python_stdlib.zip"
    source.write_bytes(b"<html>not found</html>")
    with pytest.raises(SystemExit, match="the standard library archive is not a zip file"):
        stored_stdlib.write(source, tmp_path / "out.zip")


def unchecked_pyc(source: str, tmp_path: Path) -> bytes:
    """The module compiled by this CPython as startup_bytecode_in_pyodide.py compiles it in Pyodide's."""
    path = tmp_path / "module.py"
    path.write_text(source)
    return Path(py_compile.compile(str(path), cfile=str(tmp_path / "module.pyc"), doraise=True,
                                   invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)).read_bytes()


def test_bytecode_takes_the_place_of_its_source_and_imports(tmp_path, monkeypatch):
    compiled = unchecked_pyc("VALUE = 'compiled'\n", tmp_path)
    out = tmp_path / "stored.zip"
    stored_stdlib.write(deflated_archive(tmp_path / "deflated.zip"), out, {"stdlib_probe/__init__.pyc": compiled})
    with zipfile.ZipFile(out) as after:
        assert [m.filename for m in after.infolist()] == ["stdlib_probe/", "stdlib_probe/__init__.pyc", "README.txt"]
        assert after.read("stdlib_probe/__init__.pyc") == compiled
        assert after.getinfo("stdlib_probe/__init__.pyc").date_time == (2026, 1, 2, 3, 4, 6)
    monkeypatch.syspath_prepend(str(out))
    try:
        module = importlib.import_module("stdlib_probe")
    finally:
        sys.modules.pop("stdlib_probe", None)
    assert module.VALUE == "compiled"


def test_bytecode_without_its_source_in_the_archive_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match="no source of: elsewhere.pyc"):
        stored_stdlib.write(deflated_archive(tmp_path / "deflated.zip"), tmp_path / "out.zip", {"elsewhere.pyc": b""})
