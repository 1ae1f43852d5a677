#!/usr/bin/env bash
# Peak memory on a large JSONL corpus (issue 7): builds SIZE MB of JSONL (default 1000 = 1 GB)
# with build_corpus.py, then runs `newsclean clean` on it under /usr/bin/time -v and prints the
# peak RSS of the main process and of the run. Target: <= 150 MB on 1 GB.
#   bash benchmarks/bench_memory.sh [SIZE_MB] [JOBS]
set -euo pipefail
size=${1:-1000}
jobs=${2:-1}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
python "$here/build_corpus.py" --size "$size" --jsonl-only --out "$dir" > /dev/null
ls -l "$dir/corpus.jsonl"
/usr/bin/time -v python -m newsclean clean --input-format jsonl --format jsonl -j "$jobs" -q \
  "$dir/corpus.jsonl" -o "$dir/out.jsonl" 2> "$dir/time.txt"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$dir/time.txt"
ls -l "$dir/out.jsonl"
