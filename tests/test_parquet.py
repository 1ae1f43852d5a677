"""Parquet in and out (newsclean[parquet]): the JSONL record schema, streamed, atomic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.cli import app
from newsclean.config import CleanConfig
from newsclean.runner import RunOptions, UsageError, run

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from newsclean.io.parquet import read_records, split_row_groups  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _rows(n: int) -> list[dict[str, object]]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    return [{"id": f"r{i}", "text": seeds[i % 5], "kind": f"k{i % 3}", "n": i} for i in range(n)]


def _jsonl(rows: list[dict[str, object]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_parquet_output_has_the_jsonl_records(tmp_path: Path) -> None:
    src = _jsonl(_rows(40), tmp_path / "in.jsonl")
    base = RunOptions(inputs=(str(src),), input_format="jsonl", jobs=1)
    run(RunOptions(**{**_opts(base), "output": str(tmp_path / "o.jsonl"), "fmt": "jsonl"}), CleanConfig())
    run(RunOptions(**{**_opts(base), "output": str(tmp_path / "o.parquet"), "fmt": "parquet"}), CleanConfig())
    assert list(read_records(tmp_path / "o.parquet")) == _read_jsonl(tmp_path / "o.jsonl")
    schema = pq.read_schema(tmp_path / "o.parquet")
    assert schema.names == ["kind", "n", "id", "text", "metadata", "newsclean"]
    assert schema.field("n").type == pa.int64()
    md = schema.field("metadata").type
    assert [md.field(i).name for i in range(md.num_fields)][-2:] == ["organization", "correspondents"]
    assert pa.types.is_map(schema.field("newsclean").type.field("changes").type)


def _opts(options: RunOptions) -> dict[str, object]:
    return {f: getattr(options, f) for f in options.__dataclass_fields__}


def test_parquet_input_local_engine_equals_jsonl_input(tmp_path: Path) -> None:
    rows = _rows(50)
    rows[3]["text"] = None  # a row without text is an error, like a JSONL record without one
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=7)
    _jsonl(rows, tmp_path / "in.jsonl")
    outs = {}
    for fmt, jobs in (("jsonl", 1), ("parquet", 1), ("parquet", 2)):
        out = tmp_path / f"{fmt}{jobs}.jsonl"
        s = run(
            RunOptions(
                inputs=(str(tmp_path / f"in.{fmt}"),), output=str(out), fmt="jsonl", input_format=fmt, jobs=jobs
            ),
            CleanConfig(),
        )
        assert (s.docs, s.errors) == (49, 1)
        recs = _read_jsonl(out)
        for r in recs:
            r["newsclean"].pop("input")  # in.jsonl:LINE vs in.parquet:ROW
        outs[fmt, jobs] = recs
    assert outs["parquet", 1] == outs["jsonl", 1] == outs["parquet", 2]


def test_row_group_spans_read_the_whole_file(tmp_path: Path) -> None:
    from newsclean.io.readers import Source, read_documents

    pq.write_table(pa.Table.from_pylist(_rows(30)), tmp_path / "in.parquet", row_group_size=4)
    spans = split_row_groups(tmp_path / "in.parquet", 20_000)
    assert len(spans) > 2 and spans[0][:1] == (0,) and spans[-1][1] == 8
    source = Source(tmp_path / "in.parquet", "in.parquet", "in.parquet")
    whole = [(d.id, d.source) for d in read_documents(source, "parquet")]
    parts = [(d.id, d.source) for s in spans for d in read_documents(source, "parquet", span=s)]
    assert parts == whole and whole[29] == ("r29", "in.parquet:30")


def test_mirror_tree_into_parquet_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["clean", "-q", "-j", "1", str(EXAMPLES), "--format", "parquet", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    outs = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert outs == sorted(p.with_suffix(".parquet").name for p in EXAMPLES.glob("*.txt"))
    recs = list(read_records(tmp_path / "out" / outs[0]))
    assert len(recs) == 1 and recs[0]["id"] == EXAMPLES.joinpath(outs[0]).with_suffix(".txt").name
    assert not list((tmp_path / "out").glob(".*.tmp"))


def test_parquet_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    src = str(EXAMPLES / "000_27fe9a6cdbf992af.txt")
    r = runner.invoke(app, ["clean", src, "--format", "parquet"])
    assert r.exit_code == 2 and "-o FILE.parquet" in r.output
    r = runner.invoke(app, ["clean", src, "--format", "parquet", "-o", str(tmp_path / "a.parquet.gz")])
    assert r.exit_code == 2
    with pytest.raises(UsageError, match="stdin"):
        run(RunOptions(inputs=("-",), engine="ray"), CleanConfig())


def test_missing_pyarrow_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import newsclean.io.parquet as parquet

    monkeypatch.setattr(parquet, "available", lambda: False)
    r = CliRunner().invoke(app, ["clean", str(EXAMPLES), "--format", "parquet", "-o", str(tmp_path / "o.parquet")])
    assert r.exit_code == 2
    assert "pip install 'newsclean[parquet]'" in r.output


def test_bad_parquet_inputs_are_reported(tmp_path: Path) -> None:
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    pq.write_table(pa.table({"content": ["x"]}), tmp_path / "notext.parquet")
    r = CliRunner().invoke(app, ["clean", "--input-format", "parquet", "--format", "jsonl", str(tmp_path)])
    assert r.exit_code == 1
    assert "bad.parquet: not a readable Parquet file" in r.output
    assert "notext.parquet: no 'text' column" in r.output


def test_text_field_and_mixed_extras(tmp_path: Path) -> None:
    rows = [{"content": "項(xiàng)目", "tag": 1}, {"content": "b", "tag": "x"}]
    src = _jsonl(rows, tmp_path / "in.jsonl")
    r = CliRunner().invoke(
        app,
        ["clean", "--input-format", "jsonl", "--text-field", "content", "--format", "parquet", str(src),
         "-o", str(tmp_path / "o.parquet")],
    )  # fmt: skip
    assert r.exit_code == 1 and "mixed types" in r.output
    assert not (tmp_path / "o.parquet").exists()  # nothing half-written
