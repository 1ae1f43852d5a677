"""--engine ray (issue 9): on a local Ray instance (2 CPUs, no dashboard, no network), the records,
counts and rejects equal the local engine's, from JSONL, from Parquet and from a directory tree.
Skips when Ray is absent; CI installs newsclean[ray] and runs it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

ray = pytest.importorskip("ray")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from newsclean.cli import app  # noqa: E402
from newsclean.config import CleanConfig  # noqa: E402
from newsclean.engines import ray_engine  # noqa: E402
from newsclean.io.parquet import read_records  # noqa: E402
from newsclean.runner import RunOptions, RunSummary, run  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
N_DOCS = 520


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        _node_ip_address="127.0.0.1",
    )
    try:
        yield
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """520 documents: the five seeds, cut and recombined so that the records differ; a few
    without an id, one broken line, one record without text."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    rows: list[dict[str, Any]] = []
    for i in range(N_DOCS):
        text = seeds[i % 5]
        cut = (i * 37) % max(1, len(text) // 2)
        rows.append({"id": f"d{i}", "text": text[cut:] + "\n" + seeds[(i + 1) % 5][: i % 300], "src": f"s{i % 7}"})
    for i in range(0, N_DOCS, 50):
        del rows[i]["id"]
        rows[i]["id"] = None
    root = tmp_path_factory.mktemp("ray-corpus")
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines[123] = "{broken"
    lines[321] = json.dumps({"id": "no-text", "body": "x"})
    (root / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = pa.Table.from_pylist([r for i, r in enumerate(rows) if i not in (123, 321)])
    pq.write_table(table, root / "corpus.parquet", row_group_size=16)
    return root


def _records(path: Path) -> list[str]:
    if path.suffix == ".parquet":
        rows = list(read_records(path))
    else:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)


def _both(tmp_path: Path, **kw: Any) -> tuple[RunSummary, RunSummary]:
    fmt = kw.pop("fmt", "jsonl")
    suffix = ".parquet" if fmt == "parquet" else ".jsonl"
    local = run(
        RunOptions(output=str(tmp_path / f"local{suffix}"), rejects=str(tmp_path / "local.rej"), fmt=fmt, jobs=1, **kw),
        CleanConfig(),
    )
    remote = run(
        RunOptions(
            output=str(tmp_path / f"ray{suffix}"),
            rejects=str(tmp_path / "ray.rej"),
            fmt=fmt,
            jobs=2,
            engine="ray",
            progress=False,
            **kw,
        ),
        CleanConfig(),
    )
    assert _records(tmp_path / f"ray{suffix}") == _records(tmp_path / f"local{suffix}")
    assert _records(tmp_path / "ray.rej") == _records(tmp_path / "local.rej")
    assert remote.stats.counts == local.stats.counts
    assert (remote.files, remote.docs, remote.errors, remote.empty) == (
        local.files,
        local.docs,
        local.errors,
        local.empty,
    )
    return local, remote


@pytest.mark.usefixtures("local_ray")
def test_jsonl_corpus_equals_local_engine(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ray_engine, "SHARD_MIN_BYTES", 64 << 10)  # several shards, one file split into spans
    local, _ = _both(tmp_path, inputs=(str(corpus / "corpus.jsonl"),), input_format="jsonl")
    assert local.docs == N_DOCS - 2 and local.errors == 2
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()  # order kept too


@pytest.mark.usefixtures("local_ray")
def test_parquet_corpus_equals_local_engine(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ray_engine, "SHARD_MIN_BYTES", 64 << 10)
    local, _ = _both(tmp_path, inputs=(str(corpus / "corpus.parquet"),), input_format="parquet", fmt="parquet")
    assert local.docs == N_DOCS - 2 and local.errors == 0


@pytest.mark.usefixtures("local_ray")
def test_directory_mirror_and_cli(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for i, seed in enumerate(sorted(EXAMPLES.glob("*.txt")) * 4):
        (root / f"d{i % 2}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i % 2}" / f"{i:02d}.txt").write_bytes(seed.read_bytes())
    (root / "bad.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    cli = CliRunner()
    r_local = cli.invoke(app, ["clean", "-q", "-j", "1", str(root), "-o", str(tmp_path / "a")])
    r_ray = cli.invoke(app, ["clean", "-q", "-j", "2", "--engine", "ray", str(root), "-o", str(tmp_path / "b")])
    assert r_local.exit_code == r_ray.exit_code == 1  # bad.txt, reported by both
    assert "bad.txt" in r_ray.output
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.txt"))
    assert len(files) == 20
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.txt"))
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


@pytest.mark.usefixtures("local_ray")
def test_clean_batch_in_a_users_ray_job(corpus: Path) -> None:
    """The README's example: the public batch function in map_batches gives the local records."""
    from newsclean.batch import clean_batch, clean_records

    rows = [json.loads(x) for x in _good_lines(corpus)[:60]]
    ds = ray.data.from_items(rows).map_batches(clean_batch, batch_format="pandas", fn_kwargs={"config": CleanConfig()})
    got = sorted(r["id"] + r["text"] for r in ds.take_all())
    assert got == sorted(r["id"] + r["text"] for r in clean_records(rows))


def _good_lines(corpus: Path) -> list[str]:
    return [x for x in (corpus / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if '"d' in x[:12]]
