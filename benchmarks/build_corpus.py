"""Build a reproducible benchmark corpus of a chosen size (issue 7).

Mixes the kinds of documents newsclean meets, in fixed shares of documents (not bytes), from
the examples and (when present) the dev corpus in ../shared/corpus:

    clean simplified      cwced hand-labelled bodies                       35%
    clean traditional     taiwan articles                                  25%
    glossed + garbled     seeds 000-003 (content-farm traditional)         15%
    boilerplate-heavy     cwced page dumps (navigation, footers)           15%
    genuine traditional   seed 004 (with its disclaimer block)             5%
    mojibake              clean simplified bodies as GBK read as latin-1    5%

Documents are drawn with a fixed random seed, so the same size gives the same corpus.

    python benchmarks/build_corpus.py --size 20 --out /tmp/nc-bench            # 20 MB
    python benchmarks/build_corpus.py --size 1000 --jsonl-only --out /tmp/big  # 1 GB JSONL

Writes OUT/corpus.jsonl (one {"id", "text", "kind"} per line) and, unless --jsonl-only,
OUT/docs/<kind>/<n>.txt (one file per document, for directory runs).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"


def load_pools() -> dict[str, list[str]]:
    seeds = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))}
    farm = [t for n, t in seeds.items() if not n.startswith("004")]
    genuine = [t for n, t in seeds.items() if n.startswith("004")]
    pools: dict[str, list[str]] = {"glossed": farm, "traditional-genuine": genuine}
    if SHARED.is_dir():
        labels = [json.loads(x) for x in (SHARED / "cwced" / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
        simplified = [r["text"] for r in labels if r.get("text")]
        pools["simplified"] = simplified
        pools["traditional"] = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "taiwan").glob("*.txt"))]
        pools["boilerplate"] = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "cwced").glob("*.dump.txt"))]
        pools["mojibake"] = [_gbk_as_latin1(t) for t in simplified[:10]]
    else:  # without the dev corpus: the examples only
        pools["simplified"] = pools["traditional"] = pools["boilerplate"] = farm + genuine
        pools["mojibake"] = [_gbk_as_latin1(genuine[0][:2000])]
    return pools


def _gbk_as_latin1(text: str) -> str:
    """Every other paragraph as GBK bytes read as latin-1 (拼音码, ARTIFACTS §3)."""
    lines = text.split("\n")
    return "\n".join(
        line.encode("gb18030", "replace").decode("latin-1") if i % 2 == 0 else line for i, line in enumerate(lines)
    )


SHARES = {
    "simplified": 0.35,
    "traditional": 0.25,
    "glossed": 0.15,
    "boilerplate": 0.15,
    "traditional-genuine": 0.05,
    "mojibake": 0.05,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=float, default=20, help="target size in MB of UTF-8 text (default 20)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--jsonl-only", action="store_true", help="write only corpus.jsonl (for very large corpora)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pools = load_pools()
    kinds, weights = list(SHARES), list(SHARES.values())
    target = int(args.size * 1_000_000)
    args.out.mkdir(parents=True, exist_ok=True)
    written = n = 0
    per_kind: dict[str, int] = dict.fromkeys(kinds, 0)
    with open(args.out / "corpus.jsonl", "w", encoding="utf-8") as jsonl:
        while written < target:
            kind = rng.choices(kinds, weights)[0]
            text = rng.choice(pools[kind])
            record = {"id": f"{kind}-{n:07d}", "text": text, "kind": kind}
            jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
            if not args.jsonl_only:
                path = args.out / "docs" / kind / f"{n:07d}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            size = len(text.encode("utf-8"))
            written += size
            per_kind[kind] += size
            n += 1
    print(f"{n} documents, {written / 1e6:.1f} MB of text in {args.out}")
    for kind, size in per_kind.items():
        print(f"  {kind:20s} {size / 1e6:8.1f} MB")


if __name__ == "__main__":
    main()
