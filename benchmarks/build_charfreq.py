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

usage: .venv/bin/pip install jieba pypinyin && .venv/bin/python benchmarks/build_charfreq.py
"""

from __future__ import annotations

import gzip
import itertools
import re
from collections import Counter
from pathlib import Path

HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
OUT = Path(__file__).resolve().parents[1] / "newsclean" / "data" / "charfreq.tsv.gz"
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


if __name__ == "__main__":
    main()
