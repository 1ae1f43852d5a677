"""Run a pipeline over inputs and into outputs: the loop behind every CLI command.

Kept apart from the CLI so it can be called (and tested) from Python. It owns the error
policy: a bad input or a failing document is reported through the :class:`Reporter` and
counted, and the run goes on; the caller turns :class:`RunSummary` into an exit code.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsclean.config import CleanConfig
from newsclean.document import Document
from newsclean.io.compression import compression_of, strip_compression
from newsclean.io.readers import DEFAULT_GLOBS, Discovery, InputError, Source, discover, read_documents
from newsclean.io.writers import FileSink, InPlaceSink, MirrorSink, RejectsWriter, Sink, StdoutSink
from newsclean.parallel import ordered_map
from newsclean.pipeline import FilterError, Pipeline, Stats


class UsageError(ValueError):
    """Options that cannot work together (output equal to input, …): exit code 2."""


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Where documents come from and where they go (the text work is in :class:`CleanConfig`)."""

    inputs: tuple[str, ...] = ()
    output: str | None = None
    fmt: str = "text"
    input_format: str = "text"
    text_field: str = "text"
    glob: str | None = None
    rejects: str | None = None
    jobs: int = 1  # worker processes; the CLI defaults to the number of cores
    resume: bool = False  # skip inputs whose mirrored output already exists (outputs are atomic)
    in_place: bool = False  # replace each input file by its cleaned version (atomically)
    learn_repeats: bool = False  # corpus mode: a first pass learns lines that recur across documents
    repeat_min_docs: int = 5
    repeat_min_share: float = 0.05
    engine: str = "local"  # "local" (this process, or -j N workers) or "ray" (newsclean.engines.ray_engine)
    ray_address: str | None = None  # --engine ray: a cluster ("auto", "ray://host:port"); None: a local instance
    progress: bool = True  # --engine ray: show Ray's progress bars (on a terminal)


@dataclass(slots=True)
class RunSummary:
    files: int = 0
    docs: int = 0
    errors: int = 0
    empty: int = 0
    bytes_in: int = 0  # size of the input files read (as stored: compressed files count compressed)
    seconds: float = 0.0  # wall time of the run, from discovery to the last write (no interpreter start-up)
    skipped: list[str] = field(default_factory=list)
    resumed: int = 0  # inputs passed over by --resume because their output was complete
    stats: Stats = field(default_factory=Stats)
    interrupted: bool = False


class Reporter:
    """Receives what a run has to say. The default collects nothing; the CLI prints."""

    def error(self, where: str, reason: str) -> None:
        pass

    def warning(self, where: str, message: str) -> None:
        pass

    def start(self, total_files: int, total_bytes: int) -> None:
        pass

    def advance(self, nbytes: int, ndocs: int) -> None:
        pass

    def stop(self) -> None:
        pass


def output_is_directory(output: str, inputs: tuple[str, ...]) -> bool:
    """Decide what ``-o`` names: an existing directory, a name ending in ``/``, or a name
    without a file extension when an input is a directory, is a directory to mirror into."""
    path = Path(output)
    if path.is_dir() or output.endswith(("/", os.sep)):
        return True
    if path.exists():
        return False
    if "." in strip_compression(path.name):
        return False
    return any(name != "-" and os.path.isdir(name) for name in inputs)


def _check_output(output: Path, inputs: tuple[str, ...], is_dir: bool) -> None:
    for name in inputs:
        if name == "-" or not os.path.exists(name):
            continue
        if output.exists() and os.path.samefile(output, name):
            raise UsageError(f"output {output} is the same as input {name}: newsclean never overwrites its input")
        if not is_dir and os.path.isdir(name):
            continue
        if is_dir and os.path.isfile(name) and output.exists() and (output / Path(name).name).exists():
            if os.path.samefile(output / Path(name).name, name):
                raise UsageError(f"output {output / Path(name).name} would overwrite input {name}")


def run(
    options: RunOptions,
    config: CleanConfig,
    reporter: Reporter | None = None,
) -> RunSummary:
    """Clean every input into the chosen output; never raises for bad input data."""
    started = time.perf_counter()
    reporter = reporter or Reporter()
    summary = RunSummary()
    _check_extras(options)
    pattern = options.glob or DEFAULT_GLOBS.get(options.input_format, "*")
    out_path = Path(options.output) if options.output else None
    discovery = Discovery()
    exclude = [out_path] if out_path is not None else []
    items = list(discover(options.inputs, pattern, exclude, discovery))
    sources = [s for s in items if isinstance(s, Source)]
    summary.skipped = discovery.skipped
    for err in items:
        if isinstance(err, InputError):
            summary.errors += 1
            reporter.error(err.where, err.reason)

    sink: Sink
    if options.in_place:
        if options.fmt != options.input_format:
            raise UsageError(f"--in-place keeps each file's format; drop --format {options.fmt} or --input-format")
        if out_path is not None:
            raise UsageError("--in-place and -o/--output exclude each other")
        if any(s.path is None for s in sources):
            raise UsageError("--in-place needs files or directories, not stdin")
        sink = InPlaceSink(options.fmt, options.input_format)
    elif out_path is None:
        if options.fmt == "parquet":
            raise UsageError("--format parquet writes files: give -o FILE.parquet or -o DIRECTORY")
        sink = StdoutSink(options.fmt)
    else:
        is_dir = output_is_directory(options.output or "", options.inputs)
        if options.fmt == "parquet" and not is_dir and compression_of(out_path.name):
            raise UsageError("Parquet compresses inside the file: name the output FILE.parquet")
        _check_output(out_path, options.inputs, is_dir)
        sink = MirrorSink(options.fmt, out_path, options.input_format) if is_dir else FileSink(options.fmt, out_path)
    if options.resume:
        if options.in_place or out_path is None:
            raise UsageError("--resume needs -o: a directory to mirror into, or one output file")
        if isinstance(sink, MirrorSink):
            sources = _pending(sources, sink, summary)
        elif out_path.exists():  # one output file, and it is complete
            summary.resumed = len(sources)
            reporter.warning(str(out_path), "already complete; nothing to do (--resume)")
            sink.close(False)
            return summary
    if options.learn_repeats:
        config = _learn_repeats(sources, options, config, reporter)
    if options.rejects:
        config = _with_audit(config)
    rejects = RejectsWriter(Path(options.rejects)) if options.rejects else None
    if rejects is not None:
        for err in items:
            if isinstance(err, InputError):
                rejects.error(err.where, err.reason)

    consumer = _Consumer(options, sink, rejects, reporter, summary)
    # One output file per input: written where each input is processed (see process_work).
    mirror = sink if isinstance(sink, MirrorSink) else None
    jobs = options.jobs or 1
    parallel = jobs > 1 and (len(sources) > 1 or options.input_format in ("jsonl", "parquet"))
    results: Iterator[tuple[list[Event], Stats]]
    if options.engine == "ray":
        from newsclean.engines.ray_engine import ray_results

        if any(s.path is None for s in sources):
            raise UsageError("--engine ray reads inputs on the workers: name files or directories, not stdin")
        results = ray_results(sources, options, config, quiet=not options.progress)
    elif parallel:
        # The pool starts (and forks) before the progress bar's thread does.
        work = _work(sources, options)
        results = ordered_map(
            _process_work_in_worker, work, jobs, initializer=_init_worker, initargs=(config, options, mirror)
        )
    else:
        pipeline = Pipeline(config)
        results = (process_work(pipeline, options, mirror, work) for work in _work(sources, options))
    finished = False
    try:
        first = next(results, None)
        if options.engine != "ray":  # Ray reports progress itself
            reporter.start(len(sources), sum(_size(s) for s in sources))
        if first is not None:
            consumer.take(*first)
            for events, stats in results:
                consumer.take(events, stats)
        finished = True
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the pool, if any
        reporter.stop()
        sink.close(finished)
        if rejects is not None:
            rejects.close(finished)
        summary.seconds = time.perf_counter() - started
    return summary


def _check_extras(options: RunOptions) -> None:
    """Optional dependencies, checked before any work: one clear line naming the install."""
    if options.engine == "ray":
        from newsclean.engines.ray_engine import INSTALL_HINT, available

        if not available():
            raise UsageError(f"--engine ray needs Ray Data and pyarrow: {INSTALL_HINT}")
    elif options.engine != "local":
        raise UsageError(f"unknown engine {options.engine!r}; choose local or ray")
    if "parquet" in (options.fmt, options.input_format):
        from newsclean.io.parquet import INSTALL_HINT as PARQUET_HINT
        from newsclean.io.parquet import available as parquet_available

        if not parquet_available():
            raise UsageError(f"Parquet input or output needs pyarrow: {PARQUET_HINT}")


def _pending(sources: list[Source], sink: MirrorSink, summary: RunSummary) -> list[Source]:
    """``--resume``: the sources whose mirrored output is not there yet. Outputs appear only
    when complete (atomic rename), so an existing one is a finished one."""
    todo = [s for s in sources if not sink.output_path(s).exists()]
    summary.resumed = len(sources) - len(todo)
    return todo


def _learn_repeats(sources: list[Source], options: RunOptions, config: CleanConfig, reporter: Reporter) -> CleanConfig:
    """Corpus mode, first pass: read every document (no cleaning) and learn the lines that
    recur across them; strip-boilerplate removes those in the second pass."""
    from dataclasses import replace

    from newsclean.filters.repeats import learn_repeats

    if any(s.path is None for s in sources):
        raise UsageError("--learn-repeats reads the inputs twice, so it needs files or directories, not stdin")

    def texts() -> Iterator[str]:
        for source in sources:
            for item in read_documents(source, options.input_format, options.text_field):
                if not isinstance(item, InputError):  # reported in the second pass
                    yield item.text

    keys = learn_repeats(texts(), options.repeat_min_docs, options.repeat_min_share)
    reporter.warning("--learn-repeats", f"{len(keys)} line(s) recur across the corpus and will be removed")
    return replace(config, repeated_lines=keys)


def _with_audit(config: CleanConfig) -> CleanConfig:
    from dataclasses import replace

    return replace(config, audit=True)


def _size(source: Source) -> int:
    if source.path is None:
        return 0
    try:
        return source.path.stat().st_size
    except OSError:
        return 0


# -- the stream of events ------------------------------------------------------------------
# Reading produces a stream of events; documents are processed in chunks and the consumer
# replays the events, in input order, against the sink. The same code runs with and without
# a pool: small input files are read and decoded where their chunk is processed (with a pool,
# by the workers; the main process only writes), and big ones (a JSONL corpus) are streamed by
# the main process in chunks of documents, so that memory stays bounded.


@dataclass(slots=True)
class Event:
    """One step of reading: a source begins, a document (or an error) is read, a source ends.
    Documents come back from the pipeline as `doc` or, if a filter failed, `failed`."""

    kind: str  # "begin" | "doc" | "error" | "failed" | "end"
    source: Source
    doc: Document | None = None
    where: str = ""
    reason: str = ""
    # On a "begin" event: the source's output file was already written where it was processed
    # (see process_work); its documents come back without their text, for the bookkeeping.
    written: bool = False


def _events(sources: list[Source], options: RunOptions) -> Iterator[Event]:
    for source in sources:
        yield Event("begin", source)
        for item in read_documents(source, options.input_format, options.text_field):
            if isinstance(item, InputError):
                yield Event("error", source, where=item.where, reason=item.reason)
            else:
                yield Event("doc", source, doc=item)
        yield Event("end", source)


#: A chunk closes at this many documents or characters (bounds memory and latency).
CHUNK_DOCS = 16
CHUNK_CHARS = 1 << 21


#: Input files up to this size are read where their chunk is processed (a chunk holds whole files).
SMALL_SOURCE = 1 << 21


def _work(sources: list[Source], options: RunOptions) -> Iterator[list[Source | Event]]:
    """Chunks of work for the pool: small files to read (as :class:`Source`), and the events
    of big files read here, closing at CHUNK_DOCS documents (a small file counts as one) or
    CHUNK_CHARS bytes or characters."""
    chunk: list[Source | Event] = []
    docs = chars = 0
    for source in sources:
        size = _size(source)
        if source.path is not None and size <= SMALL_SOURCE:
            chunk.append(source)
            docs, chars = docs + 1, chars + size
        else:
            for event in _events([source], options):
                chunk.append(event)
                if event.doc is not None:
                    docs, chars = docs + 1, chars + len(event.doc.text)
                    if docs >= CHUNK_DOCS or chars >= CHUNK_CHARS:
                        yield chunk
                        chunk, docs, chars = [], 0, 0
        if docs >= CHUNK_DOCS or chars >= CHUNK_CHARS:
            yield chunk
            chunk, docs, chars = [], 0, 0
    if chunk:
        yield chunk


#: One per worker process, set by _init_worker.
_WORKER: tuple[Pipeline, RunOptions, MirrorSink | None] | None = None


def _init_worker(config: CleanConfig, options: RunOptions, mirror: MirrorSink | None) -> None:
    import signal

    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C and stops the pool
    _WORKER = (Pipeline(config), options, mirror)


def _process_work_in_worker(work: list[Source | Event]) -> tuple[list[Event], Stats]:
    assert _WORKER is not None
    return process_work(*_WORKER, work)


def process_work(
    pipeline: Pipeline, options: RunOptions, mirror: MirrorSink | None, work: list[Source | Event]
) -> tuple[list[Event], Stats]:
    """Read the chunk's small files, then run the pipeline on all its documents.

    With ``mirror`` (one output file per input file), each file read here is also written
    here: with a pool, creating, writing and renaming output files is then spread over the
    workers instead of queueing in the main process (creating a file costs up to half a
    millisecond of kernel time on some file systems: a second per 2,000 files). Its events
    come back marked ``written``, with documents stripped of their text.
    """
    events: list[Event] = []
    local: list[tuple[int, int]] = []  # the events of each file read here: [start, stop)
    for item in work:
        if isinstance(item, Source):
            start = len(events)
            events.extend(_events([item], options))
            local.append((start, len(events)))
        else:
            events.append(item)
    events, stats = process_chunk(pipeline, events)
    if mirror is not None:
        try:
            for start, stop in local:
                _write_source(mirror, options, events[start:stop])
        except BaseException:
            mirror.close(False)  # no partial output file: remove the one being written
            raise
    return events, stats


def _write_source(mirror: MirrorSink, options: RunOptions, events: list[Event]) -> None:
    """Write one source's output file from its processed events, and slim the events down to
    what the main process still needs (warnings and removals, for the report and --rejects)."""
    feed = _SinkFeed(mirror, options.input_format)
    for event in events:
        feed.take(event)
        if event.doc is not None:
            doc = event.doc
            event.doc = Document("", id=doc.id, source=doc.source, audit=doc.audit, warnings=doc.warnings)
    events[0].written = True


class _SinkFeed:
    """Feeds one source's events, in order, to a sink: the output file is begun at the first
    document (an unreadable input gets none), written document by document, and committed at
    the source's end."""

    def __init__(self, sink: Sink, input_format: str) -> None:
        self.sink, self.input_format = sink, input_format
        self.began = False

    def take(self, event: Event) -> None:
        if event.kind == "begin":
            self.began = False
        elif event.kind == "doc":
            assert event.doc is not None
            if not self.began:
                self.sink.begin(event.source)
                self.began = True
            self.sink.write(event.doc)
        elif event.kind == "end":
            if not self.began and self.input_format == "jsonl" and event.source.path is not None:
                # An empty or all-bad JSONL file still gets its (empty) mirrored output.
                self.sink.begin(event.source)
                self.began = True
            self.sink.end(event.source, self.began)


def process_chunk(pipeline: Pipeline, events: list[Event]) -> tuple[list[Event], Stats]:
    """Run the pipeline on the chunk's documents; a failing document becomes a ``failed``
    event naming the filter and the exception. Returns the events and the chunk's stats."""
    pipeline.stats = Stats()
    for event in events:
        if event.kind == "doc" and event.doc is not None:
            try:
                pipeline.process(event.doc)
            except FilterError as exc:
                event.kind, event.where, event.reason = "failed", event.doc.source, f"error: {exc}"
    return events, pipeline.stats


class _Consumer:
    """Replays processed events, in input order, against the sink (unless the source's output
    was already written where it was processed), the rejects and the reporter."""

    def __init__(
        self,
        options: RunOptions,
        sink: Sink,
        rejects: RejectsWriter | None,
        reporter: Reporter,
        summary: RunSummary,
    ) -> None:
        self.options, self.sink, self.rejects, self.reporter, self.summary = options, sink, rejects, reporter, summary
        self.feed = _SinkFeed(sink, options.input_format)
        self.to_sink = True
        self.docs = 0

    def take(self, events: list[Event], stats: Stats) -> None:
        self.summary.stats.merge(stats)
        for event in events:
            getattr(self, "_" + event.kind)(event)

    def _begin(self, event: Event) -> None:
        self.summary.files += 1
        self.docs = 0
        self.to_sink = not event.written
        if self.to_sink:
            self.feed.take(event)

    def _error(self, event: Event) -> None:
        self.summary.errors += 1
        self.reporter.error(event.where, event.reason)
        if self.rejects is not None:
            self.rejects.error(event.where, event.reason)

    _failed = _error

    def _doc(self, event: Event) -> None:
        doc = event.doc
        assert doc is not None
        self.summary.docs += 1
        self.docs += 1
        if doc.warnings:
            self.summary.empty += "empty after cleaning" in doc.warnings
            for warning in doc.warnings:
                self.reporter.warning(doc.source, warning)
        if self.rejects is not None:
            self.rejects.removals(doc)
        if self.to_sink:
            self.feed.take(event)

    def _end(self, event: Event) -> None:
        if self.to_sink:
            self.feed.take(event)
        size = _size(event.source)
        self.summary.bytes_in += size
        self.reporter.advance(size, self.docs)


def iter_documents(options: RunOptions) -> Iterator[Document | InputError]:
    """Every document (or input error) the options name, unprocessed: for ``detect``."""
    pattern = options.glob or DEFAULT_GLOBS.get(options.input_format, "*")
    for item in discover(options.inputs, pattern):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_documents(item, options.input_format, options.text_field)
