"""Codes a served folder's files with brotli and gzip once, at build time, so the server only
chooses (artifact_files.py): `python -m webapp_backend.precompress FOLDER --cache DIR`.

Each coded file is kept only where it saves at least a tenth of the bytes (not in zip archives
of deflated members, such as wheels); coding a file at brotli's best quality takes seconds per
megabyte, so results are kept in DIR by the digest of what they code and reused while the
content stays the same. Needs the `brotli` package (this package's `precompress` extra).
"""

import argparse
import gzip
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

import brotli

from .content_codings import SUFFIXES, coded_path

# A coded file must save at least this share of the bytes to be worth its second request path.
WORTH = 0.9
CODERS = {
    "br": lambda data: brotli.compress(data, quality=11),
    # mtime=0: the same input gives the same bytes, hence the same ETag.
    "gzip": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
}


def log(message: str) -> None:
    print(f"[precompress] {message}", file=sys.stderr, flush=True)


def write_atomically(path: Path, data: bytes, like: Path | None = None) -> None:
    """Replaces `path` in one step, so a running server never serves a half-written file; with
    `like`, the new file gets its permissions and modification time (which marks it fresh)."""
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as file:
        file.write(data)
    if like is not None:
        shutil.copystat(like, file.name)
    os.replace(file.name, path)


def coded(data: bytes, digest: str, coding: str, cache: Path) -> bytes:
    cached = cache / f"{digest}{SUFFIXES[coding]}"
    if cached.is_file():
        return cached.read_bytes()
    result = CODERS[coding](data)
    write_atomically(cached, result)
    return result


def precompress(folder: Path, cache: Path) -> list[str]:
    """Writes or removes each file's coded copies; returns what it did, one line per file."""
    cache.mkdir(parents=True, exist_ok=True)
    done = []
    for source in sorted(folder.iterdir()):
        if source.name.startswith(".") or source.suffix in SUFFIXES.values() or not source.is_file():
            continue
        data = source.read_bytes()
        digest = hashlib.blake2b(data).hexdigest()[:32]
        sizes = []
        for coding in SUFFIXES:
            target = Path(coded_path(str(source), coding))
            result = coded(data, digest, coding, cache)
            if len(result) > WORTH * len(data):
                target.unlink(missing_ok=True)
                sizes.append(f"{coding} saves too little")
            else:
                if not target.is_file() or target.read_bytes() != result:
                    write_atomically(target, result, like=source)
                else:
                    shutil.copystat(source, target)
                sizes.append(f"{coding} {len(result):,}")
        done.append(f"{source.name}: {len(data):,} bytes; {', '.join(sizes)}")
    return done


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cache", type=Path, required=True, help="where coded results are kept by content")
    args = parser.parse_args(argv)
    for line in precompress(args.folder, args.cache):
        log(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
