"""Parallel scaling and start-up (issue 7), measured through the CLI as users run it.

    python benchmarks/build_corpus.py --size 20 --out /tmp/nc-bench
    python benchmarks/bench_jobs.py /tmp/nc-bench/docs [--docs 2000] [--jobs 1 2]

Copies the first --docs files of the directory into a temporary tree, runs
`newsclean clean TREE -o OUT -j N` for each N (best of --repeat), and prints, for each N, the
wall time of the whole command and the run's own time (the CLI's summary line: discovery to
last write, without interpreter start-up and imports), with MB/s and the speed-up over -j 1;
then times `newsclean --help`. Target: -j 2 >= 1.8x -j 1 on 2,000 documents; --help <= 0.3 s.
Start-up is a fixed cost that no number of workers shortens, so the faster the filters, the
more it weighs in the wall-time ratio: both ratios are printed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wall_of(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds of the command, seconds of the run as its summary line reports them)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
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
        base: tuple[float, float] | None = None
        for jobs in args.jobs:
            runs = [
                timed([*exe, "clean", str(tree), "-o", str(Path(tmp) / f"out{jobs}-{r}"), "-j", str(jobs)])
                for r in range(args.repeat)
            ]
            wall, inrun = min(w for w, _ in runs), min(r for _, r in runs)
            base = base or (wall, inrun)
            print(
                f"-j {jobs}: wall {wall:6.2f} s {size / 1e6 / wall:6.1f} MB/s speed-up {base[0] / wall:.2f}x | "
                f"run {inrun:6.2f} s {size / 1e6 / inrun:6.1f} MB/s speed-up {base[1] / inrun:.2f}x"
            )
    helps = [wall_of([*exe, "--help"]) for _ in range(5)]
    print(f"newsclean --help: best {min(helps):.3f} s, median {sorted(helps)[2]:.3f} s (python -m newsclean)")


if __name__ == "__main__":
    main()
