"""Run a pipeline over inputs and into outputs: the loop behind every CLI command.

Kept apart from the CLI so it can be called (and tested) from Python. It owns the error
policy: a bad input or a failing document is reported through the :class:`Reporter` and
counted, and the run goes on; the caller turns :class:`RunSummary` into an exit code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsclean.config import CleanConfig
from newsclean.document import Document
from newsclean.io.compression import strip_compression
from newsclean.io.readers import DEFAULT_GLOBS, Discovery, InputError, Source, discover, read_documents
from newsclean.io.writers import FileSink, MirrorSink, RejectsWriter, Sink, StdoutSink
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


@dataclass(slots=True)
class RunSummary:
    files: int = 0
    docs: int = 0
    errors: int = 0
    empty: int = 0
    bytes_in: int = 0
    skipped: list[str] = field(default_factory=list)
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
    reporter = reporter or Reporter()
    summary = RunSummary()
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
    if out_path is None:
        sink = StdoutSink(options.fmt)
    else:
        is_dir = output_is_directory(options.output or "", options.inputs)
        _check_output(out_path, options.inputs, is_dir)
        sink = MirrorSink(options.fmt, out_path, options.input_format) if is_dir else FileSink(options.fmt, out_path)
    if options.rejects:
        config = _with_audit(config)
    rejects = RejectsWriter(Path(options.rejects)) if options.rejects else None
    if rejects is not None:
        for err in items:
            if isinstance(err, InputError):
                rejects.error(err.where, err.reason)

    pipeline = Pipeline(config)
    summary.stats = pipeline.stats
    reporter.start(len(sources), sum(_size(s) for s in sources))
    finished = False
    try:
        for source in sources:
            summary.files += 1
            docs_before = summary.docs
            ok = _run_source(source, options, pipeline, sink, rejects, reporter, summary)
            sink.end(source, ok)
            reporter.advance(_size(source), summary.docs - docs_before)
        finished = True
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        reporter.stop()
        sink.close(finished)
        if rejects is not None:
            rejects.close(finished)
    return summary


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


def _run_source(
    source: Source,
    options: RunOptions,
    pipeline: Pipeline,
    sink: Sink,
    rejects: RejectsWriter | None,
    reporter: Reporter,
    summary: RunSummary,
) -> bool:
    """Process one input; returns False when nothing of it could be read (no output file)."""
    began = False
    wrote_or_tried = False
    for item in read_documents(source, options.input_format, options.text_field):
        if isinstance(item, InputError):
            summary.errors += 1
            reporter.error(item.where, item.reason)
            if rejects is not None:
                rejects.error(item.where, item.reason)
            continue
        if not began:
            sink.begin(source)
            began = True
        wrote_or_tried = True
        doc = _process(item, pipeline, reporter, rejects, summary)
        if doc is None:
            continue
        summary.docs += 1
        if doc.warnings:
            summary.empty += "empty after cleaning" in doc.warnings
            for warning in doc.warnings:
                reporter.warning(doc.source, warning)
        if rejects is not None:
            rejects.removals(doc)
        sink.write(doc)
    if not began and options.input_format == "jsonl" and source.path is not None:
        # An empty or all-bad JSONL file still gets its (empty) mirrored output.
        sink.begin(source)
        began = True
    return began and (wrote_or_tried or options.input_format == "jsonl")


def _process(
    doc: Document,
    pipeline: Pipeline,
    reporter: Reporter,
    rejects: RejectsWriter | None,
    summary: RunSummary,
) -> Document | None:
    try:
        return pipeline.process(doc)
    except FilterError as exc:
        summary.errors += 1
        reporter.error(doc.source, f"error: {exc}")
        if rejects is not None:
            rejects.error(doc.source, str(exc))
        return None


def iter_documents(options: RunOptions) -> Iterator[Document | InputError]:
    """Every document (or input error) the options name, unprocessed: for ``detect``."""
    pattern = options.glob or DEFAULT_GLOBS.get(options.input_format, "*")
    for item in discover(options.inputs, pattern):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_documents(item, options.input_format, options.text_field)
