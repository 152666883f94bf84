"""The licenses each distribution of the project must carry, and the check of one archive against
them: its metadata (Metadata-Version 2.4 or later, License-Expression, one License-File per text)
agrees with what it holds, and each expected license's text is there, read from the text itself.

    check_licenses.py KIND ARCHIVE...    prints each problem found; exit status 1 if any

KIND is manylinux or pyodide (fib_pybind's wheels), pure (fib_python's and webapp_worker's
wheels) or sdist (fib_pybind's). Stdlib only: it runs on the host and in the Debian testing root.
"""

import email.parser
import re
import sys
import tarfile
import zipfile
from pathlib import Path

# Phrases that identify each text (compared with runs of whitespace made single spaces).
OURS = ("Copyright (c) 2026 the py-cpp-fib contributors", "Permission is hereby granted, free of")
GMP = ("GNU LESSER GENERAL PUBLIC LICENSE Version 3, 29 June 2007",
       "GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007",
       "GNU GENERAL PUBLIC LICENSE Version 2, June 1991")
LLVM = ("Apache License Version 2.0, January 2004",
        "As an exception, if, as a result of your compiling your source code, portions of this "
        "Software are embedded into an Object form of such source code")
PYBIND11 = ("Wenzel Jakob", "Redistribution and use in source and binary forms")
ZIG = ("Copyright (c) Zig contributors", "Permission is hereby granted, free of")
BOOST = ("Boost Software License - Version 1.0",)
# FLINT and MPFR: LGPLv3+, with the GPLv3 it builds on.
LGPL3 = GMP[:2]

NATIVE_LICENSE = {"MIT", "BSD-3-Clause", "(LGPL-3.0-or-later OR GPL-2.0-or-later)",
                  "Apache-2.0 WITH LLVM-exception", "BSL-1.0"}
# Per kind: the License-Expression's terms (joined by AND) and, per license file or folder of
# texts (third-party/NAME, see wheel_licenses.py), the phrases its texts hold between them.
EXPECTED = {
    # FLINT and MPFR are in the manylinux wheels' second build of the module.
    "manylinux": (NATIVE_LICENSE | {"LGPL-3.0-or-later"}, {
        "LICENSE": OURS, "third-party/pybind11": PYBIND11, "third-party/gmp": GMP,
        "third-party/libcxx": LLVM, "third-party/libcxxabi": LLVM, "third-party/libunwind": LLVM,
        "third-party/zig-compiler-rt": ZIG, "third-party/boost": BOOST,
        "third-party/flint": LGPL3, "third-party/mpfr": LGPL3}),
    "pyodide": (NATIVE_LICENSE, {
        "LICENSE": OURS, "third-party/pybind11": PYBIND11, "third-party/gmp": GMP,
        "third-party/libcxx": LLVM, "third-party/boost": BOOST}),
    "pure": ({"MIT"}, {"LICENSE": OURS}),
    "sdist": ({"MIT"}, {"LICENSE": OURS}),
}


def and_terms(expression: str) -> set[str]:
    """The terms an SPDX expression joins with AND outside parentheses."""
    terms, depth, start = set(), 0, 0
    for match in re.finditer(r"[()]| AND ", expression):
        if match.group() == "(":
            depth += 1
        elif match.group() == ")":
            depth -= 1
        elif depth == 0:
            terms.add(expression[start:match.start()])
            start = match.end()
    return terms | {expression[start:]}


def read(archive: Path):
    """The archive's metadata and its license texts by License-File path."""
    if archive.name.endswith(".tar.gz"):
        with tarfile.open(archive) as sdist:
            top = sdist.getnames()[0].split("/")[0]
            files = {member.name.removeprefix(f"{top}/"): member for member in sdist.getmembers()
                     if member.isfile()}
            metadata = sdist.extractfile(files["PKG-INFO"]).read().decode()
            # In an sdist a License-File is a path from the project's root.
            texts = {name: sdist.extractfile(member).read().decode(errors="replace")
                     for name, member in files.items()}
    else:
        with zipfile.ZipFile(archive) as wheel:
            (dist_info,) = {name.split("/")[0] for name in wheel.namelist()
                            if name.split("/")[0].endswith(".dist-info")}
            metadata = wheel.read(f"{dist_info}/METADATA").decode()
            prefix = f"{dist_info}/licenses/"
            # auditwheel's repair adds the folders as entries of their own.
            texts = {name.removeprefix(prefix): wheel.read(name).decode()
                     for name in wheel.namelist()
                     if name.startswith(prefix) and not name.endswith("/")}
    return email.parser.Parser().parsestr(metadata), texts


def within(name: str, place: str) -> bool:
    return name == place or name.startswith(f"{place}/")


def metadata_problems(metadata, expected_terms: set[str]) -> list[str]:
    found = []
    # PEP 639's fields came with 2.4 (hatchling writes 2.5).
    version = tuple(map(int, (metadata["Metadata-Version"] or "0").split(".")))
    if version < (2, 4):
        found.append(f"Metadata-Version {metadata['Metadata-Version']}, older than 2.4")
    expression = metadata["License-Expression"] or ""
    if and_terms(expression) != expected_terms:
        found.append(f"License-Expression {expression!r}: terms {sorted(expected_terms)} expected")
    return found


def sdist_problems(metadata, files: dict[str, str]) -> list[str]:
    # Marked Dynamic, as the wheels' license fields differ from the sdist's (core metadata 2.2).
    dynamic = set(metadata.get_all("Dynamic") or [])
    found = [f"{field} not marked Dynamic" for field in ("License-Expression", "License-File")
             if field not in dynamic]
    if any(within(name, "third-party") for name in files):
        found.append("holds third-party/, the license texts of a wheel build")
    return found


def text_problems(texts: dict[str, str], listed: set[str], expected: dict) -> list[str]:
    found = [f"License-File {name} is not in the archive" for name in sorted(listed - texts.keys())]
    found += [f"{name} is not listed as a License-File" for name in sorted(texts.keys() - listed)]
    for place, phrases in expected.items():
        held = [" ".join(text.split()) for name, text in texts.items() if within(name, place)]
        if not held:
            found.append(f"no license text at {place}")
        found += [f"{place}: no text says {phrase!r}" for phrase in phrases
                  if not any(phrase in text for text in held)]
    found += [f"unexpected license text {name}" for name in sorted(texts)
              if not any(within(name, place) for place in expected)]
    return found


def problems(kind: str, archive: Path) -> list[str]:
    expected_terms, expected_texts = EXPECTED[kind]
    metadata, texts = read(archive)
    listed = set(metadata.get_all("License-File") or [])
    found = metadata_problems(metadata, expected_terms)
    if kind == "sdist":
        found += sdist_problems(metadata, texts)
        texts = {name: text for name, text in texts.items() if name in listed}
    return found + text_problems(texts, listed, expected_texts)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in EXPECTED:
        raise SystemExit(f"usage: {Path(__file__).name} {'|'.join(EXPECTED)} ARCHIVE...")
    status = 0
    for archive in map(Path, argv[1:]):
        found = problems(argv[0], archive)
        for problem in found:
            print(f"{archive.name}: {problem}")
        print(f"{archive.name}: {'licenses incomplete' if found else 'licenses complete'}")
        status |= bool(found)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
