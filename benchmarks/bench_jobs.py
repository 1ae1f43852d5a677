"""Parallel scaling and start-up (issue 7), measured through the CLI as users run it.

    python benchmarks/build_corpus.py --size 20 --out /tmp/nc-bench
    python benchmarks/bench_jobs.py /tmp/nc-bench/docs [--docs 2000] [--jobs 1 2]

Copies the first --docs files of the directory into a temporary tree, runs
`newsclean clean TREE -o OUT -j N` for each N (best of --repeat), and prints wall time, MB/s
and the speed-up over -j 1; then times `newsclean --help`. Target: -j 2 >= 1.8x -j 1 on 2,000
documents; --help <= 0.3 s.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


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
        size = 0
        for i, f in enumerate(files):
            dest = tree / f"{i % 20:02d}" / f.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dest)
            size += f.stat().st_size
        print(f"{len(files)} documents, {size / 1e6:.1f} MB")
        base = None
        for jobs in args.jobs:
            best = min(
                timed([*exe, "clean", str(tree), "-o", str(Path(tmp) / f"out{jobs}-{r}"), "-j", str(jobs), "-q"])
                for r in range(args.repeat)
            )
            base = base or best
            print(f"-j {jobs}: {best:6.2f} s  {size / 1e6 / best:6.1f} MB/s  speed-up {base / best:.2f}x")
    helps = [timed([*exe, "--help"]) for _ in range(5)]
    print(f"newsclean --help: best {min(helps):.3f} s, median {sorted(helps)[2]:.3f} s (python -m newsclean)")


if __name__ == "__main__":
    main()
