"""Freeze the pipeline's outputs, then prove a speed change left them byte-identical (issue 7).

A fast path is only a fast path if it changes nothing. ``record`` gathers a fixed set of inputs
(the examples, the dev corpus, generated damage of every repair family, fuzz inputs), runs
each through several configurations (the default chain, other options, every filter alone,
with the audit on) and stores inputs and outputs. ``check`` runs the current code on the stored
inputs and names every document whose record, audit or warnings differ.

    python benchmarks/freeze.py record /tmp/freeze.jsonl.gz          # before the change
    python benchmarks/freeze.py check /tmp/freeze.jsonl.gz           # after it
    python benchmarks/freeze.py check /tmp/freeze.jsonl.gz --configs default,repair

Inputs are stored with the outputs, so a change to a filter cannot change the test set.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from newsclean.config import CleanConfig  # noqa: E402
from newsclean.document import Document  # noqa: E402
from newsclean.pipeline import Pipeline  # noqa: E402
from newsclean.registry import DEFAULT_CHAIN  # noqa: E402


def configs() -> dict[str, CleanConfig]:
    base = CleanConfig(audit=True)
    out = {
        "default": base,
        "hans": replace(base, to="zh-hans"),
        "hant": replace(base, to="zh-hant"),
        "mark": replace(base, garble="mark"),
        "drop": replace(base, garble="drop"),
        "keep": replace(base, garble="keep"),
    }
    for name in DEFAULT_CHAIN:
        out[name] = replace(base, steps=(name,))
    return out


def gather_inputs(fuzz: int, damaged: int, seed: int) -> Iterator[tuple[str, str]]:
    for p in sorted((REPO / "examples").glob("*.txt")):
        yield f"examples/{p.name}", p.read_text(encoding="utf-8")
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        for line in (corpus / "cwced" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("text"):
                yield f"cwced-label/{rec['file']}", rec["text"]
        for p in sorted((corpus / "cwced").glob("*.dump.txt")):
            yield f"cwced/{p.name}", p.read_text(encoding="utf-8")
        for p in sorted((corpus / "taiwan").glob("*.txt")):
            yield f"taiwan/{p.name}", p.read_text(encoding="utf-8")
        from newsclean.io.decode import decode_bytes

        for p in sorted((corpus / "encodings").rglob("*")):
            if p.is_file():
                yield f"encodings/{p.relative_to(corpus / 'encodings')}", decode_bytes(p.read_bytes()).text
        yield from _damaged(corpus, damaged, seed)
    from tests.fuzzing import random_text

    rng = random.Random(seed)
    for i in range(fuzz):
        yield f"fuzz/{i}", random_text(rng)


def _damaged(corpus: Path, count: int, seed: int) -> Iterator[tuple[str, str]]:
    """Documents with 1-3 lines damaged by each repair family of benchmarks/repair_eval.py."""
    import repair_eval

    sources = repair_eval.load_sources(SHARED, None)
    rng = random.Random(seed)
    per_family = max(1, count // len(repair_eval.FAMILIES))
    for name, (gen, srcs, _metric, _target) in repair_eval.FAMILIES.items():
        pool = [d for src in srcs for d in sources[src]]
        made = 0
        for doc_id, clean in rng.sample(pool, len(pool)):
            if made >= per_family:
                break
            lines = clean.split("\n")
            cands = [i for i, ln in enumerate(lines) if len(repair_eval.HAN_RE.findall(ln)) >= 8]
            rng.shuffle(cands)
            out = list(lines)
            hit = 0
            for i in cands[: rng.randint(1, 3)]:
                d = gen(lines[i], rng)
                if d is not None:
                    out[i] = d.text
                    hit += 1
            if hit:
                made += 1
                yield f"damaged/{name}/{doc_id}", "\n".join(out)


def run_one(pipeline: Pipeline, text: str) -> tuple[str, str]:
    doc = pipeline.process(Document(text))
    blob = json.dumps(
        [doc.to_record(), [c.as_dict() for c in doc.audit], doc.warnings], ensure_ascii=False, sort_keys=True
    )
    return hashlib.sha1(blob.encode("utf-8")).hexdigest(), doc.text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["record", "check"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--configs", default="", help="comma-separated subset of configurations")
    ap.add_argument("--fuzz", type=int, default=1500, help="fuzz inputs (record)")
    ap.add_argument("--damaged", type=int, default=600, help="documents with generated damage (record)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=5, help="print this many differences in full")
    args = ap.parse_args()
    all_configs = configs()
    chosen = args.configs.split(",") if args.configs else list(all_configs)
    unknown = [c for c in chosen if c not in all_configs]
    if unknown:
        ap.error(f"unknown configurations {unknown}; known: {', '.join(all_configs)}")

    if args.mode == "record":
        inputs = list(gather_inputs(args.fuzz, args.damaged, args.seed))
        with gzip.open(args.file, "wt", encoding="utf-8") as fh:
            fh.write(json.dumps({"inputs": inputs}) + "\n")
            for name in chosen:
                pipeline = Pipeline(all_configs[name])
                start = time.perf_counter()
                outs = [run_one(pipeline, text) for _, text in inputs]
                fh.write(json.dumps({"config": name, "outputs": outs}) + "\n")
                print(f"{name:18s} {len(inputs)} documents, {time.perf_counter() - start:.1f} s", file=sys.stderr)
        return 0

    with gzip.open(args.file, "rt", encoding="utf-8") as fh:
        inputs = json.loads(fh.readline())["inputs"]
        frozen = {rec["config"]: rec["outputs"] for rec in map(json.loads, fh)}
    failures = 0
    for name in chosen:
        if name not in frozen:
            print(f"{name}: not recorded", file=sys.stderr)
            continue
        pipeline = Pipeline(all_configs[name])
        start = time.perf_counter()
        bad = 0
        for (doc_id, text), (want_hash, want_text) in zip(inputs, frozen[name], strict=True):
            got_hash, got_text = run_one(pipeline, text)
            if got_hash != want_hash:
                bad += 1
                if failures + bad <= args.show:
                    what = "text" if got_text != want_text else "record/audit"
                    print(f"[{name}] {doc_id}: {what} differs")
                    if got_text != want_text:
                        import difflib

                        diff = difflib.unified_diff(want_text.split("\n"), got_text.split("\n"), lineterm="", n=0)
                        for line in list(diff)[:12]:
                            print("    " + line[:200])
        failures += bad
        secs = time.perf_counter() - start
        print(f"{name:18s} {len(inputs) - bad}/{len(inputs)} identical ({secs:.1f} s)")
    print("IDENTICAL" if not failures else f"{failures} DIFFERENCES")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
