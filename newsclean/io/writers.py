"""Write cleaned documents: to stdout, to one collecting file, or mirrored into a directory tree.

Files are written atomically: to a temporary file beside the target, renamed over it only
when complete, so a crash or a kill never leaves a half-written output. Compression follows
the output name's extension. Only ``--in-place`` also fsyncs before the rename: there the old
file is the user's input, and a power cut must leave either it or its cleaned version. New
outputs are not fsynced (an fsync per file was a third of a ``-j 2`` run's time on small
documents); a run killed by a power cut is re-run, with ``--resume`` at most.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import json
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsclean.document import Change, Document
from newsclean.io.compression import compression_of, strip_compression, wrap_write
from newsclean.io.readers import Source

#: Output formats: the cleaned body, one full record per line, only the metadata, or full
#: records as Parquet rows (:mod:`newsclean.io.parquet`; needs a file or directory output).
FORMATS = ("text", "jsonl", "meta", "parquet")
_SUFFIX = {"text": ".txt", "jsonl": ".jsonl", "meta": ".jsonl", "parquet": ".parquet"}


def render(doc: Document, fmt: str) -> bytes:
    """One document in the output format, as UTF-8 bytes ending in a newline."""
    if fmt == "text":
        return (doc.text + "\n").encode("utf-8")
    record: dict[str, Any] = doc.to_record()
    if fmt == "meta":
        record = {"id": record["id"], "input": doc.source, "metadata": record["metadata"]}
    # surrogates can reach us from JSONL "\ud800" escapes; keep them visible instead of crashing
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) until the block is done, then deliver it.

    Creating a temporary file and recording it where the abort path will find it are two steps;
    a KeyboardInterrupt between them would leave the file behind. Only the main thread can set
    signal handlers; elsewhere (and where the handler is not Python's) this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received and callable(previous):
            previous(signal.SIGINT, None)  # Python's default handler raises KeyboardInterrupt here


@functools.cache
def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(mask)
    return mask


class StaleTemps:
    """Temporary files left in output directories by runs that were killed while writing.

    Each directory is listed once, on the first file written into it; a glob per output file
    would list a flat directory of n files n times.
    """

    def __init__(self) -> None:
        self._dirs: dict[Path, dict[str, list[str]]] = {}

    def of(self, path: Path) -> list[Path]:
        """The leftover temporaries of ``path`` (``.NAME.XXXXXXXX.tmp``, as AtomicFile makes)."""
        index = self._dirs.get(path.parent)
        if index is None:
            index = self._dirs[path.parent] = {}
            for name in os.listdir(path.parent):
                if name.startswith(".") and name.endswith(".tmp"):
                    target, dot, _random = name[1:-4].rpartition(".")
                    if dot:
                        index.setdefault(target, []).append(name)
        return [path.parent / name for name in index.pop(path.name, [])]


class AtomicFile:
    """A binary file that appears at ``path`` only on :meth:`commit`.

    ``durable``: fsync before the rename (for files that replace precious ones). ``stale``:
    a shared index of leftover temporaries (see :class:`StaleTemps`); without one, the
    directory is searched for this file's own.
    """

    def __init__(
        self, path: Path, compress: bool = True, durable: bool = False, stale: StaleTemps | None = None
    ) -> None:
        self.path = path
        self.durable = durable
        path.parent.mkdir(parents=True, exist_ok=True)
        leftovers = stale.of(path) if stale is not None else path.parent.glob(f".{glob.escape(path.name)}.*.tmp")
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)  # left by a run that was killed while writing this file
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.tmp = Path(tmp)
        self._raw = os.fdopen(fd, "wb")
        self._fh: IO[bytes] = wrap_write(self._raw, path) if compress else self._raw

    def write(self, data: bytes) -> None:
        self._fh.write(data)

    def commit(self) -> None:
        if self._fh is not self._raw:
            self._fh.close()  # flushes the compressor's trailer into the raw file
        self._raw.flush()
        if self.durable:
            os.fsync(self._raw.fileno())
        # mkstemp creates 0600 files; give the output the mode a plain open() would (or, when
        # replacing a file in place, the mode it had).
        try:
            mode = self.path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.fchmod(self._raw.fileno(), mode)
        self._raw.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self._raw.close()
        finally:
            self.tmp.unlink(missing_ok=True)


class Sink:
    """Where documents go. The runner calls ``begin(source)``, ``write(doc)`` for each of its
    documents, ``end(source, ok)``, and ``close(ok)`` once at the end."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self._count = 0

    def begin(self, source: Source) -> None:
        pass

    def write(self, doc: Document) -> None:
        if self.fmt == "parquet":
            self._record(doc.to_record())
            return
        data = render(doc, self.fmt)
        if self.fmt == "text" and self._count:
            data = b"\n" + data  # a blank line between documents in one text stream
        self._count += 1
        self._emit(data)

    def _emit(self, data: bytes) -> None:
        raise NotImplementedError

    def _record(self, record: dict[str, Any]) -> None:
        raise NotImplementedError("Parquet output needs a file or a directory (-o)")

    def end(self, source: Source, ok: bool) -> None:
        pass

    def close(self, ok: bool) -> None:
        pass


class StdoutSink(Sink):
    """Data on stdout, flushed per document so that pipelines see results as they come."""

    def _emit(self, data: bytes) -> None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


class FileSink(Sink):
    """Every document into one file (``-o all.jsonl``), committed at the end of the run."""

    def __init__(self, fmt: str, path: Path) -> None:
        super().__init__(fmt)
        self.file = AtomicFile(path, compress=fmt != "parquet")
        self.parquet = _parquet_writer(self.file) if fmt == "parquet" else None

    def _emit(self, data: bytes) -> None:
        self.file.write(data)

    def _record(self, record: dict[str, Any]) -> None:
        assert self.parquet is not None
        self.parquet.add(record)

    def close(self, ok: bool) -> None:
        # A run that finished writes its file even if some inputs failed (they were reported);
        # a run that was interrupted leaves no file at all.
        if ok:
            if self.parquet is not None:
                self.parquet.close()
            self.file.commit()
        else:
            self.file.abort()


class MirrorSink(Sink):
    """One output file per input file under ``root``, at the same relative path."""

    def __init__(self, fmt: str, root: Path, input_format: str) -> None:
        super().__init__(fmt)
        self.root = root
        self.input_format = input_format
        self.current: AtomicFile | None = None
        self.parquet: Any = None
        self.durable = False
        self.stale = StaleTemps()

    def output_path(self, source: Source) -> Path:
        """``a/b.txt`` -> ``ROOT/a/b.txt``; the suffix follows the output format when it
        differs from the input's (``b.txt`` -> ``b.jsonl``), compression is kept."""
        rel = source.rel
        comp = compression_of(rel) or ""
        base = strip_compression(rel)
        if self.fmt == "parquet":
            comp = ""  # Parquet compresses inside the file
        if _SUFFIX[self.fmt] != _SUFFIX.get(self.input_format):
            stem, dot, _ext = base.rpartition(".")
            base = (stem if dot and "/" not in _ext else base) + _SUFFIX[self.fmt]
        return self.root / (base + comp)

    def begin(self, source: Source) -> None:
        self._count = 0
        path = self.output_path(source)
        with interrupts_deferred():  # the temporary file is created and recorded as one step
            self.current = AtomicFile(path, compress=self.fmt != "parquet", durable=self.durable, stale=self.stale)
        self.parquet = _parquet_writer(self.current) if self.fmt == "parquet" else None

    def _emit(self, data: bytes) -> None:
        assert self.current is not None
        self.current.write(data)

    def _record(self, record: dict[str, Any]) -> None:
        assert self.parquet is not None
        self.parquet.add(record)

    def end(self, source: Source, ok: bool) -> None:
        if self.current is None:
            return
        if ok and self.parquet is not None:
            self.parquet.close()
            self.parquet = None
        with interrupts_deferred():  # renamed into place (or removed) and forgotten as one step
            if ok:
                self.current.commit()
            else:
                self.current.abort()
            self.current = None

    def close(self, ok: bool) -> None:
        if self.current is not None:
            self.current.abort()
            self.current = None


class InPlaceSink(MirrorSink):
    """``--in-place``: each input is replaced by its cleaned version, atomically (a temporary
    file beside it, renamed over it), compressed as it was. Nothing else writes to inputs."""

    def __init__(self, fmt: str, input_format: str) -> None:
        super().__init__(fmt, Path("."), input_format)
        self.durable = True

    def output_path(self, source: Source) -> Path:
        assert source.path is not None, "stdin cannot be cleaned in place"
        return source.path


def _parquet_writer(file: AtomicFile) -> Any:
    from newsclean.io.parquet import ParquetRecordWriter

    return ParquetRecordWriter(file._raw)


class RejectsWriter:
    """``--rejects FILE.jsonl``: every span a filter removed, every input that failed, every
    document that came out empty, one JSON object per line (committed atomically)."""

    def __init__(self, path: Path) -> None:
        self.file = AtomicFile(path)
        self.lines = 0

    def _write(self, record: dict[str, Any]) -> None:
        self.file.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace"))
        self.lines += 1

    def removals(self, doc: Document) -> None:
        for record in reject_lines(doc):
            self._write(record)

    def error(self, where: str, reason: str) -> None:
        self._write({"id": None, "input": where, "filter": None, "kind": "error", "reason": reason})

    def close(self, ok: bool) -> None:
        if ok:
            self.file.commit()
        else:
            self.file.abort()


def reject_lines(doc: Document) -> list[dict[str, Any]]:
    """The ``--rejects`` lines of one cleaned document: every removed span, every warning."""
    lines = [_removal(doc, change) for change in doc.audit if not change.new]
    for warning in doc.warnings:
        lines.append({"id": doc.id, "input": doc.source, "filter": None, "kind": "document", "reason": warning})
    return lines


def _removal(doc: Document, change: Change) -> dict[str, Any]:
    return {"id": doc.id, "input": doc.source, **change.as_dict()}
