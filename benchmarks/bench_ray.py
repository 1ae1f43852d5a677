"""Throughput of ``newsclean clean --engine ray`` on local CPUs against ``-j N`` (issue 9).

    python benchmarks/build_corpus.py --size 20 --out /tmp/nc-bench
    python benchmarks/bench_ray.py /tmp/nc-bench/corpus.jsonl [--jobs 2] [--repeat 2]

Runs the CLI end to end (read, clean, write JSONL) as a subprocess, on the JSONL corpus and on
the same corpus as Parquet, with the local engine (``-j N``) and with ``--engine ray -j N`` (a
local Ray instance of N CPUs, started and stopped by the run). Reports wall seconds and input
MB/s (best of --repeat), and checks that both engines wrote the same records. Ray's start-up
(a few seconds) is inside its time, as a user sees it; the second Ray line, "ray (in-process,
warm)", times the engine with Ray already running (what a long run on a cluster approaches).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEWSCLEAN = [sys.executable, "-m", "newsclean"]


def timed(cmd: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def records(path: Path) -> list[str]:
    if path.suffix == ".parquet":
        from newsclean.io.parquet import read_records

        rows = list(read_records(path))
    else:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)


def warm_ray(corpus: Path, input_format: str, out: Path, jobs: int, repeat: int) -> float:
    import ray

    from newsclean.config import CleanConfig
    from newsclean.runner import RunOptions, run

    ray.init(num_cpus=jobs, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        options = RunOptions(
            inputs=(str(corpus),), output=str(out), fmt="jsonl", input_format=input_format, jobs=jobs,
            engine="ray", progress=False,
        )  # fmt: skip
        run(options, CleanConfig())  # warm: worker processes, imports, OpenCC tables
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            run(options, CleanConfig())
            best = min(best, time.perf_counter() - start)
        return best
    finally:
        ray.shutdown()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="corpus.jsonl from build_corpus.py")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    import pyarrow as pa
    import pyarrow.parquet as pq

    mb = args.corpus.stat().st_size / 1e6
    tmp = Path(tempfile.mkdtemp(prefix="nc-bench-ray-"))
    rows = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines()]
    parquet = tmp / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet, row_group_size=64)
    print(f"{len(rows)} documents, {mb:.1f} MB of JSONL; {args.jobs} CPUs")
    print(f"{'input':8} {'engine':28} {'seconds':>8} {'MB/s':>7}  same records")
    for fmt, corpus in (("jsonl", args.corpus), ("parquet", parquet)):
        base = [*NEWSCLEAN, "clean", "-q", "--input-format", fmt, "--format", "jsonl", str(corpus)]
        local_out, ray_out = tmp / f"local-{fmt}.jsonl", tmp / f"ray-{fmt}.jsonl"
        t_local = timed([*base, "-j", str(args.jobs), "-o", str(local_out)], args.repeat)
        t_ray = timed([*base, "-j", str(args.jobs), "--engine", "ray", "-o", str(ray_out)], args.repeat)
        same = records(local_out) == records(ray_out)
        print(f"{fmt:8} {'local -j ' + str(args.jobs):28} {t_local:8.2f} {mb / t_local:7.1f}")
        label = f"ray -j {args.jobs} (CLI, with start-up)"
        print(f"{fmt:8} {label:28} {t_ray:8.2f} {mb / t_ray:7.1f}  {same}")
        warm_out = tmp / f"warm-{fmt}.jsonl"
        t_warm = warm_ray(corpus, fmt, warm_out, args.jobs, args.repeat)
        same = records(local_out) == records(warm_out)
        print(f"{fmt:8} {'ray (in-process, warm)':28} {t_warm:8.2f} {mb / t_warm:7.1f}  {same}")


if __name__ == "__main__":
    main()
