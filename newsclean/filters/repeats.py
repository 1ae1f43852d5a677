"""Corpus mode for strip-boilerplate: lines that recur across many documents are site furniture.

A site's footer, slogan or "related" heading repeats on every page it publishes, whatever its
wording; no rule table can list them all. Given a whole corpus (a directory, a JSONL file), a
first pass over the raw texts learns which lines recur (:func:`learn_repeats`), and the second
pass removes them (``CleanConfig.repeated_lines``, rule ``repeated`` of
:func:`newsclean.filters.boilerplate.strip_boilerplate`).

The first pass sees RAW text and the filter sees text the chain has already processed (glosses
stripped, HTML removed, script converted, punctuation and width normalised), so both sides
compare :func:`line_key`, which throws away exactly what the chain changes: whitespace,
punctuation and symbols, HTML tags and entities, pinyin glosses, width and case, and the
traditional/simplified distinction (a one-character table built once from OpenCC ``t2s``).

Real article sentences can recur too (a wire service's standard paragraph, a quoted statement):
a line that reads as prose (sentence punctuation and at least 20 characters) is learnt only when
it repeats :data:`PROSE_FACTOR` times more often than the thresholds ask of a menu line, or
in at least half of the documents.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

#: Keys shorter than this are never learnt: 首页, 新闻, 返回 recur everywhere, but so do short
#: genuine lines (结语, 记者 张三) — short lines are the line rules' job.
MIN_KEY = 6
#: A prose-like line must recur in this many times more documents (and this many times the
#: share) than a menu-like line before it is learnt.
PROSE_FACTOR = 4
#: Sentence punctuation (either width) and the minimum size of a prose-like line.
_PROSE_PUNCT = re.compile(r"[，。；！？、,;!?]")
_PROSE_MIN = 20

# Removed before keying: HTML tags, entities (also bare `rdquo;` whose `&` was lost, ARTIFACTS §5)
# and content-farm pinyin glosses `(xiàng)` (ARTIFACTS §1), which the chain strips before the filter.
_DEBRIS = re.compile(
    r"<[^<>\n]{0,200}>|&#?[0-9a-z]{2,8};|\b[lr][ds]quo;|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)",
    re.IGNORECASE,
)
# Everything that is not a letter, digit or Han character: spaces, punctuation (either width),
# symbols, U+FFFD, underscores.
_NON_WORD = re.compile(r"[\W_]+")


@cache
def _fold_table() -> dict[int, str]:
    """One table for str.translate: fullwidth -> halfwidth, upper -> lower, traditional -> simplified.

    The traditional -> simplified part is OpenCC ``t2s`` applied to each Han character alone
    (about 4,200 entries, built in about 10 ms once per process).
    """
    import opencc

    chars = [chr(c) for r in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)) for c in range(*r)]
    simplified = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table: dict[int, str] = {}
    if len(simplified) == len(chars):
        table.update({ord(t): s for t, s in zip(chars, simplified, strict=True) if t != s and len(s) == 1})
    table.update({cp: chr(cp - 0xFEE0).lower() for cp in range(0xFF10, 0xFF1A)})
    table.update({cp: chr(cp - 0xFEE0).lower() for r in ((0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for cp in range(*r)})
    table.update({cp: chr(cp).lower() for cp in range(ord("A"), ord("Z") + 1)})
    return table


def line_key(line: str) -> str:
    """A key for ``line`` that is the same before and after the cleaning chain.

    >>> line_key("  版權所有:中國產業經濟信息網<br/>")
    '版权所有中国产业经济信息网'
    >>> line_key("版权所有：中国产业经济信息网")
    '版权所有中国产业经济信息网'
    >>> line_key("項(xiàng)目 ＡＢＣ") == line_key("项目 abc")
    True
    """
    if "<" in line or "&" in line or ";" in line or "(" in line:
        line = _DEBRIS.sub("", line)
    return _NON_WORD.sub("", line).translate(_fold_table())


def _is_prose(line: str) -> bool:
    return len(line) >= _PROSE_MIN and _PROSE_PUNCT.search(line) is not None


def learn_repeats(texts: Iterable[str], min_docs: int = 5, min_share: float = 0.05) -> frozenset[str]:
    """The keys (:func:`line_key`) of lines that occur in at least ``min_docs`` documents and at
    least ``min_share`` of all documents: boilerplate for this corpus.

    A line counts once per document. Keys shorter than :data:`MIN_KEY` are ignored, and a line
    that reads as prose must clear both thresholds :data:`PROSE_FACTOR` times over (or occur in
    at least half of the documents). Memory stays
    bounded on big corpora by lossy counting (Manku and Motwani) with error ``min_share / 10``:
    a key whose share is within that error of the threshold may be missed, never one well above.

    >>> footer = "版权所有：某某网 京ICP备12345678号"
    >>> docs = [f"第{i}篇文章的正文。\\n{footer}" for i in range(10)]
    >>> sorted(learn_repeats(docs, min_docs=5, min_share=0.3))
    ['版权所有某某网京icp备12345678号']
    """
    counts: Counter[str] = Counter()
    prose: set[str] = set()
    # Lossy counting: every `width` documents, keys seen too rarely so far are dropped.
    width = math.ceil(10 / min_share) if min_share > 0 else 0
    delta: dict[str, int] = {}
    n = 0
    for text in texts:
        n += 1
        seen: set[str] = set()
        for line in text.splitlines():
            key = line_key(line)
            if len(key) < MIN_KEY or key in seen:
                continue
            seen.add(key)
            if key not in counts and width:
                delta[key] = (n - 1) // width
            counts[key] += 1
            if _is_prose(line.strip()):
                prose.add(key)
        if width and n % width == 0:
            bucket = n // width
            for key in [k for k, c in counts.items() if c + delta.get(k, 0) <= bucket]:
                del counts[key]
                delta.pop(key, None)
                prose.discard(key)
    floor = max(min_docs, min_share * n)
    # Prose: PROSE_FACTOR times the floor, or half the corpus when that is less (but never
    # less than the floor): a sentence on every page of a small corpus is still furniture.
    prose_floor = max(floor, min(floor * PROSE_FACTOR, n / 2))
    return frozenset(k for k, c in counts.items() if c >= (prose_floor if k in prose else floor))
