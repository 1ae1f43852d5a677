"""A small character model of Chinese news text: unigram and within-word bigram scores.

Used by the repair filters (ARTIFACTS.md §2, §3) to choose among candidate readings of damaged
bytes (`招?` -> `招商`) and to decide whether a repair is "clearly more Chinese-like" than the
text it replaces. The table (``newsclean/data/charfreq.tsv.gz``, built by
``benchmarks/build_charfreq.py`` from jieba's word list, simplified and traditional spellings)
is loaded once per process on first use.

Scores are natural-log probabilities: :func:`char_logp` for one character, :func:`pair_bonus`
for how much more likely two characters are together than apart (0 when unknown), and
:func:`score` / :func:`mean_score` for a string. Characters that never occur in news prose
(Private Use Area, kana, enclosed numbers, box drawing, ``?`` next to Han text) score very low,
so garble loses to its repair.
"""

from __future__ import annotations

import gzip
import math
import operator
import re
from dataclasses import dataclass
from functools import cache, reduce
from importlib import resources
from itertools import chain

#: Score of a character that does not belong in news prose (PUA, kana, ⒌, ?, U+FFFD ...).
ODD_LOGP = -18.0
#: Score of a Han character missing from the table (rare, but may be genuine: 産, 酯).
RARE_HAN_LOGP = -15.0

#: Hand-set scores for CJK punctuation, which the word list does not cover (rough shares in news).
_PUNCT_LOGP: dict[str, float] = {
    "，": -3.0,
    "。": -3.5,
    "、": -5.0,
    "“": -5.0,
    "”": -5.0,
    "：": -6.0,
    "；": -7.0,
    "？": -7.0,
    "！": -7.0,
    "（": -6.5,
    "）": -6.5,
    "《": -6.5,
    "》": -6.5,
    "‘": -7.5,
    "’": -7.5,
    "…": -8.0,
    "—": -8.0,
    "·": -9.0,
    "【": -9.0,
    "】": -9.0,
    "「": -9.0,
    "」": -9.0,
    "〔": -10.0,
    "〕": -10.0,
    "\u3000": -8.0,
}

#: CJK punctuation the model scores (candidates when a lost byte is filled).
PUNCT: frozenset[str] = frozenset(_PUNCT_LOGP)

#: Punctuation pairs typical of news (a quote closing after a full stop, ...), as a bonus.
_PUNCT_PAIRS: dict[str, float] = {
    "。”": 5.0,
    "！”": 5.0,
    "？”": 5.0,
    "”“": 2.5,
    "：“": 3.0,
    "，“": 1.5,
    "”，": 2.0,
    "”。": 2.0,
    "’”": 1.5,
    "。“": 1.0,
}

#: The punctuation pairs (candidates a neighbour can lift, for the repairs' fast search).
PUNCT_PAIRS: frozenset[str] = frozenset(_PUNCT_PAIRS)

#: A Han character.
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class CharModel:
    """The loaded table: log-probabilities, bigram counts and pinyin readings."""

    logp: dict[str, float]
    counts: dict[str, int]
    bigrams: dict[str, int]
    readings: dict[str, tuple[str, ...]]
    by_reading: dict[str, tuple[str, ...]]


@cache
def load_model() -> CharModel:
    """The character model, read once from ``newsclean/data/charfreq.tsv.gz``."""
    counts: dict[str, int] = {}
    bigrams: dict[str, int] = {}
    readings: dict[str, tuple[str, ...]] = {}
    raw = resources.files("newsclean.data").joinpath("charfreq.tsv.gz").read_bytes()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, key, value = line.split("\t")
        if kind == "u":
            counts[key] = int(value)
        elif kind == "b":
            bigrams[key] = int(value)
        elif kind == "p":
            readings[key] = tuple(value.split(","))
    total = sum(counts.values())
    logp = {c: math.log(n / total) for c, n in counts.items()}
    by_reading: dict[str, list[str]] = {}
    for c, rs in readings.items():
        for r in rs:
            by_reading.setdefault(r, []).append(c)
    return CharModel(
        logp=logp,
        counts=counts,
        bigrams=bigrams,
        readings=readings,
        by_reading={r: tuple(sorted(cs, key=lambda c: -counts.get(c, 0))) for r, cs in by_reading.items()},
    )


def char_logp(ch: str) -> float:
    """Log-probability of one character in news text.

    >>> char_logp("的") > char_logp("樌")
    True
    >>> char_logp("\\ue789") == ODD_LOGP
    True
    """
    return _logp_table()[ch]


def _char_logp(ch: str) -> float:
    model = load_model()
    lp = model.logp.get(ch)
    if lp is not None:
        return lp
    lp = _PUNCT_LOGP.get(ch)
    if lp is not None:
        return lp
    if ch.isascii():
        if ch.isalnum():
            return -6.0
        return -12.0 if ch == "?" else -7.0
    if _HAN_RE.match(ch):
        return RARE_HAN_LOGP
    return ODD_LOGP


class _LogpTable(dict[str, float]):
    """:func:`char_logp` of every character met so far (a pure function of one character:
    at most one entry per code point), filled on first use of a character."""

    def __missing__(self, ch: str) -> float:
        lp = self[ch] = _char_logp(ch)
        return lp


@cache
def _logp_table() -> _LogpTable:
    table = _LogpTable()
    table.update(load_model().logp)
    return table


def pair_bonus(a: str, b: str) -> float:
    """How much likelier ``b`` is after ``a`` than on its own (log ratio, 0 when unknown).

    >>> pair_bonus("招", "商") > 3
    True
    >>> pair_bonus("猩", "、")
    0.0
    """
    if len(a) != 1:
        return _pair_bonus(a, b)
    return _pair_table().get(a + b, 0.0)


def _pair_bonus(a: str, b: str) -> float:
    punct = _PUNCT_PAIRS.get(a + b)
    if punct is not None:
        return punct
    model = load_model()
    n = model.bigrams.get(a + b)
    if not n:
        return 0.0
    ca = model.counts.get(a)
    lb = model.logp.get(b)
    if not ca or lb is None:
        return 0.0
    return max(0.0, math.log(n / ca) - lb)


@cache
def _pair_table() -> dict[str, float]:
    """:func:`pair_bonus` of every pair that has one (the model's bigrams and the punctuation
    pairs); any other pair of characters has none (0.0)."""
    out = {}
    for pair in (*load_model().bigrams, *_PUNCT_PAIRS):
        bonus = _pair_bonus(pair[0], pair[1:])
        if bonus:
            out[pair] = bonus
    return out


@cache
def _latin1_whole() -> bool:
    """Characters U+0000-U+00FF score whole numbers and no pair of them has a bonus (true of
    the shipped table: it holds Han characters only)."""
    latin1 = [chr(c) for c in range(0x100)]
    if any(not char_logp(c).is_integer() for c in latin1):
        return False
    return not any(max(pair) < "\u0100" for pair in _pair_table())


def score(text: str) -> float:
    """Total score of ``text``: character log-probabilities plus pair bonuses."""
    if not text:
        return 0.0
    # The same float additions in the same order as a plain loop (``total = 0.0``, then for
    # each character its log-probability and the bonus of the pair it ends), so the result is
    # bit-identical, but run by C iterators instead of a Python loop per character. Pairs
    # without a bonus (None) are skipped, which changes nothing: x + 0.0 == x.
    getlp = _logp_table().__getitem__
    if max(text) < "\u0100" and _latin1_whole():
        # latin-1 text (mojibake before its repair): every score is a whole number and no pair
        # has a bonus, so the sum is exact in any order
        return float(sum(map(getlp, text)))
    rest = text[1:]
    bonuses = map(_pair_table().get, map(operator.add, text, rest))
    terms = chain.from_iterable(zip(map(getlp, rest), bonuses, strict=True))
    return reduce(operator.add, filter(None, terms), 0.0 + getlp(text[0]))


def score_floor(text: str) -> float:
    """A lower bound of :func:`score`: the same additions without the pair bonuses.

    Never above ``score(text)``: bonuses are never negative, and rounded float addition is
    monotone (``a <= b`` gives ``a + c <= b + c``; ``x + bonus >= x``), so each partial sum
    without bonuses stays at or below the one with them. About half the cost of a score (no
    pair lookups), enough to accept a re-read that clears a threshold by its characters alone.
    """
    if not text:
        return 0.0
    getlp = _logp_table().__getitem__
    return reduce(operator.add, map(getlp, text[1:]), 0.0 + getlp(text[0]))


def clears(new: str, floor: float) -> bool:
    """``mean_score(new) >= floor``, from :func:`score_floor` first when that already decides it
    (dividing by the length is monotone as well)."""
    if new and score_floor(new) / len(new) >= floor:
        return True
    return mean_score(new) >= floor


def mean_score(text: str) -> float:
    """Score per character (0.0 for empty text), to compare strings of different lengths.

    >>> mean_score("一手抓招商") > mean_score("薄耙皇肿フ猩") + 5
    True
    """
    return score(text) / len(text) if text else 0.0


def chars_with_reading(reading: str) -> tuple[str, ...]:
    """Characters read ``reading`` (tone-marked pinyin), most frequent first.

    >>> "優" in chars_with_reading("yōu")
    True
    """
    return load_model().by_reading.get(reading, ())
