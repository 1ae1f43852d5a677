"""``newsclean clean --engine ray``: the same pipeline mapped over Ray Data blocks.

The driver plans the work: every input becomes one or more *pieces* (a whole file; a byte
range of a large uncompressed JSONL file, cut at line boundaries and numbered as in the whole
file; a run of row groups of a large Parquet file), grouped into *shards* of a few MB. A Ray
dataset holds one row per shard; ``map_batches`` runs :func:`clean_shards` on the workers,
which read their pieces with the local readers (so bytes are decoded exactly as by the local
engine), run the pipeline (built once per worker process, :func:`newsclean.batch.pipeline_for`)
and return the processed events and the per-filter stats. The driver streams the results back
in input order (``preserve_order``) and writes them with the local sinks: outputs, ``--rejects``
lines, stats and exit codes are those of the local engine. Ray shows its own progress bars.

Workers read the inputs themselves, so on a multi-node cluster the inputs must be on storage
every node sees (NFS, a shared volume), and newsclean must be installed on every node.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsclean.config import CleanConfig
from newsclean.io.compression import compression_of
from newsclean.io.readers import InputError, Source, read_documents

if TYPE_CHECKING:
    import pyarrow as pa

    from newsclean.pipeline import Stats
    from newsclean.runner import Event, RunOptions

#: The install command named when Ray is missing.
INSTALL_HINT = "pip install 'newsclean[ray]'"
#: Bounds of the data given to one Ray task (the planner aims at 4 shards per CPU).
SHARD_MIN_BYTES = 256 << 10
SHARD_MAX_BYTES = 16 << 20
#: At most this many files per shard (per-file overhead is small but not nothing).
SHARD_MAX_FILES = 256


def available() -> bool:
    """True when Ray Data and pyarrow can be imported (checked without importing them)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("ray", "pyarrow"))


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of one input: the whole of it (``span`` None) or a span (see
    :func:`newsclean.io.readers.read_documents`). ``first``/``last`` say whether the piece
    opens or closes its input (the sink begins and ends the input's output there)."""

    source: Source
    span: tuple[int, int, int] | None = None
    first: bool = True
    last: bool = True


def plan_shards(sources: list[Source], input_format: str, target: int) -> list[list[Piece]]:
    """Pieces grouped into shards of about ``target`` bytes, in input order."""
    shards: list[list[Piece]] = []
    shard: list[Piece] = []
    size = 0
    for source in sources:
        for piece, nbytes in _pieces(source, input_format, target):
            shard.append(piece)
            size += nbytes
            if size >= target or len(shard) >= SHARD_MAX_FILES:
                shards.append(shard)
                shard, size = [], 0
    if shard:
        shards.append(shard)
    return shards


def _pieces(source: Source, input_format: str, target: int) -> list[tuple[Piece, int]]:
    assert source.path is not None
    try:
        size = source.path.stat().st_size
    except OSError:
        return [(Piece(source), 0)]  # the worker reports the error, as the local engine does
    if size <= target or compression_of(source.path.name):
        return [(Piece(source), size)]
    spans: list[tuple[int, int, int]]
    weights: list[int]
    if input_format == "jsonl":
        spans = split_lines(source.path, target)
        weights = [end - start for start, end, _ in spans]
    elif input_format == "parquet":
        from newsclean.io.parquet import split_row_groups

        try:
            spans = split_row_groups(source.path, target)
        except Exception:  # not a Parquet file: the worker reports it
            return [(Piece(source), size)]
        weights = [size // len(spans)] * len(spans)
    else:
        return [(Piece(source), size)]
    last = len(spans) - 1
    return [(Piece(source, span, i == 0, i == last), w) for i, (span, w) in enumerate(zip(spans, weights, strict=True))]


def split_lines(path: Any, target: int) -> list[tuple[int, int, int]]:
    """Cut an uncompressed file into spans ``(start, end, lines_before)`` of about ``target``
    bytes, each ending just after a newline (or at the end of the file). One read of the file."""
    spans: list[tuple[int, int, int]] = []
    start = lines_before = pos = lines = 0
    cut = target
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            offset = 0
            while pos + len(chunk) > cut:
                i = chunk.find(b"\n", max(cut - pos, offset))
                if i < 0:
                    break
                end = pos + i + 1
                lines_at = lines + chunk.count(b"\n", 0, i + 1)
                spans.append((start, end, lines_before))
                start, lines_before, cut, offset = end, lines_at, end + target, i + 1
            lines += chunk.count(b"\n")
            pos += len(chunk)
    if start < pos or not spans:
        spans.append((start, pos, lines_before))
    return spans


def clean_shards(batch: pa.Table, config: CleanConfig, input_format: str, text_field: str) -> pa.Table:
    """The Ray task: read, clean and return each shard of ``batch`` as pickled
    ``(events, stats)``, the shape the local engine's consumer takes."""
    import pyarrow as pa

    from newsclean.batch import pipeline_for
    from newsclean.runner import process_chunk

    pipeline = pipeline_for(config)
    out = []
    for task in batch.column("task").to_pylist():
        pieces: list[Piece] = pickle.loads(task)
        events = _read_events(pieces, input_format, text_field)
        out.append(pickle.dumps(process_chunk(pipeline, events), protocol=pickle.HIGHEST_PROTOCOL))
    return pa.table({"result": pa.array(out, type=pa.large_binary())})


def _read_events(pieces: list[Piece], input_format: str, text_field: str) -> list[Event]:
    from newsclean.runner import Event

    events: list[Event] = []
    for piece in pieces:
        source = piece.source
        if piece.first:
            events.append(Event("begin", source))
        for item in read_documents(source, input_format, text_field, piece.span):
            if isinstance(item, InputError):
                events.append(Event("error", source, where=item.where, reason=item.reason))
            else:
                events.append(Event("doc", source, doc=item))
        if piece.last:
            events.append(Event("end", source))
    return events


def ray_results(
    sources: list[Source], options: RunOptions, config: CleanConfig, quiet: bool = False
) -> Iterator[tuple[list[Event], Stats]]:
    """Processed events and stats per shard, in input order, computed on a Ray cluster
    (``options.ray_address``) or on a local Ray instance of ``options.jobs`` CPUs."""
    import ray

    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
        if options.ray_address:
            ray.init(address=options.ray_address, **kwargs)
        else:
            ray.init(num_cpus=options.jobs or None, **kwargs)
        started = True
    try:
        yield from _run(sources, options, config, quiet)
    finally:
        if started:
            ray.shutdown()


def _run(
    sources: list[Source], options: RunOptions, config: CleanConfig, quiet: bool
) -> Iterator[tuple[list[Event], Stats]]:
    import ray

    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # outputs in input order, as with -j N
    context.enable_progress_bars = not quiet
    if quiet:  # -q: errors only; Ray Data otherwise logs its plan and progress on stderr
        import logging

        logging.getLogger("ray.data").setLevel(logging.WARNING)
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
    total = sum(_size(s) for s in sources)
    target = min(SHARD_MAX_BYTES, max(SHARD_MIN_BYTES, total // (4 * cpus)))
    shards = plan_shards(sources, options.input_format, target)
    if not shards:
        return
    items = [{"task": pickle.dumps(shard, protocol=pickle.HIGHEST_PROTOCOL)} for shard in shards]
    udf: Any = clean_shards  # extra arguments come through fn_kwargs, which the stubs cannot see
    dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
        udf,
        batch_size=1,
        batch_format="pyarrow",
        fn_kwargs={"config": config, "input_format": options.input_format, "text_field": options.text_field},
    )
    for row in dataset.iter_rows():
        yield pickle.loads(row["result"])


def _size(source: Source) -> int:
    try:
        return source.path.stat().st_size if source.path is not None else 0
    except OSError:
        return 0
