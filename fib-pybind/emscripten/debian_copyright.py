"""License texts from the Debian package that installed a file, read from the package's
machine-readable copyright file (/usr/share/doc/PACKAGE/copyright, DEP-5), for the wheels'
third-party license texts. Both wheel builds use it: the Pyodide one in the Debian testing root,
the manylinux one on the host (Boost's headers are the host's there).

    debian_copyright.py license NAME FILE     the text of license NAME (e.g. BSL-1.0), as plain
                                              text, from the copyright of FILE's package
    debian_copyright.py files PATTERN FILE    the paragraph of that copyright covering PATTERN
                                              (e.g. system/lib/libcxx/*), as written there
"""

import re
import subprocess
import sys
from pathlib import Path


def copyright_of(path: str) -> Path:
    """The copyright file of the package that installed path."""
    owner = subprocess.run(["dpkg-query", "--search", path], check=True, capture_output=True,
                           text=True).stdout.split(":")[0]  # e.g. libboost1.81-dev:amd64: /usr/...
    return Path("/usr/share/doc") / owner / "copyright"


def paragraphs(copyright_file: Path) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", copyright_file.read_text()) if block.strip()]


def plain(body_lines: list[str]) -> str:
    """DEP-5 continuation lines as text: one leading space dropped, a lone "." an empty line."""
    return "\n".join("" if line.strip() == "." else line[1:] for line in body_lines) + "\n"


def license_text(name: str, copyright_file: Path) -> str:
    """The stand-alone License paragraph of that name, which holds the license's full text."""
    for paragraph in paragraphs(copyright_file):
        first, *body = paragraph.strip("\n").splitlines()
        if first.strip() == f"License: {name}" and body:
            return plain(body)
    raise SystemExit(f"error: {copyright_file} has no text of the license {name}")


def files_paragraph(pattern: str, copyright_file: Path) -> str:
    """The Files paragraph listing pattern: whose files, under which license and terms."""
    for paragraph in paragraphs(copyright_file):
        field = re.match(r"Files:((?:.*\n?)(?:[ \t].*\n?)*)", paragraph.strip("\n"))
        if field and pattern in field.group(1).split():
            return paragraph.strip("\n") + "\n"
    raise SystemExit(f"error: {copyright_file} has no Files paragraph for {pattern}")


def main(argv: list[str]) -> int:
    commands = {"license": license_text, "files": files_paragraph}
    if len(argv) != 3 or argv[0] not in commands:
        raise SystemExit(f"usage: {Path(__file__).name} license NAME FILE | files PATTERN FILE")
    sys.stdout.write(commands[argv[0]](argv[1], copyright_of(argv[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
