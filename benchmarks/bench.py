"""Throughput of newsclean on one core (issue 7): the whole chain, each filter, OpenCC t2s alone,
and the naive chain users would write themselves — all over the same texts, in the same run.

    python benchmarks/build_corpus.py --size 20 --out /tmp/nc-bench
    python benchmarks/bench.py /tmp/nc-bench/corpus.jsonl [--repeat 3]

MB/s is UTF-8 input megabytes per second of wall time, best of --repeat runs, documents held in
memory (no I/O, no decoding: that is measured by the CLI runs, not here), after a warm-up on
every distinct text (start-up costs are bench_jobs.py's). "X alone" runs one filter on the raw
texts with their script already detected; the last lines say how the chain's time splits.
Targets: default chain >= 30 MB/s, >= 0.4x OpenCC t2s alone, >= 5x the naive chain.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from newsclean.config import CleanConfig
from newsclean.document import Document, ScriptInfo
from newsclean.pipeline import Pipeline, Stats
from newsclean.registry import DEFAULT_CHAIN


def best_of(repeat: int, fn: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run_pipeline(texts: list[str], config: CleanConfig, scripts: list[ScriptInfo] | None = None) -> Pipeline:
    """A pipeline warmed up on every distinct text (lazy imports, OpenCC tables, the frequency
    model: start-up costs, measured by bench_jobs.py, not here). With ``scripts``, documents
    come with their script already detected, so that a filter alone is timed without it."""
    pipeline = Pipeline(config)
    for text in dict.fromkeys(texts):
        pipeline.process(Document(text))
    pipeline.stats = Stats()
    return pipeline


def timed_runs(pipeline: Pipeline, texts: list[str], scripts: list[ScriptInfo] | None, repeat: int) -> float:
    def go() -> None:
        for i, text in enumerate(texts):
            pipeline.process(Document(text, script=scripts[i] if scripts else None))

    return best_of(repeat, go)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="corpus.jsonl from build_corpus.py")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=float, default=0, help="use only the first N MB")
    ap.add_argument("--filters", action="store_true", help="also time each filter alone")
    args = ap.parse_args()

    texts: list[str] = []
    size = 0
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            texts.append(text)
            size += len(text.encode("utf-8"))
            if args.limit and size >= args.limit * 1e6:
                break
    mb = size / 1e6
    print(f"{len(texts)} documents, {mb:.1f} MB")

    import html

    import ftfy
    import opencc

    t2s = opencc.OpenCC("t2s")

    def opencc_alone() -> None:
        for text in texts:
            t2s.convert(text)

    def naive() -> None:
        for text in texts:
            t2s.convert(html.unescape(ftfy.fix_text(text)))

    rows: list[tuple[str, float]] = []
    chain = run_pipeline(texts, CleanConfig())
    chain_seconds = timed_runs(chain, texts, None, args.repeat)
    rows.append(("default chain", mb / chain_seconds))
    rows.append(("opencc t2s alone", mb / best_of(args.repeat, opencc_alone)))
    rows.append(("naive chain (ftfy+html+t2s)", mb / best_of(1, naive)))
    from newsclean.filters.script import detect_script

    start = time.perf_counter()
    scripts = [detect_script(t) for t in texts]
    detect_seconds = time.perf_counter() - start
    if args.filters:
        # each filter alone on the raw texts, the script detected beforehand (not timed here)
        for name in DEFAULT_CHAIN:
            alone = run_pipeline(texts, CleanConfig(steps=(name,)))
            rows.append((f"  {name} alone", mb / timed_runs(alone, texts, scripts, args.repeat)))
        rows.append(("  detect_script alone", mb / detect_seconds))

    width = max(len(name) for name, _ in rows)
    for name, rate in rows:
        print(f"{name:{width}s} {rate:8.1f} MB/s")
    # Where the chain's time goes (all runs summed, as shares of the chain's total time).
    steps = chain.stats.seconds
    total = sum(steps.values()) + detect_seconds * args.repeat
    shares = {"detect_script": detect_seconds * args.repeat, **steps}
    print("chain time by step: " + ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in shares.items()))
    chain, alone, base = rows[0][1], rows[1][1], rows[2][1]
    print(f"chain / t2s alone = {chain / alone:.2f} (target >= 0.4); chain / naive = {chain / base:.1f}x (target >= 5)")


if __name__ == "__main__":
    main()
