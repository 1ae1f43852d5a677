"""Fuzz the whole default chain (issue 8): random damaged text and random bytes, checking every
property in tests/fuzzing.py (no exception, valid UTF-8, no U+FFFD/PUA/C0 in the output, every
removed character logged, clean(clean(x)) == clean(x)).

    python benchmarks/fuzz.py --count 100000 [--seed 1] [--show 10] [--stop-after N]

Prints the first failing inputs (repr) with their problems, then the counts per property;
exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsclean.config import CleanConfig
from newsclean.pipeline import Pipeline
from tests.fuzzing import check, check_bytes, random_bytes, random_text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stop-after", type=int, default=10**9, help="stop after this many failures")
    ap.add_argument("--show", type=int, default=10, help="print at most this many failing inputs")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pipeline = Pipeline(CleanConfig(audit=True))
    failures = 0
    by_property: dict[str, int] = {}
    start = time.perf_counter()
    for i in range(args.count):
        if rng.random() < 0.5:
            case: object = random_text(rng)
            problems = check(case, pipeline)  # type: ignore[arg-type]
        else:
            case = random_bytes(rng)
            problems = check_bytes(case, pipeline)  # type: ignore[arg-type]
        if problems:
            failures += 1
            for problem in problems:
                kind = problem.split(":")[0]
                by_property[kind] = by_property.get(kind, 0) + 1
            if failures <= args.show:
                print(f"#{i}: {case!r}\n    " + "\n    ".join(problems))
            if failures >= args.stop_after:
                break
        if (i + 1) % 10_000 == 0:
            print(f"... {i + 1} inputs, {failures} failures, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    print(f"{i + 1} inputs, {failures} failures ({time.perf_counter() - start:.0f} s, seed {args.seed})")
    for kind, count in sorted(by_property.items(), key=lambda kv: -kv[1]):
        print(f"  {count:6d}  {kind}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
