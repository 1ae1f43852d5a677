"""-j N: same bytes as -j 1, input order kept, bounded read-ahead, failures contained."""

from __future__ import annotations

import json
from pathlib import Path

from newsclean.config import CleanConfig
from newsclean.parallel import ordered_map
from newsclean.runner import RunOptions, run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_order_and_bounds_read_ahead() -> None:
    consumed: list[int] = []

    def items():  # type: ignore[no-untyped-def]
        for i in range(50):
            consumed.append(i)
            yield i

    results = ordered_map(_square, items(), jobs=2, window=4)
    first = next(results)
    assert first == 0
    assert len(consumed) <= 5  # never more than the window (plus the one being submitted) read ahead
    assert [first, *results] == [i * i for i in range(50)]


def _corpus(tmp_path: Path, n: int) -> Path:
    seeds = sorted(EXAMPLES.glob("*.txt"))
    root = tmp_path / "in"
    for i in range(n):
        sub = root / f"d{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{i:03d}.txt").write_bytes(seeds[i % len(seeds)].read_bytes())
    return root


def test_directory_output_identical_with_two_jobs(tmp_path: Path) -> None:
    root = _corpus(tmp_path, 23)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(RunOptions(inputs=(str(root),), output=str(one), fmt="jsonl", jobs=1), CleanConfig())
    s2 = run(RunOptions(inputs=(str(root),), output=str(two), fmt="jsonl", jobs=2), CleanConfig())
    assert s2.docs == 23 and s2.errors == 0
    assert one.read_bytes() == two.read_bytes()
    # stats from the workers add up to the same totals
    s1 = run(RunOptions(inputs=(str(root),), output=str(tmp_path / "x.jsonl"), fmt="jsonl", jobs=1), CleanConfig())
    assert s1.stats.counts == s2.stats.counts


def test_mirror_identical_with_two_jobs(tmp_path: Path) -> None:
    root = _corpus(tmp_path, 9)
    run(RunOptions(inputs=(str(root),), output=str(tmp_path / "m1"), jobs=1), CleanConfig())
    run(RunOptions(inputs=(str(root),), output=str(tmp_path / "m2"), jobs=2), CleanConfig())
    files1 = sorted(p.relative_to(tmp_path / "m1") for p in (tmp_path / "m1").rglob("*.txt"))
    files2 = sorted(p.relative_to(tmp_path / "m2") for p in (tmp_path / "m2").rglob("*.txt"))
    assert files1 == files2 and len(files1) == 9
    for rel in files1:
        assert (tmp_path / "m1" / rel).read_bytes() == (tmp_path / "m2" / rel).read_bytes()


def test_jsonl_corpus_in_order_with_errors(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    seeds = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    lines = []
    for i in range(300):
        lines.append(
            "{broken" if i % 97 == 50 else json.dumps({"id": f"r{i}", "text": seeds[i % 5]}, ensure_ascii=False)
        )
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run(
        RunOptions(inputs=(str(src),), output=str(out), fmt="jsonl", input_format="jsonl", jobs=2), CleanConfig()
    )
    ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"r{i}" for i in range(300) if i % 97 != 50]
    assert summary.errors == 3


def test_workers_read_small_files_and_main_process_streams_big_ones(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # With a pool, files up to SMALL_SOURCE are read and decoded by the workers, bigger ones are
    # streamed by the main process; either way the output and the reported errors are those of -j 1.
    from newsclean import runner

    monkeypatch.setattr(runner, "SMALL_SOURCE", 4400)
    root = _corpus(tmp_path, 11)  # seeds: some under 4,400 bytes, some over
    (root / "d0" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (root / "d1" / "empty.txt").write_bytes(b"")
    outs, summaries = [], []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        summaries.append(run(RunOptions(inputs=(str(root),), output=str(out), fmt="jsonl", jobs=jobs), CleanConfig()))
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert [(s.docs, s.errors, s.files) for s in summaries] == [(12, 1, 13)] * 2
    sizes = sorted(p.stat().st_size for p in root.rglob("doc*.txt"))
    assert sizes[0] <= 4400 < sizes[-1]
