"""Builds a free-threaded CPython (`configure --disable-gil`, PEP 703) for the cp313t wheel's
build and tests, and keeps it. No Debian suite ships a free-threaded CPython, so it is made from
the CPython source in Debian testing's source package of that version (python3.13), fetched and
checked by apt.

Runs inside the Debian testing root (build-support/debian-root.sh run -- python3 ...), which has
the compiler and the headers it needs (build-support/debian-root-packages.txt); the interpreter
runs there too, since it links the root's libraries.

    free_threaded_cpython.py 3.13      ensures the build, prints the interpreter's path

It is the upstream source alone (the package's orig tarball), configured plainly into a prefix:
Debian's patches adapt CPython to Debian's own layout (dist-packages, multiarch paths) and expect
Debian's build rules. The build lives in a folder named after its inputs (the source package's
version and the configure options); a change of either builds afresh, and the folder's link
cpython-<version>t, which interpreters.py looks for, is moved to the new build only once it is
installed and checked.
"""

import argparse
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import steps

TOOL = "free-threaded-cpython"
CACHE = Path("/var/cache/py-cpp-fib/free-threaded-cpython")
JOBS = "2"
# Without the GIL; without CPython's own test modules, which nothing here runs (a shorter install).
CONFIGURE_OPTIONS = ("--disable-gil", "--disable-test-modules")


def log(message: str) -> None:
    steps.log(TOOL, message)


def link(version: str) -> Path:
    """Where the current build's prefix is found (a symbolic link)."""
    return CACHE / f"cpython-{version}t"


def interpreter(version: str) -> Path:
    return link(version) / "bin" / f"python{version}t"


def source_files(version: str) -> dict[str, str]:
    """The source package's file names (.dsc, orig tarball, ...) by their kind, as apt knows them."""
    uris = subprocess.run(
        ["apt-get", "source", "--print-uris", f"python{version}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    names = re.findall(r"^'\S+' (\S+) \d+ ", uris, re.MULTILINE)
    files = {kind: name for name in names for kind in ("dsc", "orig") if f".{kind}" in name}
    if len(files) != 2:
        raise SystemExit(
            f"{TOOL}: apt-get source knows no python{version} with an orig tarball; "
            "is there a deb-src line for testing?"
        )
    return files


def download(version: str, files: dict[str, str]) -> Path:
    folder = CACHE / "source"
    if not (folder / files["orig"]).is_file():
        folder.mkdir(parents=True, exist_ok=True)
        log(f"downloading Debian testing's python{version} source ({files['dsc']})")
        # As root, into a folder apt's sandbox user cannot write to: apt would only warn. apt
        # checks each file against the signed Release file.
        subprocess.run(
            ["apt-get", "-o", "APT::Sandbox::User=root", "source", "--download-only", f"python{version}"],
            cwd=folder,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder / files["orig"]


def build(version: str, orig: Path, directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    source, build_tree, logs = directory / "src", directory / "build", directory / "logs"
    for folder in (source, build_tree, logs):
        folder.mkdir(parents=True)
    subprocess.run(["tar", "-xf", orig, "-C", source, "--strip-components=1"], check=True)
    configure = [source / "configure", f"--prefix={directory / 'prefix'}", *CONFIGURE_OPTIONS]
    steps.run_logged(TOOL, "configure", logs / "configure.log", configure, cwd=build_tree)
    steps.run_logged(TOOL, f"make -j{JOBS}", logs / "make.log", ["make", f"-j{JOBS}"], cwd=build_tree)
    steps.run_logged(TOOL, "make install", logs / "install.log", ["make", "install"], cwd=build_tree)


def check(python: Path) -> str:
    """The interpreter's version, after checking it runs without the GIL and has what pip needs."""
    probe = (
        "import ssl, sys, sysconfig, zlib;"
        "assert sysconfig.get_config_var('Py_GIL_DISABLED') == 1 and not sys._is_gil_enabled();"
        "print(sys.version.split()[0])"
    )
    result = subprocess.run([python, "-c", probe], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{TOOL}: {python} is not a working free-threaded CPython:\n{result.stderr}")
    return result.stdout.strip()


def ensure(version: str) -> Path:
    files = source_files(version)
    inputs = hashlib.sha256("\0".join((files["dsc"], *CONFIGURE_OPTIONS)).encode())
    name = f"{files['dsc'].removesuffix('.dsc')}-{inputs.hexdigest()[:12]}"
    current = link(version)
    if current.is_symlink() and current.readlink().parent.name == name:
        log(f"reusing {current.resolve()} (from {files['dsc']}, {' '.join(CONFIGURE_OPTIONS)})")
    else:
        orig = download(version, files)
        log(f"building CPython {version} from {orig.name}, {' '.join(CONFIGURE_OPTIONS)}")
        build(version, orig, CACHE / name)
        check(CACHE / name / "prefix" / "bin" / f"python{version}t")
        previous = current.resolve() if current.is_symlink() else None
        partial = current.with_name(current.name + ".new")
        partial.unlink(missing_ok=True)
        partial.symlink_to(Path(name) / "prefix")
        partial.replace(current)
        if previous is not None and previous.parent.name != name:
            log(f"removing the build from other inputs: {previous.parent}")
            shutil.rmtree(previous.parent, ignore_errors=True)
    log(f"CPython {check(interpreter(version))} without the GIL: {interpreter(version)}")
    return interpreter(version)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("version", help="the CPython version, e.g. 3.13")
    print(ensure(parser.parse_args().version))


if __name__ == "__main__":
    main()
