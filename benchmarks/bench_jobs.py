"""Parallel scaling and start-up (issue 7), measured through the CLI as users run it.

    python benchmarks/build_corpus.py --size 20 --out /tmp/nc-bench
    python benchmarks/bench_jobs.py /tmp/nc-bench/docs [--docs 2000] [--jobs 1 2]

Copies the first --docs files of the directory into a temporary tree, runs
`newsclean clean TREE -o OUT -j N` for each N, --repeat times, alternating between the Ns (a
drift in the machine's speed then weighs on each alike), and prints, for each N, the best and
median wall time of the whole command and the best run's own time (the CLI's summary line:
discovery to last write, without interpreter start-up and imports), with the speed-ups over
the first N; then times `newsclean --help`. Target: -j 2 >= 1.8x -j 1 on 2,000 documents; --help <= 0.3 s.
Start-up is a fixed cost that no number of workers shortens, so the faster the filters, the
more it weighs in the wall-time ratio: both ratios are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# An installed package runs from compiled bytecode (pip compiles it at install; an editable
# install writes __pycache__ on first import). With PYTHONDONTWRITEBYTECODE set (as in some
# sandboxes and containers), every run would compile newsclean's sources again: ~75 ms per
# process, in each -j worker's imports too, which users do not pay. Runs here write and use
# bytecode; a warm-up run writes it first.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall_of(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds of the command, seconds of the run as its summary line reports them)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    wall = time.perf_counter() - start
    match = re.search(r" in ([\d.]+) s \(", proc.stderr)
    if match is None:
        raise SystemExit(f"no summary line in the output of {cmd}:\n{proc.stderr}")
    return wall, float(match.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs", type=Path, help="a directory of .txt documents (build_corpus.py OUT/docs)")
    ap.add_argument("--docs", dest="count", type=int, default=2000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    exe = [sys.executable, "-m", "newsclean"]
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "in"
        files = sorted(args.docs.rglob("*.txt"))[: args.count]
        if len(files) < args.count:
            raise SystemExit(f"{args.docs} holds {len(files)} .txt files, fewer than --docs {args.count}")
        size = 0
        for i, f in enumerate(files):
            dest = tree / f"{i % 20:02d}" / f.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dest)
            size += f.stat().st_size
        print(f"{len(files)} documents, {size / 1e6:.1f} MB")
        # Runs alternate between the job counts (-j 1, -j 2, -j 1, ...), so that a drift in the
        # machine's speed (other load, the file system's state) weighs on every count alike.
        if "PYTHONDONTWRITEBYTECODE" in os.environ:
            print("PYTHONDONTWRITEBYTECODE is set here; runs write and use bytecode, as installs do")
        wall_of([*exe, "clean", str(files[0]), "-o", str(Path(tmp) / "warm-up.txt")])  # writes the bytecode
        runs: dict[int, list[tuple[float, float]]] = {jobs: [] for jobs in args.jobs}
        for r in range(args.repeat):
            for jobs in args.jobs:
                out = Path(tmp) / f"out{jobs}-{r}"
                runs[jobs].append(timed([*exe, "clean", str(tree), "-o", str(out), "-j", str(jobs)]))
                shutil.rmtree(out)
        base = args.jobs[0]
        for jobs in args.jobs:
            wall, inrun = min(w for w, _ in runs[jobs]), min(r for _, r in runs[jobs])
            bwall, binrun = min(w for w, _ in runs[base]), min(r for _, r in runs[base])
            med = statistics.median(w for w, _ in runs[jobs])
            bmed = statistics.median(w for w, _ in runs[base])
            print(
                f"-j {jobs}: wall best {wall:5.2f} s, median {med:5.2f} s ({size / 1e6 / wall:5.1f} MB/s) | "
                f"speed-up: best {bwall / wall:.2f}x, median {bmed / med:.2f}x | "
                f"run best {inrun:5.2f} s, speed-up {binrun / inrun:.2f}x"
            )
    helps = [wall_of([*exe, "--help"]) for _ in range(5)]
    print(f"newsclean --help: best {min(helps):.3f} s, median {sorted(helps)[2]:.3f} s (python -m newsclean)")


if __name__ == "__main__":
    main()
