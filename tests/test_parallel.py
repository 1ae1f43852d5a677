"""-j N: same bytes as -j 1, input order kept, bounded read-ahead, failures contained."""

from __future__ import annotations

import json
import re
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


def test_mirrored_outputs_written_by_workers_match_the_main_process(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # With one output file per input, each small file is written where it is processed (by the
    # workers with -j 2), big ones by the main process. Every output must be the one a
    # single-file run writes from the main process, and warnings and --rejects lines must
    # still reach the main process.
    from newsclean import runner

    monkeypatch.setattr(runner, "SMALL_SOURCE", 4400)
    root = _corpus(tmp_path, 7)
    (root / "d0" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (root / "d1" / "footer-only.txt").write_text("版权所有 © 2024 某某网 京ICP备12345678号\n", encoding="utf-8")
    summaries, rejects = [], []
    for jobs in (1, 2):
        out, rej = tmp_path / f"m{jobs}", tmp_path / f"rejects{jobs}.jsonl"
        options = RunOptions(inputs=(str(root),), output=str(out), jobs=jobs, rejects=str(rej))
        summaries.append(run(options, CleanConfig()))
        rejects.append(rej.read_bytes())
    assert rejects[0] == rejects[1] and b"footer-only.txt" in rejects[0]
    assert [(s.files, s.docs, s.errors, s.empty) for s in summaries] == [(9, 8, 1, 1)] * 2
    for src in sorted(root.rglob("doc*.txt")):
        single = tmp_path / "single" / src.name
        run(RunOptions(inputs=(str(src),), output=str(single)), CleanConfig())  # one file: the main process writes
        rel = src.relative_to(root)
        assert (tmp_path / "m1" / rel).read_bytes() == single.read_bytes() == (tmp_path / "m2" / rel).read_bytes()
    assert not (tmp_path / "m2" / "d0" / "binary.txt").exists()  # an unreadable input gets no output
    assert not list((tmp_path / "m2").rglob(".*.tmp"))


def test_process_work_writes_mirrored_files_and_slims_their_events(tmp_path: Path) -> None:
    from newsclean.io.readers import Source
    from newsclean.io.writers import MirrorSink
    from newsclean.pipeline import Pipeline
    from newsclean.runner import process_work

    root = _corpus(tmp_path, 2)
    files = sorted(root.rglob("*.txt"))
    sources = [Source(path=p, rel=p.relative_to(root).as_posix(), display=str(p)) for p in files]
    sink = MirrorSink("text", tmp_path / "out", "text")
    events, _stats = process_work(Pipeline(CleanConfig()), RunOptions(), sink, list(sources))
    assert [e.kind for e in events] == ["begin", "doc", "end"] * 2
    assert [e.written for e in events if e.kind == "begin"] == [True, True]
    docs = [e.doc for e in events if e.doc is not None]
    assert all(d.text == "" and d.source for d in docs)  # the text went to the file, not back
    for source in sources:
        raw = source.path.read_text(encoding="utf-8") if source.path else ""
        written = (tmp_path / "out" / source.rel).read_text(encoding="utf-8")
        # the seeds carry pinyin glosses such as (xiàng); the written file is the cleaned text
        assert re.search(r"\([a-zü]*[āáǎàōóǒòēéěèīíǐìūúǔù]", raw)
        assert written.strip() and not re.search(r"\([a-zü]*[āáǎàōóǒòēéěèīíǐìūúǔù]", written)
