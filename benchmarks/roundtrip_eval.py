"""Round trip of script conversion on genuine Taiwan text: zh-hans, then back to zh-tw.

Usage: .venv/bin/python benchmarks/roundtrip_eval.py [--shared ../shared] [--top 15] [--min 0.99]

Each of the Taiwan dev articles (``corpus/taiwan/*.txt``, genuine traditional text) goes through
the ``convert`` step alone, as ``newsclean clean --steps convert --to zh-hans`` runs it
(:func:`newsclean.pipeline.clean_document` with ``steps=("convert",)``), and the result goes back
with ``--to zh-tw``. Prints the share of characters that come back as they were (equal-length
texts are compared position by position, others aligned with difflib), the most frequent
differences (original -> round trip), and the same with ``--idioms``. Exits 1 below ``--min``.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsclean.config import CleanConfig
from newsclean.pipeline import clean_document


def convert(text: str, to: str, idioms: bool = False) -> str:
    """``text`` through the convert step alone, to script ``to``."""
    return clean_document(text, CleanConfig(steps=("convert",), to=to, idioms=idioms)).text


def compare(original: str, back: str, diffs: Counter[str]) -> int:
    """Characters of ``original`` that ``back`` keeps; differences are counted in ``diffs``."""
    if len(original) == len(back):
        same = 0
        for a, b in zip(original, back, strict=True):
            if a == b:
                same += 1
            else:
                diffs[f"{a}→{b}"] += 1
        return same
    matcher = difflib.SequenceMatcher(None, original, back, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            diffs[f"{original[i1:i2]}→{back[j1:j2]}"] += max(i2 - i1, 1)
    return sum(block.size for block in matcher.get_matching_blocks())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--min", type=float, default=0.99)
    args = parser.parse_args()
    files = sorted((args.shared / "corpus" / "taiwan").glob("*.txt"))
    if not files:
        print(f"no Taiwan articles under {args.shared}/corpus/taiwan", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    ok = True
    for idioms in (False, True):
        diffs: Counter[str] = Counter()
        same = total = 0
        for text in texts:
            back = convert(convert(text, "zh-hans"), "zh-tw", idioms)
            same += compare(text, back, diffs)
            total += len(text)
        share = same / total
        ok = ok and (idioms or share >= args.min)
        label = "zh-hans -> zh-tw" + (" --idioms" if idioms else "")
        print(f"{label:26s} {len(texts)} articles, {total} chars: {share:.2%} unchanged ({total - same} differ)")
        print("  most frequent differences:", ", ".join(f"{k} {v}" for k, v in diffs.most_common(args.top)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
