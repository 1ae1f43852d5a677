"""Build newsclean/data/charfreq.tsv.gz, the character model used to choose among garble repairs.

Source: jieba's dict.txt (word, frequency, part of speech; ~349k simplified words). From it we
derive, weighting each word by its frequency:

- character unigram counts (every Han character of every word);
- within-word character bigram counts (adjacent pairs inside a word), top-N only;
- the tone-marked pinyin readings of each character (from pypinyin), so that a garbled
  character whose gloss survived (`?yōu)`) can be chosen among characters with that reading.

Each word is also converted to traditional script with OpenCC ``s2t`` and ``s2tw`` and counted again under
its traditional spelling (when different), because the garble in the seeds sits in
machine-converted traditional text. Only the compact derived table is shipped (< 1 MB).

The table is then also written as newsclean/data/charfreq.bin, which newsclean loads: the same
values plus what every process would otherwise derive from them on first use (the pair bonus of
every bigram, each character's successors and predecessors, characters by reading), in sections
that each decode in one C-level call (see newsclean.charfreq._tables). That file depends only on
charfreq.tsv.gz and newsclean/charfreq.py; tests/test_charfreq.py checks it is what this script
writes now.

usage: .venv/bin/pip install jieba pypinyin && .venv/bin/python benchmarks/build_charfreq.py
       .venv/bin/python benchmarks/build_charfreq.py --bin   (charfreq.bin only, from the .tsv.gz)
"""

from __future__ import annotations

import gzip
import itertools
import re
import sys
from array import array
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsclean import charfreq  # noqa: E402

HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
OUT = REPO / "newsclean" / "data" / "charfreq.tsv.gz"
OUT_BIN = REPO / "newsclean" / "data" / charfreq.TABLES_FILE
#: bigrams kept (by count); the rest are too rare to help choose a character
MAX_BIGRAMS = 120_000


def main() -> None:
    import jieba  # build-time only
    import opencc
    from pypinyin import Style, pinyin

    # s2t gives OpenCC's standard forms (爲, 着); s2tw the Taiwan ones the content farm uses (為, 著)
    converters = [opencc.OpenCC("s2t"), opencc.OpenCC("s2tw")]
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or not HAN.match(parts[0]):
            continue
        word, freq = parts[0], int(parts[1])
        spellings = {word}
        for conv in converters:
            trad = conv.convert(word)
            if len(trad) == len(word) and HAN.match(trad):
                spellings.add(trad)
        for w in spellings:
            for c in w:
                uni[c] += freq
            for a, b in itertools.pairwise(w):
                bi[a + b] += freq
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        for c, n in sorted(uni.items(), key=lambda kv: -kv[1]):
            fh.write(f"u\t{c}\t{n}\n")
        for ab, n in bi.most_common(MAX_BIGRAMS):
            fh.write(f"b\t{ab}\t{n}\n")
        for c in sorted(uni):
            readings = pinyin(c, style=Style.TONE, heteronym=True)[0]
            if readings and readings[0] != c:
                fh.write(f"p\t{c}\t{','.join(readings)}\n")
    print(f"{OUT}: {len(uni)} characters, {min(len(bi), MAX_BIGRAMS)} of {len(bi)} bigrams, {OUT.stat().st_size} bytes")
    write_bin()


def _chars(chars: list[str]) -> str:
    """Single characters concatenated (the loader splits the section by iterating it)."""
    assert all(len(c) == 1 for c in chars)
    return "".join(chars)


def _lines(entries: list[str]) -> str:
    """Entries joined by newlines (the loader splits on them)."""
    assert entries and all("\n" not in e for e in entries)
    return "\n".join(entries)


def _neighbours(pairs: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Successors and predecessors of each character, in the order of the pairs."""
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for pair in pairs:
        assert len(pair) == 2
        succ.setdefault(pair[0], []).append(pair[1])
        pred.setdefault(pair[1], []).append(pair[0])
    return {k: "".join(v) for k, v in succ.items()}, {k: "".join(v) for k, v in pred.items()}


def bin_tables(tsv_gz: bytes) -> bytes:
    """The bytes of charfreq.bin for the table ``tsv_gz`` (see newsclean.charfreq._tables)."""
    model = charfreq.model_from_tsv(tsv_gz)
    pairs = list(model.bigrams)
    assert all(len(p) == 2 for p in pairs)
    assert all("," not in r for rs in model.readings.values() for r in rs)
    succ, pred = _neighbours(pairs)
    sections: list[tuple[str, str, str | list[int] | list[float]]] = [
        ("chars", "utf-8", _chars(list(model.counts))),
        ("counts", "int32", list(model.counts.values())),
        ("pairs", "utf-8", _lines(pairs)),
        ("pair_counts", "int32", list(model.bigrams.values())),
        ("pair_bonus", "float64", charfreq.pair_bonuses(model)),
        ("reading_chars", "utf-8", _chars(list(model.readings))),
        ("readings", "utf-8", _lines([",".join(rs) for rs in model.readings.values()])),
        ("reading_keys", "utf-8", _lines(list(model.by_reading))),
        ("reading_groups", "utf-8", _lines(["".join(cs) for cs in model.by_reading.values()])),
        ("succ_keys", "utf-8", _chars(list(succ))),
        ("succ", "utf-8", _lines(list(succ.values()))),
        ("pred_keys", "utf-8", _chars(list(pred))),
        ("pred", "utf-8", _lines(list(pred.values()))),
    ]
    head = [charfreq.TABLES_FORMAT]
    body = []
    for name, kind, value in sections:
        if isinstance(value, str):
            data = value.encode("utf-8")
        else:
            numbers = array({"int32": "i", "float64": "d"}[kind], value)
            assert numbers.tolist() == value  # no int32 overflow (array raises) or rounding
            if sys.byteorder == "big":
                numbers.byteswap()
            data = numbers.tobytes()
        head.append(f"{name} {kind} {len(data)}")
        body.append(data)
    return "\n".join(head).encode("utf-8") + b"\n\n" + b"".join(body)


def write_bin() -> None:
    data = bin_tables(OUT.read_bytes())
    OUT_BIN.write_bytes(data)
    print(f"{OUT_BIN}: {len(data):,} bytes from {OUT.name}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--bin"]:
        write_bin()
    else:
        main()
