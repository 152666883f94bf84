"""make_wasm_pyconfig rewrites each macro of a pyconfig.h template with the target's value."""

import os
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import make_wasm_pyconfig as generator  # noqa: E402

TEMPLATE = """\
#define SIZEOF_LONG 8
#define HAVE_FORK 1
/* #undef PYLONG_BITS_IN_DIGIT */
#define HAVE_DECL_RTLD_DEEPBIND 1
#define _GNU_SOURCE 1
/* #undef size_t */
#define STRICT_SYSV_CURSES /* Don't use ncurses extensions */
"""


def test_rewrites_values_and_keeps_what_sysconfig_does_not_record():
    config = {"SIZEOF_LONG": 4, "HAVE_FORK": 0, "PYLONG_BITS_IN_DIGIT": 30,
              "HAVE_DECL_RTLD_DEEPBIND": 0, "STRICT_SYSV_CURSES": "/* Don't use ncurses extensions */"}
    lines = generator.rewrite(TEMPLATE, config).splitlines()
    assert "#define SIZEOF_LONG 4" in lines
    assert "/* #undef HAVE_FORK */" in lines
    assert "#define PYLONG_BITS_IN_DIGIT 30" in lines
    assert "#define HAVE_DECL_RTLD_DEEPBIND 0" in lines  # configure always defines HAVE_DECL_*
    assert "#define _GNU_SOURCE 1" in lines
    assert "/* #undef size_t */" in lines
    assert "#define STRICT_SYSV_CURSES /* Don't use ncurses extensions */" in lines


def make_stdlib_zip(path: Path, sizeof_void_p: int) -> Path:
    """A python_stdlib.zip whose sysconfig data is shaped like Pyodide 314's (tool paths as
    f-strings of the build machine's root)."""
    sysconfigdata = (
        "import os\nPYODIDE_ROOT = os.environ.get('PYODIDE_ROOT', '/root/repo')\n"
        f"build_time_vars = {{'AR': f'{{PYODIDE_ROOT}}/emsdk/emar', "
        f"'SIZEOF_VOID_P': {sizeof_void_p}, 'SIZEOF_LONG': 4}}\n"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(generator.SYSCONFIGDATA, sysconfigdata)
    return path


def test_generates_from_the_targets_sysconfig_data(tmp_path):
    template = tmp_path / "template.h"
    template.write_text(TEMPLATE)
    out = tmp_path / "pyconfig.h"
    stdlib = make_stdlib_zip(tmp_path / "python_stdlib.zip", sizeof_void_p=4)
    assert generator.main([str(stdlib), str(template), str(out)]) == 0
    assert "#define SIZEOF_LONG 4" in out.read_text().splitlines()


def test_an_unchanged_header_is_not_rewritten(tmp_path):
    # Every object file of the wheel depends on pyconfig.h: a rewrite would recompile them all.
    template = tmp_path / "template.h"
    template.write_text(TEMPLATE)
    out = tmp_path / "pyconfig.h"
    stdlib = make_stdlib_zip(tmp_path / "python_stdlib.zip", sizeof_void_p=4)
    generator.main([str(stdlib), str(template), str(out)])
    os.utime(out, ns=(0, 0))
    generator.main([str(stdlib), str(template), str(out)])
    assert out.stat().st_mtime_ns == 0
    template.write_text(TEMPLATE.replace("SIZEOF_LONG", "SIZEOF_INT"))
    generator.main([str(stdlib), str(template), str(out)])
    assert out.stat().st_mtime_ns != 0


def test_refuses_a_64_bit_target(tmp_path):
    template = tmp_path / "template.h"
    template.write_text(TEMPLATE)
    stdlib = make_stdlib_zip(tmp_path / "python_stdlib.zip", sizeof_void_p=8)
    with pytest.raises(SystemExit, match="not a wasm32 CPython"):
        generator.main([str(stdlib), str(template), str(tmp_path / "pyconfig.h")])
