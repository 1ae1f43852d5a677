"""newsclean.batch (the public batch API) and the Ray engine's planning, without Ray."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pytest

from newsclean.batch import clean_batch, clean_records, clean_records_result, pipeline_for
from newsclean.config import CleanConfig
from newsclean.engines.ray_engine import plan_shards, split_lines
from newsclean.io.readers import Source, read_documents
from newsclean.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _seeds() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


def test_records_equal_the_pipeline_records() -> None:
    seeds = _seeds()
    records = [{"id": f"r{i}", "text": t, "lang": "zh"} for i, t in enumerate(seeds)]
    out = clean_records(records)
    pipeline = Pipeline(CleanConfig())
    for record, got in zip(records, out, strict=True):
        from newsclean.io.readers import record_to_document

        doc = record_to_document(record, "text", "", str(record["id"]))
        assert not isinstance(doc, str)
        assert got == pipeline.process(doc).to_record()
        assert got["lang"] == "zh" and list(got)[:2] == ["lang", "id"]
    assert out[0]["text"] != records[0]["text"]  # glossed seed 000 was cleaned


def test_text_field_and_failures_are_kept_not_dropped() -> None:
    result = clean_records_result(
        [{"id": "a", "content": "項(xiàng)目"}, {"id": "b", "content": 3}, {"id": "c"}], text_field="content"
    )
    assert [r.get("text") for r in result.records] == ["项目", None, None]
    assert result.records[1]["newsclean"] == {"error": "field 'content' is int, not a string"}
    assert result.records[1]["content"] == 3  # the failed record comes out as it went in
    assert [e[0] for e in result.errors] == ["b", "c"]
    assert result.stats.counts["docs"] == 1
    assert result.stats.counts["strip-pinyin.changes"] == 1


def test_stats_and_rejects_per_batch_add_up() -> None:
    seeds = _seeds()
    config = CleanConfig(audit=True)
    whole = clean_records_result([{"id": str(i), "text": t} for i, t in enumerate(seeds)], config)
    parts = [clean_records_result([{"id": str(i), "text": t}], config) for i, t in enumerate(seeds)]
    merged = parts[0].stats
    for part in parts[1:]:
        merged.merge(part.stats)
    assert merged.counts == whole.stats.counts
    assert [r for p in parts for r in p.rejects] == whole.rejects
    assert whole.rejects and all(r["filter"] or r["kind"] == "document" for r in whole.rejects)
    assert clean_records_result([{"text": seeds[0]}]).rejects == []  # no audit: no span text kept


def test_columnar_batch_round_trip() -> None:
    seeds = _seeds()[:3]
    batch = {"id": ["a", "b", "c"], "text": seeds, "n": [1, 2, 3]}
    cols = clean_batch(batch)
    assert list(cols) == ["n", "id", "text", "metadata", "newsclean"]
    rows = clean_records([{"id": i, "text": t, "n": n} for i, t, n in zip(*batch.values(), strict=True)])
    assert [cols["text"][i] for i in range(3)] == [r["text"] for r in rows]
    assert cols["metadata"] == [r["metadata"] for r in rows]
    assert clean_batch({}) == {}


def test_columnar_batch_from_pandas_and_numpy() -> None:
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    seeds = _seeds()[:2]
    expected = clean_batch({"id": ["a", "b"], "text": seeds})
    assert clean_batch(pd.DataFrame({"id": ["a", "b"], "text": seeds})) == expected
    assert clean_batch({"id": np.array(["a", "b"], dtype=object), "text": np.array(seeds, dtype=object)}) == expected


def test_pipeline_built_once_per_config() -> None:
    config = CleanConfig(steps=("strip-pinyin",))
    assert pipeline_for(config) is pipeline_for(CleanConfig(steps=("strip-pinyin",)))
    assert pipeline_for(config) is not pipeline_for(CleanConfig())


def test_split_lines_spans_read_the_whole_file(tmp_path: Path) -> None:
    seeds = _seeds()
    lines = [json.dumps({"id": f"r{i}", "text": seeds[i % 5][: 50 + i]}, ensure_ascii=False) for i in range(60)]
    lines[7] = "{broken"
    lines[20] = ""
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spans = split_lines(path, 1000)
    assert len(spans) > 3
    assert spans[0][0] == 0 and spans[-1][1] == path.stat().st_size
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    source = Source(path, "c.jsonl", str(path))

    def view(items):  # type: ignore[no-untyped-def]
        return [(getattr(x, "source", None), getattr(x, "where", None), getattr(x, "id", None)) for x in items]

    whole = view(read_documents(source, "jsonl"))
    pieces = [x for span in spans for x in view(read_documents(source, "jsonl", span=span))]
    assert pieces == whole and len(whole) == 59


def test_split_lines_without_final_newline_and_small(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "a"}\n{"text": "b"}')
    assert split_lines(path, 1 << 20) == [(0, path.stat().st_size, 0)]
    assert split_lines(path, 5) == [(0, 14, 0), (14, 27, 1)]


def test_plan_shards_groups_files_and_splits_big_jsonl(tmp_path: Path) -> None:
    small = []
    for i in range(5):
        p = tmp_path / f"{i}.txt"
        p.write_text("x" * 100)
        small.append(Source(p, p.name, str(p)))
    shards = plan_shards(small, "text", 250)
    assert [len(s) for s in shards] == [3, 2]
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({"text": "y" * 90}) + "\n" for _ in range(30)))
    pieces = [p for s in plan_shards([Source(big, "big.jsonl", str(big))], "jsonl", 500) for p in s]
    assert len(pieces) > 3 and pieces[0].first and pieces[-1].last
    assert not any(p.last for p in pieces[:-1]) and not any(p.first for p in pieces[1:])


def test_no_heavy_imports() -> None:
    import subprocess

    code = "import newsclean.cli, newsclean.batch, newsclean.engines.ray_engine, sys; " \
        "print(sorted(m for m in ('ray', 'pyarrow', 'pandas') if m in sys.modules))"  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_engine_ray_without_ray_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsclean.cli import app
    from newsclean.engines import ray_engine

    monkeypatch.setattr(ray_engine, "available", lambda: False)
    r = CliRunner().invoke(app, ["clean", "--engine", "ray", str(EXAMPLES), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert "pip install 'newsclean[ray]'" in r.output
    assert not (tmp_path / "o").exists()
