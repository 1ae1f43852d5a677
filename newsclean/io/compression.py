"""Open files transparently by extension: ``.gz``, ``.bz2``, ``.xz`` and ``.zst``."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path
from typing import IO, cast

COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz", ".zst")


def compression_of(path: str | Path) -> str | None:
    """The compression suffix of ``path`` (``.gz`` …) or None."""
    suffix = Path(path).suffix.lower()
    return suffix if suffix in COMPRESSED_SUFFIXES else None


def strip_compression(name: str) -> str:
    """``a.txt.gz`` -> ``a.txt``; other names unchanged."""
    suffix = compression_of(name)
    return name[: -len(suffix)] if suffix else name


def open_read(path: str | Path) -> IO[bytes]:
    """A binary reader that decompresses by extension."""
    kind = compression_of(path)
    if kind == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    if kind == ".bz2":
        return cast(IO[bytes], bz2.open(path, "rb"))
    if kind == ".xz":
        return cast(IO[bytes], lzma.open(path, "rb"))
    if kind == ".zst":
        import zstandard

        return cast(IO[bytes], zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True))
    return open(path, "rb")


def wrap_write(raw: IO[bytes], name: str | Path) -> IO[bytes]:
    """Wrap an open binary file so that what is written is compressed by ``name``'s extension."""
    kind = compression_of(name)
    if kind == ".gz":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="wb", mtime=0))  # mtime=0: same input, same bytes
    if kind == ".bz2":
        return cast(IO[bytes], bz2.BZ2File(raw, "wb"))
    if kind == ".xz":
        return cast(IO[bytes], lzma.LZMAFile(raw, "wb"))
    if kind == ".zst":
        import zstandard

        return cast(IO[bytes], zstandard.ZstdCompressor().stream_writer(raw, closefd=False))
    return raw


#: Exceptions that mean "this compressed file is corrupt or truncated".
def corrupt_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [EOFError, gzip.BadGzipFile, lzma.LZMAError, OSError, ValueError]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:  # pragma: no cover - zstandard is a dependency
        pass
    return tuple(errors)
