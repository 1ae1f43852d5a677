"""Clean batches of records: the entry point for Ray, Spark, Dask or any batch engine.

Records in, records out, in the JSONL schema (:meth:`newsclean.document.Document.to_record`):
the cleaned text, the metadata, per-filter ``changes``. The pipeline is built once per process
and config (:func:`pipeline_for`), never per batch, so a worker pays for OpenCC and the
frequency tables once.

A record that cannot be cleaned (no text field, a text that is not a string, a filter that
failed) is not dropped: it comes out as it went in, with ``newsclean.error`` saying why, so a
job can count or filter such records. :func:`clean_records_result` also returns the batch's
:class:`~newsclean.pipeline.Stats` and every removed span (the ``--rejects`` lines), which add
up across batches and workers.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsclean.config import CleanConfig
from newsclean.pipeline import FilterError, Pipeline, Stats


@functools.cache
def pipeline_for(config: CleanConfig) -> Pipeline:
    """One :class:`Pipeline` per process and config (CleanConfig is frozen, so hashable)."""
    return Pipeline(config)


@dataclass(slots=True)
class BatchResult:
    """What cleaning one batch gave: the records (in input order), the batch's stats, the
    removed spans and emptied documents (``--rejects`` lines, when ``config.audit`` is on) and
    the records that could not be cleaned (``(id, reason)``)."""

    records: list[dict[str, Any]] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def clean_records_result(
    records: Iterable[Mapping[str, Any]], config: CleanConfig | None = None, text_field: str = "text"
) -> BatchResult:
    """Clean each record's ``text_field``; see the module docstring.

    >>> r = clean_records_result([{"id": "a", "text": "項(xiàng)目"}, {"id": "b"}])
    >>> [x.get("text") for x in r.records], r.records[1]["newsclean"], r.stats.counts["strip-pinyin.changes"]
    (['项目', None], {'error': "record has no 'text' field"}, 1)
    """
    from newsclean.io.readers import record_to_document
    from newsclean.io.writers import reject_lines

    pipeline = pipeline_for(config or CleanConfig())
    pipeline.stats = Stats()
    result = BatchResult(stats=pipeline.stats)
    for n, raw in enumerate(records, 1):
        record = dict(raw)
        where = str(record.get("id") or f"record {n} of the batch")
        doc = record_to_document(record, text_field, default_id="", where=where)
        if isinstance(doc, str):
            result.records.append(_failed(record, doc))
            result.errors.append((where, doc))
            continue
        try:
            pipeline.process(doc)
        except FilterError as exc:
            result.records.append(_failed(record, f"error: {exc}"))
            result.errors.append((where, f"error: {exc}"))
            continue
        result.records.append(doc.to_record())
        if config is not None and config.audit:
            result.rejects.extend(reject_lines(doc))
    return result


def _failed(record: dict[str, Any], reason: str) -> dict[str, Any]:
    nc = record.get("newsclean")
    record["newsclean"] = {**(nc if isinstance(nc, dict) else {}), "error": reason}
    return record


def clean_records(
    records: Iterable[Mapping[str, Any]], config: CleanConfig | None = None, text_field: str = "text"
) -> list[dict[str, Any]]:
    """The cleaned records (JSONL schema), in input order: for Spark ``mapPartitions``, plain
    Python, or any engine that passes rows.

    >>> clean_records([{"id": "a", "text": "項(xiàng)目", "lang": "zh"}])[0]["text"]
    '项目'
    """
    return clean_records_result(records, config, text_field).records


def clean_batch(batch: Any, config: CleanConfig | None = None, text_field: str = "text") -> dict[str, list[Any]]:
    """Clean a columnar batch (``{column: values}``, a pandas DataFrame or a pyarrow Table)
    and return the cleaned records as columns: what Ray's ``map_batches``, Dask's
    ``map_partitions`` and Spark's pandas UDFs pass around. A column missing from some
    records is None there.

    >>> clean_batch({"id": ["a"], "text": ["項(xiàng)目"]})["text"]
    ['项目']
    """
    return records_to_columns(clean_records(columns_to_records(batch), config, text_field))


def columns_to_records(batch: Any) -> list[dict[str, Any]]:
    """Rows of a columnar batch: a mapping of sequences, a pandas DataFrame, a pyarrow Table."""
    if hasattr(batch, "to_pylist"):  # pyarrow Table / RecordBatch
        rows: list[dict[str, Any]] = batch.to_pylist()
        return rows
    if hasattr(batch, "to_dict") and hasattr(batch, "columns"):  # pandas DataFrame
        batch = {c: batch[c].tolist() for c in batch.columns}
    columns: Mapping[str, Sequence[Any]] = batch
    names = list(columns)
    if not names:
        return []
    values = [_plain(columns[name]) for name in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _plain(values: Any) -> list[Any]:
    """numpy arrays (Ray's "numpy" batch format) to lists of Python objects."""
    return values.tolist() if hasattr(values, "tolist") else list(values)


def records_to_columns(records: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Columns of records, in the order columns first appear; None where a record lacks one."""
    names: dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(record))
    return {name: [record.get(name) for record in records] for name in names}
