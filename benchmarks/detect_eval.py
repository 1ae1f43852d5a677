"""Measure encoding detection (newsclean.io.decode) on real and generated samples, and its speed.

Usage: .venv/bin/python benchmarks/detect_eval.py [--shared ../shared] [--n 1000] [--size 200]

1. Real legacy files, ../shared/corpus/encodings/{gb2312,big5}/* (true encoding = folder name),
   whole and first 1,000 bytes. A prefix that is pure ASCII counts as right when read as ascii.
2. Generated samples: clean traditional text (corpus/taiwan/*.txt) and simplified text
   (corpus/cwced/labels.jsonl) encoded as gb18030 / big5hkscs / utf-8 / utf-8-sig / utf-16-le /
   utf-16-be, cut to ``--size`` bytes starting at a character boundary, ending either at a
   character boundary ("clean") or anywhere, possibly mid-character ("cut").
   Simplified text is not encoded as Big5 (it cannot be).
3. Throughput of decode_bytes on ~1 MB of UTF-8 and of GBK.

Prints one line per measurement; exits 1 if a target is missed (100% on files, >=99% on samples).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsclean.io.decode import DecodeError, decode_bytes

FAMILY = {"gb2312": {"gb18030"}, "big5": {"big5hkscs", "cp950"}}
EXPECT = {
    "gb18030": {"gb18030"},
    "big5hkscs": {"big5hkscs", "cp950"},
    "utf-8": {"utf-8"},
    "utf-8-sig": {"utf-8-sig"},
    "utf-16-le": {"utf-16-le"},
    "utf-16-be": {"utf-16-be"},
}


def _detect(data: bytes) -> str:
    try:
        return decode_bytes(data).encoding
    except DecodeError as exc:
        return f"error: {exc}"


def eval_files(shared: Path) -> bool:
    ok_all = True
    for folder, good in FAMILY.items():
        for label, cut in (("whole", None), ("first 1000 B", 1000)):
            files = sorted((shared / "corpus" / "encodings" / folder).iterdir())
            right = 0
            wrong = []
            for f in files:
                data = f.read_bytes()[:cut]
                enc = _detect(data)
                if enc in good or (enc == "ascii" and data.isascii()):
                    right += 1
                else:
                    wrong.append(f"{f.name}={enc}")
            ok_all &= right == len(files)
            print(f"files {folder:7s} {label:13s} {right}/{len(files)} = {right / len(files):.1%}"
                  + (f"  wrong: {', '.join(wrong)}" if wrong else ""))  # fmt: skip
    return ok_all


def _texts(shared: Path) -> tuple[list[str], list[str]]:
    trad = [p.read_text(encoding="utf-8") for p in sorted((shared / "corpus" / "taiwan").glob("*.txt"))]
    simp = []
    with open(shared / "corpus" / "cwced" / "labels.jsonl", encoding="utf-8") as fh:
        for line in fh:
            simp.append(json.loads(line)["text"])
    return trad, simp


def _samples(texts: list[str], enc: str, n: int, size: int, rng: random.Random, mid: bool) -> list[bytes]:
    """``n`` samples of ``size`` bytes, starting at a character boundary of the encoded stream."""
    codec = enc.replace("-sig", "")
    encoded = [t for t in texts if len(t.encode(codec, errors="ignore")) >= size + 50]
    out = []
    for _ in range(n):
        t = rng.choice(encoded)
        start = rng.randrange(0, max(1, len(t) - size))
        b = t[start:].encode(codec, errors="ignore")
        if enc == "utf-8-sig":
            b = b"\xef\xbb\xbf" + b
        chunk = b[:size]
        if not mid:
            # back off to the last complete character
            while chunk:
                try:
                    chunk.decode(enc)
                    break
                except UnicodeDecodeError:
                    chunk = chunk[:-1]
        out.append(chunk)
    return out


def eval_generated(shared: Path, n: int, size: int) -> bool:
    trad, simp = _texts(shared)
    rng = random.Random(20240113)
    ok_all = True
    for enc in ("gb18030", "big5hkscs", "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"):
        for script, texts in (("trad", trad), ("simp", simp)):
            if enc == "big5hkscs" and script == "simp":
                continue
            for mid in (False, True):
                samples = _samples(texts, enc, n, size, rng, mid)
                got: Counter[str] = Counter()
                right = 0
                for s in samples:
                    e = _detect(s)
                    if e in EXPECT[enc] or (e == "ascii" and s.isascii()):
                        right += 1
                    else:
                        got[e] += 1
                share = right / len(samples)
                ok_all &= share >= 0.99
                label = "cut" if mid else "clean"
                print(f"gen {enc:10s} {script} {label:5s} {size} B: {right}/{len(samples)} = {share:.2%}"
                      + (f"  wrong: {dict(got.most_common(4))}" if got else ""))  # fmt: skip
    return ok_all


def eval_speed(shared: Path) -> None:
    _, simp = _texts(shared)
    base = "\n".join(simp)
    for enc in ("utf-8", "gb18030"):
        text = base * (1_000_000 // len(base.encode(enc)) + 1)
        data = text.encode(enc)[:1_000_000]
        data = data[: len(data.decode(enc, errors="ignore").encode(enc))]  # end on a character
        reps = 20
        t0 = time.perf_counter()
        for _ in range(reps):
            d = decode_bytes(data)
        dt = (time.perf_counter() - t0) / reps
        print(f"speed {enc:8s} {len(data) / 1e6:.2f} MB -> {d.encoding}: {len(data) / 1e6 / dt:8.1f} MB/s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--n", type=int, default=1000, help="samples per encoding and script")
    ap.add_argument("--size", type=int, default=200, help="bytes per generated sample")
    args = ap.parse_args()
    ok = eval_files(args.shared)
    ok &= eval_generated(args.shared, args.n, args.size)
    eval_speed(args.shared)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
