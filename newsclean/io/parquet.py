"""Parquet corpora in and out (``newsclean[parquet]``, pyarrow), with the JSONL record schema.

A record written here is the record :meth:`newsclean.document.Document.to_record` makes, as
one Parquet row: extra input fields first, then ``id``, ``text``, a ``metadata`` struct (every
key in :data:`~newsclean.document.METADATA_KEYS` plus ``organization`` and ``correspondents``)
and a ``newsclean`` struct (``changes`` is a ``map<string, int64>``). :func:`read_records` turns
rows back into exactly the JSONL records (maps to dicts, absent optional keys left out).

Input is streamed in record batches, so memory stays bounded by one batch; output is buffered
into row groups and written with :class:`pyarrow.parquet.ParquetWriter` to a temporary file
renamed into place when complete (:class:`newsclean.io.writers.AtomicFile`).

pyarrow is imported inside the functions that use it: ``newsclean --help`` never loads it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsclean.document import LIST_KEYS, METADATA_KEYS

if TYPE_CHECKING:
    import pyarrow as pa

    from newsclean.document import Document
    from newsclean.io.readers import InputError, Source

#: The install command named when pyarrow is missing.
INSTALL_HINT = "pip install 'newsclean[parquet]'"
#: Metadata keys of the fixed struct: the stable ones, then those the meta filter adds when found.
METADATA_FIELDS: tuple[str, ...] = (*METADATA_KEYS, "organization", "correspondents")
#: Rows per row group written (and per batch read).
ROWS_PER_GROUP = 1024
#: A row group is also closed at this many characters of text, to bound memory.
CHARS_PER_GROUP = 64 << 20


class ParquetSchemaError(ValueError):
    """A record does not fit the Parquet schema fixed by the first row group of the output."""


def available() -> bool:
    """True when pyarrow can be imported (checked without importing it)."""
    return importlib.util.find_spec("pyarrow") is not None


def metadata_type() -> pa.StructType:
    import pyarrow as pa

    return pa.struct([pa.field(k, pa.list_(pa.string()) if k in LIST_KEYS else pa.string()) for k in METADATA_FIELDS])


def newsclean_type() -> pa.StructType:
    import pyarrow as pa

    return pa.struct(
        [
            pa.field("input", pa.string()),
            pa.field("encoding", pa.string()),
            pa.field("script", pa.string()),
            pa.field("machine_converted", pa.bool_()),
            pa.field("changes", pa.map_(pa.string(), pa.int64())),
            pa.field("warnings", pa.list_(pa.string())),
        ]
    )


def record_schema(rows: list[dict[str, Any]] | None = None) -> pa.Schema:
    """The arrow schema of output records. Extra input fields, and metadata keys beyond the
    fixed ones, take the type pyarrow infers from ``rows`` (string when all are null);
    without rows: ``id``, ``text``, ``metadata``, ``newsclean``."""
    import pyarrow as pa

    rows = rows or []
    fixed = ("id", "text", "metadata", "newsclean")
    extras = _inferred_fields([{k: v for k, v in r.items() if k not in fixed} for r in rows])
    md_type = metadata_type()
    md_more = _inferred_fields(
        [{k: v for k, v in r.get("metadata", {}).items() if k not in METADATA_FIELDS} for r in rows]
    )
    if md_more:
        md_type = pa.struct([*md_type, *md_more])
    return pa.schema(
        [
            *extras,
            pa.field("id", pa.string()),
            pa.field("text", pa.string()),
            pa.field("metadata", md_type),
            pa.field("newsclean", newsclean_type()),
        ]
    )


def _inferred_fields(rows: list[dict[str, Any]]) -> list[pa.Field]:
    import pyarrow as pa

    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    fields = []
    for name in names:
        try:
            typ = pa.array([r.get(name) for r in rows]).type
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise ParquetSchemaError(f"field {name!r} has values of mixed types ({exc}); write JSONL instead") from None
        fields.append(pa.field(name, pa.string() if pa.types.is_null(typ) else typ))
    return fields


class ParquetRecordWriter:
    """Records into one Parquet file, in row groups; the schema is fixed by the first group.

    ``fh`` is a binary file object (an :class:`~newsclean.io.writers.AtomicFile`'s, whose
    commit or abort the caller does after :meth:`close`).
    """

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.rows: list[dict[str, Any]] = []
        self.chars = 0
        self.writer: Any = None
        self.schema: pa.Schema | None = None

    def add(self, record: dict[str, Any]) -> None:
        self.rows.append(record)
        self.chars += len(record.get("text") or "")
        if len(self.rows) >= ROWS_PER_GROUP or self.chars >= CHARS_PER_GROUP:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.schema is None:
            self.schema = record_schema(self.rows)
            self.writer = pq.ParquetWriter(self.fh, self.schema, compression="zstd")
        if not self.rows:
            return
        known = set(self.schema.names)
        for row in self.rows:
            unknown = [k for k in row if k not in known]
            if unknown:
                raise ParquetSchemaError(
                    f"{row.get('id')}: field(s) {', '.join(map(repr, unknown))} first appear after the first "
                    f"{ROWS_PER_GROUP} records, which fix the Parquet schema; write JSONL instead"
                )
        try:
            table = pa.Table.from_pylist(self.rows, schema=self.schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise ParquetSchemaError(f"a record does not fit the Parquet schema: {exc}; write JSONL instead") from None
        self.writer.write_table(table)
        self.rows, self.chars = [], 0

    def close(self) -> None:
        """Write what is buffered and the file footer (an empty corpus gives a valid empty file)."""
        self.flush()
        self.writer.close()


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a Parquet file written by newsclean, in the JSONL shape (streamed)."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    for batch in pf.iter_batches(batch_size=ROWS_PER_GROUP):
        for row in batch.to_pylist():
            yield _jsonl_shape(row)


def _jsonl_shape(row: dict[str, Any]) -> dict[str, Any]:
    """Undo what the fixed schema adds: ``changes`` map back to a dict, null optional keys out."""
    md = row.get("metadata")
    if isinstance(md, dict):
        row["metadata"] = {k: v for k, v in md.items() if k in METADATA_KEYS or v is not None}
    nc = row.get("newsclean")
    if isinstance(nc, dict):
        if isinstance(nc.get("changes"), list):
            nc["changes"] = dict(nc["changes"])
        if nc.get("warnings") is None:
            nc.pop("warnings", None)
    return row


def split_row_groups(path: Path, target_bytes: int) -> list[tuple[int, int, int]]:
    """Split a Parquet file into spans ``(first_group, end_group, rows_before)`` of about
    ``target_bytes`` of uncompressed data each (a cluster engine gives one span to each task)."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    spans: list[tuple[int, int, int]] = []
    start = rows = size = 0
    rows_before = 0
    for i in range(meta.num_row_groups):
        group = meta.row_group(i)
        size += group.total_byte_size
        rows += group.num_rows
        if size >= target_bytes:
            spans.append((start, i + 1, rows_before))
            start, rows_before, size = i + 1, rows_before + rows, 0
            rows = 0
    if start < meta.num_row_groups or not spans:
        spans.append((start, meta.num_row_groups, rows_before))
    return spans


def read_parquet_documents(
    source: Source, text_field: str = "text", span: tuple[int, int, int] | None = None
) -> Iterator[Document | InputError]:
    """One document per Parquet row, streamed batch by batch; as JSONL records otherwise
    (other columns kept in ``Document.extra``; ``id`` defaults to ``FILE:ROW``, rows counted
    from 1). ``span`` = ``(first_group, end_group, rows_before)`` reads those row groups only."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsclean.io.readers import InputError, record_to_document

    if source.path is None:
        yield InputError(source.display, "Parquet cannot be read from stdin; name the file", source)
        return
    row = 0 if span is None else span[2]
    try:
        pf = pq.ParquetFile(source.path)
        groups = None if span is None else list(range(span[0], span[1]))
        if text_field not in pf.schema_arrow.names:
            yield InputError(source.display, f"no {text_field!r} column", source)
            return
        for batch in pf.iter_batches(batch_size=ROWS_PER_GROUP, row_groups=groups, use_threads=False):
            for record in batch.to_pylist():
                row += 1
                where = f"{source.display}:{row}"
                doc = record_to_document(_jsonl_shape(record), text_field, f"{source.rel}:{row}", where)
                if isinstance(doc, str):
                    yield InputError(where, doc, source)
                else:
                    yield doc
    except (OSError, pa.ArrowException) as exc:
        yield InputError(source.display if row == 0 else f"{source.display}:{row + 1}", _reason(exc), source)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    return f"not a readable Parquet file: {exc}"
