"""debian_copyright reads license texts out of a Debian copyright file (DEP-5)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import debian_copyright  # noqa: E402

# The shapes that matter: a Files paragraph naming a license without its text, another Files
# paragraph, and the stand-alone License paragraph with the text, in DEP-5's continuation lines.
COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: example

Files: *
Copyright: 2003 Someone
License: Example-1.0

Files:
 lib/a/*
 lib/b/*
Copyright:
  2019 Someone Else
License: Other-2.0
 A short grant,
 quoted here.

License: Example-1.0
 Example License 1.0
 .
 Permission is granted,
   indented as written.
"""


@pytest.fixture
def copyright_file(tmp_path) -> Path:
    path = tmp_path / "copyright"
    path.write_text(COPYRIGHT)
    return path


def test_the_license_text_is_the_stand_alone_paragraph_as_plain_text(copyright_file):
    assert debian_copyright.license_text("Example-1.0", copyright_file) == (
        "Example License 1.0\n\nPermission is granted,\n  indented as written.\n")


def test_a_license_without_its_text_fails(copyright_file):
    with pytest.raises(SystemExit, match="no text of the license Missing-1.0"):
        debian_copyright.license_text("Missing-1.0", copyright_file)


def test_the_files_paragraph_is_found_by_any_pattern_it_lists(copyright_file):
    paragraph = debian_copyright.files_paragraph("lib/b/*", copyright_file)
    assert paragraph.startswith("Files:\n lib/a/*\n lib/b/*\n")
    assert paragraph.endswith(" quoted here.\n")


def test_a_pattern_no_paragraph_lists_fails(copyright_file):
    with pytest.raises(SystemExit, match="no Files paragraph for lib/c/"):
        debian_copyright.files_paragraph("lib/c/*", copyright_file)


def test_the_copyright_file_is_that_of_the_package_installing_the_file():
    # Boost's headers, which the project needs on the host (libboost1.81-dev).
    copyright_file = debian_copyright.copyright_of("/usr/include/boost/version.hpp")
    assert copyright_file.parent.name.startswith("libboost")
    assert "Boost Software License" in debian_copyright.license_text("BSL-1.0", copyright_file)
